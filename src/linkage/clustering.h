#pragma once
// Clusters: records joined by pairs at or above a probability, as connected components
// (union–find), so that A–B and B–C put A, B and C together even without an A–C pair.

#include <cstdint>
#include <span>
#include <vector>

#include "linkage/scoring.h"

namespace shanhai::linkage {

struct Clusters {
  // cluster[i]: the cluster of node i. Clusters are numbered 0, 1, … in order of their first
  // node, so the numbering depends only on the pairs, not on their order.
  std::vector<uint32_t> cluster;
  uint32_t count = 0;         // clusters, singletons included
  uint32_t multi_member = 0;  // clusters of two or more nodes
};

// Deduplication: nodes are the rows 0 … rows-1; pairs (left_row, right_row) with probability >=
// min_probability join them.
Clusters cluster_records(size_t rows, std::span<const LinkPair> pairs, double min_probability);

// Linking two sides: nodes 0 … left_rows-1 are the left rows, left_rows … left_rows+right_rows-1
// the right rows.
Clusters cluster_linked_records(size_t left_rows, size_t right_rows,
                                std::span<const LinkPair> pairs, double min_probability);

}  // namespace shanhai::linkage
