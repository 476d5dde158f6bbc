// The build-time pinyin table says, for every character it covers, what ICU says at run time.

#include "linkage/pinyin_table.h"

#include <gtest/gtest.h>

#include <string>

#include "normalize/person_name.h"
#include "normalize/text.h"

namespace shanhai::linkage {
namespace {

TEST(PinyinTable, EqualsPinyinKeyOfEachCharacter) {
  size_t differences = 0;
  for (char32_t cp = kPinyinFirst; cp <= kPinyinLast; ++cp) {
    std::string one;
    normalize::append_utf8(one, cp);
    const auto key = table_pinyin(cp);
    ASSERT_TRUE(key.has_value());
    if (*key != normalize::pinyin_key(one) && ++differences <= 10) {
      ADD_FAILURE() << one << ": table " << *key << ", ICU " << normalize::pinyin_key(one);
    }
  }
  EXPECT_EQ(differences, 0U);
  EXPECT_EQ(table_pinyin(U'张'), "zhang");
  EXPECT_EQ(table_pinyin(U'張'), "zhang");  // traditional: simplified first, as pinyin_key does
  EXPECT_FALSE(table_pinyin(U'A').has_value());
  EXPECT_FALSE(table_pinyin(0x20000).has_value());  // beyond the table: transliterated by ICU
}

}  // namespace
}  // namespace shanhai::linkage
