// 金额: every spelling, exact fen arithmetic, uppercase financial numerals.

#include "normalize/money.h"

#include <gtest/gtest.h>

#include <random>

#include "normalize/element.h"

namespace shanhai::normalize {
namespace {

struct Case {
  const char* raw;
  const char* canonical;
  bool valid;
};
std::ostream& operator<<(std::ostream& os, const Case& c) { return os << '"' << c.raw << '"'; }

const Case kCases[] = {
    {"5000", "5000.00", true},
    {"5000.00", "5000.00", true},
    {"5000.0", "5000.00", true},
    {"5000.5", "5000.50", true},
    {"5,000.00", "5000.00", true},
    {"5,000", "5000.00", true},
    {"1,234,567.89", "1234567.89", true},
    {"5000元", "5000.00", true},
    {"5000.00元", "5000.00", true},
    {"5000元整", "5000.00", true},
    {"5000圆", "5000.00", true},
    {"5000块", "5000.00", true},
    {"0.5万元", "5000.00", true},
    {"0.5万", "5000.00", true},
    {"1.2345万元", "12345.00", true},
    {"1.23456万元", "12345.60", true},
    {"1.234567万元", "12345.67", true},
    {"1.2345678万元", "", false},
    {"3千元", "3000.00", true},
    {"1.5亿元", "150000000.00", true},
    {"2百万元", "2000000.00", true},
    {"5000万元", "50000000.00", true},
    {"￥5000", "5000.00", true},
    {"¥5,000.00", "5000.00", true},
    {"￥ 5,000.00 元", "5000.00", true},
    {"RMB5000", "5000.00", true},
    {"rmb 5000", "5000.00", true},
    {"CNY 5000.00", "5000.00", true},
    {"5000 RMB", "5000.00", true},
    {"人民币5000元", "5000.00", true},
    {"人民币5000.00元整", "5000.00", true},
    {"人民币伍仟元整", "5000.00", true},
    {"伍仟元整", "5000.00", true},
    {"伍仟元", "5000.00", true},
    {"伍仟圆整", "5000.00", true},
    {"壹万贰仟叁佰肆拾伍元陆角柒分", "12345.67", true},
    {"壹万贰仟叁佰肆拾伍元陆角", "12345.60", true},
    {"壹万贰仟叁佰肆拾伍元零柒分", "12345.07", true},
    {"壹仟零伍元", "1005.00", true},
    {"壹拾元整", "10.00", true},
    {"拾元", "10.00", true},
    {"叁角", "0.30", true},
    {"伍分", "0.05", true},
    {"叁角伍分", "0.35", true},
    {"壹佰万元整", "1000000.00", true},
    {"壹亿元", "100000000.00", true},
    {"人民币壹拾贰万叁仟肆佰伍拾陆元整", "123456.00", true},
    {"五千元", "5000.00", true},
    {"五千", "5000.00", true},
    {"一万五千元", "15000.00", true},
    {"一万五", "15000.00", true},
    {"两千元", "2000.00", true},
    {"三百二十元", "320.00", true},
    {"1万2千元", "12000.00", true},
    {"5元5角", "5.50", true},
    {"５０００", "5000.00", true},
    {"５，０００．００元", "5000.00", true},
    {"-500", "-500.00", true},
    {"-500.5", "-500.50", true},
    {"负500元", "-500.00", true},
    {"+500", "500.00", true},
    {"0", "0.00", true},
    {"0.01", "0.01", true},
    {".5", "0.50", true},
    {"0.10", "0.10", true},
    {"5000.000", "5000.00", true},
    {"金额:5000元", "5000.00", true},
    {"金额：5000元", "5000.00", true},
    {"人民币（大写）伍仟元整", "5000.00", true},
    {"人民币大写：伍仟元整", "5000.00", true},
    {"小写：￥5,000.00", "5000.00", true},
    {"合计5000元", "5000.00", true},
    {"5000（元）", "5000.00", true},
    {"50（万元）", "500000.00", true},
    {"92233720368547758.07", "92233720368547758.07", true},
    // Invalid.
    {"5000.005", "", false},
    {"0.001", "", false},
    {"5,00", "", false},
    {"50,00.00", "", false},
    {"5000,0", "", false},
    {"1,2345", "", false},
    {"5000美元", "", false},
    {"$5000", "", false},
    {"abc", "", false},
    {"五千多元", "", false},
    {"约5000元", "", false},
    {"5000元5000元", "", false},
    {"--500", "", false},
    {"5..0", "", false},
    {"92233720368547758.08", "", false},
    {"99999999999999999999", "", false},
    {"壹万万元", "", false},
    {"元", "", false},
    {"", "", false},
    {" ", "", false},
};

class MoneySpelling : public ::testing::TestWithParam<Case> {};

TEST_P(MoneySpelling, Normalises) {
  const Case& c = GetParam();
  const Normalized n = normalize(Element::money, c.raw);
  EXPECT_EQ(n.canonical, c.canonical);
  EXPECT_EQ(n.valid, c.valid);
  EXPECT_EQ(parse_money_fen(c.raw).has_value(), c.valid);
  if (n.valid) {
    const Normalized again = normalize(Element::money, n.canonical);
    EXPECT_EQ(again.canonical, n.canonical);
    EXPECT_EQ(format_fen(*parse_money_fen(c.raw)), n.canonical);
  } else {
    EXPECT_FALSE(n.reason_zh.empty());
    EXPECT_FALSE(n.reason_en.empty());
  }
}

INSTANTIATE_TEST_SUITE_P(Table, MoneySpelling, ::testing::ValuesIn(kCases));

TEST(Money, FenValues) {
  EXPECT_EQ(parse_money_fen("5000"), 500000);
  EXPECT_EQ(parse_money_fen("0.5万元"), 500000);
  EXPECT_EQ(parse_money_fen("壹万贰仟叁佰肆拾伍元陆角柒分"), 1234567);
  EXPECT_EQ(parse_money_fen("-0.05"), -5);
  EXPECT_FALSE(parse_money_fen("0.001").has_value());
}

TEST(Money, FormatFen) {
  EXPECT_EQ(format_fen(0), "0.00");
  EXPECT_EQ(format_fen(5), "0.05");
  EXPECT_EQ(format_fen(-5), "-0.05");
  EXPECT_EQ(format_fen(123456789), "1234567.89");
  EXPECT_EQ(format_fen(INT64_MIN), "-92233720368547758.08");
}

TEST(Money, ReasonDistinguishesPrecision) {
  EXPECT_NE(normalize(Element::money, "1.001").reason_zh.find("精度"), std::string::npos);
  EXPECT_NE(normalize(Element::money, "abc").reason_en.find("not a recognised"), std::string::npos);
}

// Writes fen in the formal uppercase style (壹万贰仟…元…角…分 / 整).
std::string uppercase_yuan(int64_t fen) {
  static const char* kDigit[] = {"零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"};
  static const char* kUnit[] = {"", "拾", "佰", "仟"};
  const int64_t yuan = fen / 100;
  std::string out;
  auto section = [&](int64_t v, bool leading) {  // v < 10000
    std::string s;
    bool zero = false;
    for (int k = 3; k >= 0; --k) {
      int64_t p = 1;
      for (int i = 0; i < k; ++i) p *= 10;
      const int d = static_cast<int>(v / p % 10);
      if (d == 0) {
        if (!s.empty() || !leading) zero = true;
        continue;
      }
      if (zero && (!s.empty() || !leading)) s += "零";
      zero = false;
      s += kDigit[d];
      s += kUnit[k];
    }
    return s;
  };
  if (yuan >= 10000) {
    out += section(yuan / 10000, true) + "万";
    if (yuan % 10000 != 0) {
      std::string low = section(yuan % 10000, false);
      if (yuan % 10000 < 1000 && low.rfind("零", 0) != 0) low = "零" + low;
      out += low;
    }
  } else if (yuan > 0) {
    out += section(yuan, true);
  }
  if (yuan > 0) out += "元";
  const int jiao = static_cast<int>(fen / 10 % 10), f = static_cast<int>(fen % 10);
  if (jiao == 0 && f == 0) return out + "整";
  if (jiao > 0) out += std::string(kDigit[jiao]) + "角";
  if (f > 0) {
    if (jiao == 0 && yuan > 0) out += "零";
    out += std::string(kDigit[f]) + "分";
  }
  return out;
}

TEST(MoneyProperty, DigitsAndUppercaseAgree) {
  std::mt19937_64 rng(32100);
  std::uniform_int_distribution<int64_t> amount(1, 99999999);  // up to 999,999.99 yuan
  for (int k = 0; k < 5000; ++k) {
    const int64_t fen = amount(rng);
    const std::string digits = format_fen(fen);
    ASSERT_EQ(parse_money_fen(digits), fen) << digits;
    ASSERT_EQ(parse_money_fen(digits + "元"), fen);
    const std::string upper = uppercase_yuan(fen);
    ASSERT_EQ(parse_money_fen(upper), fen) << upper;
    ASSERT_EQ(parse_money_fen("人民币" + upper), fen) << upper;
  }
}

TEST(MoneyProperty, ThousandsSeparatorsAreTransparent) {
  std::mt19937_64 rng(3);
  for (int k = 0; k < 2000; ++k) {
    const int64_t yuan = static_cast<int64_t>(rng() % 10000000000ULL);
    std::string plain = std::to_string(yuan);
    std::string grouped;
    for (size_t i = 0; i < plain.size(); ++i) {
      if (i > 0 && (plain.size() - i) % 3 == 0) grouped += ',';
      grouped += plain[i];
    }
    ASSERT_EQ(parse_money_fen(grouped), yuan * 100) << grouped;
  }
}

}  // namespace
}  // namespace shanhai::normalize
