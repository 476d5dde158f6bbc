#include "linkage/prepared_records.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <deque>
#include <unordered_map>

#include "linkage/parallel.h"
#include "normalize/date.h"
#include "normalize/money.h"
#include "normalize/number.h"

namespace shanhai::linkage {

namespace {

constexpr size_t kChunk = 1 << 14;

// The raw values of one comparison: left rows, then right rows unless deduplicating.
StringColumn raw_values(const ComparisonPlan& c, const Records& left, const Records* right) {
  const auto& l = left.column(c.left_column).values;
  if (!right) return StringColumn(l);
  return StringColumn(l, right->column(c.right_column).values);
}

int32_t parse_day(std::string_view raw) {
  if (auto d = normalize::parse_date_days(raw)) return *d;
  const normalize::Normalized n = normalize::normalize_date(raw);
  if (n.canonical.size() == 10) {
    if (auto d = normalize::parse_date_days(n.canonical)) return *d;
  }
  return kNoDay;
}

double parse_number(ComparisonKind kind, std::string_view raw) {
  if (kind == ComparisonKind::money) {
    if (auto fen = normalize::parse_money_fen(raw)) return static_cast<double>(*fen) / 100.0;
    return std::nan("");
  }
  if (auto d = normalize::canonical_decimal(raw)) return std::strtod(d->c_str(), nullptr);
  return std::nan("");
}

size_t value_size(ComparisonKind kind) {
  switch (kind) {
    case ComparisonKind::id_number:
      return sizeof(IdNumberForm);
    case ComparisonKind::person_name:
      return sizeof(NameRef);
    case ComparisonKind::date:
      return sizeof(int32_t);
    case ComparisonKind::number:
    case ComparisonKind::money:
      return sizeof(double);
    case ComparisonKind::exact:
      return sizeof(uint64_t);
  }
  return 0;
}

bool has_term_frequency_level(const ComparisonPlan& c) {
  for (const ComparisonLevel& l : c.levels) {
    if (l.term_frequency) return true;
  }
  return false;
}

// Values of 8-byte alignment first, then 4, then the id forms (alignment 1).
RowLayout row_layout(const LinkPlan& plan) {
  RowLayout layout;
  const size_t fields = plan.comparisons.size();
  layout.value_offset.assign(fields, 0);
  layout.frequency_offset.assign(fields, RowLayout::kNone);
  size_t at = 0;
  for (size_t f = 0; f < fields; ++f) {
    if (has_term_frequency_level(plan.comparisons[f])) {
      layout.frequency_offset[f] = at;
      at += sizeof(double);
    }
  }
  for (size_t align : {size_t{8}, size_t{4}, size_t{1}}) {
    for (size_t f = 0; f < fields; ++f) {
      const ComparisonKind kind = plan.comparisons[f].kind;
      const size_t size = value_size(kind);
      const size_t natural = kind == ComparisonKind::id_number ? 1 : std::min<size_t>(size, 8);
      if (natural != align) continue;
      layout.value_offset[f] = at;
      at += size;
    }
  }
  layout.stride = std::max<size_t>(64, (at + 63) / 64 * 64);
  return layout;
}

// Where one field writes into the rows.
struct FieldSlots {
  std::byte* rows;
  size_t stride, value, frequency;  // frequency: RowLayout::kNone when not kept

