// 统一社会信用代码, 组织机构代码 and 工商注册号: spellings and property tests of the checksums.

#include "normalize/uscc.h"

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

// Independent reference implementations.
const std::string kAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

char reference_uscc_check(const std::string& first17) {
  int sum = 0, w = 1;
  for (int i = 0; i < 17; ++i) {
    sum += static_cast<int>(kAlphabet.find(first17[static_cast<size_t>(i)])) * w;
    w = w * 3 % 31;
  }
  return kAlphabet[static_cast<size_t>((31 - sum % 31) % 31)];
}

char reference_org_check(const std::string& first8) {
  static const int w[8] = {3, 7, 9, 10, 5, 8, 4, 2};
  int sum = 0;
  for (int i = 0; i < 8; ++i) {
    const char c = first8[static_cast<size_t>(i)];
    sum += (c <= '9' ? c - '0' : c - 'A' + 10) * w[i];
  }
  const int r = 11 - sum % 11;
  return r == 10 ? 'X' : r == 11 ? '0' : static_cast<char>('0' + r);
}

const Case kCases[] = {
    // The GB 32100 example and its spellings.
    {"91350100M000100Y43", "91350100M000100Y43", true},
    {"91350100m000100y43", "91350100M000100Y43", true},
    {"９１３５０１００Ｍ０００１００Ｙ４３", "91350100M000100Y43", true},
    {"9135 0100 M000 100Y 43", "91350100M000100Y43", true},
    {"91350100-M000100Y-4-3", "91350100M000100Y43", true},
    {" 91350100M000100Y43\t", "91350100M000100Y43", true},
    {"91110000100006485K", "91110000100006485K", true},
    {"91110000100006485k", "91110000100006485K", true},
    {"12100000400000624D", "12100000400000624D", true},
    {"521000005000003409", "521000005000003409", true},
    {"92330106MA2B0XXX0W", "92330106MA2B0XXX0W", true},
    // Wrong check characters (kept, invalid).
    {"91350100M000100Y44", "91350100M000100Y44", false},
    {"91350100M000100Y4A", "91350100M000100Y4A", false},
    {"91110000100006485J", "91110000100006485J", false},
    // Characters the code never uses.
    {"91350100M000100O43", "", false},
    {"91350100M000100I43", "", false},
    {"91350100M000100S43", "", false},
    {"91350100M000100V43", "", false},
    {"91350100M000100Z43", "", false},
    // Region code of the registration authority must be digits.
    {"913501A0M000100Y43", "913501A0M000100Y43", false},
    // Lengths.
    {"91350100M000100Y4", "", false},
    {"91350100M000100Y433", "", false},
    {"913501", "", false},
    {"abc", "", false},
    {"统一社会信用代码", "", false},
    {"91350100M000100Y4３号", "", false},
    {"", "", false},
    // Old organisation codes (8 + check).
    {"M000100Y-4", "M000100Y-4", true},
    {"M000100Y4", "M000100Y-4", true},
    {"m000100y-4", "M000100Y-4", true},
    {"10000648-5", "10000648-5", true},
    {"M000100Y-5", "M000100Y-5", false},
    {"M000100!-4", "", false},
    // Old 15-digit business registration numbers.
    {"110108000000016", "110108000000016", true},
    {"110108000000017", "110108000000017", false},
    {"11010800000001A", "", false},
};

class UsccSpelling : public ::testing::TestWithParam<Case> {};

TEST_P(UsccSpelling, Normalises) {
  const Case& c = GetParam();
  const Normalized n = normalize(Element::uscc, c.raw);
  EXPECT_EQ(n.canonical, c.canonical);
  EXPECT_EQ(n.valid, c.valid);
  EXPECT_EQ(parse_uscc(c.raw).ok(), c.valid);
  if (n.valid) {
    EXPECT_EQ(normalize(Element::uscc, n.canonical).canonical, n.canonical);
  } else {
    EXPECT_FALSE(n.reason_zh.empty());
    EXPECT_FALSE(n.reason_en.empty());
  }
}

INSTANTIATE_TEST_SUITE_P(Table, UsccSpelling, ::testing::ValuesIn(kCases));

