#pragma once
// Comparison vectors: the level of every comparison for each candidate pair, packed four bits a
// field into 32 bits. Training counts the distinct vectors; scoring looks their weights up.

#include <cstdint>
#include <span>
#include <vector>

#include "linkage/blocking.h"
#include "linkage/link_plan.h"
#include "linkage/prepared_records.h"

namespace shanhai::linkage {

using ComparisonVector = uint32_t;

inline uint8_t level_of(ComparisonVector v, size_t field) {
  return static_cast<uint8_t>((v >> (4 * field)) & 0xF);
}
inline ComparisonVector with_level(ComparisonVector v, size_t field, uint8_t level) {
  return (v & ~(ComparisonVector{0xF} << (4 * field))) | (ComparisonVector{level} << (4 * field));
}

// The comparison vector of the left record at left_index and the right one at right_index
// (indices of PreparedRecords).
ComparisonVector compare_records(const LinkPlan& plan, const PreparedRecords& records,
                                 uint32_t left_index, uint32_t right_index);

// The comparison vector of every pair, in the order of `pairs` (threads: plan.threads).
std::vector<ComparisonVector> compare_pairs(const LinkPlan& plan, const PreparedRecords& records,
                                            std::span<const RowPair> pairs);

}  // namespace shanhai::linkage
