#include "linkage/value_dictionary.h"

#include <bit>
#include <functional>

#include "linkage/parallel.h"

namespace shanhai::linkage {

namespace {

constexpr int kPartitionBits = 8;
constexpr size_t kPartitions = size_t{1} << kPartitionBits;
constexpr size_t kChunk = 1 << 16;

inline size_t partition_of(uint64_t hash) { return hash >> (64 - kPartitionBits); }

inline uint64_t hash_value(std::string_view v) {
  // std::hash is good in the low bits; mix so that the top bits pick partitions evenly.
  uint64_t h = std::hash<std::string_view>{}(v);
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  return h;
}

}  // namespace

ValueDictionary build_value_dictionary(std::span<const std::string_view> values, unsigned threads) {
  const size_t n = values.size();
  ValueDictionary out;
  out.ids.assign(n, kNoValue);
  std::vector<uint64_t> hashes(n);
  const size_t chunks = chunk_count(n, kChunk);
  // counts[c * kPartitions + p]: values of chunk c in partition p, then their write offsets.
  std::vector<size_t> counts(chunks * kPartitions, 0);
  for_each_chunk(n, kChunk, threads, [&](size_t c, size_t begin, size_t end) {
    size_t* mine = &counts[c * kPartitions];
    for (size_t i = begin; i < end; ++i) {
      if (values[i].empty()) continue;
      hashes[i] = hash_value(values[i]);
      ++mine[partition_of(hashes[i])];
    }
  });
  std::vector<size_t> partition_begin(kPartitions + 1, 0);
  size_t offset = 0;
  for (size_t p = 0; p < kPartitions; ++p) {
    partition_begin[p] = offset;
    for (size_t c = 0; c < chunks; ++c) {
      const size_t k = counts[c * kPartitions + p];
      counts[c * kPartitions + p] = offset;
      offset += k;
    }
  }
  partition_begin[kPartitions] = offset;
  // Input indices and their hashes grouped by partition, ascending within: each partition then
  // reads its part front to back.
  std::vector<uint32_t> order(offset);
  std::vector<uint64_t> ordered_hashes(offset);
  for_each_chunk(n, kChunk, threads, [&](size_t c, size_t begin, size_t end) {
    size_t* next = &counts[c * kPartitions];
    for (size_t i = begin; i < end; ++i) {
      if (values[i].empty()) continue;
      const size_t k = next[partition_of(hashes[i])]++;
      order[k] = static_cast<uint32_t>(i);
      ordered_hashes[k] = hashes[i];
    }
  });
  hashes = {};

  // Each partition numbers its values from 0 in order of first appearance. The table holds local
  // ids; the hash of each local id sits beside it in first_hash (small, so in the cache), and
  // strings are compared only when the hashes are equal.
  std::vector<std::vector<uint32_t>> firsts(kPartitions);  // first input index of each local id
  std::vector<uint32_t> local_of(offset);                  // per ordered entry: its local id
  for_each_chunk(kPartitions, 1, threads, [&](size_t p, size_t, size_t) {
    const size_t begin = partition_begin[p], end = partition_begin[p + 1];
    if (begin == end) return;
    const size_t slots = std::bit_ceil(2 * (end - begin));
    std::vector<uint32_t> table(slots, kNoValue);  // local id per slot; kNoValue: free
    std::vector<uint64_t> first_hash;
    std::vector<uint32_t>& first = firsts[p];
    for (size_t k = begin; k < end; ++k) {
      const uint32_t i = order[k];
      const uint64_t h = ordered_hashes[k];
      size_t s = h & (slots - 1);
      while (true) {
        const uint32_t local = table[s];
        if (local == kNoValue) {
          table[s] = static_cast<uint32_t>(first.size());
          local_of[k] = table[s];
          first.push_back(i);
          first_hash.push_back(h);
          break;
        }
        if (first_hash[local] == h && values[first[local]] == values[i]) {
          local_of[k] = local;
          break;
        }
        s = (s + 1) & (slots - 1);
      }
    }
  });
  std::vector<uint32_t> base(kPartitions + 1, 0);
  for (size_t p = 0; p < kPartitions; ++p) {
    base[p + 1] = base[p] + static_cast<uint32_t>(firsts[p].size());
  }
  out.values.resize(base[kPartitions]);
  out.counts.assign(base[kPartitions], 0);
  for_each_chunk(kPartitions, 1, threads, [&](size_t p, size_t, size_t) {
    for (size_t local = 0; local < firsts[p].size(); ++local) {
      out.values[base[p] + local] = values[firsts[p][local]];
    }
    for (size_t k = partition_begin[p]; k < partition_begin[p + 1]; ++k) {
      const uint32_t id = base[p] + local_of[k];
      out.ids[order[k]] = id;
      ++out.counts[id];
    }
  });
  return out;
}

}  // namespace shanhai::linkage
