#include "ingest/value_parsing.h"

#include <gtest/gtest.h>

namespace shanhai::ingest {
namespace {

TEST(ValueParsingTest, Integers) {
  EXPECT_EQ(parse_integer("42"), 42);
  EXPECT_EQ(parse_integer(" -7 "), -7);
  EXPECT_EQ(parse_integer("+3"), 3);
  EXPECT_EQ(parse_integer("0"), 0);
  EXPECT_EQ(parse_integer("5,000"), 5000);
  EXPECT_EQ(parse_integer("1,234,567"), 1234567);
  EXPECT_EQ(parse_integer("\xE3\x80\x80"
                          "12"),
            12);  // full-width space
  EXPECT_EQ(parse_integer("999999999999999"), 999999999999999);
}

TEST(ValueParsingTest, NotIntegers) {
  for (const char* s : {"", " ", "007", "1.5", "12a", "1,23", "12,3456", ",123", "1e5", "-",
                        "1234567890123456", "33010619850315771X", "五千"}) {
    EXPECT_FALSE(parse_integer(s)) << s;
  }
}

TEST(ValueParsingTest, Decimals) {
  EXPECT_DOUBLE_EQ(*parse_decimal("3.14"), 3.14);
  EXPECT_DOUBLE_EQ(*parse_decimal("-0.5"), -0.5);
  EXPECT_DOUBLE_EQ(*parse_decimal("5,000.25"), 5000.25);
  EXPECT_DOUBLE_EQ(*parse_decimal("12"), 12.0);
  for (const char* s : {".5", "5.", "1.2.3", "00.5", "abc", "1,00.5", "1.5元"}) {
    EXPECT_FALSE(parse_decimal(s)) << s;
  }
}

}  // namespace
}  // namespace shanhai::ingest
