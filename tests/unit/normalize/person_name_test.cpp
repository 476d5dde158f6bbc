// 姓名: simplification, separators, whitespace, pinyin keys.

#include "normalize/person_name.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "normalize/element.h"
#include "normalize/text.h"

namespace shanhai::normalize {
namespace {

struct Case {
  const char* raw;
  const char* canonical;
  bool valid;
};
std::ostream& operator<<(std::ostream& os, const Case& c) { return os << '"' << c.raw << '"'; }

const Case kCases[] = {
    {"张三", "张三", true},
    {" 张三 ", "张三", true},
    {"张 三", "张三", true},
    {"张　三", "张三", true},
    {"張三", "张三", true},
    {"陳國強", "陈国强", true},
    {"歐陽鋒", "欧阳锋", true},
    {"鄭愛國", "郑爱国", true},
    {"阿卜杜拉·买买提", "阿卜杜拉·买买提", true},
    {"阿卜杜拉•买买提", "阿卜杜拉·买买提", true},
    {"阿卜杜拉・买买提", "阿卜杜拉·买买提", true},
    {"阿卜杜拉･买买提", "阿卜杜拉·买买提", true},
    {"阿卜杜拉.买买提", "阿卜杜拉·买买提", true},
    {"阿卜杜拉▪买买提", "阿卜杜拉·买买提", true},
    {"阿卜杜拉∙买买提", "阿卜杜拉·买买提", true},
    {"阿卜杜拉‧买买提", "阿卜杜拉·买买提", true},
    {"阿卜杜拉．买买提", "阿卜杜拉·买买提", true},
    {"阿卜杜拉 · 买买提", "阿卜杜拉·买买提", true},
    {"阿卜杜拉··买买提", "阿卜杜拉·买买提", true},
    {"·阿卜杜拉·买买提·", "阿卜杜拉·买买提", true},
    {"阿卜杜拉 买买提", "阿卜杜拉买买提", true},
    {"艾买提・托乎提", "艾买提·托乎提", true},
    {"扎西·顿珠", "扎西·顿珠", true},
    {"次仁", "次仁", true},
    {"努尔艾力·阿不都热依木", "努尔艾力·阿不都热依木", true},
    {"张某", "张某", true},
    {"张某某", "张某某", true},
    {"ＺＨＡＮＧ　ＳＡＮ", "ZHANG SAN", true},
    {"john smith", "JOHN SMITH", true},
    {"John  Smith", "JOHN SMITH", true},
    {"J. Smith", "J. SMITH", true},
    {"O'Brien", "O'BRIEN", true},
    {"Jean-Pierre", "JEAN-PIERRE", true},
    {"张*", "张*", false},
    {"张三1", "张三1", false},
    {"123", "123", false},
    {"·", "", false},
    {"张三（曾用名李四）", "张三(曾用名李四)", false},
    {"", "", false},
    {" ", "", false},
};

class PersonNameSpelling : public ::testing::TestWithParam<Case> {};

TEST_P(PersonNameSpelling, Normalises) {
  const Case& c = GetParam();
  const Normalized n = normalize(Element::person_name, c.raw);
  EXPECT_EQ(n.canonical, c.canonical);
  EXPECT_EQ(n.valid, c.valid);
  if (n.valid) {
    EXPECT_EQ(normalize(Element::person_name, n.canonical).canonical, n.canonical);
  } else {
    EXPECT_FALSE(n.reason_zh.empty());
  }
}

INSTANTIATE_TEST_SUITE_P(Table, PersonNameSpelling, ::testing::ValuesIn(kCases));

struct KeyCase {
  const char* name;
  const char* key;
};
std::ostream& operator<<(std::ostream& os, const KeyCase& c) { return os << c.name; }

const KeyCase kKeys[] = {
    {"张三", "zhangsan"},
    {"張 三", "zhangsan"},
    {"ZHANG SAN", "zhangsan"},
    {"Zhang San", "zhangsan"},
    {"李四", "lisi"},
    {"王五", "wangwu"},
    {"阿卜杜拉·买买提", "abodulamaimaiti"},  // ICU reads 卜 as bo
    {"阿卜杜拉•买买提", "abodulamaimaiti"},
    {"欧阳锋", "ouyangfeng"},
    {"歐陽鋒", "ouyangfeng"},
    {"吕布", "lubu"},
    {"", ""},
};

class PinyinKey : public ::testing::TestWithParam<KeyCase> {};

TEST_P(PinyinKey, Transliterates) { EXPECT_EQ(pinyin_key(GetParam().name), GetParam().key); }

INSTANTIATE_TEST_SUITE_P(Table, PinyinKey, ::testing::ValuesIn(kKeys));

TEST(PersonName, PinyinKeyIsThreadSafe) {
  std::vector<std::thread> threads;
  std::vector<int> failures(8, 0);
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([t, &failures] {
      for (int k = 0; k < 300; ++k) {
        if (pinyin_key("張三") != "zhangsan") ++failures[static_cast<size_t>(t)];
        if (normalize(Element::person_name, "歐陽鋒").canonical != "欧阳锋") {
          ++failures[static_cast<size_t>(t)];
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  for (int f : failures) EXPECT_EQ(f, 0);
}

// Names of CJK Unified Ideographs only take a shorter path; a leading space sends the same name
// down the general one. Every character alone, and names of two and three characters.
TEST(PersonName, IdeographOnlyNamesMatchTheGeneralPath) {
  size_t differences = 0;
  auto check = [&](const std::string& name) {
    const std::string fast = canonical_person_name(name);
    const std::string general = canonical_person_name(" " + name);
    if (fast != general && ++differences <= 10) {
      ADD_FAILURE() << name << ": " << fast << " vs " << general;
    }
  };
  std::string previous;
  for (char32_t cp = 0x4E00; cp <= 0x9FFF; ++cp) {
    std::string one;
    append_utf8(one, cp);
    check(one);
    check(previous + one);
    previous = one;
  }
  for (const char* name : {"張三", "歐陽鋒", "乾隆", "龍", "王伟", "热孜亚", "髮", "後"})
    check(name);
  EXPECT_EQ(differences, 0U);
  EXPECT_EQ(canonical_person_name("張三"), "张三");
}

}  // namespace
}  // namespace shanhai::normalize
