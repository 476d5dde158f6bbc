#include "engine/partitioned_join.h"

#include <algorithm>

namespace shanhai::engine {

namespace {

constexpr size_t kChunk = 1 << 16;          // rows per task when computing and partitioning
constexpr size_t kPartitionRows = 4096;     // right rows per partition, about
constexpr unsigned kMaxPartitionBits = 12;  // at most 4096 partitions (write streams)

// One side split into 2^bits partitions by the high bits of the code's bucket hash: entries of
// partition p are [offsets[p], offsets[p+1]), in ascending row order. `rows` is left empty when
// the caller does not need to know which rows matched (the right side of partitioned_mark).
struct Partitioned {
  std::vector<uint64_t> offsets;
  std::vector<uint64_t> words;
  std::vector<uint32_t> rows;
};

size_t partition_of(uint64_t bucket, unsigned bits) {
  return bits == 0 ? 0 : static_cast<size_t>(bucket >> (64 - bits));
}

Partitioned partition(const CodedSide& side, unsigned bits, bool with_rows, unsigned threads) {
  const size_t rows = side.words.size();
  const size_t parts = size_t{1} << bits;
  const size_t chunks = morsel_count(rows, kChunk);
  auto bucket = [&](size_t r) { return KeyCode{side.words[r], side.domain}.bucket(); };
  std::vector<uint64_t> at(chunks * parts, 0);  // count, then next position, of chunk × part
  parallel_for(chunks, threads, [&](size_t c) {
    uint64_t* count = &at[c * parts];
    const size_t end = std::min(rows, (c + 1) * kChunk);
    for (size_t r = c * kChunk; r < end; ++r) {
      if (side.keyed[r] != 0) ++count[partition_of(bucket(r), bits)];
    }
  });
  Partitioned out;
  out.offsets.resize(parts + 1);
  uint64_t total = 0;
  for (size_t p = 0; p < parts; ++p) {
    out.offsets[p] = total;
    for (size_t c = 0; c < chunks; ++c) {
      const uint64_t n = at[c * parts + p];
      at[c * parts + p] = total;
      total += n;
    }
  }
  out.offsets[parts] = total;
  out.words.resize(total);
  if (with_rows) out.rows.resize(total);
  parallel_for(chunks, threads, [&](size_t c) {
    uint64_t* next = &at[c * parts];
    const size_t end = std::min(rows, (c + 1) * kChunk);
    for (size_t r = c * kChunk; r < end; ++r) {
      if (side.keyed[r] == 0) continue;
      const uint64_t i = next[partition_of(bucket(r), bits)]++;
      out.words[i] = side.words[r];
      if (with_rows) out.rows[i] = static_cast<uint32_t>(r);
    }
  });
  return out;
}

unsigned partition_bits(const CodedSide& side) {
  size_t keyed = 0;
  for (uint8_t k : side.keyed) keyed += k;
  unsigned bits = 0;
  while (bits < kMaxPartitionBits && (keyed >> bits) > kPartitionRows) ++bits;
  return bits;
}

// Joins partition by partition: for every left entry (ascending row), f(part, left row,
// right entry) for each right entry with the same code (ascending row); f returns false to stop
// looking for more partners of that left row.
template <class F>
void join_partitions(const Partitioned& left, const Partitioned& right, uint8_t domain,
                     unsigned threads, F&& f) {
  const size_t parts = left.offsets.size() - 1;
  parallel_for(parts, threads, [&](size_t p) {
    const uint64_t rb = right.offsets[p], re = right.offsets[p + 1];
    if (rb == re) return;
    size_t slots = 16;
    while (slots < 2 * (re - rb)) slots <<= 1;
    const uint64_t mask = slots - 1;
    // Linear probing over indexes into the partition's right entries; inserted in ascending
    // order, so equal codes are met in ascending right row order.
    std::vector<uint32_t> table(slots, kNoRow);
    for (uint64_t i = rb; i < re; ++i) {
      for (uint64_t s = KeyCode{right.words[i], domain}.bucket() & mask;; s = (s + 1) & mask) {
        if (table[s] == kNoRow) {
          table[s] = static_cast<uint32_t>(i - rb);
          break;
        }
      }
    }
    for (uint64_t j = left.offsets[p]; j < left.offsets[p + 1]; ++j) {
      const uint64_t w = left.words[j];
      for (uint64_t s = KeyCode{w, domain}.bucket() & mask;; s = (s + 1) & mask) {
        const uint32_t i = table[s];
        if (i == kNoRow) break;
        if (right.words[rb + i] == w && !f(p, left.rows[j], rb + i)) break;
      }
    }
  });
}

void release(CodedSide& side) {
  side.words = {};
  side.keyed = {};
}

}  // namespace

std::optional<CodedSide> coded_side(const KeyColumns& keys, size_t rows, unsigned threads) {
  CodedSide side;
  side.words.resize(rows);
  side.keyed.resize(rows);
  const size_t chunks = morsel_count(rows, kChunk);
  // Per chunk: the domain of its keyed rows, kNoKey when none, kHashed when mixed or hashed.
  std::vector<uint8_t> domains(chunks, KeyCode::kNoKey);
  parallel_for(chunks, threads, [&](size_t c) {
    uint8_t domain = KeyCode::kNoKey;
    const size_t end = std::min(rows, (c + 1) * kChunk);
    for (size_t r = c * kChunk; r < end; ++r) {
      const KeyCode code = keys.code(r);
      if (code.domain == KeyCode::kNoKey) continue;
      if (code.domain == KeyCode::kHashed || (domain != KeyCode::kNoKey && code.domain != domain)) {
        domains[c] = KeyCode::kHashed;
        return;
      }
      domain = code.domain;
      side.words[r] = code.word;
      side.keyed[r] = 1;
    }
    domains[c] = domain;
  });
  for (uint8_t d : domains) {
    if (d == KeyCode::kNoKey) continue;
    if (d == KeyCode::kHashed || (side.domain != KeyCode::kNoKey && d != side.domain)) {
      return std::nullopt;
    }
    side.domain = d;
  }
  return side;
}

RowPairs partitioned_pairs(CodedSide left, CodedSide right, unsigned threads) {
  const size_t left_rows = left.words.size();
  if (left.domain != right.domain || left.domain == KeyCode::kNoKey) return {};
  const unsigned bits = partition_bits(right);
  const uint8_t domain = left.domain;
  const Partitioned r = partition(right, bits, true, threads);
  release(right);
  const Partitioned l = partition(left, bits, true, threads);
  release(left);
  std::vector<RowPairs> found(size_t{1} << bits);
  join_partitions(l, r, domain, threads, [&](size_t p, uint32_t lr, uint64_t entry) {
    found[p].emplace_back(lr, r.rows[entry]);
    return true;
  });
  // Each left row lies in one partition, where its pairs are consecutive and in right row
  // order: place them by the number of pairs of every left row before it.
  std::vector<uint64_t> start(left_rows + 1, 0);
  parallel_for(found.size(), threads, [&](size_t p) {
    for (const auto& [lr, rr] : found[p]) ++start[lr + 1];
  });
  for (size_t i = 0; i < left_rows; ++i) start[i + 1] += start[i];
  RowPairs pairs(start[left_rows]);
  parallel_for(found.size(), threads, [&](size_t p) {
    for (const auto& pair : found[p]) pairs[start[pair.first]++] = pair;
    found[p] = {};
  });
  return pairs;
}

std::vector<uint32_t> partitioned_groups(CodedSide side, unsigned threads,
                                         std::vector<uint32_t>& first_rows) {
  const size_t rows = side.words.size();
  const unsigned bits = partition_bits(side);
  const uint8_t domain = side.domain;
  const Partitioned part = partition(side, bits, true, threads);
  release(side);
  // Per partition, in ascending row order: the first row of each key's group.
  std::vector<uint32_t> first_of(rows);
  std::vector<uint8_t> is_first(rows, 0);
  parallel_for(part.offsets.size() - 1, threads, [&](size_t p) {
    const uint64_t b = part.offsets[p], e = part.offsets[p + 1];
    size_t slots = 16;
    while (slots < 2 * (e - b)) slots <<= 1;
    const uint64_t mask = slots - 1;
    std::vector<uint32_t> table(slots, kNoRow);  // the first entry of each group
    for (uint64_t j = b; j < e; ++j) {
      const uint64_t w = part.words[j];
      for (uint64_t s = KeyCode{w, domain}.bucket() & mask;; s = (s + 1) & mask) {
        if (table[s] == kNoRow) {
          table[s] = static_cast<uint32_t>(j - b);
          first_of[part.rows[j]] = part.rows[j];
          is_first[part.rows[j]] = 1;
          break;
        }
        if (part.words[b + table[s]] == w) {
          first_of[part.rows[j]] = part.rows[b + table[s]];
          break;
        }
      }
    }
  });
  // Group numbers in order of first appearance: first rows numbered by a prefix count, then
  // every other row takes its first row's number.
  const size_t chunks = morsel_count(rows, kChunk);
  std::vector<uint32_t> before(chunks + 1, 0);
  parallel_for(chunks, threads, [&](size_t c) {
    const size_t end = std::min(rows, (c + 1) * kChunk);
    uint32_t n = 0;
    for (size_t r = c * kChunk; r < end; ++r) n += is_first[r];
    before[c + 1] = n;
  });
  for (size_t c = 0; c < chunks; ++c) before[c + 1] += before[c];
  std::vector<uint32_t> group(rows);
  first_rows.assign(before[chunks], 0);
  parallel_for(chunks, threads, [&](size_t c) {
    const size_t end = std::min(rows, (c + 1) * kChunk);
    uint32_t g = before[c];
    for (size_t r = c * kChunk; r < end; ++r) {
      if (is_first[r] == 0) continue;
      first_rows[g] = static_cast<uint32_t>(r);
      group[r] = g++;
    }
  });
  parallel_for(chunks, threads, [&](size_t c) {
    const size_t end = std::min(rows, (c + 1) * kChunk);
    for (size_t r = c * kChunk; r < end; ++r) {
      if (is_first[r] == 0) group[r] = group[first_of[r]];
    }
  });
  return group;
}

void partitioned_mark(CodedSide left, CodedSide right, unsigned threads,
                      std::vector<uint8_t>& matched) {
  if (left.domain != right.domain || left.domain == KeyCode::kNoKey) return;
  const unsigned bits = partition_bits(right);
  const uint8_t domain = left.domain;
  const Partitioned r = partition(right, bits, false, threads);
  release(right);
  const Partitioned l = partition(left, bits, true, threads);
  release(left);
  join_partitions(l, r, domain, threads, [&](size_t, uint32_t lr, uint64_t) {
    matched[lr] = 1;
    return false;
  });
}

}  // namespace shanhai::engine
