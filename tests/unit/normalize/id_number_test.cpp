// 公民身份号码: spellings, legacy upgrade, derived fields, and property tests of the checksum.

#include "normalize/id_number.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "normalize/element.h"

namespace shanhai::normalize {
namespace {

struct Case {
  const char* raw;
  const char* canonical;
  bool valid;
};
std::ostream& operator<<(std::ostream& os, const Case& c) { return os << '"' << c.raw << '"'; }

// Independent check-character computation (weights 2^(17-i) mod 11), so the tests do not trust
// the code under test.
char reference_check(const std::string& first17) {
  int sum = 0;
  for (int i = 0; i < 17; ++i) {
    int w = 1;
    for (int k = 0; k < 17 - i; ++k) w = w * 2 % 11;
    sum += (first17[static_cast<size_t>(i)] - '0') * w;
  }
  const int r = (12 - sum % 11) % 11;
  return r == 10 ? 'X' : static_cast<char>('0' + r);
}

const Case kCases[] = {
    // The GB 11643 example in every spelling.
    {"11010519491231002X", "11010519491231002X", true},
    {"11010519491231002x", "11010519491231002X", true},
    {"１１０１０５１９４９１２３１００２Ｘ", "11010519491231002X", true},
    {"１１０１０５１９４９１２３１００２ｘ", "11010519491231002X", true},
    {"110105 19491231 002X", "11010519491231002X", true},
    {"110105-19491231-002X", "11010519491231002X", true},
    {" 11010519491231002X ", "11010519491231002X", true},
    {"\t11010519491231002X\r\n", "11010519491231002X", true},
    {"'11010519491231002X", "11010519491231002X", true},
    {"11010519491231002×", "11010519491231002X", true},
    {"110105　19491231　002X", "11010519491231002X", true},
    {"1101 0519 4912 3100 2X", "11010519491231002X", true},
    {"110105—19491231—002X", "11010519491231002X", true},
    // Legacy 15-digit numbers.
    {"110105491231002", "11010519491231002X", true},
    {"１１０１０５４９１２３１００２", "11010519491231002X", true},
    {"110105 491231 002", "11010519491231002X", true},
    {"330106800101123", "330106198001011235", true},
    // Other valid numbers (check characters computed by hand).
    {"330106198001011235", "330106198001011235", true},
    {"540402199507150026", "540402199507150026", true},
    {"653201200002290011", "653201200002290011", true},
    {"632801196812310044", "632801196812310044", true},
    {"810000199001010019", "810000199001010019", true},
    // Wrong check characters: kept, invalid.
    {"110105194912310021", "110105194912310021", false},
    {"11010519491231002Y", "", false},
    {"110105194912310020", "110105194912310020", false},
    {"330106198001011234", "330106198001011234", false},
    // Impossible birth dates.
    {"110105194902300027", "110105194902300027", false},
    {"110105194913010025", "110105194913010025", false},
    {"110105190002290017", "110105190002290017", false},
    {"110105491331002", "110105194913310021", false},
    // Unknown province codes.
    {"000105194912310021", "000105194912310021", false},
    {"991054194912310021", "991054194912310021", false},
    // Bad shapes.
    {"1101051949123100", "", false},
    {"11010519491231002", "", false},
    {"11010519491231002XX", "", false},
    {"1101051949123100211", "", false},
    {"11010519491X310021", "", false},
    {"11010549123100X", "", false},
    {"abc", "", false},
    {"身份证号11010519491231002X", "", false},
    {"1.10105E+17", "", false},
    {"1.10105194912310E+17", "", false},
    {"X", "", false},
    {"", "", false},
    {"   ", "", false},
    {"　", "", false},
    {"-", "", false},
};

class IdNumberSpelling : public ::testing::TestWithParam<Case> {};

TEST_P(IdNumberSpelling, Normalises) {
  const Case& c = GetParam();
  const Normalized n = normalize(Element::id_number, c.raw);
  EXPECT_EQ(n.canonical, c.canonical);
  EXPECT_EQ(n.valid, c.valid);
  if (n.valid) {
    EXPECT_TRUE(n.reason_zh.empty());
    EXPECT_TRUE(n.reason_en.empty());
    const Normalized again = normalize(Element::id_number, n.canonical);
    EXPECT_EQ(again.canonical, n.canonical);
    EXPECT_TRUE(again.valid);
    char out[18];
    EXPECT_TRUE(canonical_id_number(c.raw, out));
    EXPECT_EQ(std::string(out, 18), n.canonical);
  } else {
    EXPECT_FALSE(n.reason_zh.empty());
    EXPECT_FALSE(n.reason_en.empty());
    char out[18];
    EXPECT_FALSE(canonical_id_number(c.raw, out));
    EXPECT_FALSE(parse_id_number(c.raw).ok());
  }
}

INSTANTIATE_TEST_SUITE_P(Table, IdNumberSpelling, ::testing::ValuesIn(kCases));

TEST(IdNumber, CheckCharacterOfStandardExample) {
  EXPECT_EQ(id_check_char("11010519491231002"), 'X');
  EXPECT_EQ(id_check_char("1101051949123100"), '\0');
  EXPECT_EQ(id_check_char("1101051949123100a"), '\0');
}

TEST(IdNumber, ParsesDerivedFields) {
  auto id = parse_id_number("11010519491231002x");
  ASSERT_TRUE(id.ok()) << id.error().message();
  EXPECT_EQ(id->canonical18, "11010519491231002X");
  EXPECT_EQ(id->birth_date, "1949-12-31");
  EXPECT_EQ(id->sex, 'F');  // sequence 002: even
  EXPECT_EQ(id->region_code, "110105");
  EXPECT_FALSE(id->legacy15);

  auto legacy = parse_id_number("330106800101123");
  ASSERT_TRUE(legacy.ok());
  EXPECT_TRUE(legacy->legacy15);
  EXPECT_EQ(legacy->birth_date, "1980-01-01");
  EXPECT_EQ(legacy->sex, 'M');  // sequence 123: odd
  EXPECT_EQ(legacy->canonical18, "330106198001011235");
}

TEST(IdNumber, ErrorsCarryCodesAndBothLanguages) {
  auto bad = parse_id_number("110105194912310021");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code(), "id_number.checksum");
  EXPECT_NE(bad.error().zh().find("校验码"), std::string::npos);
  EXPECT_NE(bad.error().en().find("check character"), std::string::npos);
  EXPECT_EQ(parse_id_number("1234").error().code(), "id_number.length");
  EXPECT_EQ(parse_id_number("11010519491331002X").error().code(), "id_number.birth_date");
  EXPECT_EQ(parse_id_number("00010519491231002X").error().code(), "id_number.region");
  EXPECT_EQ(parse_id_number("1.10105E+17").error().code(), "id_number.scientific");
  EXPECT_EQ(parse_id_number("11010519491231002?").error().code(), "id_number.chars");
}

TEST(IdNumber, CheckReasonNamesTheExpectedCharacter) {
  const Normalized n = normalize(Element::id_number, "110105194912310021");
  EXPECT_NE(n.reason_zh.find('X'), std::string::npos);
  EXPECT_NE(n.reason_en.find('X'), std::string::npos);
}

// --- Property tests -------------------------------------------------------------------------

const char* kRegions[] = {"110105", "330106", "540402", "632801", "653201", "440305", "810000"};

std::string random_valid_id(std::mt19937_64& rng) {
  std::uniform_int_distribution<int> region(0, std::size(kRegions) - 1);
  std::uniform_int_distribution<int> year(1900, 2023), month(1, 12), day(1, 28), seq(0, 999);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%s%04d%02d%02d%03d", kRegions[region(rng)], year(rng), month(rng),
                day(rng), seq(rng));
  std::string first17(buf);
  return first17 + reference_check(first17);
}

