#pragma once
// Measuring a linkage against the truth: precision, recall and F1 at a threshold, and the
// precision–recall curve over thresholds.
//
// Two kinds of truth. Complete: every true pair is listed (a generated benchmark, a fully
// reviewed sample); any other predicted pair is a false positive and a true pair never
// predicted, even one blocking did not propose, a false negative. Labelled: some pairs were
// reviewed as match or non-match (clerical review); only those pairs count.

#include <cstdint>
#include <optional>
#include <span>
#include <unordered_map>
#include <vector>

#include "linkage/blocking.h"
#include "linkage/scoring.h"

namespace shanhai::linkage {

struct LabelledPair {
  uint32_t left_row = 0, right_row = 0;
  bool is_match = false;
};

class Truth {
 public:
  // Every true pair; all other pairs are non-matches. When deduplicating, (i, j) and (j, i) are
  // the same pair.
  static Truth complete(std::span<const RowPair> matches, bool dedupe = false);
  // Reviewed pairs only (a pair listed twice keeps its last label).
  static Truth labelled(std::span<const LabelledPair> pairs, bool dedupe = false);

  // Whether the pair is a match; nullopt when a labelled truth has no label for it (a complete
  // truth answers false for every unlisted pair).
  std::optional<bool> label(uint32_t left_row, uint32_t right_row) const;
  uint64_t true_pairs() const { return true_pairs_; }
  bool is_complete() const { return complete_; }

 private:
  uint64_t key(uint32_t left, uint32_t right) const;
  bool complete_ = true;
  bool dedupe_ = false;
  std::unordered_map<uint64_t, bool> labels_;
  uint64_t true_pairs_ = 0;
};

struct Metrics {
  double threshold = 0;
  uint64_t true_positives = 0, false_positives = 0, false_negatives = 0;
  double precision = 0, recall = 0, f1 = 0;  // precision 1 when nothing is predicted
};

// Pairs with probability >= threshold are predicted matches. Scored pairs are the pairs a
// linkage returned (pairs it did not return count as predicted non-matches).
Metrics evaluate(std::span<const LinkPair> scored, const Truth& truth, double threshold);

// Metrics at each threshold (any order; the result is in the same order), in one pass after a
// sort of the scored pairs.
std::vector<Metrics> precision_recall_curve(std::span<const LinkPair> scored, const Truth& truth,
                                            std::span<const double> thresholds);

}  // namespace shanhai::linkage
