#pragma once
// u probabilities: how often each comparison level holds between two records drawn at random,
// almost all of which are different people. Pairs are drawn with a seeded generator in fixed
// chunks, so the same seed and data give the same estimate on any number of threads.

#include <cstdint>
#include <vector>

#include "linkage/link_plan.h"
#include "linkage/prepared_records.h"

namespace shanhai::linkage {

struct UEstimate {
  std::vector<std::vector<double>> u;         // [field][level]; the missing level's is unused
  std::vector<std::vector<uint64_t>> counts;  // [field][level]: random pairs at each level
  uint64_t pairs = 0;                         // random pairs drawn
};

// Draws plan.u_sample_pairs random pairs (left × right; when deduplicating, two different rows)
// seeded by plan.seed. u of a level = its count / pairs where neither value is missing, with a
// count of 0 read as 0.5 (a level never seen is rare, not impossible). A field missing in every
// drawn pair gets equal u on every level. No pairs are drawn when a side is empty (or, when
// deduplicating, has fewer than two rows).
UEstimate estimate_u(const LinkPlan& plan, const PreparedRecords& records);

}  // namespace shanhai::linkage