TEST(IdNumberProperty, GeneratedNumbersAreValidInEverySpelling) {
  std::mt19937_64 rng(20230821);
  for (int k = 0; k < 5000; ++k) {
    const std::string id = random_valid_id(rng);
    const Normalized n = normalize(Element::id_number, id);
    ASSERT_TRUE(n.valid) << id << ": " << n.reason_en;
    ASSERT_EQ(n.canonical, id);
    std::string lower = id;
    if (lower.back() == 'X') lower.back() = 'x';
    ASSERT_EQ(normalize(Element::id_number, lower).canonical, id);
    ASSERT_EQ(normalize(Element::id_number, id.substr(0, 6) + " " + id.substr(6)).canonical, id);
  }
}

TEST(IdNumberProperty, EverySingleCharacterCorruptionIsCaught) {
  std::mt19937_64 rng(11643);
  int checked = 0;
  for (int k = 0; k < 2000; ++k) {
    const std::string id = random_valid_id(rng);
    for (size_t pos = 0; pos < 18; ++pos) {
      for (char repl : std::string("0123456789X")) {
        if (repl == id[pos] || (repl == 'X' && pos != 17)) continue;
        std::string bad = id;
        bad[pos] = repl;
        const Normalized n = normalize(Element::id_number, bad);
        ASSERT_FALSE(n.valid) << "corrupted " << id << " at " << pos << " → " << bad;
        ++checked;
      }
    }
  }
  EXPECT_GT(checked, 300000);
}

