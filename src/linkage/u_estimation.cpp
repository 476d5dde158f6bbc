#include "linkage/u_estimation.h"

#include <algorithm>
#include <cmath>
#include <unordered_set>

#include "linkage/comparison_vectors.h"
#include "linkage/parallel.h"

namespace shanhai::linkage {

namespace {

constexpr size_t kRowChunk = 16;  // left sample rows per chunk

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

// `count` distinct rows of 0 … n-1 (all when count >= n), ascending (Floyd's sampling).
std::vector<uint32_t> sample_rows(uint64_t n, uint64_t count, SplitMix& rng) {
  std::vector<uint32_t> out;
  if (count >= n) {
    out.resize(n);
    for (uint64_t i = 0; i < n; ++i) out[i] = static_cast<uint32_t>(i);
    return out;
  }
  std::unordered_set<uint32_t> chosen;
  for (uint64_t j = n - count; j < n; ++j) {
    const auto t = static_cast<uint32_t>(rng.below(j + 1));
    chosen.insert(chosen.count(t) != 0 ? static_cast<uint32_t>(j) : t);
  }
  out.assign(chosen.begin(), chosen.end());
  std::sort(out.begin(), out.end());
  return out;
}

uint64_t ceil_div(uint64_t a, uint64_t b) { return (a + b - 1) / b; }

}  // namespace

UEstimate estimate_u(const LinkPlan& plan, const PreparedRecords& records) {
  const size_t fields = plan.comparisons.size();
  UEstimate out;
  out.counts.resize(fields);
  for (size_t f = 0; f < fields; ++f) out.counts[f].assign(plan.comparisons[f].levels.size(), 0);

  const bool dedupe = records.dedupe();
  const uint64_t left = records.left_rows(), right = records.right_rows();
  const uint64_t wanted = plan.u_sample_pairs;
  // The two samples: every pair of a left sample with a right sample (deduplicating: every pair
  // of two different rows of one sample). Both small, their records stay in the cache.
  SplitMix rng{plan.seed};
  std::vector<uint32_t> left_sample, right_sample;
  if (dedupe) {
    if (left >= 2) {
      uint64_t k = 2;  // smallest sample with at least `wanted` pairs
      while (k < left && k * (k - 1) / 2 < wanted) k = std::max(k + 1, k + k / 4);
      left_sample = sample_rows(left, k, rng);
    }
  } else if (left > 0 && right > 0) {
    const auto root = static_cast<uint64_t>(std::ceil(std::sqrt(static_cast<double>(wanted))));
    const uint64_t l = std::min(left, std::max(root, ceil_div(wanted, right)));
    left_sample = sample_rows(left, l, rng);
    right_sample = sample_rows(right, ceil_div(wanted, l), rng);
  }
  const size_t rows = left_sample.size();
  std::vector<std::vector<uint64_t>> row_counts(chunk_count(rows, kRowChunk));
  for_each_chunk(rows, kRowChunk, plan.threads, [&](size_t c, size_t begin, size_t end) {
    std::vector<uint64_t>& mine = row_counts[c];
    mine.assign(fields * kMaxLevels + 1, 0);  // the last: pairs compared
    for (size_t x = begin; x < end; ++x) {
      const uint32_t a = records.left_index(left_sample[x]);
      const std::vector<uint32_t>& others = dedupe ? left_sample : right_sample;
      for (size_t y = dedupe ? x + 1 : 0; y < others.size(); ++y) {
        const ComparisonVector v =
            compare_records(plan, records, a, records.right_index(others[y]));
        for (size_t f = 0; f < fields; ++f) ++mine[f * kMaxLevels + level_of(v, f)];
        ++mine.back();
      }
    }
  });
  for (const auto& mine : row_counts) {
    for (size_t f = 0; f < fields; ++f) {
      for (size_t l = 0; l < out.counts[f].size(); ++l)
        out.counts[f][l] += mine[f * kMaxLevels + l];
    }
    out.pairs += mine.back();
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
