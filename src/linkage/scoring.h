#pragma once
// Scoring candidate pairs with a trained model: each pair's match weight, probability, class and
// the contribution of every field, from which explanations are written (explanation.h).

#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "linkage/blocking.h"
#include "linkage/comparison_vectors.h"
#include "linkage/fellegi_sunter.h"
#include "linkage/link_plan.h"
#include "linkage/prepared_records.h"

namespace shanhai::linkage {

enum class MatchClass : uint8_t { non_match, possible_match, match };

// "match" / "possible_match" / "non_match"; Chinese: 匹配 / 可能匹配 / 不匹配.
std::string_view match_class_name(MatchClass c);
std::string_view match_class_label_zh(MatchClass c);

// What one field contributed to a pair's weight.
struct FieldContribution {
  uint8_t field = 0;   // index of the comparison in the plan
  uint8_t level = 0;   // index into the comparison's levels
  int32_t detail = 0;  // see LevelResult
  float weight = 0;    // log2(m / u), term-frequency adjusted where the level is; 0 when missing
};

struct LinkPair {
  uint32_t left_row = 0, right_row = 0;  // 0-based rows of the two sides (deduplicating: i < j)
  double weight = 0;                     // prior weight + Σ contributions
  double probability = 0;                // match_probability(weight)
  MatchClass match_class = MatchClass::non_match;
  uint8_t field_count = 0;
  std::array<FieldContribution, kMaxComparisons> fields{};  // the first field_count are set

  std::span<const FieldContribution> contributions() const { return {fields.data(), field_count}; }
};

struct ScoringSummary {
  uint64_t scored = 0;  // candidate pairs scored
  uint64_t matches = 0, possible_matches = 0, non_matches = 0;
  uint64_t kept = 0;  // pairs returned (probability >= plan.keep_threshold)
};

// Scores every candidate pair (vectors: compare_pairs of the same pairs, same order) and returns
// those with probability >= plan.keep_threshold (and accepted by plan.keep_pair, when set), in
// candidate order. Threads: plan.threads; no allocation per pair.
std::vector<LinkPair> score_pairs(const LinkPlan& plan, const PreparedRecords& records,
                                  const ModelParameters& model, const CandidatePairs& candidates,
                                  std::span<const ComparisonVector> vectors,
                                  ScoringSummary* summary = nullptr);

// Scores one pair of rows from scratch (for tests, and for explaining a pair on demand).
LinkPair score_pair(const LinkPlan& plan, const PreparedRecords& records,
                    const ModelParameters& model, uint32_t left_row, uint32_t right_row);

}  // namespace shanhai::linkage
