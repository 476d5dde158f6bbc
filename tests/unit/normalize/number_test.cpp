// 整数 / 小数 / 是否 and Chinese numerals.

#include "normalize/number.h"

#include <gtest/gtest.h>

#include "normalize/boolean.h"
#include "normalize/chinese_numeral.h"
#include "normalize/element.h"

namespace shanhai::normalize {
namespace {

struct Case {
  const char* raw;
  const char* canonical;
  bool valid;
};
std::ostream& operator<<(std::ostream& os, const Case& c) { return os << '"' << c.raw << '"'; }

const Case kIntegers[] = {
    {"123", "123", true},
    {"+123", "123", true},
    {"-123", "-123", true},
    {"0", "0", true},
    {"-0", "0", true},
    {"007", "7", true},
    {"1,234", "1234", true},
    {"1,234,567", "1234567", true},
    {"１２３", "123", true},
    {"－１２３", "-123", true},
    {" 123 ", "123", true},
    {"1 234", "1234", true},
    {"123.0", "123", true},
    {"123.00", "123", true},
    {"1e3", "1000", true},
    {"一百二十三", "123", true},
    {"十", "10", true},
    {"两千", "2000", true},
    {"9223372036854775807", "9223372036854775807", true},
    {"-9223372036854775808", "-9223372036854775808", true},
    {"9223372036854775808", "9223372036854775808", false},
    {"1.5", "1.5", false},
    {"12.5%", "0.125", false},
    {"1,23", "", false},
    {"abc", "", false},
    {"12abc", "", false},
    {"1-2", "", false},
    {"--1", "", false},
    {".", "", false},
    {"", "", false},
};

class IntegerSpelling : public ::testing::TestWithParam<Case> {};

TEST_P(IntegerSpelling, Normalises) {
  const Case& c = GetParam();
  const Normalized n = normalize(Element::integer, c.raw);
  EXPECT_EQ(n.canonical, c.canonical);
  EXPECT_EQ(n.valid, c.valid);
  EXPECT_EQ(parse_integer(c.raw).has_value(), c.valid);
  if (n.valid) {
    EXPECT_EQ(std::to_string(*parse_integer(c.raw)), n.canonical);
    EXPECT_EQ(normalize(Element::integer, n.canonical).canonical, n.canonical);
  } else {
    EXPECT_FALSE(n.reason_zh.empty());
  }
}

INSTANTIATE_TEST_SUITE_P(Table, IntegerSpelling, ::testing::ValuesIn(kIntegers));

const Case kDecimals[] = {
    {"1234.50", "1234.5", true},
    {"1,234.5", "1234.5", true},
    {"1234", "1234", true},
    {"1234.000", "1234", true},
    {"-0.5", "-0.5", true},
    {"-.5", "-0.5", true},
    {".5", "0.5", true},
    {"0.000", "0", true},
    {"-0.0", "0", true},
    {"007.50", "7.5", true},
    {"1.5e3", "1500", true},
    {"1.5E-3", "0.0015", true},
    {"2E+2", "200", true},
    {"12.5%", "0.125", true},
    {"100%", "1", true},
    {"５０％", "0.5", true},
    {"１２．５", "12.5", true},
    {"+3.14", "3.14", true},
    {"3.14159265358979323846264338327950288", "3.14159265358979323846264338327950288", true},
    {"0.1", "0.1", true},
    {"一百", "100", true},
    {"1.2.3", "", false},
    {"1e", "", false},
    {"e5", "", false},
    {"1e5000", "", false},
    {"abc", "", false},
    {"1,2.5", "", false},
    {"%", "", false},
    {"", "", false},
};

class DecimalSpelling : public ::testing::TestWithParam<Case> {};

TEST_P(DecimalSpelling, Normalises) {
  const Case& c = GetParam();
  const Normalized n = normalize(Element::decimal, c.raw);
  EXPECT_EQ(n.canonical, c.canonical);
  EXPECT_EQ(n.valid, c.valid);
  if (n.valid) {
    EXPECT_EQ(normalize(Element::decimal, n.canonical).canonical, n.canonical);
  }
}

INSTANTIATE_TEST_SUITE_P(Table, DecimalSpelling, ::testing::ValuesIn(kDecimals));

const Case kBooleans[] = {
    {"是", "true", true},   {"否", "false", true},    {"有", "true", true},   {"无", "false", true},
    {"真", "true", true},   {"假", "false", true},    {"对", "true", true},   {"错", "false", true},
    {"是的", "true", true}, {"不是", "false", true},  {"已", "true", true},   {"未", "false", true},
    {"√", "true", true},    {"×", "false", true},     {"✓", "true", true},    {"✗", "false", true},
    {"Y", "true", true},    {"n", "false", true},     {"YES", "true", true},  {"No", "false", true},
    {"TRUE", "true", true}, {"false", "false", true}, {"1", "true", true},    {"0", "false", true},
    {"１", "true", true},   {"Ｙ", "true", true},     {" 是 ", "true", true}, {"T", "true", true},
    {"F", "false", true},   {"on", "true", true},     {"off", "false", true}, {"maybe", "", false},
    {"2", "", false},       {"是否", "", false},      {"", "", false},
};

class BooleanSpelling : public ::testing::TestWithParam<Case> {};

TEST_P(BooleanSpelling, Normalises) {
  const Case& c = GetParam();
  const Normalized n = normalize(Element::boolean, c.raw);
  EXPECT_EQ(n.canonical, c.canonical);
  EXPECT_EQ(n.valid, c.valid);
  if (n.valid) {
    EXPECT_EQ(normalize(Element::boolean, n.canonical).canonical, n.canonical);
  }
}

INSTANTIATE_TEST_SUITE_P(Table, BooleanSpelling, ::testing::ValuesIn(kBooleans));

struct NumeralCase {
  const char* text;
  int64_t value;  // -1: not a numeral
};
std::ostream& operator<<(std::ostream& os, const NumeralCase& c) { return os << c.text; }

const NumeralCase kNumerals[] = {
    {"零", 0},
    {"一", 1},
    {"十", 10},
    {"十一", 11},
    {"二十", 20},
    {"二十一", 21},
    {"一百", 100},
    {"一百零五", 105},
    {"一百一十", 110},
    {"一百五", 150},
    {"两百五", 250},
    {"一千", 1000},
    {"一千零一", 1001},
    {"一千二", 1200},
    {"一万", 10000},
    {"一万五", 15000},
    {"一万零五百", 10500},
    {"十万", 100000},
    {"一百万", 1000000},
    {"一千万", 10000000},
    {"一亿", 100000000},
    {"一亿二千万", 120000000},
    {"三亿零五十万", 300500000},
    {"壹万贰仟叁佰肆拾伍", 12345},
    {"玖仟玖佰玖拾玖", 9999},
    {"拾", 10},
    {"二〇二三", 2023},
    {"二零二三", 2023},
    {"一九四九", 1949},
    {"〇", 0},
    {"1万2千", 12000},
    {"5千", 5000},
    {"3亿", 300000000},
    {"", -1},
    {"十十", -1},
    {"一百一千", -1},
    {"二三十", -1},
    {"万", -1},
    {"一万万", -1},
    {"一点五", -1},
    {"abc", -1},
};

class ChineseNumeral : public ::testing::TestWithParam<NumeralCase> {};

TEST_P(ChineseNumeral, Parses) {
  const auto& c = GetParam();
  const auto v = parse_chinese_integer(std::string_view(c.text));
  if (c.value < 0) {
    EXPECT_FALSE(v.has_value());
  } else {
    ASSERT_TRUE(v.has_value());
    EXPECT_EQ(*v, c.value);
  }
}

INSTANTIATE_TEST_SUITE_P(Table, ChineseNumeral, ::testing::ValuesIn(kNumerals));

TEST(ChineseNumeral, OverflowIsRejected) {
  EXPECT_FALSE(parse_chinese_integer(std::string_view("九九九九九九九九九九九九九九九九九九九九")));
  EXPECT_FALSE(parse_chinese_integer(std::string_view("九千九百亿亿亿")));
}

}  // namespace
}  // namespace shanhai::normalize
