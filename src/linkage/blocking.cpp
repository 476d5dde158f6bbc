#include "linkage/blocking.h"

#include <fmt/format.h>

#include <algorithm>
#include <bit>

#include "linkage/parallel.h"
#include "normalize/date.h"
#include "normalize/text.h"

namespace shanhai::linkage {

namespace {

constexpr size_t kIndexChunk = 1 << 15;
constexpr size_t kBlockChunk = 1 << 12;
constexpr size_t kReportedBlocks = 10;

inline uint64_t mix(uint64_t h) {
  h ^= h >> 30;
  h *= 0xbf58476d1ce4e5b9ULL;
  h ^= h >> 27;
  h *= 0x94d049bb133111ebULL;
  return h ^ (h >> 31);
}

uint64_t digits(const char* p, size_t n) {
  uint64_t v = 0;
  for (size_t i = 0; i < n; ++i) v = v * 11 + static_cast<uint64_t>(p[i] == 'X' ? 10 : p[i] - '0');
  return v;
}

// The code of one key part of the record at index, or false when the record lacks it.
bool part_code(const PreparedField& f, KeyPart part, uint32_t index, uint64_t& code) {
  if (f.missing(index)) return false;
  switch (f.kind) {
    case ComparisonKind::id_number: {
      const char* c = f.ids[index].chars.data();
      switch (part) {
        case KeyPart::id_region_birth:
          code = digits(c, 14);
          return true;
        case KeyPart::id_birth:
          code = digits(c + 6, 8);
          return true;
        case KeyPart::id_region:
          code = digits(c, 6);
          return true;
        default:  // the check character adds nothing and may be the typo
          code = digits(c, 17);
          return true;
      }
    }
    case ComparisonKind::person_name: {
      const NameRef& ref = f.names.refs()[index];
      switch (part) {
        case KeyPart::name_pinyin:
          code = ref.pinyin;
          return code != kNoValue;
        case KeyPart::name_first_char:
          code = ref.first;
          return true;
        default:
          code = ref.plain;
          return true;
      }
    }
    case ComparisonKind::date: {
      int y, m, d;
      normalize::civil_from_days(f.days[index], y, m, d);
      switch (part) {
        case KeyPart::date_year:
          code = static_cast<uint64_t>(y);
          return true;
        case KeyPart::date_year_month:
          code = static_cast<uint64_t>(y * 12 + m);
          return true;
        default:
          code = static_cast<uint64_t>(static_cast<int64_t>(f.days[index]));
          return true;
      }
    }
    case ComparisonKind::number:
    case ComparisonKind::money: {
      const double v = f.numbers[index] == 0.0 ? 0.0 : f.numbers[index];  // -0 is 0
      code = std::bit_cast<uint64_t>(v);
      return true;
    }
    case ComparisonKind::exact:
      code = f.values[index];
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
    h = mix(h ^ mix(code + (k + 1) * 0x632be59bd9b4e019ULL));
  }
  return h == 0 ? 1 : h;
}

// Every record's key under every rule, a record's keys side by side: checking whether a pair
// shares the key of any earlier rule reads one cache line per record.
class RuleKeys {
 public:
  RuleKeys(size_t rules, size_t indices) : rules_(rules), keys_(rules * indices, 0) {}
  uint64_t& at(size_t index, size_t rule) { return keys_[index * rules_ + rule]; }
  uint64_t at(size_t index, size_t rule) const { return keys_[index * rules_ + rule]; }
  // Whether a and b have the same key under one of the first `rules` rules.
  bool share_any(uint32_t a, uint32_t b, size_t rules) const {
    const uint64_t* ka = &keys_[size_t{a} * rules_];
    const uint64_t* kb = &keys_[size_t{b} * rules_];
    for (size_t r = 0; r < rules; ++r) {
      if (ka[r] != 0 && ka[r] == kb[r]) return true;
    }
    return false;
  }

