#include "linkage/u_estimation.h"

#include <algorithm>

#include "linkage/comparison_vectors.h"
#include "linkage/parallel.h"

namespace shanhai::linkage {

namespace {

constexpr size_t kChunk = 1 << 15;

// splitmix64: small, fast, and good enough to pick random rows.
struct SplitMix {
  uint64_t state;
  uint64_t next() {
    uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  uint64_t below(uint64_t n) { return static_cast<uint64_t>((__uint128_t{next()} * n) >> 64); }
};

}  // namespace

UEstimate estimate_u(const LinkPlan& plan, const PreparedRecords& records) {
  const size_t fields = plan.comparisons.size();
  UEstimate out;
  out.counts.resize(fields);
  for (size_t f = 0; f < fields; ++f) out.counts[f].assign(plan.comparisons[f].levels.size(), 0);

  const uint64_t left = records.left_rows(), right = records.right_rows();
  const bool possible = records.dedupe() ? left >= 2 : (left > 0 && right > 0);
  const uint64_t pairs = possible ? plan.u_sample_pairs : 0;
  out.pairs = pairs;
  const size_t chunks = chunk_count(pairs, kChunk);
  std::vector<std::vector<uint64_t>> chunk_counts(chunks);
  for_each_chunk(pairs, kChunk, plan.threads, [&](size_t c, size_t begin, size_t end) {
    SplitMix rng{plan.seed ^ (0xd1b54a32d192ed03ULL * (c + 1))};
    std::vector<uint64_t>& mine = chunk_counts[c];
    mine.assign(fields * kMaxLevels, 0);
    for (size_t k = begin; k < end; ++k) {
      uint32_t a, b;
      if (records.dedupe()) {
        a = static_cast<uint32_t>(rng.below(left));
        b = static_cast<uint32_t>(rng.below(left - 1));
        if (b >= a) ++b;
      } else {
        a = static_cast<uint32_t>(rng.below(left));
        b = static_cast<uint32_t>(rng.below(right));
      }
      const ComparisonVector v =
          compare_records(plan, records, records.left_index(a), records.right_index(b));
      for (size_t f = 0; f < fields; ++f) ++mine[f * kMaxLevels + level_of(v, f)];
    }
  });
  for (const auto& mine : chunk_counts) {
    for (size_t f = 0; f < fields; ++f) {
      for (size_t l = 0; l < out.counts[f].size(); ++l)
        out.counts[f][l] += mine[f * kMaxLevels + l];
    }
  }

  out.u.resize(fields);
  for (size_t f = 0; f < fields; ++f) {
    const auto& counts = out.counts[f];
    std::vector<double>& u = out.u[f];
    u.assign(counts.size(), 0.0);
    uint64_t present = 0;
    for (size_t l = 1; l < counts.size(); ++l) present += counts[l];
    for (size_t l = 1; l < counts.size(); ++l) {
      u[l] = present == 0
                 ? 1.0 / static_cast<double>(counts.size() - 1)
                 : std::max(static_cast<double>(counts[l]), 0.5) / static_cast<double>(present);
    }
  }
  return out;
}

}  // namespace shanhai::linkage
