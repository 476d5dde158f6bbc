#include "common/error.h"

#include <gtest/gtest.h>

#include "common/utf8.h"

namespace shanhai {
namespace {

TEST(ErrorTest, MessageIsChineseThenEnglishWithEveryPartOfTheLocation) {
  Location where;
  where.file = "处罚.csv";
  where.sheet = "Sheet1";
  where.row = 3;
  where.column = 2;
  where.column_name = "金额";
  where.value = "abc";
  const Error e("x", "无法解析", "cannot parse", where);
  EXPECT_EQ(e.message(),
            "错误：无法解析（文件 处罚.csv，工作表 Sheet1，第 3 行，第 2 列“金额”，值“abc”）\n"
            "Error: cannot parse (file 处罚.csv, sheet Sheet1, row 3, column 2 \"金额\", value "
            "\"abc\")");
}

TEST(ErrorTest, UnknownPartsAreLeftOut) {
  const Error e("x", "出错", "failed");
  EXPECT_EQ(e.message(), "错误：出错\nError: failed");
}

TEST(ErrorTest, DisplayValueEscapesControlAndInvalidBytesAndTruncates) {
  EXPECT_EQ(display_value("a\tb"), "a\\x09b");
  EXPECT_EQ(display_value("\xFF\xFE"), "\\xFF\\xFE");
  EXPECT_EQ(display_value(std::string(50, 'x')), std::string(40, 'x') + "…");
  EXPECT_EQ(display_value("张伟"), "张伟");
}

TEST(Utf8Test, FindsFirstInvalidByte) {
  EXPECT_EQ(utf8_first_invalid("abc"), 3u);
  EXPECT_EQ(utf8_first_invalid("张伟"), 6u);
  EXPECT_EQ(utf8_first_invalid("ab\xC0\xAF"), 2u);        // overlong
  EXPECT_EQ(utf8_first_invalid("ab\xED\xA0\x80"), 2u);    // surrogate
  EXPECT_EQ(utf8_first_invalid("abcdefgh\xE5\xBC"), 8u);  // truncated
  EXPECT_EQ(utf8_first_invalid("abcdefgh\xE5\xBC", true), 10u);
  EXPECT_EQ(utf8_length("张伟a"), 3u);
}

TEST(ResultTest, CarriesValueOrError) {
  Result<int> ok(5);
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok.value(), 5);
  Result<int> bad(Error("c", "中", "en"));
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code(), "c");
  Status s;
  EXPECT_TRUE(s.ok());
}

}  // namespace
}  // namespace shanhai

namespace shanhai {
namespace {

// The fast validator agrees with the one-sequence-at-a-time definition on random input made of
// ASCII, Chinese, four-byte characters and stray bytes.
TEST(Utf8Test, FastValidatorAgreesWithReferenceOnRandomInput) {
  const char* pieces[] = {
      "a",    "12",   "张",       "伟",           "\xF0\xA0\x82\x87", "\xEF\xBC\x91", "\xC3\xA9",
      "\x80", "\xFF", "\xE5\xBC", "\xED\xA0\x80", "\xC0\xAF",         "        "};
  uint32_t seed = 12345;
  auto next = [&seed] { return seed = seed * 1103515245 + 12345; };
  for (int round = 0; round < 5000; ++round) {
    std::string s;
    const int len = static_cast<int>(next() % 40);
    for (int k = 0; k < len; ++k) {
      // Mostly valid pieces, occasionally a bad one.
      const uint32_t r = next() % 100;
      s += pieces[r < 90 ? r % 7 : 7 + r % 6];
    }
    size_t reference = 0;
    while (reference < s.size()) {
      const size_t l = utf8_sequence_length(std::string_view(s).substr(reference));
      if (l == 0) break;
      reference += l;
    }
    ASSERT_EQ(utf8_first_invalid(s), reference) << display_value(s);
  }
}

}  // namespace
}  // namespace shanhai