 private:
  size_t rules_;
  std::vector<uint64_t> keys_;
};

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

// The (key, row) of every keyed row of one side under one rule, sorted. Keys are hashes, so
// their top bits spread the entries evenly: one pass scatters them into buckets by those bits
// (rows stay ascending), then each bucket, small enough for the cache, is sorted on its own.
std::vector<Entry> sorted_entries(const RuleKeys& keys, size_t rule, uint32_t first_index,
                                  size_t rows) {
  constexpr int kBucketBits = 11;
  constexpr size_t kBuckets = size_t{1} << kBucketBits;
  auto bucket_of = [](uint64_t key) { return static_cast<size_t>(key >> (64 - kBucketBits)); };
  std::vector<uint32_t> begin(kBuckets + 1, 0);
  for (uint32_t row = 0; row < rows; ++row) {
    const uint64_t k = keys.at(first_index + row, rule);
    if (k != 0) ++begin[bucket_of(k) + 1];
  }
  for (size_t b = 0; b < kBuckets; ++b) begin[b + 1] += begin[b];
  std::vector<Entry> out(begin[kBuckets]);
  std::vector<uint32_t> next(begin.begin(), begin.end() - 1);
  for (uint32_t row = 0; row < rows; ++row) {
    const uint64_t k = keys.at(first_index + row, rule);
    if (k != 0) out[next[bucket_of(k)]++] = {k, row};
  }
  for (size_t b = 0; b < kBuckets; ++b)
    std::sort(out.begin() + begin[b], out.begin() + begin[b + 1]);
  return out;
}

std::vector<Block> find_blocks(const std::vector<Entry>& left, const std::vector<Entry>& right,
                               bool dedupe) {
  std::vector<Block> blocks;
  if (dedupe) {
    for (size_t i = 0; i < left.size();) {
      size_t j = i + 1;
      while (j < left.size() && left[j].key == left[i].key) ++j;
      if (j - i >= 2) {
        blocks.push_back({uint32_t(i), uint32_t(j), uint32_t(i), uint32_t(j)});
      }
      i = j;
    }
    return blocks;
  }
  size_t i = 0, j = 0;
  while (i < left.size() && j < right.size()) {
    if (left[i].key < right[j].key) {
      ++i;
    } else if (right[j].key < left[i].key) {
      ++j;
    } else {
      size_t ie = i + 1, je = j + 1;
      while (ie < left.size() && left[ie].key == left[i].key) ++ie;
      while (je < right.size() && right[je].key == right[j].key) ++je;
      blocks.push_back({uint32_t(i), uint32_t(ie), uint32_t(j), uint32_t(je)});
      i = ie;
      j = je;
    }
  }
  return blocks;
}

// Calls emit(left_row, right_row) for every pair of the block that no earlier rule produced.
template <class Emit>
void for_each_new_pair(const Block& b, const std::vector<Entry>& left,
                       const std::vector<Entry>& right, bool dedupe, const RuleKeys& keys,
                       size_t rule, const PreparedRecords& records, Emit&& emit) {
  auto earlier = [&](uint32_t a, uint32_t c) { return keys.share_any(a, c, rule); };
  for (uint32_t x = b.left_begin; x < b.left_end; ++x) {
    const uint32_t lrow = left[x].row;
    const uint32_t a = records.left_index(lrow);
    const uint32_t y0 = dedupe ? x + 1 : b.right_begin;
    const uint32_t y1 = dedupe ? b.left_end : b.right_end;
    const std::vector<Entry>& other = dedupe ? left : right;
    for (uint32_t y = y0; y < y1; ++y) {
      const uint32_t rrow = other[y].row;
      if (!earlier(a, records.right_index(rrow))) emit(lrow, rrow);
    }
  }
}

std::string part_text(const PreparedField& f, KeyPart part, uint32_t index) {
  switch (f.kind) {
    case ComparisonKind::id_number: {
      const std::string_view c(f.ids[index].chars.data(), 18);
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
      const uint32_t canonical = t.refs()[index].canonical;
      if (part == KeyPart::name_pinyin) return t.pinyin_text(t.form(canonical).pinyin);
      if (part == KeyPart::name_first_char) {
        std::string s;
        normalize::append_utf8(s, t.code_points(canonical)[0]);
        return s;
      }
      return t.plain_text(t.form(canonical).plain);
    }
    case ComparisonKind::date: {
      const std::string d = normalize::format_date(f.days[index]);
      if (part == KeyPart::date_year) return d.substr(0, 4);
      if (part == KeyPart::date_year_month) return d.substr(0, 7);
      return d;
    }
    case ComparisonKind::number:
    case ComparisonKind::money:
      return fmt::format("{}", f.numbers[index]);
    case ComparisonKind::exact:
      return std::string(f.value_text(f.values[index]));
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
  const size_t indices = records.indices();
  const bool dedupe = records.dedupe();
  const unsigned threads = plan.threads;

  // Every record's key under every rule.
  RuleKeys keys(rules, indices);
  for_each_chunk(indices, kIndexChunk, threads, [&](size_t, size_t begin, size_t end) {
    for (size_t i = begin; i < end; ++i) {
      for (size_t r = 0; r < rules; ++r) {
        keys.at(i, r) = rule_key(plan.blocking[r], records, static_cast<uint32_t>(i));
      }
    }
  });

  CandidatePairs out;
  for (size_t r = 0; r < rules; ++r) {
    RuleReport report;
    report.rule = plan.blocking[r].name;
    // Sorted (key, row) of each side; the two sorts run side by side.
    std::vector<Entry> left, right;
    for_each_chunk(dedupe ? 1 : 2, 1, threads, [&](size_t side, size_t, size_t) {
      if (side == 0) {
        left = sorted_entries(keys, r, records.left_index(0), records.left_rows());
      } else {
        right = sorted_entries(keys, r, records.right_index(0), records.right_rows());
      }
    });
    report.keyed_left = left.size();
    report.keyed_right = dedupe ? left.size() : right.size();
    std::vector<Block> blocks = find_blocks(left, right, dedupe);

    // Oversized blocks: skipped, reported, and their keys cleared so that later rules do not
    // count their pairs as produced here.
    std::vector<Block> kept;
    kept.reserve(blocks.size());
    std::vector<std::pair<uint64_t, Block>> skipped;
    for (const Block& b : blocks) {
      const uint64_t pairs = b.pairs(dedupe);
      if (pairs > plan.max_block_pairs) {
        skipped.push_back({pairs, b});
        ++report.skipped_blocks;
        report.skipped_pairs += pairs;
      } else {
        kept.push_back(b);
        report.pairs += pairs;
      }
    }
    report.blocks = blocks.size();
    std::stable_sort(skipped.begin(), skipped.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    for (size_t s = 0; s < skipped.size(); ++s) {
      const Block& b = skipped[s].second;
      if (s < kReportedBlocks) {
        OversizedBlock o;
        o.key = describe_blocking_key(plan, records, r, records.left_index(left[b.left_begin].row));
        o.left_rows = b.left_end - b.left_begin;
        o.right_rows = dedupe ? o.left_rows : b.right_end - b.right_begin;
        o.pairs = skipped[s].first;
        report.largest_skipped.push_back(std::move(o));
      }
      for (uint32_t x = b.left_begin; x < b.left_end; ++x) {
        keys.at(records.left_index(left[x].row), r) = 0;
      }
      if (!dedupe) {
        for (uint32_t y = b.right_begin; y < b.right_end; ++y) {
          keys.at(records.right_index(right[y].row), r) = 0;
        }
      }
    }

    // Count the new pairs of each chunk of blocks, check the limit, then write them in place.
    const size_t chunks = chunk_count(kept.size(), kBlockChunk);
    std::vector<uint64_t> counts(chunks + 1, 0);
    for_each_chunk(kept.size(), kBlockChunk, threads, [&](size_t c, size_t begin, size_t end) {
      uint64_t n = 0;
      for (size_t k = begin; k < end; ++k) {
        for_each_new_pair(kept[k], left, right, dedupe, keys, r, records,
                          [&](uint32_t, uint32_t) { ++n; });
      }
      counts[c + 1] = n;
    });
    for (size_t c = 0; c < chunks; ++c) counts[c + 1] += counts[c];
    report.new_pairs = counts[chunks];
    const uint64_t total = out.pairs.size() + report.new_pairs;
    if (total > plan.max_candidate_pairs) {
      return Error(
          "linkage.too_many_pairs",
          fmt::format("候选对超过上限：前 {} 条分块规则已产生 {} 对，上限 {} 对；"
                      "请收紧分块规则（规则“{}”产生 {} 对）",
                      r + 1, total, plan.max_candidate_pairs, report.rule, report.new_pairs),
          fmt::format("too many candidate pairs: the first {} blocking rules produce {}, "
                      "the limit is {}; make the rules stricter (rule \"{}\" adds {})",
                      r + 1, total, plan.max_candidate_pairs, report.rule, report.new_pairs),
          Location::of_field(fmt::format("blocking[{}]", r), report.rule));
    }
    const size_t base = out.pairs.size();
    out.pairs.resize(total);
    for_each_chunk(kept.size(), kBlockChunk, threads, [&](size_t c, size_t begin, size_t end) {
      RowPair* next = out.pairs.data() + base + counts[c];
      for (size_t k = begin; k < end; ++k) {
        for_each_new_pair(kept[k], left, right, dedupe, keys, r, records,
                          [&](uint32_t l, uint32_t rr) {
                            *next++ = {l, rr};
                          });
      }
    });
    out.rules.push_back(std::move(report));
  }

  // Which rules each pair satisfies (training leaves out the fields a pair was blocked on).
  out.agreeing_rules.resize(out.pairs.size());
  for_each_chunk(out.pairs.size(), kIndexChunk, threads, [&](size_t, size_t begin, size_t end) {
    for (size_t p = begin; p < end; ++p) {
      const uint32_t a = records.left_index(out.pairs[p].left);
      const uint32_t b = records.right_index(out.pairs[p].right);
      uint16_t mask = 0;
      for (size_t r = 0; r < rules; ++r) {
        const uint64_t k = keys.at(a, r);
        if (k != 0 && k == keys.at(b, r)) mask |= uint16_t(1U << r);
      }
      out.agreeing_rules[p] = mask;
    }
  });
  return out;
}

}  // namespace shanhai::linkage
