#include "linkage/comparison.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>

#include "linkage/string_similarity.h"

namespace shanhai::linkage {

namespace {

int32_t capped(double v) {
  if (!(v < static_cast<double>(std::numeric_limits<int32_t>::max()))) {
    return std::numeric_limits<int32_t>::max();
  }
  return static_cast<int32_t>(v);
}

LevelResult compare_ids(const ComparisonPlan& plan, const IdNumberForm& a, const IdNumberForm& b) {
  const IdComparison c = compare_id_numbers(a, b);
  for (uint8_t l = 1; l < plan.levels.size(); ++l) {
    switch (plan.levels[l].kind) {
      case LevelKind::exact:
        if (c.relation == IdRelation::equal) return {l, 0};
        break;
      case LevelKind::legacy_upgrade:
        if (c.relation == IdRelation::legacy_equal) {
          return {l, a.has(IdNumberForm::kLegacy15) ? 1 : 2};
        }
        break;
      case LevelKind::one_typo:
        if (c.relation == IdRelation::substitution) return {l, c.position};
        if (c.relation == IdRelation::transposition) {
          return {l, kTranspositionDetail + c.position};
        }
        break;
      default:
        return {l, 0};  // different
    }
  }
  return {static_cast<uint8_t>(plan.levels.size() - 1), 0};
}

LevelResult compare_names(const ComparisonPlan& plan, const NameTable& t, const NameRef& ra,
                          const NameRef& rb) {
  double similarity = -1.0;  // computed when first needed
  for (uint8_t l = 1; l < plan.levels.size(); ++l) {
    const ComparisonLevel& level = plan.levels[l];
    switch (level.kind) {
      case LevelKind::exact:
        if (ra == rb) return {l, 0};
        break;
      case LevelKind::separators:
        if (ra.plain == rb.plain) return {l, 0};
        break;
      case LevelKind::pinyin:
        if (ra.pinyin != kNoValue && ra.pinyin == rb.pinyin) return {l, 0};
        break;
      case LevelKind::jaro_winkler:
        if (similarity < 0) {
          similarity = jaro_winkler(t.code_points(ra), t.code_points(rb));
        }
        if (similarity >= level.parameter) return {l, capped(std::floor(similarity * 1000.0))};
        break;
      case LevelKind::levenshtein: {
        const size_t limit = static_cast<size_t>(level.parameter);
        const size_t edits = levenshtein_bounded(t.code_points(ra), t.code_points(rb), limit);
        if (edits <= limit) return {l, static_cast<int32_t>(edits)};
        break;
      }
      default:
        return {l, 0};  // different
    }
  }
  return {static_cast<uint8_t>(plan.levels.size() - 1), 0};
}

LevelResult compare_dates(const ComparisonPlan& plan, int32_t a, int32_t b) {
  const int64_t apart = std::llabs(int64_t{a} - int64_t{b});
  const int32_t detail = capped(static_cast<double>(apart));
  for (uint8_t l = 1; l < plan.levels.size(); ++l) {
    const ComparisonLevel& level = plan.levels[l];
    switch (level.kind) {
      case LevelKind::exact:
        if (apart == 0) return {l, 0};
        break;
      case LevelKind::within_days:
        if (static_cast<double>(apart) <= level.parameter) return {l, detail};
        break;
      default:
        return {l, detail};
    }
  }
  return {static_cast<uint8_t>(plan.levels.size() - 1), detail};
}

LevelResult compare_numbers(const ComparisonPlan& plan, double x, double y) {
  const double apart = std::fabs(x - y);
  const int32_t detail = capped(std::round(apart * 100.0));
  for (uint8_t l = 1; l < plan.levels.size(); ++l) {
    switch (plan.levels[l].kind) {
      case LevelKind::exact:
        if (x == y) return {l, 0};
        break;
      case LevelKind::within_tolerance:
        if (apart <= plan.absolute_tolerance ||
            apart <= plan.relative_tolerance * std::max(std::fabs(x), std::fabs(y))) {
          return {l, detail};
        }
        break;
      default:
        return {l, detail};
    }
  }
  return {static_cast<uint8_t>(plan.levels.size() - 1), detail};
}

LevelResult missing_result(bool a_missing, bool b_missing) {
  return {0, (a_missing ? 1 : 0) | (b_missing ? 2 : 0)};
}

}  // namespace

LevelResult compare_field(const ComparisonPlan& plan, const PreparedRecords& records, size_t field,
                          const std::byte* a, const std::byte* b) {
  const size_t at = records.layout().value_offset[field];
  a += at;
  b += at;
  switch (plan.kind) {
    case ComparisonKind::id_number: {
      const auto x = load_at<IdNumberForm>(a), y = load_at<IdNumberForm>(b);
      if (!x.usable() || !y.usable()) return missing_result(!x.usable(), !y.usable());
      return compare_ids(plan, x, y);
    }
    case ComparisonKind::person_name: {
      const auto x = load_at<NameRef>(a), y = load_at<NameRef>(b);
      if (x.canonical == kNoValue || y.canonical == kNoValue) {
        return missing_result(x.canonical == kNoValue, y.canonical == kNoValue);
      }
      return compare_names(plan, records.field(field).names, x, y);
    }
    case ComparisonKind::date: {
      const auto x = load_at<int32_t>(a), y = load_at<int32_t>(b);
      if (x == kNoDay || y == kNoDay) return missing_result(x == kNoDay, y == kNoDay);
      return compare_dates(plan, x, y);
    }
    case ComparisonKind::number:
    case ComparisonKind::money: {
      const auto x = load_at<double>(a), y = load_at<double>(b);
      if (std::isnan(x) || std::isnan(y)) return missing_result(std::isnan(x), std::isnan(y));
      return compare_numbers(plan, x, y);
    }
    case ComparisonKind::exact: {
      const auto x = load_at<uint64_t>(a), y = load_at<uint64_t>(b);
      if (x == kNoCode || y == kNoCode) return missing_result(x == kNoCode, y == kNoCode);
      const uint8_t equal = *plan.level_index(LevelKind::exact);
      return {x == y ? equal : static_cast<uint8_t>(plan.levels.size() - 1), 0};
    }
  }
  return {static_cast<uint8_t>(plan.levels.size() - 1), 0};
}

}  // namespace shanhai::linkage
