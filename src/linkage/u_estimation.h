#pragma once
// u probabilities: how often each comparison level holds between two records drawn at random,
// almost all of which are different people. Rows are drawn with a seeded generator, so the same
// seed and data give the same estimate on any number of threads.
#include <cstdint>
#include <vector>

#include "linkage/link_plan.h"
#include "linkage/prepared_records.h"

namespace shanhai::linkage {

struct UEstimate {
  std::vector<std::vector<double>> u;         // [field][level]; the missing level's is unused
  std::vector<std::vector<uint64_t>> counts;  // [field][level]: random pairs at each level
  uint64_t pairs = 0;                         // pairs compared
};

// Compares about plan.u_sample_pairs pairs of random records, seeded by plan.seed: every pair of
// a random sample of left rows with one of right rows (deduplicating: every pair of two
// different rows of one sample), the samples about the square root of u_sample_pairs each, so
// that their records stay in the cache while they are compared; when the sides have fewer pairs,
// every pair. u of a level = its count / pairs where neither value is missing, with a count of 0
// read as 0.5 (a level never seen is rare, not impossible). A field missing in every compared
// pair gets equal u on every level. No pairs when a side is empty (or, when deduplicating, has
// fewer than two rows).
UEstimate estimate_u(const LinkPlan& plan, const PreparedRecords& records);

}  // namespace shanhai::linkage
