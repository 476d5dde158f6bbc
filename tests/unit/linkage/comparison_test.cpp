// Comparison levels, one table per kind: real-looking values, the level reached, its detail and
// the Chinese explanation a procurator reads.

#include "linkage/comparison.h"

#include <gtest/gtest.h>

#include <set>

#include "linkage/prepared_records.h"

#include "linkage_fixture.h"

namespace shanhai::linkage {
namespace {

using testing::compare_values;
using testing::Compared;

struct LevelCase {
  const char* a;
  const char* b;
  const char* level;
  int32_t detail;
  const char* zh;  // explanation; "" when not checked
};
std::ostream& operator<<(std::ostream& os, const LevelCase& c) {
  return os << '"' << c.a << "\" vs \"" << c.b << '"';
}

void check(const ComparisonSpec& spec, const LevelCase& c) {
  const Compared got = compare_values(spec, c.a, c.b);
  EXPECT_EQ(got.level, c.level);
  EXPECT_EQ(got.detail, c.detail);
  if (*c.zh) {
    EXPECT_EQ(got.zh, c.zh);
  }
}

// 33010619850312423X is valid; 000106… has an invalid region code, 3301061985131… an invalid
// birth month.
const LevelCase kIdCases[] = {
    {"33010619850312423X", "33010619850312423X", "exact", 0, "身份证号一致"},
    {"33010619850312423x", "330106 19850312 423X", "exact", 0, "身份证号一致"},
    {"'３３０１０６１９８５０３１２４２３Ｘ", "33010619850312423X", "exact", 0, ""},
    {"330106850312423", "33010619850312423X", "legacy15", 1,
     "身份证号为15位旧号码（左表）升级后相同"},
    {"33010619850312423X", "330106850312423", "legacy15", 2, ""},
    {"330106850312423", "330106850312423", "exact", 0, ""},
    // One substituted digit at position 14 (the day): the check character is now wrong.
    {"33010619850312423X", "33010619850313423X", "one_typo", 14, "身份证号仅第14位不同"},
    {"33010619850312423X", "330106198503124230", "one_typo", 18, "身份证号仅第18位不同"},
    {"33010619850312423X", "33010619850312243X", "one_typo", 115,
     "身份证号第15、16位前后颠倒，其余相同"},
    // A legacy number with a typo: its computed check character is not compared.
    {"330106850313423", "33010619850312423X", "one_typo", 14, ""},
    // The typo level needs valid region codes and birth dates on both sides.
    {"000106198503124233", "000106198503134233", "different", 0, "身份证号不同"},
    {"330106198513124233", "330106198503124233", "different", 0, ""},
    {"33010619850312423X", "54040219920704052X", "different", 0, ""},
    {"33010619850312423X", "33010619850313433X", "different", 0, ""},   // two digits differ
    {"33010619850312423X", "33010619850321423X", "one_typo", 113, ""},  // 12 → 21
    {"", "33010619850312423X", "missing", 1, "身份证号缺失（左表），不计分"},
    {"33010619850312423X", "不详", "missing", 2, "身份证号缺失（右表），不计分"},
    {"1234", "", "missing", 3, "身份证号缺失（两表），不计分"},
    {"3301061985E+17", "33010619850312423X", "missing", 1, ""},
};

class IdNumberLevels : public ::testing::TestWithParam<LevelCase> {};
TEST_P(IdNumberLevels, Level) {
  ComparisonSpec spec;
  spec.field = "身份证号";
  spec.kind = "id_number";
  check(spec, GetParam());
}
INSTANTIATE_TEST_SUITE_P(Linkage, IdNumberLevels, ::testing::ValuesIn(kIdCases));

const LevelCase kNameCases[] = {
    {"张三", "张三", "exact", 0, "姓名相同"},
    {"張三", "张三", "exact", 0, "姓名相同"},  // traditional → simplified
    {"张 三", "张三", "exact", 0, ""},
    {"热孜亚 · 吾斯曼", "热孜亚·吾斯曼", "exact", 0, ""},
    {"热孜亚•吾斯曼", "热孜亚·吾斯曼", "separators", 0, "姓名相同（分隔符不同）"},
    {"热孜亚吾斯曼", "热孜亚·吾斯曼", "separators", 0, "姓名相同（分隔符不同）"},
    {"热孜亚・吾斯曼", "热孜亚吾斯曼", "separators", 0, ""},
    {"章三", "张三", "pinyin", 0, "姓名拼音相同"},
    {"王丽", "王莉", "pinyin", 0, ""},
    {"热孜亚吾斯曼", "热孜亚吾斯满", "pinyin", 0, ""},  // 曼 and 满 are both man
    {"热孜亚吾斯曼", "热孜亚吾斯兰", "jaro_winkler>=0.92", 933, "姓名相近（相似度0.93）"},
    {"欧阳建国", "欧阳建华", "jaro_winkler>=0.85", 883, "姓名相近（相似度0.88）"},
    {"张伟", "张强", "levenshtein<=1", 1, "姓名仅差1个字"},
    {"王秀英", "王英秀", "different", 0, "姓名不同"},
    {"王秀英", "李建国", "different", 0, ""},
    {"", "张三", "missing", 1, "姓名缺失（左表），不计分"},
    {"张三", "  ", "missing", 2, ""},
};

class PersonNameLevels : public ::testing::TestWithParam<LevelCase> {};
TEST_P(PersonNameLevels, Level) {
  ComparisonSpec spec;
  spec.field = "姓名";
  spec.kind = "person_name";
  check(spec, GetParam());
}
INSTANTIATE_TEST_SUITE_P(Linkage, PersonNameLevels, ::testing::ValuesIn(kNameCases));

const LevelCase kDateCases[] = {
    {"1985-03-12", "1985年3月12日", "exact", 0, "死亡日期一致"},
    {"1985/3/12", "19850312", "exact", 0, ""},
    {"1985-03-12", "19850313", "within_days<=1", 1, "死亡日期相差1天"},
    {"1985-03-12", "1985-04-12", "different", 31, "死亡日期不同（相差31天）"},
    {"", "1985-03-12", "missing", 1, ""},
    {"不详", "1985-03-12", "missing", 1, ""},
};

class DateLevels : public ::testing::TestWithParam<LevelCase> {};
TEST_P(DateLevels, Level) {
  ComparisonSpec spec;
  spec.field = "死亡日期";
  spec.kind = "date";
  check(spec, GetParam());
}
INSTANTIATE_TEST_SUITE_P(Linkage, DateLevels, ::testing::ValuesIn(kDateCases));

TEST(DateLevels, WithinDaysIsConfigurable) {
  ComparisonSpec spec;
  spec.field = "出生日期";
  spec.kind = "date";
  spec.within_days = 3;
  EXPECT_EQ(compare_values(spec, "1985-03-12", "1985-03-15").level, "within_days<=3");
  spec.within_days = 0;
  EXPECT_EQ(compare_values(spec, "1985-03-12", "1985-03-13").level, "different");
}

const LevelCase kMoneyCases[] = {
    {"5000", "5,000.00元", "exact", 0, "罚款金额相等"},
    {"5000", "伍仟元整", "exact", 0, ""},
    {"5000", "5000.5", "within_tolerance", 50, "罚款金额相近（相差0.5）"},
    {"5000", "一万元", "different", 500000, "罚款金额不同（相差5000）"},
    {"", "5000", "missing", 1, ""},
};

class MoneyLevels : public ::testing::TestWithParam<LevelCase> {};
TEST_P(MoneyLevels, Level) {
  ComparisonSpec spec;
  spec.field = "罚款金额";
  spec.kind = "money";
  spec.absolute_tolerance = 1;
  check(spec, GetParam());
}
INSTANTIATE_TEST_SUITE_P(Linkage, MoneyLevels, ::testing::ValuesIn(kMoneyCases));

TEST(NumberLevels, RelativeTolerance) {
  ComparisonSpec spec;
  spec.field = "面积";
  spec.kind = "number";
  spec.relative_tolerance = 0.01;
  EXPECT_EQ(compare_values(spec, "1000", "1009.5").level, "within_tolerance");
  EXPECT_EQ(compare_values(spec, "1000", "1011").level, "different");
  EXPECT_EQ(compare_values(spec, "1,000", "1000.0").level, "exact");
}

const LevelCase kPhoneCases[] = {
    {"13812345678", "+86 138-1234-5678", "exact", 0, "联系电话相同"},
    {"13812345678", "13912345678", "different", 0, "联系电话不同"},
    {"", "13812345678", "missing", 1, ""},
};

class ExactLevels : public ::testing::TestWithParam<LevelCase> {};
TEST_P(ExactLevels, Level) {
  ComparisonSpec spec;
  spec.field = "联系电话";
  spec.kind = "exact";
  spec.element = "phone";
  check(spec, GetParam());
}
INSTANTIATE_TEST_SUITE_P(Linkage, ExactLevels, ::testing::ValuesIn(kPhoneCases));

// Exact values of up to 18 digits are compared by their codes, longer and other values by their
// dictionary ids: leading zeros count, and the two kinds never meet.
const LevelCase kCodeCases[] = {
    {"007", "007", "exact", 0, ""},
    {"007", "07", "different", 0, ""},
    {"0", "00", "different", 0, ""},
    {"999999999999999999", "999999999999999999", "exact", 0, ""},    // 18 digits
    {"1234567890123456789", "1234567890123456789", "exact", 0, ""},  // 19: a text
    {"1234567890123456789", "123456789012345678", "different", 0, ""},
    {"A-1", "A-1", "exact", 0, ""},
    {"A-1", "1", "different", 0, ""},
    {"", "1", "missing", 1, ""},
};
class ExactCodes : public ::testing::TestWithParam<LevelCase> {};
TEST_P(ExactCodes, Level) {
  ComparisonSpec spec;
  spec.field = "编号";
  spec.kind = "exact";
  check(spec, GetParam());
}
INSTANTIATE_TEST_SUITE_P(Linkage, ExactCodes, ::testing::ValuesIn(kCodeCases));

TEST(ExactCodes, DigitsRoundTrip) {
  std::set<uint64_t> seen;
  for (const char* v : {"0", "9", "00", "01", "10", "99", "000", "13812345678", "013812345678",
                        "999999999999999999", "000000000000000000", "100000000000000000"}) {
    const uint64_t code = digit_code(v);
    ASSERT_NE(code, kNoCode) << v;
    EXPECT_LT(code, kTextCode) << v;
    EXPECT_EQ(digit_text(code), v);
    EXPECT_TRUE(seen.insert(code).second) << v;
  }
  EXPECT_EQ(digit_code(""), kNoCode);
  EXPECT_EQ(digit_code("1234567890123456789"), kNoCode);
  EXPECT_EQ(digit_code("12a"), kNoCode);
  EXPECT_EQ(digit_code("-1"), kNoCode);
}

TEST(Explanations, EnglishVersion) {
  ComparisonSpec id;
  id.field = "身份证号";
  id.kind = "id_number";
  EXPECT_EQ(compare_values(id, "33010619850312423X", "33010619850313423X").en,
            "identity numbers differ only at position 14");
  EXPECT_EQ(compare_values(id, "330106850312423", "33010619850312423X").en,
            "identity numbers equal once the 15-digit legacy number (left) is upgraded");
  ComparisonSpec name;
  name.field = "姓名";
  name.kind = "person_name";
  EXPECT_EQ(compare_values(name, "章三", "张三").en, "names sound the same (same pinyin)");
  EXPECT_EQ(compare_values(name, "", "张三").en, "names missing (left), not counted");
  name.label_en = "party names";
  EXPECT_EQ(compare_values(name, "热孜亚•吾斯曼", "热孜亚吾斯曼").en,
            "party names equal (different separators)");
}

}  // namespace
}  // namespace shanhai::linkage