  template <class T>
  void put(size_t index, const T& v) const {
    std::memcpy(rows + index * stride + value, &v, sizeof v);
  }
  bool has_frequency() const { return frequency != RowLayout::kNone; }
  void put_frequency(size_t index, double share) const {
    std::memcpy(rows + index * stride + frequency, &share, sizeof share);
  }
};

double share(uint64_t count, uint64_t of) {
  return of == 0 ? 0.0 : static_cast<double>(count) / static_cast<double>(of);
}

// Writes the field's value, and its term frequency when kept, into every row.
PreparedField prepare_field(const ComparisonPlan& c, const StringColumn& raw, unsigned threads,
                            const FieldSlots& out) {
  PreparedField f;
  f.kind = c.kind;
  const size_t n = raw.size();
  switch (c.kind) {
    case ComparisonKind::id_number:
      for_each_chunk(n, kChunk, threads, [&](size_t, size_t begin, size_t end) {
        for (size_t i = begin; i < end; ++i) out.put(i, id_number_form(raw[i]));
      });
      break;
    case ComparisonKind::person_name:
      f.names = NameTable::build(raw, threads, [&](const NameTable& t, size_t i, const NameRef& r) {
        out.put(i, r);
        if (out.has_frequency()) {
          out.put_frequency(
              i, r.canonical == kNoValue ? 0.0 : share(t.plain_count(r.plain), t.named()));
        }
      });
      break;
    case ComparisonKind::date: {
      for_each_chunk(n, kChunk, threads, [&](size_t, size_t begin, size_t end) {
        for (size_t i = begin; i < end; ++i) out.put(i, parse_day(raw[i]));
      });
      if (!out.has_frequency()) break;
      std::unordered_map<int32_t, uint32_t> count_of_day;
      uint64_t dated = 0;
      for (size_t i = 0; i < n; ++i) {
        const auto day = load_at<int32_t>(out.rows + i * out.stride + out.value);
        if (day == kNoDay) continue;
        ++count_of_day[day];
        ++dated;
      }
      for_each_chunk(n, kChunk, threads, [&](size_t, size_t begin, size_t end) {
        for (size_t i = begin; i < end; ++i) {
          const auto day = load_at<int32_t>(out.rows + i * out.stride + out.value);
          out.put_frequency(i, day == kNoDay ? 0.0 : share(count_of_day.at(day), dated));
        }
      });
      break;
    }
    case ComparisonKind::number:
    case ComparisonKind::money:
      for_each_chunk(n, kChunk, threads, [&](size_t, size_t begin, size_t end) {
        for (size_t i = begin; i < end; ++i) out.put(i, parse_number(c.kind, raw[i]));
      });
      break;
    case ComparisonKind::exact: {
      // Each value's normalised text: the raw value itself when normalising leaves it as it is
      // (most values), else the normalised copy kept in its chunk's `changed` (a deque, so the
      // views stay valid). Values that are their own code are written at once, and are left
      // out of the dictionary (an empty view).
      const bool coded = !out.has_frequency();
      ParallelArray<std::string_view> texts = unconstructed_array<std::string_view>(n);
      std::vector<std::deque<std::string>> changed(chunk_count(n, kChunk));
      std::vector<uint8_t> has_text(chunk_count(n, kChunk), 0);
      for_each_chunk(n, kChunk, threads, [&](size_t k, size_t begin, size_t end) {
        for (size_t i = begin; i < end; ++i) {
          std::string_view v = raw[i];
          if (!v.empty() && !normalize::is_known_canonical(c.element, v)) {
            normalize::Normalized norm = normalize::normalize(c.element, v);
            if (norm.canonical != v) v = changed[k].emplace_back(std::move(norm.canonical));
          }
          const uint64_t code = coded && !v.empty() ? digit_code(v) : kNoCode;
          out.put(i, code);
          if (code != kNoCode) v = {};
          if (!v.empty()) has_text[k] = 1;
          std::construct_at(texts.get() + i, v);
        }
      });
      if (coded && std::find(has_text.begin(), has_text.end(), 1) == has_text.end()) break;
      ValueDictionary d =
          build_value_dictionary(std::span<const std::string_view>(texts.get(), n), threads);
      f.value_texts = TextArena(d.values, threads);
      f.value_counts = std::move(d.counts);
      for (uint32_t k : f.value_counts) f.valued += k;
      for_each_chunk(n, kChunk, threads, [&](size_t, size_t begin, size_t end) {
        for (size_t i = begin; i < end; ++i) {
          const uint32_t id = d.ids[i];
          if (id != kNoValue) out.put(i, kTextCode + id);
          if (out.has_frequency()) {
            out.put_frequency(i, id == kNoValue ? 0.0 : share(f.value_counts[id], f.valued));
          }
        }
      });
      break;
    }
  }
  return f;
}

}  // namespace

namespace {

// Codes of the digit strings of each length: those of length k begin at kFirstCode[k].
constexpr size_t kMaxDigits = 18;
constexpr std::array<uint64_t, kMaxDigits + 2> first_codes() {
  std::array<uint64_t, kMaxDigits + 2> first{};
  uint64_t count = 1;  // digit strings of length k: 10^k
  for (size_t k = 1; k <= kMaxDigits + 1; ++k) {
    count *= 10;
    first[k] = k == 1 ? 0 : first[k - 1] + count / 10;
  }
  return first;
}
constexpr std::array<uint64_t, kMaxDigits + 2> kFirstCode = first_codes();
static_assert(kFirstCode[kMaxDigits + 1] < kTextCode);

}  // namespace

uint64_t digit_code(std::string_view value) {
  if (value.empty() || value.size() > kMaxDigits) return kNoCode;
  uint64_t v = 0;
  for (char ch : value) {
    if (ch < '0' || ch > '9') return kNoCode;
    v = v * 10 + static_cast<uint64_t>(ch - '0');
  }
  return kFirstCode[value.size()] + v;
}

std::string digit_text(uint64_t code) {
  size_t length = 1;
  while (length < kMaxDigits && code >= kFirstCode[length + 1]) ++length;
  uint64_t v = code - kFirstCode[length];
  std::string out(length, '0');
  for (size_t i = length; i-- > 0; v /= 10) out[i] = static_cast<char>('0' + v % 10);
  return out;
}

std::string PreparedField::value_text(uint64_t code) const {
  if (code == kNoCode) return {};
  if (code >= kTextCode) return std::string(value_texts[code - kTextCode]);
  return digit_text(code);
}

PreparedRecords PreparedRecords::prepare(const LinkPlan& plan, const Records& left,
                                         const Records& right) {
  PreparedRecords p;
  p.dedupe_ = plan.dedupe;
  p.left_rows_ = left.rows();
  p.right_rows_ = plan.dedupe ? left.rows() : right.rows();
  p.layout_ = row_layout(plan);
  const size_t n = p.indices();
  // Not zeroed: each field writes its part of every row, the first from the threads that will
  // read them (see uninitialized_array).
  p.rows_ = uninitialized_array<Line>(n * (p.layout_.stride / 64));
  std::byte* rows = reinterpret_cast<std::byte*>(p.rows_.get());
  for (size_t f = 0; f < plan.comparisons.size(); ++f) {
    const ComparisonPlan& c = plan.comparisons[f];
    const FieldSlots slots{rows, p.layout_.stride, p.layout_.value_offset[f],
                           p.layout_.frequency_offset[f]};
    PreparedField& field = p.fields_.emplace_back(
        prepare_field(c, raw_values(c, left, plan.dedupe ? nullptr : &right), plan.threads, slots));
    field.rows_ = rows;
    field.stride_ = p.layout_.stride;
    field.offset_ = p.layout_.value_offset[f];
  }
  return p;
}

PreparedRecords PreparedRecords::prepare(const LinkPlan& plan, const Records& records) {
  return prepare(plan, records, records);
}

}  // namespace shanhai::linkage
