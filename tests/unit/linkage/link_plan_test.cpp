// Planning: a good spec becomes a plan with the documented levels; every bad configuration is
// refused with its own code and a message in Chinese, then English, naming the entry.

#include "linkage/link_plan.h"

#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

namespace shanhai::linkage {
namespace {

const std::vector<std::string> kLeft = {"姓名", "身份证号", "出生日期", "电话"};
const std::vector<std::string> kRight = {"当事人", "公民身份号码", "出生日期", "联系电话"};

LinkSpec good_spec() {
  LinkSpec s;
  s.comparisons = {
      {.field = "身份证号",
       .kind = "id_number",
       .left_column = "身份证号",
       .right_column = "公民身份号码"},
      {.field = "姓名", .kind = "person_name", .left_column = "姓名", .right_column = "当事人"},
      {.field = "出生日期", .kind = "date", .left_column = "出生日期"},
      {.field = "电话",
       .kind = "exact",
       .left_column = "电话",
       .right_column = "联系电话",
       .element = "phone"},
  };
  s.blocking = {{"id", {{"身份证号", "region_birth"}}},
                {"name_birth", {{"姓名", "pinyin"}, {"出生日期", "value"}}}};
  return s;
}

std::vector<std::string> codes(const ComparisonPlan& c) {
  std::vector<std::string> out;
  for (const auto& l : c.levels) out.push_back(l.code());
  return out;
}

TEST(LinkPlan, GoodSpec) {
  auto plan = plan_link(good_spec(), kLeft, kRight);
  ASSERT_TRUE(plan.ok()) << plan.error().message();
  ASSERT_EQ(plan->comparisons.size(), 4U);
  EXPECT_EQ(plan->comparisons[0].right_column, 1U);
  EXPECT_EQ(plan->comparisons[1].right_column, 0U);
  EXPECT_EQ(plan->comparisons[2].right_column, 2U);  // same name on both sides
  EXPECT_EQ(codes(plan->comparisons[0]),
            (std::vector<std::string>{"missing", "exact", "legacy15", "one_typo", "different"}));
  EXPECT_EQ(
      codes(plan->comparisons[1]),
      (std::vector<std::string>{"missing", "exact", "separators", "pinyin", "jaro_winkler>=0.92",
                                "jaro_winkler>=0.85", "levenshtein<=1", "different"}));
  EXPECT_EQ(codes(plan->comparisons[2]),
            (std::vector<std::string>{"missing", "exact", "within_days<=1", "different"}));
  EXPECT_EQ(codes(plan->comparisons[3]),
            (std::vector<std::string>{"missing", "exact", "different"}));
  EXPECT_TRUE(plan->comparisons[1].term_frequency);   // names: on by default
  EXPECT_FALSE(plan->comparisons[3].term_frequency);  // others: off
  EXPECT_TRUE(plan->comparisons[1].levels[1].term_frequency);
  EXPECT_EQ(plan->comparisons[1].label_en, "names");
  EXPECT_EQ(plan->blocking[1].comparisons_used, 0b0110U);
  EXPECT_EQ(plan->keep_threshold, 0.5);
  EXPECT_FALSE(plan->dedupe);
}

TEST(LinkPlan, DeduplicationReadsOneColumn) {
  LinkSpec s = good_spec();
  auto plan = plan_deduplication(s, kLeft);
  ASSERT_TRUE(plan.ok()) << plan.error().message();
  EXPECT_TRUE(plan->dedupe);
  EXPECT_EQ(plan->comparisons[0].left_column, plan->comparisons[0].right_column);
}

struct BadCase {
  const char* name;
  std::function<void(LinkSpec&)> change;
  const char* code;
  const char* zh_part;  // a piece of the Chinese message
  const char* en_part;  // a piece of the English message
  const char* field;    // Location::field
};
std::ostream& operator<<(std::ostream& os, const BadCase& c) { return os << c.name; }

const BadCase kBad[] = {
    {"unknown kind", [](LinkSpec& s) { s.comparisons[1].kind = "fuzzy_name"; },
     "linkage.unknown_kind", "类型“fuzzy_name”未知", "unknown kind \"fuzzy_name\"",
     "comparisons[1].kind"},
    {"unknown column", [](LinkSpec& s) { s.comparisons[0].right_column = "证件号"; },
     "linkage.unknown_column", "右表列“证件号”不存在", "right column \"证件号\"",
     "comparisons[0].right_column"},
    {"no comparisons", [](LinkSpec& s) { s.comparisons.clear(); }, "linkage.no_comparisons",
     "至少需要一个比较字段", "at least one comparison", "comparisons"},
    {"duplicate field", [](LinkSpec& s) { s.comparisons[2].field = "姓名"; },
     "linkage.duplicate_field", "比较字段“姓名”重复", "appears twice", "comparisons[2].field"},
    {"unknown element", [](LinkSpec& s) { s.comparisons[3].element = "mobile"; },
     "linkage.unknown_element", "要素“mobile”未知", "unknown element \"mobile\"",
     "comparisons[3].element"},
    {"term frequency on id numbers", [](LinkSpec& s) { s.comparisons[0].term_frequency = true; },
     "linkage.term_frequency", "不支持按值频率调整", "no term-frequency adjustment",
     "comparisons[0].term_frequency"},
    {"Jaro-Winkler threshold above 1",
     [](LinkSpec& s) { s.comparisons[1].jaro_winkler_thresholds = {1.2}; },
     "linkage.jaro_winkler_threshold", "Jaro-Winkler 阈值 1.2 无效", "threshold 1.2",
     "comparisons[1].jaro_winkler_thresholds"},
    {"Jaro-Winkler thresholds ascending",
     [](LinkSpec& s) {
       s.comparisons[1].jaro_winkler_thresholds = {0.85, 0.92};
     },
     "linkage.jaro_winkler_threshold", "从大到小", "descending",
     "comparisons[1].jaro_winkler_thresholds"},
    {"negative edits", [](LinkSpec& s) { s.comparisons[1].max_edits = -1; }, "linkage.max_edits",
     "编辑距离上限 -1", "max_edits -1", "comparisons[1].max_edits"},
    {"negative days", [](LinkSpec& s) { s.comparisons[2].within_days = -2; }, "linkage.within_days",
     "相差天数 -2 不能为负", "within_days -2", "comparisons[2].within_days"},
    {"match threshold above 1", [](LinkSpec& s) { s.match_threshold = 1.5; },
     "linkage.threshold_range", "match_threshold = 1.5 不在 [0, 1] 内",
     "match_threshold = 1.5 is outside [0, 1]", "match_threshold"},
    {"possible threshold below 0", [](LinkSpec& s) { s.possible_threshold = -0.1; },
     "linkage.threshold_range", "possible_threshold = -0.1", "outside [0, 1]",
     "possible_threshold"},
    {"keep threshold above 1", [](LinkSpec& s) { s.keep_threshold = 2; }, "linkage.threshold_range",
     "keep_threshold = 2", "outside [0, 1]", "keep_threshold"},
    {"possible above match",
     [](LinkSpec& s) {
       s.match_threshold = 0.8;
       s.possible_threshold = 0.9;
     },
     "linkage.threshold_order", "可能匹配阈值 0.9 大于匹配阈值 0.8",
     "possible_threshold 0.9 is above match_threshold 0.8", "possible_threshold"},
    {"no blocking", [](LinkSpec& s) { s.blocking.clear(); }, "linkage.no_blocking",
     "至少需要一条分块规则", "at least one blocking rule", "blocking"},
    {"empty rule", [](LinkSpec& s) { s.blocking[1].keys.clear(); }, "linkage.empty_rule",
     "分块规则“name_birth”没有键", "blocking rule \"name_birth\" has no keys", "blocking[1].keys"},
    {"key field unknown", [](LinkSpec& s) { s.blocking[0].keys[0].field = "证件"; },
     "linkage.unknown_key_field", "比较字段“证件”不存在", "comparison field \"证件\"",
     "blocking[0].keys[0].field"},
    {"key part unknown for the kind", [](LinkSpec& s) { s.blocking[1].keys[0].part = "year"; },
     "linkage.unknown_key_part", "没有键部件“year”", "has no key part \"year\"",
     "blocking[1].keys[0].part"},
    {"no random pairs", [](LinkSpec& s) { s.u_sample_pairs = 0; }, "linkage.sample_size",
     "随机对数不能为 0", "u_sample_pairs", "u_sample_pairs"},
    {"zero block cap", [](LinkSpec& s) { s.max_block_pairs = 0; }, "linkage.max_pairs",
     "上限必须为正数", "must be positive", "max_block_pairs"},
    {"no EM iterations", [](LinkSpec& s) { s.em_max_iterations = 0; }, "linkage.em_settings",
     "EM 设置无效", "invalid EM settings", "em_max_iterations"},
};

class BadSpec : public ::testing::TestWithParam<BadCase> {};

TEST_P(BadSpec, IsRefusedWithChineseThenEnglish) {
  const BadCase& c = GetParam();
  LinkSpec s = good_spec();
  c.change(s);
  auto plan = plan_link(s, kLeft, kRight);
  ASSERT_FALSE(plan.ok());
  const Error& e = plan.error();
  EXPECT_EQ(e.code(), c.code);
  EXPECT_NE(e.zh().find(c.zh_part), std::string::npos) << e.zh();
  EXPECT_NE(e.en().find(c.en_part), std::string::npos) << e.en();
  EXPECT_EQ(e.where().field, c.field);
  const std::string message = e.message();
  EXPECT_LT(message.find("错误："), message.find("Error: ")) << message;
}

INSTANTIATE_TEST_SUITE_P(Linkage, BadSpec, ::testing::ValuesIn(kBad));

TEST(LinkPlan, KindNamesRoundTrip) {
  for (const char* name : {"id_number", "person_name", "date", "number", "money", "exact"}) {
    const auto kind = comparison_kind_from_name(name);
    ASSERT_TRUE(kind.has_value()) << name;
    EXPECT_EQ(comparison_kind_name(*kind), name);
  }
  EXPECT_FALSE(comparison_kind_from_name("Person_Name").has_value());
}

TEST(LinkPlan, TooManyComparisons) {
  LinkSpec s = good_spec();
  while (s.comparisons.size() <= kMaxComparisons) {
    ComparisonSpec extra = s.comparisons[3];
    extra.field = "电话" + std::to_string(s.comparisons.size());
    s.comparisons.push_back(extra);
  }
  auto plan = plan_link(s, kLeft, kRight);
  ASSERT_FALSE(plan.ok());
  EXPECT_EQ(plan.error().code(), "linkage.too_many_comparisons");
}

}  // namespace
}  // namespace shanhai::linkage
