#include "linkage/prepared_records.h"

#include <unordered_map>

#include "linkage/parallel.h"
#include "normalize/date.h"
#include "normalize/money.h"
#include "normalize/number.h"

namespace shanhai::linkage {

namespace {

constexpr size_t kChunk = 1 << 14;

// The raw values of one comparison: left rows, then right rows unless deduplicating.
std::vector<std::string_view> raw_values(const ComparisonPlan& c, const Records& left,
                                         const Records* right) {
  std::vector<std::string_view> out;
  const auto& l = left.column(c.left_column).values;
  out.reserve(l.size() + (right ? right->rows() : 0));
  out.insert(out.end(), l.begin(), l.end());
  if (right) {
    const auto& r = right->column(c.right_column).values;
    out.insert(out.end(), r.begin(), r.end());
  }
  return out;
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

PreparedField prepare_field(const ComparisonPlan& c, const std::vector<std::string_view>& raw,
                            unsigned threads) {
  PreparedField f;
  f.kind = c.kind;
  const size_t n = raw.size();
  switch (c.kind) {
    case ComparisonKind::id_number:
      f.ids.resize(n);
      for_each_chunk(n, kChunk, threads, [&](size_t, size_t begin, size_t end) {
        for (size_t i = begin; i < end; ++i) f.ids[i] = id_number_form(raw[i]);
      });
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
      std::vector<std::string> canonical(n);
      for_each_chunk(n, kChunk, threads, [&](size_t, size_t begin, size_t end) {
        for (size_t i = begin; i < end; ++i) {
          if (!raw[i].empty()) canonical[i] = normalize::normalize(c.element, raw[i]).canonical;
        }
      });
      const std::vector<std::string_view> views(canonical.begin(), canonical.end());
      ValueDictionary d = build_value_dictionary(views, threads);
      f.values = std::move(d.ids);
      f.value_texts.assign(d.values.begin(), d.values.end());
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
  return p;
}

PreparedRecords PreparedRecords::prepare(const LinkPlan& plan, const Records& records) {
  return prepare(plan, records, records);
}

}  // namespace shanhai::linkage
