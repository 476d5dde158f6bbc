#pragma once
// Column-at-a-time building blocks of the executor: gathering rows, concatenating chunks,
// running work on both cores, and key atoms that hash and compare values across numeric types.

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

// A chained hash index over the rows of one KeyColumns that have a key.
class HashIndex {
 public:
  HashIndex(const KeyColumns& keys, size_t rows, unsigned threads);

  // Whether some indexed row's key equals row `probe_row` of probe.
  bool contains(const KeyColumns& probe, size_t probe_row) const {
    if (!probe.has_key(probe_row)) return false;
    const uint64_t h = probe.hash(probe_row);
    for (uint32_t r = heads_[h & mask_]; r != kNoRow; r = next_[r]) {
      if (hashes_[r] == h && probe.equal(probe_row, keys_, r)) return true;
    }
    return false;
  }

  // Calls f(row) for every indexed row whose key equals row `probe_row` of probe.
  template <class F>
  void for_each_match(const KeyColumns& probe, size_t probe_row, F&& f) const {
    if (!probe.has_key(probe_row)) return;
    const uint64_t h = probe.hash(probe_row);
    for (uint32_t r = heads_[h & mask_]; r != kNoRow; r = next_[r]) {
      if (hashes_[r] == h && probe.equal(probe_row, keys_, r)) f(r);
    }
  }

 private:
  const KeyColumns& keys_;
  std::vector<uint64_t> hashes_;
  std::vector<uint32_t> heads_;
  std::vector<uint32_t> next_;
  uint64_t mask_ = 0;
};

}  // namespace shanhai::engine
