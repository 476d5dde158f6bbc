#include "linkage/prepared_records.h"

#include <algorithm>
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

// Numbers the days of a date column for term frequencies.
void count_days(PreparedField& f) {
  std::unordered_map<int32_t, uint32_t> ids;
  f.values.assign(f.days.size(), kNoValue);
  for (size_t i = 0; i < f.days.size(); ++i) {
    if (f.days[i] == kNoDay) continue;
    auto [it, added] = ids.emplace(f.days[i], static_cast<uint32_t>(f.value_counts.size()));
    if (added) f.value_counts.push_back(0);
    f.values[i] = it->second;
    ++f.value_counts[it->second];
    ++f.valued;
  }
}

PreparedField prepare_field(const ComparisonPlan& c, const StringColumn& raw, unsigned threads) {
  PreparedField f;
  f.kind = c.kind;
  const size_t n = raw.size();
  switch (c.kind) {
    case ComparisonKind::id_number:
      f.ids = parallel_array<IdNumberForm>(n, threads,
                                           [&](size_t i) { return id_number_form(raw[i]); });
      break;
    case ComparisonKind::person_name:
      f.names = NameTable::build(raw, threads);
      break;
    case ComparisonKind::date:
      f.days.resize(n);
      for_each_chunk(n, kChunk, threads, [&](size_t, size_t begin, size_t end) {
        for (size_t i = begin; i < end; ++i) f.days[i] = parse_day(raw[i]);
      });
      if (c.term_frequency) count_days(f);
      break;
    case ComparisonKind::number:
    case ComparisonKind::money:
      f.numbers.resize(n);
      for_each_chunk(n, kChunk, threads, [&](size_t, size_t begin, size_t end) {
        for (size_t i = begin; i < end; ++i) f.numbers[i] = parse_number(c.kind, raw[i]);
      });
      break;
    case ComparisonKind::exact: {
      // Each value's normalised text: the raw value itself when normalising leaves it as it is
      // (most values), else the normalised copy kept in its chunk's `changed` (a deque, so the
      // views stay valid).
      ParallelArray<std::string_view> canonical = unconstructed_array<std::string_view>(n);
      std::vector<std::deque<std::string>> changed(chunk_count(n, kChunk));
      for_each_chunk(n, kChunk, threads, [&](size_t k, size_t begin, size_t end) {
        for (size_t i = begin; i < end; ++i) {
          std::string_view v = raw[i];
          if (!v.empty() && !normalize::is_known_canonical(c.element, v)) {
            normalize::Normalized norm = normalize::normalize(c.element, v);
            if (norm.canonical != v) v = changed[k].emplace_back(std::move(norm.canonical));
          }
          std::construct_at(canonical.get() + i, v);
        }
      });
      ValueDictionary d =
          build_value_dictionary(std::span<const std::string_view>(canonical.get(), n), threads);
      f.value_texts = TextArena(d.values, threads);
      f.values = std::move(d.ids);
      f.value_counts = std::move(d.counts);
      for (uint32_t k : f.value_counts) f.valued += k;
      break;
    }
  }
  return f;
}

}  // namespace

double PreparedField::term_frequency(uint32_t index) const {
  if (kind == ComparisonKind::person_name) {
    const NameRef& ref = names.refs()[index];
    if (ref.canonical == kNoValue || names.named() == 0) return 0.0;
    return static_cast<double>(names.plain_count(ref.plain)) / static_cast<double>(names.named());
  }
  if (values.empty() || values[index] == kNoValue || valued == 0) return 0.0;
  return static_cast<double>(value_counts[values[index]]) / static_cast<double>(valued);
}

namespace {

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
      return sizeof(uint32_t);
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

}  // namespace

void PreparedRecords::pack_rows(const LinkPlan& plan) {
  layout_ = row_layout(plan);
  const size_t n = indices();
  rows_ = uninitialized_array<Line>(n * (layout_.stride / 64));
  for_each_chunk(n, kChunk, plan.threads, [&](size_t, size_t begin, size_t end) {
    for (size_t i = begin; i < end; ++i) {
      std::byte* r = reinterpret_cast<std::byte*>(rows_.get()) + i * layout_.stride;
      for (size_t f = 0; f < fields_.size(); ++f) {
        const PreparedField& field = fields_[f];
        std::byte* v = r + layout_.value_offset[f];
        switch (field.kind) {
          case ComparisonKind::id_number:
            std::memcpy(v, &field.ids[i], sizeof(IdNumberForm));
            break;
          case ComparisonKind::person_name:
            std::memcpy(v, &field.names.refs()[i], sizeof(NameRef));
            break;
          case ComparisonKind::date:
            std::memcpy(v, &field.days[i], sizeof(int32_t));
            break;
          case ComparisonKind::number:
          case ComparisonKind::money:
            std::memcpy(v, &field.numbers[i], sizeof(double));
            break;
          case ComparisonKind::exact:
            std::memcpy(v, &field.values[i], sizeof(uint32_t));
            break;
        }
        if (layout_.frequency_offset[f] != RowLayout::kNone) {
          const double tf = field.term_frequency(static_cast<uint32_t>(i));
          std::memcpy(r + layout_.frequency_offset[f], &tf, sizeof tf);
        }
      }
    }
  });
}

PreparedRecords PreparedRecords::prepare(const LinkPlan& plan, const Records& left,
                                         const Records& right) {
  PreparedRecords p;
  p.dedupe_ = plan.dedupe;
  p.left_rows_ = left.rows();
  p.right_rows_ = plan.dedupe ? left.rows() : right.rows();
  for (const ComparisonPlan& c : plan.comparisons) {
    p.fields_.push_back(
        prepare_field(c, raw_values(c, left, plan.dedupe ? nullptr : &right), plan.threads));
  }
  p.pack_rows(plan);
  return p;
}

PreparedRecords PreparedRecords::prepare(const LinkPlan& plan, const Records& records) {
  return prepare(plan, records, records);
}

}  // namespace shanhai::linkage
