#pragma once
// Equal-key matching of two tables (and grouping of one) whose keys all have exact codes of one
// domain
// (KeyCode: id numbers, numbers, dates, short texts), by radix partitioning: both sides' codes
// are split by the high bits of their bucket hash into partitions of a few thousand rows, and
// each partition is joined with a small hash table that stays in the processor's cache. Every
// pass over main memory is sequential or scattered over a few thousand write streams, instead of
// one cache miss per row into a table of hundreds of megabytes (HashIndex).

#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "engine/columns.h"

namespace shanhai::engine {

using RowPairs = std::vector<std::pair<uint32_t, uint32_t>>;  // (left row, right row)

// The coded keys of one side: every row's KeyCode word, and the one domain of all rows that
// have a key (rows without a key are kNoKey in `keyed`).
struct CodedSide {
  std::vector<uint64_t> words;
  std::vector<uint8_t> keyed;  // 1: the row has a key
  uint8_t domain = KeyCode::kNoKey;
};

// The codes of rows [0, rows) of keys, computed on up to `threads` threads. nullopt when some key
// is only hashed (needs KeyColumns::equal) or the keys are of more than one domain; then use
// HashIndex.
std::optional<CodedSide> coded_side(const KeyColumns& keys, size_t rows, unsigned threads);

// Every (left row, right row) with equal keys, sorted by left row, then right row. The sides
// are taken by value so that their codes are freed once partitioned. Sides of different
// domains have no equal keys.
RowPairs partitioned_pairs(CodedSide left, CodedSide right, unsigned threads);

// Groups of equal keys, for grouping: group[r] for every row (0, 1, … in order of first
// appearance) and the first row of every group, ascending. Every row must have a key (codes
// computed with nulls_match).
std::vector<uint32_t> partitioned_groups(CodedSide side, unsigned threads,
                                         std::vector<uint32_t>& first_rows);

// Sets matched[l] = 1 for every left row that has a right row with an equal key (other bytes
// are left as they are; distinct rows may be set from different threads).
void partitioned_mark(CodedSide left, CodedSide right, unsigned threads,
                      std::vector<uint8_t>& matched);

}  // namespace shanhai::engine
