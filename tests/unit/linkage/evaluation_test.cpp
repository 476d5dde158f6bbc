// Evaluation: precision, recall and F1 against complete and labelled truth, and the
// precision–recall curve.

#include "linkage/evaluation.h"

#include <gtest/gtest.h>

#include "linkage_fixture.h"

namespace shanhai::linkage {
namespace {

using testing::probable_pair;

// Truth: (0,0) (1,1) (2,2) (3,3) (4,4). Scored: four true pairs and two false ones.
const std::vector<RowPair> kTrue = {{0, 0}, {1, 1}, {2, 2}, {3, 3}, {4, 4}};
const std::vector<LinkPair> kScored = {probable_pair(0, 0, 0.99), probable_pair(1, 1, 0.97),
                                       probable_pair(5, 2, 0.96), probable_pair(2, 2, 0.80),
                                       probable_pair(3, 3, 0.40), probable_pair(6, 1, 0.30)};

TEST(Evaluation, CompleteTruthAtAThreshold) {
  const Truth truth = Truth::complete(kTrue);
  const Metrics m = evaluate(kScored, truth, 0.95);
  EXPECT_EQ(m.true_positives, 2U);
  EXPECT_EQ(m.false_positives, 1U);
  EXPECT_EQ(m.false_negatives, 3U);  // (4,4) never scored counts too
  EXPECT_NEAR(m.precision, 2.0 / 3.0, 1e-12);
  EXPECT_NEAR(m.recall, 2.0 / 5.0, 1e-12);
  EXPECT_NEAR(m.f1, 2 * (2.0 / 3) * 0.4 / (2.0 / 3 + 0.4), 1e-12);
}

TEST(Evaluation, PrecisionRecallCurve) {
  const Truth truth = Truth::complete(kTrue);
  const std::vector<double> thresholds = {0.5, 0.0, 0.99, 1.0};
  const std::vector<Metrics> curve = precision_recall_curve(kScored, truth, thresholds);
  ASSERT_EQ(curve.size(), 4U);
  EXPECT_EQ(curve[0].threshold, 0.5);  // same order as asked
  EXPECT_EQ(curve[0].true_positives, 3U);
  EXPECT_EQ(curve[0].false_positives, 1U);
  EXPECT_EQ(curve[1].true_positives, 4U);
  EXPECT_EQ(curve[1].false_positives, 2U);
  EXPECT_EQ(curve[2].true_positives, 1U);
  EXPECT_EQ(curve[2].false_positives, 0U);
  EXPECT_EQ(curve[3].true_positives, 0U);
  EXPECT_EQ(curve[3].precision, 1.0);  // nothing predicted
  EXPECT_EQ(curve[3].recall, 0.0);
  EXPECT_EQ(curve[3].f1, 0.0);
}

TEST(Evaluation, LabelledTruthCountsOnlyReviewedPairs) {
  const std::vector<LabelledPair> labels = {
      {0, 0, true}, {1, 1, true}, {5, 2, false}, {3, 3, true}, {9, 9, true}};
  const Truth truth = Truth::labelled(labels);
  EXPECT_FALSE(truth.is_complete());
  EXPECT_EQ(truth.true_pairs(), 4U);
  const Metrics m = evaluate(kScored, truth, 0.5);
  // Predicted and labelled: (0,0) (1,1) true, (5,2) false; (2,2) has no label.
  EXPECT_EQ(m.true_positives, 2U);
  EXPECT_EQ(m.false_positives, 1U);
  EXPECT_EQ(m.false_negatives, 2U);  // (3,3) below the threshold, (9,9) never scored
  EXPECT_EQ(truth.label(2, 2), std::nullopt);
  EXPECT_EQ(truth.label(5, 2), false);
}

TEST(Evaluation, DeduplicationPairsAreUnordered) {
  const std::vector<RowPair> truth_pairs = {{3, 1}};
  const Truth truth = Truth::complete(truth_pairs, /*dedupe=*/true);
  EXPECT_EQ(truth.label(1, 3), true);
  const std::vector<LinkPair> s = {probable_pair(1, 3, 0.99)};
  EXPECT_EQ(evaluate(s, truth, 0.95).f1, 1.0);
}

}  // namespace
}  // namespace shanhai::linkage
