#include "linkage/blocking.h"

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <cstring>
#include <span>

#include "linkage/parallel.h"
#include "normalize/date.h"
#include "normalize/text.h"

namespace shanhai::linkage {

namespace {

constexpr size_t kIndexChunk = 1 << 15;
constexpr size_t kBlockChunk = 1 << 12;
constexpr size_t kReportedBlocks = 10;
constexpr int kBucketShift = 4;     // sorted_entries: about 2^4 entries a bucket
constexpr int kUniteRangeBits = 8;  // unite: about 2^8 ranges of left rows

inline uint64_t mix(uint64_t h) {
  h ^= h >> 30;
  h *= 0xbf58476d1ce4e5b9ULL;
  h ^= h >> 27;
  h *= 0x94d049bb133111ebULL;
  return h ^ (h >> 31);
}

// The n ≤ 8 characters at p, each a digit or 'X', as 4-bit values (0–9, X: 10) side by side:
// distinct strings get distinct codes. Eight at a time rather than one by one, since blocking
// asks this of every record under every rule.
template <size_t n>
uint64_t digit_nibbles(const char* p) {
  static_assert(n >= 1 && n <= 8);
  uint64_t v = 0;
  std::memcpy(&v, p, n);
  // '0'–'9' are 0x30–0x39, 'X' is 0x58: the low nibble, plus 2 when bit 6 is set.
  v = (v & 0x0F0F0F0F0F0F0F0FULL) + ((v >> 5) & 0x0202020202020202ULL);
  v = (v | (v >> 4)) & 0x00FF00FF00FF00FFULL;
  v = (v | (v >> 8)) & 0x0000FFFF0000FFFFULL;
  return (v | (v >> 16)) & 0xFFFFFFFFULL;
}

// The code of one key part of the record at index, or false when the record lacks it.
bool part_code(const PreparedField& f, KeyPart part, uint32_t index, uint64_t& code) {
  if (f.missing(index)) return false;
  switch (f.kind) {
    case ComparisonKind::id_number: {
      const IdNumberForm form = f.id(index);
      const char* c = form.chars.data();
      switch (part) {
        case KeyPart::id_region_birth:
          code = digit_nibbles<8>(c) | digit_nibbles<6>(c + 8) << 32;
          return true;
        case KeyPart::id_birth:
          code = digit_nibbles<8>(c + 6);
          return true;
        case KeyPart::id_region:
          code = digit_nibbles<6>(c);
          return true;
        default:  // the check character adds nothing and may be the typo
          // 17 characters do not fit 64 bits side by side: the 17th is added to a mix of the
          // first 16 (equal codes for different numbers are as unlikely as any hash collision,
          // and would only add candidate pairs).
          code =
              mix(digit_nibbles<8>(c) | digit_nibbles<8>(c + 8) << 32) + digit_nibbles<1>(c + 16);
          return true;
      }
    }
    case ComparisonKind::person_name: {
      const NameRef ref = f.name(index);
      switch (part) {
        case KeyPart::name_pinyin:
          code = ref.pinyin;
          return code != kNoValue;
        case KeyPart::name_first_char:
          code = f.names.code_points(ref)[0];
          return true;
        default:
          code = ref.plain;
          return true;
      }
    }
    case ComparisonKind::date: {
      if (part != KeyPart::date_year && part != KeyPart::date_year_month) {
        code = static_cast<uint64_t>(static_cast<int64_t>(f.day(index)));
        return true;
      }
      int y, m, d;
      normalize::civil_from_days(f.day(index), y, m, d);
      code = static_cast<uint64_t>(part == KeyPart::date_year ? y : y * 12 + m);
      return true;
    }
    case ComparisonKind::number:
    case ComparisonKind::money: {
      const double n = f.number(index);
      const double v = n == 0.0 ? 0.0 : n;  // -0 is 0
      code = std::bit_cast<uint64_t>(v);
      return true;
    }
    case ComparisonKind::exact:
      code = f.value(index);
      return true;
  }
  return false;
}

// The rule's key of the record at index; 0 when it has none.
uint64_t rule_key(const BlockingRulePlan& rule, const PreparedRecords& records, uint32_t index) {
  uint64_t h = 0x9e3779b97f4a7c15ULL;
  for (size_t k = 0; k < rule.keys.size(); ++k) {
    const BlockingKeyPlan& key = rule.keys[k];
    uint64_t code = 0;
    if (!part_code(records.field(key.comparison), key.part, index, code)) return 0;
    // One mix per part: a rule of one part maps distinct codes to distinct keys.
    h = mix(h + code + (k + 1) * 0x632be59bd9b4e019ULL);
  }
  return h == 0 ? 1 : h;
}

struct Entry {
  uint64_t key;
  uint32_t row;
  bool operator<(const Entry& o) const { return key != o.key ? key < o.key : row < o.row; }
};

struct Block {
  uint32_t left_begin, left_end, right_begin, right_end;  // ranges of the sorted entries
  uint64_t pairs(bool dedupe) const {
    const uint64_t l = left_end - left_begin;
    return dedupe ? l * (l - 1) / 2 : l * (right_end - right_begin);
  }
};

// Sorted entries of one side, written by one thread without zeroing first.
struct SortedEntries {
  std::unique_ptr<Entry[]> entries;
  size_t count = 0;

