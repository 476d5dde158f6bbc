// 车牌号: ordinary, new-energy and special plates.

#include "normalize/plate.h"

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
    {"浙A12345", "浙A12345", true},
    {"浙a12345", "浙A12345", true},
    {"浙A·12345", "浙A12345", true},
    {"浙A.12345", "浙A12345", true},
    {"浙A 12345", "浙A12345", true},
    {"浙A-12345", "浙A12345", true},
    {"浙A•12345", "浙A12345", true},
    {"浙Ａ１２３４５", "浙A12345", true},
    {" 浙 A 1 2 3 4 5 ", "浙A12345", true},
    {"浙AB1234", "浙AB1234", true},
    {"浙A1B2C3", "浙A1B2C3", true},
    {"京N12345", "京N12345", true},
    {"藏G12345", "藏G12345", true},
    {"青H12345", "青H12345", true},
    {"新R12345", "新R12345", true},
    {"滬A12345", "沪A12345", true},
    {"浙AD12345", "浙AD12345", true},
    {"浙AF12345", "浙AF12345", true},
    {"浙Ad12345", "浙AD12345", true},
    {"浙A12345D", "浙A12345D", true},
    {"浙A12345F", "浙A12345F", true},
    {"浙AD1234A", "浙AD1234A", false},
    {"浙A1234警", "浙A1234警", true},
    {"浙A1234学", "浙A1234学", true},
    {"浙A1234挂", "浙A1234挂", true},
    {"粤Z1234港", "粤Z1234港", true},
    {"粤Z1234澳", "粤Z1234澳", true},
    {"使014578", "使014578", true},
    {"014578使", "014578使", true},
    {"浙AI2345", "浙AI2345", false},
    {"浙AO2345", "浙AO2345", false},
    {"浙A1234", "浙A1234", false},
    {"浙A123456", "浙A123456", false},
    {"浙A1234567", "浙A1234567", false},
    {"XA12345", "XA12345", false},
    {"浙112345", "浙112345", false},
    {"浙A1234*", "浙A1234*", false},
    {"无牌", "无牌", false},
    {"", "", false},
};

class PlateSpelling : public ::testing::TestWithParam<Case> {};

TEST_P(PlateSpelling, Normalises) {
  const Case& c = GetParam();
  const Normalized n = normalize(Element::plate, c.raw);
  EXPECT_EQ(n.canonical, c.canonical);
  EXPECT_EQ(n.valid, c.valid);
  if (n.valid) {
    EXPECT_EQ(normalize(Element::plate, n.canonical).canonical, n.canonical);
  } else {
    EXPECT_FALSE(n.reason_zh.empty());
  }
}

INSTANTIATE_TEST_SUITE_P(Table, PlateSpelling, ::testing::ValuesIn(kCases));

}  // namespace
}  // namespace shanhai::normalize
