// 电话号码: mobile, landline with area code, service numbers.

#include "normalize/phone.h"

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
    {"13812345678", "13812345678", true},
    {"138 1234 5678", "13812345678", true},
    {"138-1234-5678", "13812345678", true},
    {"１３８１２３４５６７８", "13812345678", true},
    {"+86 138 1234 5678", "13812345678", true},
    {"+86-13812345678", "13812345678", true},
    {"+8613812345678", "13812345678", true},
    {"008613812345678", "13812345678", true},
    {"8613812345678", "13812345678", true},
    {"手机：13812345678", "13812345678", true},
    {"电话:13812345678", "13812345678", true},
    {"Tel: 13812345678", "13812345678", true},
    {"19912345678", "19912345678", true},
    {"0571-88886666", "0571-88886666", true},
    {"0571 88886666", "0571-88886666", true},
    {"0571-8888 6666", "0571-88886666", true},
    {"057188886666", "0571-88886666", true},
    {"(0571)88886666", "0571-88886666", true},
    {"（0571）88886666", "0571-88886666", true},
    {"(0571) 8888-6666", "0571-88886666", true},
    {"+86 571 88886666", "0571-88886666", true},
    {"+86-571-88886666", "0571-88886666", true},
    {"0086 571 88886666", "0571-88886666", true},
    {"010-88886666", "010-88886666", true},
    {"01088886666", "010-88886666", true},
    {"+86 10 88886666", "010-88886666", true},
    {"020-12345678", "020-12345678", true},
    {"02112345678", "021-12345678", true},
    {"0891-6812345", "0891-6812345", true},
    {"08916812345", "0891-6812345", true},
    {"0894-5821234", "0894-5821234", true},
    {"0903-2021234", "0903-2021234", true},
    {"0979-8412345", "0979-8412345", true},
    {"0571-88886666转123", "0571-88886666-123", true},
    {"0571-88886666-123", "0571-88886666-123", true},
    {"0571-88886666 ext 123", "0571-88886666-123", true},
    {"400-123-4567", "4001234567", true},
    {"4001234567", "4001234567", true},
    {"800-123-4567", "8001234567", true},
    {"12345", "12345", true},
    {"110", "110", true},
    {"95588", "95588", true},
    {"88886666", "88886666", false},
    {"8888666", "8888666", false},
    {"1381234567", "", false},
    {"138123456789", "", false},
    {"0571-888866", "", false},
    {"0571-888866661", "", false},
    {"0571-08886666", "", false},
    {"13812345678,13912345678", "", false},
    {"13812345678、13912345678", "", false},
    {"13812345678/13912345678", "", false},
    {"+1 415 5550100", "", false},
    {"abc", "", false},
    {"无", "", false},
    {"", "", false},
};

class PhoneSpelling : public ::testing::TestWithParam<Case> {};

TEST_P(PhoneSpelling, Normalises) {
  const Case& c = GetParam();
  const Normalized n = normalize(Element::phone, c.raw);
  EXPECT_EQ(n.canonical, c.canonical);
  EXPECT_EQ(n.valid, c.valid);
  if (n.valid) {
    EXPECT_EQ(normalize(Element::phone, n.canonical).canonical, n.canonical);
  } else {
    EXPECT_FALSE(n.reason_zh.empty());
  }
}

INSTANTIATE_TEST_SUITE_P(Table, PhoneSpelling, ::testing::ValuesIn(kCases));

// Mobile numbers in digit groups take a shorter path; a leading space sends the same text down
// the general one, which must agree.
TEST(Phone, GroupedMobileNumbersAgreeWithTheGeneralPath) {
  const char* shapes[] = {"+86-181-2327-8046",  "+86 18123278046",   "+8618123278046",
                          "0086 138 1234 5678", "008613812345678",   "8613812345678",
                          "86 138 1234 5678",   "138-1234-5678",     "138 1234 5678",
                          "1-381-234-5678",     "+85 138 1234 5678", "+86-12812345678",
                          "138-1234-567",       "0571-88886666",     "400-800-8888",
                          "+-8613812345678",    "++8613812345678",   "13812345678-"};
  for (const char* raw : shapes) {
    const Normalized fast = normalize(Element::phone, raw);
    const Normalized general = normalize(Element::phone, std::string(" ") + raw);
    EXPECT_EQ(fast.canonical, general.canonical) << raw;
    EXPECT_EQ(fast.valid, general.valid) << raw;
    EXPECT_EQ(fast.reason_en, general.reason_en) << raw;
  }
  EXPECT_EQ(normalize(Element::phone, "+86-181-2327-8046").canonical, "18123278046");
}

// What is known canonical without normalising is exactly what normalising leaves as it is.
TEST(Phone, KnownCanonicalOnlyWhenNormalisingChangesNothing) {
  for (const Case& c : kCases) {
    if (!is_known_canonical(Element::phone, c.raw)) continue;
    const Normalized n = normalize(Element::phone, c.raw);
    EXPECT_TRUE(n.valid) << c.raw;
    EXPECT_EQ(n.canonical, c.raw);
  }
  EXPECT_TRUE(is_known_canonical(Element::phone, "13812345678"));
  EXPECT_FALSE(is_known_canonical(Element::phone, "138 1234 5678"));
  EXPECT_FALSE(is_known_canonical(Element::phone, "12812345678"));  // not a mobile prefix
  EXPECT_FALSE(is_known_canonical(Element::phone, "1381234567"));
  EXPECT_FALSE(is_known_canonical(Element::text, "13812345678"));  // only phones are known
}

}  // namespace
}  // namespace shanhai::normalize
