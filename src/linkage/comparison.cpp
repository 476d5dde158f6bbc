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

LevelResult compare_ids(const ComparisonPlan& plan, const PreparedField& f, uint32_t a,
                        uint32_t b) {
  const IdComparison c = compare_id_numbers(f.ids[a], f.ids[b]);
  for (uint8_t l = 1; l < plan.levels.size(); ++l) {
    switch (plan.levels[l].kind) {
      case LevelKind::exact:
        if (c.relation == IdRelation::equal) return {l, 0};
        break;
      case LevelKind::legacy_upgrade:
        if (c.relation == IdRelation::legacy_equal) {
          return {l, f.ids[a].has(IdNumberForm::kLegacy15) ? 1 : 2};
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

LevelResult compare_names(const ComparisonPlan& plan, const PreparedField& f, uint32_t a,
                          uint32_t b) {
  const NameTable& t = f.names;
  const NameRef& ra = t.refs()[a];
  const NameRef& rb = t.refs()[b];
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
          similarity = jaro_winkler(t.code_points(ra.canonical), t.code_points(rb.canonical));
        }
        if (similarity >= level.parameter) return {l, capped(std::floor(similarity * 1000.0))};
        break;
      case LevelKind::levenshtein: {
        const size_t limit = static_cast<size_t>(level.parameter);
        const size_t edits =
            levenshtein_bounded(t.code_points(ra.canonical), t.code_points(rb.canonical), limit);
        if (edits <= limit) return {l, static_cast<int32_t>(edits)};
        break;
      }
      default:
        return {l, 0};  // different
    }
  }
  return {static_cast<uint8_t>(plan.levels.size() - 1), 0};
}

LevelResult compare_dates(const ComparisonPlan& plan, const PreparedField& f, uint32_t a,
                          uint32_t b) {
  const int64_t apart = std::llabs(int64_t{f.days[a]} - int64_t{f.days[b]});
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

LevelResult compare_numbers(const ComparisonPlan& plan, const PreparedField& f, uint32_t a,
                            uint32_t b) {
  const double x = f.numbers[a], y = f.numbers[b];
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

}  // namespace

LevelResult compare_field(const ComparisonPlan& plan, const PreparedField& field, uint32_t a,
                          uint32_t b) {
  const bool a_missing = field.missing(a), b_missing = field.missing(b);
  if (a_missing || b_missing) return {0, (a_missing ? 1 : 0) | (b_missing ? 2 : 0)};
  switch (plan.kind) {
    case ComparisonKind::id_number:
      return compare_ids(plan, field, a, b);
    case ComparisonKind::person_name:
      return compare_names(plan, field, a, b);
    case ComparisonKind::date:
      return compare_dates(plan, field, a, b);
    case ComparisonKind::number:
    case ComparisonKind::money:
      return compare_numbers(plan, field, a, b);
    case ComparisonKind::exact: {
      const uint8_t equal = *plan.level_index(LevelKind::exact);
      return {
          field.values[a] == field.values[b] ? equal : static_cast<uint8_t>(plan.levels.size() - 1),
          0};
    }
  }
  return {static_cast<uint8_t>(plan.levels.size() - 1), 0};
}

}  // namespace shanhai::linkage
