// 血液酒精含量: units, free text, conversions.

#include "normalize/bac.h"

#include <gtest/gtest.h>

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
    {"186.5", "186.5", true},
    {"186.50", "186.5", true},
    {"80", "80", true},
    {"186.5mg/100ml", "186.5", true},
    {"186.5mg/100mL", "186.5", true},
    {"186.5MG/100ML", "186.5", true},
    {"186.5 mg/100ml", "186.5", true},
    {"186.5 mg / 100 ml", "186.5", true},
    {"186.5mg／100ml", "186.5", true},
    {"１８６．５ｍｇ／１００ｍｌ", "186.5", true},
    {"186.5毫克/100毫升", "186.5", true},
    {"186.5毫克/100ml", "186.5", true},
    {"186.5毫克每百毫升", "186.5", true},
    {"186.5mg/dl", "186.5", true},
    {"186.5mg/dL", "186.5", true},
    {"186.5mg%", "186.5", true},
    {"186.5mg", "186.5", true},
    {"1.865mg/ml", "186.5", true},
    {"1.865毫克/毫升", "186.5", true},
    {"1.865g/L", "186.5", true},
    {"1.865克/升", "186.5", true},
    {"0.1865g/100ml", "186.5", true},
    {"1865mg/L", "186.5", true},
    {"0.12345mg/ml", "12.345", true},
    {"12.3456mg/L", "1.235", true},
    {"经检验，血液中乙醇含量为186.5mg/100ml", "186.5", true},
    {"血液中乙醇含量为186.5mg/100ml，属于醉酒驾驶", "186.5", true},
    {"2023年8月21日抽血，血液酒精含量186.5mg/100ml", "186.5", true},
    {"血液酒精含量186.5mg/100ml，超过80mg/100ml", "186.5", true},
    {"乙醇含量：186.5", "186.5", true},
    {"未检出", "0", true},
    {"未检出乙醇", "0", true},
    {"阴性", "0", true},
    {"0", "0", true},
    {"0.5", "0.5", true},
    {"1000", "1000", true},
    {"1000.1", "1000.1", false},
    {"2000mg/100ml", "2000", false},
    {"-5", "", false},
    {"abc", "", false},
    {"2023年8月21日", "", false},
    {"待检", "", false},
    {"", "", false},
};

class BacSpelling : public ::testing::TestWithParam<Case> {};

TEST_P(BacSpelling, Normalises) {
  const Case& c = GetParam();
  const Normalized n = normalize(Element::bac, c.raw);
  EXPECT_EQ(n.canonical, c.canonical);
  EXPECT_EQ(n.valid, c.valid);
  if (n.valid) {
    EXPECT_EQ(normalize(Element::bac, n.canonical).canonical, n.canonical);
  } else {
    EXPECT_FALSE(n.reason_zh.empty());
  }
}

INSTANTIATE_TEST_SUITE_P(Table, BacSpelling, ::testing::ValuesIn(kCases));

TEST(Bac, Milli) {
  EXPECT_EQ(parse_bac_milli("186.5mg/100ml"), 186500);
  EXPECT_EQ(parse_bac_milli("80"), 80000);
  EXPECT_FALSE(parse_bac_milli("abc").has_value());
}

}  // namespace
}  // namespace shanhai::normalize