TEST(Uscc, ParsesParts) {
  auto u = parse_uscc("91350100M000100Y43");
  ASSERT_TRUE(u.ok());
  EXPECT_EQ(u->kind, Uscc::Kind::uscc);
  EXPECT_EQ(u->authority, '9');
  EXPECT_EQ(u->category, '1');
  EXPECT_EQ(u->region_code, "350100");
  EXPECT_EQ(u->org_code, "M000100Y-4");
  auto org = parse_uscc("M000100Y4");
  ASSERT_TRUE(org.ok());
  EXPECT_EQ(org->kind, Uscc::Kind::org_code);
  EXPECT_EQ(parse_uscc("91350100M000100Y44").error().code(), "uscc.checksum");
  EXPECT_EQ(parse_uscc("913501").error().code(), "uscc.length");
  EXPECT_EQ(parse_uscc("91350100M000100O43").error().code(), "uscc.chars");
}

TEST(Uscc, CheckFunctions) {
  EXPECT_EQ(uscc_check_char("91350100M000100Y4"), '3');
  EXPECT_EQ(uscc_check_char("91350100M000100O4"), '\0');
  EXPECT_EQ(uscc_check_char("short"), '\0');
  EXPECT_EQ(org_code_check_char("M000100Y"), '4');
  EXPECT_EQ(org_code_check_char("M000100"), '\0');
  EXPECT_EQ(registration_number_check_digit("11010800000001"), '6');
}

TEST(Uscc, ReasonNamesForbiddenLetter) {
  const Normalized n = normalize(Element::uscc, "91350100M000100O43");
  EXPECT_NE(n.reason_zh.find('O'), std::string::npos);
}

std::string random_uscc(std::mt19937_64& rng) {
  static const std::string kAuthority = "1235679ANY";
  std::string s;
  s += kAuthority[rng() % kAuthority.size()];
  s += "123459"[rng() % 6];
  for (int i = 0; i < 6; ++i) s += static_cast<char>('0' + rng() % 10);
  std::string org;
  for (int i = 0; i < 8; ++i) org += kAlphabet[rng() % kAlphabet.size()];
  s += org + reference_org_check(org);
  return s + reference_uscc_check(s);
}

TEST(UsccProperty, GeneratedCodesAreValid) {
  std::mt19937_64 rng(32100);
  for (int k = 0; k < 5000; ++k) {
    const std::string code = random_uscc(rng);
    const Normalized n = normalize(Element::uscc, code);
    ASSERT_TRUE(n.valid) << code << ": " << n.reason_en;
    ASSERT_EQ(n.canonical, code);
    std::string lower = code;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    ASSERT_TRUE(normalize(Element::uscc, lower).valid) << lower;
  }
}

TEST(UsccProperty, EverySingleCharacterCorruptionIsCaught) {
  std::mt19937_64 rng(2015);
  int checked = 0;
  for (int k = 0; k < 1000; ++k) {
    const std::string code = random_uscc(rng);
    for (size_t pos = 0; pos < 18; ++pos) {
      for (char repl : kAlphabet) {
        if (repl == code[pos]) continue;
        std::string bad = code;
        bad[pos] = repl;
        ASSERT_FALSE(normalize(Element::uscc, bad).valid) << code << " → " << bad;
        ++checked;
      }
    }
  }
  EXPECT_EQ(checked, 1000 * 18 * 30);
}

TEST(UsccProperty, OrganisationCodeDigitCorruptionIsCaught) {
  std::mt19937_64 rng(11714);
  for (int k = 0; k < 3000; ++k) {
    std::string org;
    for (int i = 0; i < 8; ++i) org += static_cast<char>('0' + rng() % 10);
    const std::string code = org + reference_org_check(org);
    ASSERT_TRUE(normalize(Element::uscc, code).valid) << code;
    for (size_t pos = 0; pos < 9; ++pos) {
      for (char repl : std::string("0123456789X")) {
        if (repl == code[pos] || (repl == 'X' && pos != 8)) continue;
        std::string bad = code;
        bad[pos] = repl;
        ASSERT_FALSE(normalize(Element::uscc, bad).valid) << code << " → " << bad;
      }
    }
  }
}

}  // namespace
}  // namespace shanhai::normalize