TEST(IdNumberProperty, AdjacentTranspositionsAreCaught) {
  std::mt19937_64 rng(7064);
  for (int k = 0; k < 2000; ++k) {
    const std::string id = random_valid_id(rng);
    for (size_t pos = 0; pos + 1 < 18; ++pos) {
      if (id[pos] == id[pos + 1]) continue;
      std::string bad = id;
      std::swap(bad[pos], bad[pos + 1]);
      if (bad.find('X') != std::string::npos && bad.find('X') != 17) continue;
      ASSERT_FALSE(normalize(Element::id_number, bad).valid) << id << " swap at " << pos;
    }
  }
}

TEST(IdNumberProperty, LegacyUpgradeMatchesEighteenDigitForm) {
  std::mt19937_64 rng(1999);
  std::uniform_int_distribution<int> year(0, 99), month(1, 12), day(1, 28), seq(0, 999);
  for (int k = 0; k < 2000; ++k) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "330106%02d%02d%02d%03d", year(rng), month(rng), day(rng),
                  seq(rng));
    const std::string legacy(buf);
    const std::string first17 = legacy.substr(0, 6) + "19" + legacy.substr(6);
    const Normalized n = normalize(Element::id_number, legacy);
    ASSERT_TRUE(n.valid) << legacy;
    ASSERT_EQ(n.canonical, first17 + reference_check(first17));
  }
}

// check_id_number, which linkage calls for every record, says what parse_id_number and
// normalize_id_number say: valid or not, which check failed, and the cleaned form.
TEST(IdNumberProperty, CheckAgreesWithParseAndNormalize) {
  std::vector<std::string> raws = {"33010619850312423X",
                                   "33010619850312423x",
                                   "330106 19850312 423X",
                                   "'３３０１０６１９８５０３１２４２３Ｘ",
                                   "330106850312423",
                                   "000106198503124233",
                                   "330106198513124233",
                                   "330106198503124234",
                                   "3301061985031242",
                                   "",
                                   "不详",
                                   "3.30106E+17",
                                   "33010619850312X423",
                                   "330106-850313-423",
                                   "54040219920704052X",
                                   "000106850312423"};
  std::mt19937_64 rng(11643);
  for (int k = 0; k < 3000; ++k) {
    std::string id = random_valid_id(rng);
    id[rng() % 18] = static_cast<char>('0' + rng() % 10);  // often a typo
    raws.push_back(id);
  }
  for (const std::string& raw : raws) {
    char out[18];
    bool legacy15 = false;
    const IdNumberCheck check = check_id_number(raw, out, &legacy15);
    const auto parsed = parse_id_number(raw);
    const Normalized n = normalize_id_number(raw);
    if (check == IdNumberCheck::valid) {
      ASSERT_TRUE(parsed.ok()) << raw;
      EXPECT_EQ(std::string(out, 18), parsed.value().canonical18) << raw;
      EXPECT_EQ(legacy15, parsed.value().legacy15) << raw;
      continue;
    }
    ASSERT_FALSE(parsed.ok()) << raw;
    const std::string& code = parsed.error().code();
    switch (check) {
      case IdNumberCheck::region:
        EXPECT_EQ(code, "id_number.region") << raw;
        break;
      case IdNumberCheck::birth_date:
        EXPECT_EQ(code, "id_number.birth_date") << raw;
        break;
      case IdNumberCheck::checksum:
        EXPECT_EQ(code, "id_number.checksum") << raw;
        break;
      default:
        EXPECT_TRUE(code != "id_number.region" && code != "id_number.birth_date" &&
                    code != "id_number.checksum")
            << raw << " " << code;
        continue;
    }
    EXPECT_EQ(std::string(out, 18), n.canonical) << raw;
  }
}

}  // namespace
}  // namespace shanhai::normalize
