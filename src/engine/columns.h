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

// Rows `rows` of `from`, in that order; kNoRow gives a null. Text borrowed from a mapped file
// stays borrowed (TextArena::select): only the row numbers are copied.
Column gather(const Column& from, const std::vector<uint32_t>& rows);

// Appends every row of src to dst (same type).
void append_column(Column& dst, const Column& src);

// Runs task(i) for i in [0, tasks) on up to `threads` threads (0: every core), in any order.
void parallel_for(size_t tasks, unsigned threads, const std::function<void(size_t)>& task);

// Splits [0, rows) into morsels of about `morsel` rows: begin of morsel i is i * morsel.
inline size_t morsel_count(size_t rows, size_t morsel) { return (rows + morsel - 1) / morsel; }

// What hash tables keep of one row's key. When the key is a single value that fits in 64 bits
// without losing anything (a number whose micro-units fit in int64, a date, a bool, a text of at
// most 7 bytes or a canonical citizen id number, or a grouping null) `word` is an exact code and
// `domain` its value class: two such keys are equal exactly when domain and word are. Every other
// key is kHashed with its 64-bit hash in `word`, and equal hashes still need KeyColumns::equal.
// A key's domain depends only on its value, so an exact key never equals a hashed one.
struct KeyCode {
  static constexpr uint8_t kHashed = 0;
  static constexpr uint8_t kNoKey = 255;  // a join key with a null: matches nothing
  uint64_t word = 0;
  uint8_t domain = kHashed;
  // Where the key goes in a hash table: a hash is used as it is, an exact code is mixed first.
  uint64_t bucket() const {
    if (domain == kHashed) return word;
    uint64_t h = word ^ (uint64_t{domain} * 0x9e3779b97f4a7c15ULL);
    h = (h ^ (h >> 33)) * 0xff51afd7ed558ccdULL;
    h = (h ^ (h >> 33)) * 0xc4ceb9fe1a85ec53ULL;
    return h ^ (h >> 33);
  }
  friend bool operator==(const KeyCode&, const KeyCode&) = default;
};

// The columns of a key (join keys, group-by fields): hashing and equality by value, so that
// integer 5, decimal 5.0 and money 5元 are one key; text compares by bytes. When `nulls_match`
// is false a row with a null in any key column has no key (joins); when true null is a value of
// its own (grouping).
class KeyColumns {
 public:
  KeyColumns(std::vector<const Column*> columns, bool nulls_match);

  bool has_key(size_t row) const;
  uint64_t hash(size_t row) const;
  // The row's key as a code (see KeyCode); domain kNoKey when !has_key(row).
  KeyCode code(size_t row) const;
  // Row a of this key equals row b of other (same number of columns).
  bool equal(size_t a, const KeyColumns& other, size_t b) const;

 private:
  std::vector<const Column*> columns_;
  std::vector<bool> numeric_;
  bool nulls_match_;
};

// A hash index over the rows of one KeyColumns that have a key: open addressing with linear
// probing over 8-byte slots (the bucket hash's high half as a tag, and the row), so that a probe
// that finds nothing touches one cache line, and every indexed row's KeyCode beside them, so
// that confirming a match of an exactly coded key (an id number, a number, a date, a short text)
// reads one 8-byte code instead of the indexed columns. Rows with equal keys are found in
// ascending row order.
class HashIndex {
 public:
  HashIndex(const KeyColumns& keys, size_t rows, unsigned threads);

  // Calls f(row) for every indexed row whose key equals `probe_row` of probe, whose code is c
  // (probe.code(probe_row), which has a key).
  template <class F>
  void for_each_match(const KeyColumns& probe, size_t probe_row, const KeyCode& c, F&& f) const {
    const uint64_t b = c.bucket();
    for (uint64_t i = b & mask_;; i = (i + 1) & mask_) {
      const Slot s = slots_[i];
      if (s.row == kNoRow) return;
      if (s.tag == tag(b) && matches(s.row, probe, probe_row, c)) f(s.row);
    }
  }

  // Whether some indexed row's key equals row `probe_row` of probe, whose code is c.
  bool contains(const KeyColumns& probe, size_t probe_row, const KeyCode& c) const {
    const uint64_t b = c.bucket();
    for (uint64_t i = b & mask_;; i = (i + 1) & mask_) {
      const Slot s = slots_[i];
      if (s.row == kNoRow) return false;
      if (s.tag == tag(b) && matches(s.row, probe, probe_row, c)) return true;
    }
  }

  // Asks the processor to fetch the slot where a probe with code c starts.
  void prefetch(const KeyCode& c) const { __builtin_prefetch(&slots_[c.bucket() & mask_]); }

 private:
  struct Slot {
    uint32_t tag;
    uint32_t row;
  };
  static uint32_t tag(uint64_t bucket) { return static_cast<uint32_t>(bucket >> 32); }
  bool matches(uint32_t row, const KeyColumns& probe, size_t probe_row, const KeyCode& c) const {
    if (words_[row] != c.word) return false;
    if (one_domain_ ? domain_ != c.domain : domains_[row] != c.domain) return false;
    return c.domain != KeyCode::kHashed || probe.equal(probe_row, keys_, row);
  }
  const KeyColumns& keys_;
  std::vector<Slot> slots_;
  uint64_t mask_ = 0;
  std::vector<uint64_t> words_;   // KeyCode::word of every indexed row
  std::vector<uint8_t> domains_;  // KeyCode::domain of every row (kNoKey: not indexed)
  bool one_domain_ = false;       // every indexed row's domain is domain_
  uint8_t domain_ = 0;
};

// Probes rows [begin, end) of `probe` against index in batches, prefetching each batch's slots
// first: calls f(row, code) for every row that has a key.
template <class F>
void probe_batched(const HashIndex& index, const KeyColumns& probe, size_t begin, size_t end,
                   F&& f) {
  constexpr size_t kBatch = 16;
  KeyCode codes[kBatch];
  for (size_t b = begin; b < end; b += kBatch) {
    const size_t n = std::min(kBatch, end - b);
    for (size_t i = 0; i < n; ++i) {
      codes[i] = probe.code(b + i);
      if (codes[i].domain != KeyCode::kNoKey) index.prefetch(codes[i]);
    }
    for (size_t i = 0; i < n; ++i) {
      if (codes[i].domain != KeyCode::kNoKey) f(b + i, codes[i]);
    }
  }
}

}  // namespace shanhai::engine
