#include "linkage/comparison_vectors.h"

#include "linkage/comparison.h"
#include "linkage/parallel.h"

namespace shanhai::linkage {

ComparisonVector compare_records(const LinkPlan& plan, const PreparedRecords& records,
                                 uint32_t left_index, uint32_t right_index) {
  ComparisonVector v = 0;
  const std::byte* a = records.row(left_index);
  const std::byte* b = records.row(right_index);
  for (size_t f = 0; f < plan.comparisons.size(); ++f) {
    const LevelResult r = compare_field(plan.comparisons[f], records, f, a, b);
    v |= ComparisonVector{r.level} << (4 * f);
  }
  return v;
}

// Pairs ahead whose rows are fetched while the current pair is compared.
constexpr size_t kAhead = 16;

std::vector<ComparisonVector> compare_pairs(const LinkPlan& plan, const PreparedRecords& records,
                                            std::span<const RowPair> pairs) {
  std::vector<ComparisonVector> out(pairs.size());
  // Names are compared character by character when they differ: the characters are fetched
  // too, once the rows that point to them have arrived.
  std::vector<size_t> names;
  for (size_t f = 0; f < plan.comparisons.size(); ++f) {
    if (plan.comparisons[f].kind == ComparisonKind::person_name) names.push_back(f);
  }
  auto fetch_characters = [&](uint32_t index) {
    const std::byte* row = records.row(index);
    for (size_t f : names) {
      const auto ref = load_at<NameRef>(row + records.layout().value_offset[f]);
      __builtin_prefetch(records.field(f).names.code_points(ref).data());
    }
  };
  for_each_chunk(pairs.size(), 1 << 14, plan.threads, [&](size_t, size_t begin, size_t end) {
    for (size_t p = begin; p < end; ++p) {
      if (p + kAhead < end) {  // pairs come by left row: the right rows are the random reads
        __builtin_prefetch(records.row(records.right_index(pairs[p + kAhead].right)));
      }
      if (!names.empty() && p + kAhead / 2 < end) {
        fetch_characters(records.left_index(pairs[p + kAhead / 2].left));
        fetch_characters(records.right_index(pairs[p + kAhead / 2].right));
      }
      out[p] = compare_records(plan, records, records.left_index(pairs[p].left),
                               records.right_index(pairs[p].right));
    }
  });
  return out;
}

}  // namespace shanhai::linkage
