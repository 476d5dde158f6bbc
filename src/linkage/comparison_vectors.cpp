#include "linkage/comparison_vectors.h"

#include "linkage/comparison.h"
#include "linkage/parallel.h"

namespace shanhai::linkage {

ComparisonVector compare_records(const LinkPlan& plan, const PreparedRecords& records,
                                 uint32_t left_index, uint32_t right_index) {
  ComparisonVector v = 0;
  for (size_t f = 0; f < plan.comparisons.size(); ++f) {
    const LevelResult r =
        compare_field(plan.comparisons[f], records.field(f), left_index, right_index);
    v |= ComparisonVector{r.level} << (4 * f);
  }
  return v;
}

std::vector<ComparisonVector> compare_pairs(const LinkPlan& plan, const PreparedRecords& records,
                                            std::span<const RowPair> pairs) {
  std::vector<ComparisonVector> out(pairs.size());
  for_each_chunk(pairs.size(), 1 << 14, plan.threads, [&](size_t, size_t begin, size_t end) {
    for (size_t p = begin; p < end; ++p) {
      out[p] = compare_records(plan, records, records.left_index(pairs[p].left),
                               records.right_index(pairs[p].right));
    }
  });
  return out;
}

}  // namespace shanhai::linkage
