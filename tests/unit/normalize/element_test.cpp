// Element names and labels, the blank-input contract, text, and invariants over all elements.

#include "normalize/element.h"

#include <gtest/gtest.h>

#include <atomic>
#include <random>
#include <set>
#include <thread>

#include "normalize/text.h"

namespace shanhai::normalize {
namespace {

TEST(Element, NamesRoundTrip) {
  std::set<std::string_view> names;
  for (Element e : kAllElements) {
    const std::string_view name = element_name(e);
    EXPECT_TRUE(names.insert(name).second) << name;
    EXPECT_EQ(element_from_name(name), e) << name;
    EXPECT_FALSE(element_label_zh(e).empty());
  }
  EXPECT_EQ(names.size(), 18u);
  EXPECT_EQ(element_from_name("bool"), Element::boolean);
  EXPECT_EQ(element_from_name("boolean"), Element::boolean);
  EXPECT_EQ(element_name(Element::boolean), "bool");
  EXPECT_EQ(element_from_name("id_number"), Element::id_number);
  EXPECT_EQ(element_label_zh(Element::id_number), "公民身份号码");
  EXPECT_EQ(element_label_zh(Element::uscc), "统一社会信用代码");
  EXPECT_EQ(element_label_zh(Element::case_number), "案号");
  EXPECT_FALSE(element_from_name("ID_NUMBER").has_value());
  EXPECT_FALSE(element_from_name("").has_value());
  EXPECT_FALSE(element_from_name("foo").has_value());
  EXPECT_NE(element_names_list().find("id_number"), std::string::npos);
}

class EveryElement : public ::testing::TestWithParam<Element> {};

TEST_P(EveryElement, BlankInputIsEmptyAndInvalid) {
  for (const char* blank : {"", " ", "\t", "\r\n", "　", "\xC2\xA0", " \xE3\x80\x80 "}) {
    const Normalized n = normalize(GetParam(), blank);
    EXPECT_EQ(n.canonical, "");
    EXPECT_FALSE(n.valid);
    EXPECT_EQ(n.reason_zh, "空值");
    EXPECT_EQ(n.reason_en, "empty");
  }
}

TEST_P(EveryElement, GarbageNeverCrashesAndInvalidHasReasons) {
  std::mt19937 rng(static_cast<unsigned>(GetParam()));
  for (int k = 0; k < 3000; ++k) {
    std::string s;
    const int len = static_cast<int>(rng() % 24);
    for (int i = 0; i < len; ++i) s += static_cast<char>(rng() % 256);
    const Normalized n = normalize(GetParam(), s);
    if (!n.valid) {
      EXPECT_FALSE(n.reason_zh.empty());
      EXPECT_FALSE(n.reason_en.empty());
    } else {
      EXPECT_TRUE(n.reason_zh.empty());
    }
  }
}

TEST_P(EveryElement, ConcurrentUseAgrees) {
  const char* samples[] = {"11010519491231002x",
                           "2023年8月21日",
                           "壹万元",
                           "張 三",
                           "（2023）浙0106刑初123号",
                           "杭州市西湖区",
                           "0571-88886666",
                           "浙A·12345",
                           "186.5mg/100ml",
                           "是"};
  std::vector<Normalized> expected;
  for (const char* s : samples) expected.push_back(normalize(GetParam(), s));
  std::vector<std::thread> threads;
  std::atomic<int> mismatches{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int k = 0; k < 200; ++k) {
        for (size_t i = 0; i < std::size(samples); ++i) {
          const Normalized n = normalize(GetParam(), samples[i]);
          if (n.canonical != expected[i].canonical || n.valid != expected[i].valid) ++mismatches;
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(mismatches.load(), 0);
}

INSTANTIATE_TEST_SUITE_P(All, EveryElement, ::testing::ValuesIn(kAllElements),
                         [](const ::testing::TestParamInfo<Element>& param_info) {
                           return std::string(element_name(param_info.param));
                         });

struct Case {
  const char* raw;
  const char* canonical;
  bool valid;
};
std::ostream& operator<<(std::ostream& os, const Case& c) { return os << '"' << c.raw << '"'; }

const Case kTexts[] = {
    {"abc", "abc", true},
    {"  abc  ", "abc", true},
    {"ＡＢＣ", "ABC", true},
    {"　全角空格　", "全角空格", true},
    {"１２３", "123", true},
    {"㈠", "(一)", true},
    {"ｶﾀｶﾅ", "カタカナ", true},
    {"a\tb", "a\tb", true},
    {"\xEF\xBB\xBF"
     "abc",
     "abc", true},
    {"abc\xFF", "abc\xEF\xBF\xBD", false},
    {"", "", false},
};

class TextSpelling : public ::testing::TestWithParam<Case> {};

TEST_P(TextSpelling, Normalises) {
  const Normalized n = normalize(Element::text, GetParam().raw);
  EXPECT_EQ(n.canonical, GetParam().canonical);
  EXPECT_EQ(n.valid, GetParam().valid);
}

INSTANTIATE_TEST_SUITE_P(Table, TextSpelling, ::testing::ValuesIn(kTexts));

TEST(Text, Helpers) {
  EXPECT_EQ(trim("  a b  "), "a b");
  EXPECT_EQ(trim("\xE3\x80\x80x\xE3\x80\x80"), "x");
  EXPECT_EQ(trim("   "), "");
  EXPECT_TRUE(is_blank("\xE3\x80\x80 \t"));
  EXPECT_FALSE(is_blank("a"));
  EXPECT_EQ(fold_width("ＡＢ　１"), "AB 1");
  EXPECT_EQ(fold_width("ＡＢ　１", true), "AB1");
  EXPECT_EQ(to_simplified("張三"), "张三");
  EXPECT_EQ(to_simplified("abc"), "abc");
  EXPECT_EQ(to_simplified(std::string_view("\xFF\xFE", 2)), std::string("\xFF\xFE", 2));
  EXPECT_EQ(nfkc("ＡＢＣ"), "ABC");
  // Text with no character that starts a converting dictionary key skips OpenCC; phrases whose
  // first character is plain still convert (茵 and 露 alone stay, 茵藉 and 露覆 do not).
  EXPECT_EQ(to_simplified("张三丰"), "张三丰");
  EXPECT_EQ(to_simplified("茵藉"), "茵借");
  EXPECT_EQ(to_simplified("露覆"), "露复");
  EXPECT_EQ(to_simplified("王乾隆與張三"), "王乾隆与张三");
  // Already-normal text comes back as it was; malformed bytes still become U+FFFD.
  EXPECT_EQ(nfkc("热孜亚·吾斯曼"), "热孜亚·吾斯曼");
  EXPECT_EQ(nfkc("①"), "1");
  EXPECT_EQ(nfkc(std::string_view("张\xFF", 4)), "张\xEF\xBF\xBD");
  std::string s;
  append_utf8(s, U'张');
  append_utf8(s, 0xD800);
  EXPECT_EQ(s, "张\xEF\xBF\xBD");
  size_t i = 0;
  EXPECT_EQ(next_code_point("\xE5\xBC\xA0", i), U'张');
  EXPECT_EQ(i, 3u);
  i = 0;
  EXPECT_EQ(next_code_point("\xE5\xBC", i), 0xFFFDu);
  EXPECT_EQ(i, 1u);
}

// The inline path for 3-byte sequences decodes every lead and continuation byte pair exactly as
// the general decoder does (overlong E0, surrogate ED, bad or missing continuation bytes).
TEST(Text, NextCodePointAgreesWithTheGeneralDecoderOnEveryThreeByteSequence) {
  size_t differences = 0;
  for (int c0 = 0xE0; c0 <= 0xEF; ++c0) {
    for (int c1 = 0; c1 < 256; ++c1) {
      for (int c2 = 0; c2 < 256; c2 += (c2 >= 0x78 && c2 <= 0xC8) ? 1 : 7) {
        const char bytes[] = {static_cast<char>(c0), static_cast<char>(c1), static_cast<char>(c2),
                              'x'};
        for (size_t length : {size_t{2}, size_t{3}, size_t{4}}) {
          const std::string_view s(bytes, length);
          size_t i = 0, j = 0;
          const char32_t fast = next_code_point(s, i);
          const char32_t general = next_code_point_general(s, j);
          if ((fast != general || i != j) && ++differences <= 5) {
            ADD_FAILURE() << std::hex << c0 << " " << c1 << " " << c2 << " length " << length;
          }
        }
      }
    }
  }
  EXPECT_EQ(differences, 0U);
}

}  // namespace
}  // namespace shanhai::normalize