  size_t size() const { return count; }
  const Entry& operator[](size_t i) const { return entries[i]; }
};

// Sorts [first, last) by key, keeping the (ascending) order of rows among equal keys: small
// ranges by insertion, large ones (a common key's) by std::sort on (key, row).
void sort_bucket(Entry* first, Entry* last) {
  if (last - first > 64) {
    std::sort(first, last);
    return;
  }
  for (Entry* e = first + 1; e < last; ++e) {
    const Entry v = *e;
    Entry* j = e;
    for (; j > first && j[-1].key > v.key; --j) *j = j[-1];
    *j = v;
  }
}

// The (key, row) of every keyed row of one side under one rule (keys: per row, 0 for none),
// sorted. Keys are hashes, so their top bits spread the entries evenly: one pass scatters them
// into buckets by those bits (rows stay ascending), about 16 entries a bucket, then each bucket
// is sorted on its own.
SortedEntries sorted_entries(std::span<const uint64_t> keys) {
  const size_t rows = keys.size();
  const int bits = std::clamp(static_cast<int>(std::bit_width(rows)) - kBucketShift, 1, 20);
  const size_t buckets = size_t{1} << bits;
  auto bucket_of = [bits](uint64_t key) { return static_cast<size_t>(key >> (64 - bits)); };
  std::vector<uint32_t> begin(buckets + 1, 0);
  for (uint64_t k : keys) {
    if (k != 0) ++begin[bucket_of(k) + 1];
  }
  for (size_t b = 0; b < buckets; ++b) begin[b + 1] += begin[b];
  SortedEntries out{uninitialized_array<Entry>(begin[buckets]), begin[buckets]};
  std::vector<uint32_t> next(begin.begin(), begin.end() - 1);
  for (uint32_t row = 0; row < rows; ++row) {
    const uint64_t k = keys[row];
    if (k != 0) out.entries[next[bucket_of(k)]++] = {k, row};
  }
  for (size_t b = 0; b < buckets; ++b) {
    sort_bucket(out.entries.get() + begin[b], out.entries.get() + begin[b + 1]);
  }
  return out;
}

// The blocks of the entries whose keys lie in one range: left[i0, i1) and right[j0, j1).
void find_blocks_in(const SortedEntries& left, const SortedEntries& right, bool dedupe, size_t i,
                    size_t i1, size_t j, size_t j1, std::vector<Block>& blocks) {
  if (dedupe) {
    while (i < i1) {
      size_t e = i + 1;
      while (e < i1 && left[e].key == left[i].key) ++e;
      if (e - i >= 2) blocks.push_back({uint32_t(i), uint32_t(e), uint32_t(i), uint32_t(e)});
      i = e;
    }
    return;
  }
  while (i < i1 && j < j1) {
    if (left[i].key < right[j].key) {
      ++i;
    } else if (right[j].key < left[i].key) {
      ++j;
    } else {
      size_t ie = i + 1, je = j + 1;
      while (ie < i1 && left[ie].key == left[i].key) ++ie;
      while (je < j1 && right[je].key == right[j].key) ++je;
      blocks.push_back({uint32_t(i), uint32_t(ie), uint32_t(j), uint32_t(je)});
      i = ie;
      j = je;
    }
  }
}

// The keys shared by at least two records (dedupe: of one side; else: of both), in key order.
// The key space is cut into ranges by the keys' top bits, found side by side.
std::vector<Block> find_blocks(const SortedEntries& left, const SortedEntries& right, bool dedupe,
                               unsigned threads) {
  constexpr int kRangeBits = 5;
  constexpr size_t kRanges = size_t{1} << kRangeBits;
  auto start = [](const SortedEntries& side, size_t range) {
    if (range == kRanges) return side.size();
    const uint64_t first_key = uint64_t{range} << (64 - kRangeBits);
    return static_cast<size_t>(
        std::lower_bound(side.entries.get(), side.entries.get() + side.size(), first_key,
                         [](const Entry& e, uint64_t k) { return e.key < k; }) -
        side.entries.get());
  };
  std::vector<std::vector<Block>> parts(kRanges);
  for_each_chunk(kRanges, 1, threads, [&](size_t r, size_t, size_t) {
    find_blocks_in(left, right, dedupe, start(left, r), start(left, r + 1),
                   dedupe ? 0 : start(right, r), dedupe ? 0 : start(right, r + 1), parts[r]);
  });
  std::vector<Block> blocks;
  size_t total = 0;
  for (const auto& p : parts) total += p.size();
  blocks.reserve(total);
  for (const auto& p : parts) blocks.insert(blocks.end(), p.begin(), p.end());
  return blocks;
}

// Every pair of the blocks (dedupe: every pair of two rows of a block, the lower row left), in
// block order.
// A rule's pairs, as written by the threads (uninitialised until then).
struct RulePairs {
  struct Pair {
    uint32_t left, right;
  };
  std::unique_ptr<Pair[]> pairs;
  size_t size = 0;
};

RulePairs block_pairs(const std::vector<Block>& blocks, const SortedEntries& left,
                      const SortedEntries& right, bool dedupe, unsigned threads) {
  std::vector<uint64_t> offset(blocks.size() + 1, 0);
  for (size_t k = 0; k < blocks.size(); ++k) offset[k + 1] = offset[k] + blocks[k].pairs(dedupe);
  RulePairs out{uninitialized_array<RulePairs::Pair>(offset.back()), offset.back()};
  const SortedEntries& other = dedupe ? left : right;
  for_each_chunk(blocks.size(), kBlockChunk, threads, [&](size_t, size_t begin, size_t end) {
    for (size_t k = begin; k < end; ++k) {
      const Block& b = blocks[k];
      RulePairs::Pair* next = out.pairs.get() + offset[k];
      for (uint32_t x = b.left_begin; x < b.left_end; ++x) {
        const uint32_t y0 = dedupe ? x + 1 : b.right_begin, y1 = dedupe ? b.left_end : b.right_end;
        for (uint32_t y = y0; y < y1; ++y) *next++ = {left[x].row, other[y].row};
      }
    }
  });
  return out;
}

// The union of the pairs of the first `rules` rules (by_rule[r]: rule r's pairs), each pair once
// with the rules that produce it (bit r: rule r), ordered by left row, then right row. A first
// pass sorts the pairs into ranges of left rows (at most 2^16 rows each, a few thousand
// usually): each part of the pairs counts, then writes, its pairs of each range after those of
// the parts before it. Each range then fits the cache and is grouped by left row on its own;
// each row's few pairs are sorted and merged.
void unite(const std::vector<RulePairs>& by_rule, size_t rules, size_t left_rows, unsigned threads,
           CandidatePairs& out) {
  struct Produced {
    uint32_t right;
    uint16_t left_low;  // the left row within its range
    uint16_t rules;
  };
  std::vector<uint64_t> rule_begin(rules + 1, 0);
  for (size_t r = 0; r < rules; ++r) rule_begin[r + 1] = rule_begin[r] + by_rule[r].size;
  const uint64_t raw = rule_begin[rules];
  const int width = static_cast<int>(std::bit_width(left_rows));
  const int shift = std::clamp(width - kUniteRangeBits, 0, 16);
  const size_t ranges = (left_rows >> shift) + 1;
  const size_t parts = thread_count(threads);
  auto for_part = [&](size_t t, auto&& visit) {  // visit(rule, pair) for the pairs of part t
    const uint64_t a = raw * t / parts, b = raw * (t + 1) / parts;
    for (size_t r = 0; r < rules; ++r) {
      const uint64_t lo = std::max(a, rule_begin[r]), hi = std::min(b, rule_begin[r + 1]);
      for (uint64_t k = lo; k < hi; ++k) visit(r, by_rule[r].pairs[k - rule_begin[r]]);
    }
  };
  std::vector<std::vector<uint64_t>> next(parts);  // per part and range: count, then offset
  for_each_chunk(parts, 1, threads, [&](size_t t, size_t, size_t) {
    next[t].assign(ranges, 0);
    for_part(t, [&](size_t, const RulePairs::Pair& p) { ++next[t][p.left >> shift]; });
  });
  std::vector<uint64_t> range_begin(ranges + 1, 0);
  for (size_t g = 0; g < ranges; ++g) {
    uint64_t n = range_begin[g];
    for (size_t t = 0; t < parts; ++t) {
      const uint64_t c = next[t][g];
      next[t][g] = n;
      n += c;
    }
    range_begin[g + 1] = n;
  }
  std::unique_ptr<Produced[]> grouped = uninitialized_array<Produced>(raw);
  const uint32_t low_mask = (uint32_t{1} << shift) - 1;
  for_each_chunk(parts, 1, threads, [&](size_t t, size_t, size_t) {
    for_part(t, [&](size_t r, const RulePairs::Pair& p) {
      grouped[next[t][p.left >> shift]++] = {p.right, static_cast<uint16_t>(p.left & low_mask),
                                             static_cast<uint16_t>(1U << r)};
    });
  });
  next = {};
  // Per range: its pairs grouped by left row (a counting sort through a buffer), each row's
  // sorted and merged, written back to the front of the range.
  std::vector<uint64_t> distinct(ranges + 1, 0);
  for_each_chunk(ranges, 1, threads, [&](size_t g, size_t, size_t) {
    Produced* first = grouped.get() + range_begin[g];
    const size_t size = range_begin[g + 1] - range_begin[g];
    const size_t rows = std::min(left_rows - std::min(left_rows, g << shift), size_t{low_mask} + 1);
    std::vector<uint32_t> row_begin(rows + 1, 0);
    for (size_t k = 0; k < size; ++k) ++row_begin[first[k].left_low + 1];
    for (size_t l = 0; l < rows; ++l) row_begin[l + 1] += row_begin[l];
    std::vector<Produced> by_row(size);
    {
      std::vector<uint32_t> at(row_begin.begin(), row_begin.end() - 1);
      for (size_t k = 0; k < size; ++k) by_row[at[first[k].left_low]++] = first[k];
    }
    size_t n = 0;
    for (size_t l = 0; l < rows; ++l) {
      Produced* b = by_row.data() + row_begin[l];
      Produced* e = by_row.data() + row_begin[l + 1];
      if (e - b > 32) {
        std::sort(b, e, [](const Produced& x, const Produced& y) { return x.right < y.right; });
      } else {
        for (Produced* p = b + 1; p < e; ++p) {
          const Produced v = *p;
          Produced* j = p;
          for (; j > b && j[-1].right > v.right; --j) *j = j[-1];
          *j = v;
        }
      }
      const size_t row_first = n;
      for (Produced* p = b; p < e; ++p) {
        if (n > row_first && first[n - 1].right == p->right) {
          first[n - 1].rules |= p->rules;
        } else {
          first[n++] = *p;
        }
      }
    }
    distinct[g + 1] = n;
  });
  for (size_t g = 0; g < ranges; ++g) distinct[g + 1] += distinct[g];
  out.pairs.resize(distinct[ranges]);
  out.agreeing_rules.resize(distinct[ranges]);
  for_each_chunk(ranges, 1, threads, [&](size_t g, size_t, size_t) {
    const Produced* first = grouped.get() + range_begin[g];
    const uint32_t base = static_cast<uint32_t>(g << shift);
    for (uint64_t k = 0, at = distinct[g]; at < distinct[g + 1]; ++k, ++at) {
      out.pairs[at] = {base + first[k].left_low, first[k].right};
      out.agreeing_rules[at] = first[k].rules;
    }
  });
}

std::string part_text(const PreparedField& f, KeyPart part, uint32_t index) {
  switch (f.kind) {
    case ComparisonKind::id_number: {
      const IdNumberForm form = f.id(index);
      const std::string_view c(form.chars.data(), 18);
      switch (part) {
        case KeyPart::id_region_birth:
          return std::string(c.substr(0, 14));
        case KeyPart::id_birth:
          return std::string(c.substr(6, 8));
        case KeyPart::id_region:
          return std::string(c.substr(0, 6));
        default:
          return std::string(c.substr(0, 17));
      }
    }
    case ComparisonKind::person_name: {
      const NameTable& t = f.names;
      const uint32_t canonical = f.name(index).canonical;
      if (part == KeyPart::name_pinyin) return std::string(t.pinyin_text(t.form(canonical).pinyin));
      if (part == KeyPart::name_first_char) {
        std::string s;
        normalize::append_utf8(s, t.code_points(canonical)[0]);
        return s;
      }
      return std::string(t.plain_text(t.form(canonical).plain));
    }
    case ComparisonKind::date: {
      const std::string d = normalize::format_date(f.day(index));
      if (part == KeyPart::date_year) return d.substr(0, 4);
      if (part == KeyPart::date_year_month) return d.substr(0, 7);
      return d;
    }
    case ComparisonKind::number:
    case ComparisonKind::money:
      return fmt::format("{}", f.number(index));
    case ComparisonKind::exact:
      return f.value_text(f.value(index));
  }
  return {};
}

}  // namespace

std::string describe_blocking_key(const LinkPlan& plan, const PreparedRecords& records, size_t rule,
                                  uint32_t index) {
  std::string out;
  for (const BlockingKeyPlan& key : plan.blocking[rule].keys) {
    const PreparedField& f = records.field(key.comparison);
    if (f.missing(index)) return {};
    if (!out.empty()) out += ", ";
    out += fmt::format("{}.{}={}", plan.comparisons[key.comparison].field, key.part_name,
                       part_text(f, key.part, index));
  }
  return out;
}

Result<CandidatePairs> find_candidate_pairs(const LinkPlan& plan, const PreparedRecords& records) {
  const size_t rules = plan.blocking.size();
  const bool dedupe = records.dedupe();
  const unsigned threads = plan.threads;

  CandidatePairs out;
  std::vector<RulePairs> by_rule(rules);
  uint64_t produced =
      0;  // pairs of the rules so far, a pair found by several rules counted so often
  for (size_t r = 0; r < rules; ++r) {
    RuleReport report;
    report.rule = plan.blocking[r].name;
    // Every record's key under the rule, then the sorted (key, row) of each side; the two sorts
    // run side by side.
    std::unique_ptr<uint64_t[]> keys = uninitialized_array<uint64_t>(records.indices());
    for_each_chunk(records.indices(), kIndexChunk, threads, [&](size_t, size_t begin, size_t end) {
      for (size_t i = begin; i < end; ++i) {
        keys[i] = rule_key(plan.blocking[r], records, static_cast<uint32_t>(i));
      }
    });
    SortedEntries left, right;
    for_each_chunk(dedupe ? 1 : 2, 1, threads, [&](size_t side, size_t, size_t) {
      const std::span<const uint64_t> all(keys.get(), records.indices());
      if (side == 0) {
        left = sorted_entries(all.subspan(records.left_index(0), records.left_rows()));
      } else {
        right = sorted_entries(all.subspan(records.right_index(0), records.right_rows()));
      }
    });
    keys.reset();
    report.keyed_left = left.size();
    report.keyed_right = dedupe ? left.size() : right.size();
    std::vector<Block> blocks = find_blocks(left, right, dedupe, threads);

    // Oversized blocks: skipped and reported; their pairs are not this rule's. The kept blocks
    // are moved to the front, in order.
    std::vector<std::pair<uint64_t, Block>> skipped;
    report.blocks = blocks.size();
    size_t kept = 0;
    for (const Block& b : blocks) {
      const uint64_t pairs = b.pairs(dedupe);
      if (pairs > plan.max_block_pairs) {
        skipped.push_back({pairs, b});
        ++report.skipped_blocks;
        report.skipped_pairs += pairs;
      } else {
        blocks[kept++] = b;
        report.pairs += pairs;
      }
    }
    blocks.resize(kept);
    std::stable_sort(skipped.begin(), skipped.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    for (size_t s = 0; s < skipped.size() && s < kReportedBlocks; ++s) {
      const Block& b = skipped[s].second;
      OversizedBlock o;
      o.key = describe_blocking_key(plan, records, r, records.left_index(left[b.left_begin].row));
      o.left_rows = b.left_end - b.left_begin;
      o.right_rows = dedupe ? o.left_rows : b.right_end - b.right_begin;
      o.pairs = skipped[s].first;
      report.largest_skipped.push_back(std::move(o));
    }
    by_rule[r] = block_pairs(blocks, left, right, dedupe, threads);
    out.rules.push_back(std::move(report));

    // The limit counts distinct pairs: checked when the rules so far could exceed it.
    produced += by_rule[r].size;
    if (produced > plan.max_candidate_pairs) {
      unite(by_rule, r + 1, records.left_rows(), threads, out);
      const uint64_t total = out.pairs.size();
      if (total > plan.max_candidate_pairs) {
        uint64_t added = 0;
        for (uint16_t m : out.agreeing_rules) added += std::countr_zero(m) == static_cast<int>(r);
        const std::string& rule = plan.blocking[r].name;
        return Error(
            "linkage.too_many_pairs",
            fmt::format("候选对超过上限：前 {} 条分块规则已产生 {} 对，上限 {} 对；"
                        "请收紧分块规则（规则“{}”产生 {} 对）",
                        r + 1, total, plan.max_candidate_pairs, rule, added),
            fmt::format("too many candidate pairs: the first {} blocking rules produce {}, "
                        "the limit is {}; make the rules stricter (rule \"{}\" adds {})",
                        r + 1, total, plan.max_candidate_pairs, rule, added),
            Location::of_field(fmt::format("blocking[{}]", r), rule));
      }
    }
  }
  unite(by_rule, rules, records.left_rows(), threads, out);
  // Each pair is attributed to the first rule that produces it.
  for (uint16_t m : out.agreeing_rules) ++out.rules[std::countr_zero(m)].new_pairs;
  return out;
}

}  // namespace shanhai::linkage
