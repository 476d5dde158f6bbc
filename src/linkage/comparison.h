#pragma once
// Comparing one field of one pair of records: which level of the comparison holds (the first
// in the plan's order), with a detail for explanations.

#include <cstddef>
#include <cstdint>

#include "linkage/link_plan.h"
#include "linkage/prepared_records.h"

namespace shanhai::linkage {

// The level reached and what explains it:
//   missing           1: left value missing, 2: right, 3: both
//   legacy_upgrade    1: the left number was the 15-digit one, 2: the right
//   one_typo          position p (1–18) of a substituted character, or 100 + p when the
//                     characters at p and p + 1 are swapped
//   jaro_winkler      similarity × 1000, rounded down
//   levenshtein       edits
//   within_days, different (date)        days apart (capped at 2^31 - 1)
//   within_tolerance, different (number, money)  |a - b| × 100, rounded (capped)
// 0 otherwise.
struct LevelResult {
  uint8_t level = 0;
  int32_t detail = 0;
};

inline constexpr int32_t kTranspositionDetail = 100;

// Compares comparison `field` (plan: its plan) of two packed rows of records (a: the left
// record's PreparedRecords::row, b: the right one's). No allocation for names up to 64
// characters.
LevelResult compare_field(const ComparisonPlan& plan, const PreparedRecords& records, size_t field,
                          const std::byte* a, const std::byte* b);

}  // namespace shanhai::linkage
