#pragma once
// Column-at-a-time building blocks of the executor: gathering rows, concatenating chunks,
// running work on both cores, and key atoms that hash and compare values across numeric types.

#include <algorithm>
#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

#include "engine/table.h"

namespace shanhai::engine {

inline constexpr uint32_t kNoRow = UINT32_MAX;

// Rows `rows` of `from`, in that order; kNoRow gives a null.
Column gather(const Column& from, const std::vector<uint32_t>& rows);

// Appends every row of src to dst (same type).
void append_column(Column& dst, const Column& src);

// Runs task(i) for i in [0, tasks) on up to `threads` threads (0: every core), in any order.
void parallel_for(size_t tasks, unsigned threads, const std::function<void(size_t)>& task);

// Splits [0, rows) into morsels of about `morsel` rows: begin of morsel i is i * morsel.
inline size_t morsel_count(size_t rows, size_t morsel) { return (rows + morsel - 1) / morsel; }

// The columns of a key (join keys, group-by fields): hashing and equality by value, so that
// integer 5, decimal 5.0 and money 5元 are one key; text compares by bytes. When `nulls_match`
// is false a row with a null in any key column has no key (joins); when true null is a value of
// its own (grouping).
class KeyColumns {
 public:
  KeyColumns(std::vector<const Column*> columns, bool nulls_match);

  bool has_key(size_t row) const;
  uint64_t hash(size_t row) const;
  // Row a of this key equals row b of other (same number of columns).
  bool equal(size_t a, const KeyColumns& other, size_t b) const;

 private:
  std::vector<const Column*> columns_;
  std::vector<bool> numeric_;
  bool nulls_match_;
};

// A hash index over the rows of one KeyColumns that have a key: open addressing with linear
// probing, each slot holding the key's hash and the row, so that a probe that finds nothing
// touches one cache line. Rows with equal keys are found in ascending row order.
class HashIndex {
 public:
  HashIndex(const KeyColumns& keys, size_t rows, unsigned threads);

  // Calls f(row) for every indexed row whose key equals `probe_row` of probe, whose hash is h
  // (probe.hash(probe_row)).
  template <class F>
  void for_each_match(const KeyColumns& probe, size_t probe_row, uint64_t h, F&& f) const {
    for (uint64_t i = h & mask_;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.row == kNoRow) return;
      if (s.tag == tag(h) && probe.equal(probe_row, keys_, s.row)) f(s.row);
    }
  }
  template <class F>
  void for_each_match(const KeyColumns& probe, size_t probe_row, F&& f) const {
    if (probe.has_key(probe_row)) for_each_match(probe, probe_row, probe.hash(probe_row), f);
  }

  // Whether some indexed row's key equals row `probe_row` of probe.
  bool contains(const KeyColumns& probe, size_t probe_row, uint64_t h) const {
    for (uint64_t i = h & mask_;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.row == kNoRow) return false;
      if (s.tag == tag(h) && probe.equal(probe_row, keys_, s.row)) return true;
    }
  }

  // Asks the processor to fetch the slot where a probe with hash h starts.
  void prefetch(uint64_t h) const { __builtin_prefetch(&slots_[h & mask_]); }

 private:
  // The slot index comes from the hash's low bits; its high half is kept to skip most unequal
  // keys without reading them.
  struct Slot {
    uint32_t tag;
    uint32_t row;
  };
  static uint32_t tag(uint64_t h) { return static_cast<uint32_t>(h >> 32); }
  const KeyColumns& keys_;
  std::vector<Slot> slots_;
  uint64_t mask_ = 0;
};

// Probes rows [begin, end) of `probe` against index in batches, prefetching each batch's slots
// first: calls f(row, hash) for every row that has a key.
template <class F>
void probe_batched(const HashIndex& index, const KeyColumns& probe, size_t begin, size_t end,
                   F&& f) {
  constexpr size_t kBatch = 16;
  uint64_t hashes[kBatch];
  bool keyed[kBatch];
  for (size_t b = begin; b < end; b += kBatch) {
    const size_t n = std::min(kBatch, end - b);
    for (size_t i = 0; i < n; ++i) {
      keyed[i] = probe.has_key(b + i);
      if (keyed[i]) {
        hashes[i] = probe.hash(b + i);
        index.prefetch(hashes[i]);
      }
    }
    for (size_t i = 0; i < n; ++i) {
      if (keyed[i]) f(b + i, hashes[i]);
    }
  }
}

}  // namespace shanhai::engine
