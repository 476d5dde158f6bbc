// Scoring: weights from m and u, term-frequency adjustment of names, probabilities and classes.

#include "linkage/scoring.h"

#include <gtest/gtest.h>

#include <cmath>

#include "linkage/blocking.h"
#include "linkage/comparison_vectors.h"
#include "linkage_fixture.h"

namespace shanhai::linkage {
namespace {

using testing::Table;

// 40 records named 王伟 and one 热孜亚·吾斯曼 on each side.
std::vector<std::vector<std::string>> people() {
  std::vector<std::vector<std::string>> rows;
  for (int i = 0; i < 40; ++i) rows.push_back({"王伟", std::to_string(i)});
  rows.push_back({"热孜亚·吾斯曼", "x"});
  return rows;
}

struct Fixture {
  Table left{{"name", "phone"}, people()};
  Table right{{"name", "phone"}, people()};
  LinkPlan plan;
  ModelParameters model;

  explicit Fixture(bool term_frequency) {
    LinkSpec s;
    s.comparisons = {{.field = "姓名",
                      .kind = "person_name",
                      .left_column = "name",
                      .term_frequency = term_frequency},
                     {.field = "电话", .kind = "exact", .left_column = "phone"}};
    s.blocking = {{"name", {{"姓名", "value"}}}};
    plan = plan_link(s, left.records().names(), right.records().names()).value();
    model = initial_parameters(plan);
    for (size_t f = 0; f < plan.comparisons.size(); ++f) {
      model.fields[f].u.assign(plan.comparisons[f].levels.size(), 0.01);
      model.fields[f].u.back() = 0.9;
    }
    model.lambda = 0.01;
  }

  // Blocks, compares and scores every candidate pair.
  std::vector<LinkPair> score_all(ScoringSummary& summary) const {
    const PreparedRecords records = PreparedRecords::prepare(plan, left, right);
    auto candidates = find_candidate_pairs(plan, records);
    EXPECT_TRUE(candidates.ok());
    const auto vectors = compare_pairs(plan, records, candidates->pairs);
    return score_pairs(plan, records, model, *candidates, vectors, &summary);
  }
};

TEST(TermFrequency, CommonNameWeighsLessThanRareName) {
  Fixture fx(true);
  const PreparedRecords records = PreparedRecords::prepare(fx.plan, fx.left, fx.right);
  const LinkPair common = score_pair(fx.plan, records, fx.model, 0, 0);  // 王伟 / 王伟
  const LinkPair rare = score_pair(fx.plan, records, fx.model, 40, 40);  // 热孜亚·吾斯曼
  const double w_common = common.contributions()[0].weight;
  const double w_rare = rare.contributions()[0].weight;
  EXPECT_LT(w_common, w_rare);
  // u of the exact level is the name's frequency: 80 of 82 names, and 2 of 82.
  const double m = fx.model.fields[0].m[1];
  EXPECT_NEAR(w_common, std::log2(m / (80.0 / 82.0)), 1e-5);
  EXPECT_NEAR(w_rare, std::log2(m / (2.0 / 82.0)), 1e-5);
}

TEST(TermFrequency, OffGivesEveryExactNameTheSameWeight) {
  Fixture fx(false);
  const PreparedRecords records = PreparedRecords::prepare(fx.plan, fx.left, fx.right);
  const LinkPair common = score_pair(fx.plan, records, fx.model, 0, 0);
  const LinkPair rare = score_pair(fx.plan, records, fx.model, 40, 40);
  EXPECT_FLOAT_EQ(common.contributions()[0].weight, rare.contributions()[0].weight);
  EXPECT_NEAR(common.contributions()[0].weight, fx.model.level_weight(0, 1), 1e-5);
}

TEST(Scoring, WeightIsPriorPlusContributions) {
  Fixture fx(true);
  const PreparedRecords records = PreparedRecords::prepare(fx.plan, fx.left, fx.right);
  const LinkPair p = score_pair(fx.plan, records, fx.model, 3, 3);  // same name, same phone
  double sum = fx.model.prior_weight();
  for (const FieldContribution& c : p.contributions()) sum += c.weight;
  EXPECT_NEAR(p.weight, sum, 1e-5);
  EXPECT_NEAR(p.probability, std::exp2(p.weight) / (1 + std::exp2(p.weight)), 1e-12);
  EXPECT_EQ(p.field_count, 2);
  EXPECT_EQ(fx.plan.comparisons[1].levels[p.contributions()[1].level].code(), "exact");
}

TEST(Scoring, ClassesFollowTheThresholds) {
  Fixture fx(true);
  fx.plan.match_threshold = 0.9;
  fx.plan.possible_threshold = 0.3;
  fx.plan.keep_threshold = 0.0;
  ScoringSummary summary;
  const auto pairs = fx.score_all(summary);
  EXPECT_EQ(summary.scored, 40U * 40U + 1U);
  EXPECT_EQ(pairs.size(), summary.scored);  // keep_threshold 0 keeps all
  uint64_t matches = 0;
  for (const LinkPair& p : pairs) {
    const MatchClass expected = p.probability >= 0.9   ? MatchClass::match
                                : p.probability >= 0.3 ? MatchClass::possible_match
                                                       : MatchClass::non_match;
    EXPECT_EQ(p.match_class, expected);
    matches += p.match_class == MatchClass::match;
  }
  EXPECT_EQ(matches, summary.matches);
  EXPECT_EQ(summary.matches + summary.possible_matches + summary.non_matches, summary.scored);
}

TEST(Scoring, KeepThresholdDropsTheRest) {
  Fixture fx(true);
  fx.plan.keep_threshold = 0.999;
  ScoringSummary summary;
  const auto pairs = fx.score_all(summary);
  EXPECT_EQ(summary.kept, pairs.size());
  for (const LinkPair& p : pairs) EXPECT_GE(p.probability, 0.999);
  EXPECT_LT(pairs.size(), summary.scored);
}

TEST(MatchProbability, IsStableAtTheExtremes) {
  EXPECT_DOUBLE_EQ(match_probability(0), 0.5);
  EXPECT_NEAR(match_probability(10), 1024.0 / 1025.0, 1e-15);
  EXPECT_GE(match_probability(-2000), 0.0);
  EXPECT_LT(match_probability(-2000), 1e-300);
  EXPECT_EQ(match_probability(2000), 1.0);
}

}  // namespace
}  // namespace shanhai::linkage
