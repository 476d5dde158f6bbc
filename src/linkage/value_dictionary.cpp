#include "linkage/value_dictionary.h"

#include <algorithm>
#include <bit>
#include <cstring>
#include <functional>

#include "linkage/parallel.h"

namespace shanhai::linkage {

namespace {

constexpr int kPartitionBits = 8;
constexpr size_t kPartitions = size_t{1} << kPartitionBits;
constexpr size_t kChunk = 1 << 16;
constexpr size_t kAhead = 8;

inline size_t partition_of(uint64_t hash) { return hash >> (64 - kPartitionBits); }

inline uint64_t hash_value(std::string_view v) {
  // std::hash is good in the low bits; mix so that the top bits pick partitions evenly.
  uint64_t h = std::hash<std::string_view>{}(v);
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  return h;
}

// One non-empty input value as the partitions see it: the low half of its hash (the top bits
// chose its partition), its length, input index and first 20 bytes (zero padded): most names,
// pinyin keys and phone numbers fit, and are compared without reading the input again.
struct Entry {
  uint32_t hash;
  uint32_t size;
  uint32_t index;
  char head[20];

  static Entry of(std::string_view v, uint64_t hash, size_t index) {
    Entry e{static_cast<uint32_t>(hash),
            static_cast<uint32_t>(v.size()),
            static_cast<uint32_t>(index),
            {}};
    std::memcpy(e.head, v.data(), std::min<size_t>(v.size(), sizeof e.head));
    return e;
  }
  bool same_as(const Entry& o, const StringColumn& values) const {
    if (hash != o.hash || size != o.size || std::memcmp(head, o.head, sizeof head) != 0) {
      return false;
    }
    return size <= sizeof head || values[index] == values[o.index];
  }
};
static_assert(sizeof(Entry) == 32);

}  // namespace

TextArena::TextArena(std::span<const std::string_view> values, unsigned threads) {
  ends_.resize(values.size());
  size_t bytes = 0;
  for (size_t i = 0; i < values.size(); ++i) ends_[i] = bytes += values[i].size();
  chars_.resize(bytes);
  for_each_chunk(values.size(), kChunk, threads, [&](size_t, size_t begin, size_t end) {
    for (size_t i = begin; i < end; ++i) {
      if (i + kAhead < end) __builtin_prefetch(values[i + kAhead].data());  // often scattered
      std::memcpy(chars_.data() + ends_[i] - values[i].size(), values[i].data(), values[i].size());
    }
  });
}

ValueDictionary build_value_dictionary(const StringColumn& values, unsigned threads) {
  const size_t n = values.size();
  ValueDictionary out;
  out.ids.assign(n, kNoValue);
  std::unique_ptr<uint64_t[]> hashes = uninitialized_array<uint64_t>(n);
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
  // Input values grouped by partition, ascending within: each partition then reads its part
  // front to back. An entry carries the value's first 20 bytes, so that values of up to 20 bytes
  // (most names, pinyin keys and phone numbers) are compared without reading the input again.
  std::unique_ptr<Entry[]> ordered = uninitialized_array<Entry>(offset);
  for_each_chunk(n, kChunk, threads, [&](size_t c, size_t begin, size_t end) {
    size_t* next = &counts[c * kPartitions];
    for (size_t i = begin; i < end; ++i) {
      if (values[i].empty()) continue;
      ordered[next[partition_of(hashes[i])]++] = Entry::of(values[i], hashes[i], i);
    }
  });
  hashes.reset();

  // Each partition numbers its values from 0 in order of first appearance. The table holds local
  // ids; the entry of each local id's first value sits beside it in first (small, so in the
  // cache), and values longer than 20 bytes are read again only when their entries are equal.
  std::vector<std::vector<Entry>> firsts(kPartitions);  // the first entry of each local id
  std::unique_ptr<uint32_t[]> local_of =
      uninitialized_array<uint32_t>(offset);  // per ordered entry: its local id
  for_each_chunk(kPartitions, 1, threads, [&](size_t p, size_t, size_t) {
    const size_t begin = partition_begin[p], end = partition_begin[p + 1];
    if (begin == end) return;
    const size_t slots = std::bit_ceil(2 * (end - begin));
    std::vector<uint32_t> table(slots, kNoValue);  // local id per slot; kNoValue: free
    std::vector<Entry>& first = firsts[p];
    for (size_t k = begin; k < end; ++k) {
      const Entry& e = ordered[k];
      size_t s = e.hash & (slots - 1);
      while (true) {
        const uint32_t local = table[s];
        if (local == kNoValue) {
          table[s] = static_cast<uint32_t>(first.size());
          local_of[k] = table[s];
          first.push_back(e);
          break;
        }
        if (first[local].same_as(e, values)) {
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
    const std::vector<Entry>& first = firsts[p];
    for (size_t local = 0; local < first.size(); ++local) {
      // First appearances lie scattered over the input: fetch a few ahead.
      if (local + kAhead < first.size())
        __builtin_prefetch(values.view_at(first[local + kAhead].index));
      out.values[base[p] + local] = values[first[local].index];
    }
    for (size_t k = partition_begin[p]; k < partition_begin[p + 1]; ++k) {
      const uint32_t id = base[p] + local_of[k];
      out.ids[ordered[k].index] = id;
      ++out.counts[id];
    }
  });
  return out;
}

}  // namespace shanhai::linkage
