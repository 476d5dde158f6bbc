#include "engine/input_column.h"

#include <charconv>

#include "engine/arithmetic.h"
#include "model/spec_validator.h"
#include "normalize/date.h"
#include "normalize/money.h"

namespace shanhai::engine {

namespace {

using model::TypeKind;

// A canonical element value as the expression type; nullopt when it does not read.
std::optional<int64_t> typed_value(TypeKind kind, std::string_view canonical) {
  switch (kind) {
    case TypeKind::money:
      return normalize::parse_money_fen(canonical);
    case TypeKind::date:
      if (auto d = normalize::parse_date_days(canonical)) return *d;
      // A month-only period ("2023-08", a pension month) reads as its first day.
      if (canonical.size() == 7 && canonical[4] == '-') {
        if (auto d = normalize::parse_date_days(std::string(canonical) + "-01")) return *d;
      }
      return std::nullopt;
    case TypeKind::decimal:
      return parse_decimal_micro(canonical);
    case TypeKind::boolean:
      if (canonical == "true") return 1;
      if (canonical == "false") return 0;
      return std::nullopt;
    case TypeKind::integer: {
      int64_t v = 0;
      const auto [p, ec] =
          std::from_chars(canonical.data(), canonical.data() + canonical.size(), v);
      if (ec != std::errc() || p != canonical.data() + canonical.size()) return std::nullopt;
      return v;
    }
    default:
      return std::nullopt;
  }
}

}  // namespace

Column normalise_cells(normalize::Element element, size_t n,
                       const std::function<std::string_view(size_t)>& cell, bool canonical_given,
                       const normalize::RegionTable* regions) {
  Column c;
  c.type = model::element_type(normalize::element_name(element));
  c.element = std::string(normalize::element_name(element));
  c.present.assign(n, 0);
  c.element_valid.assign(n, 0);
  const bool text = c.type.kind == TypeKind::text;
  if (!text) c.values.assign(n, 0);
  if (canonical_given && text) {
    // Already canonical: copy the bytes, nothing to normalise.
    for (size_t i = 0; i < n; ++i) {
      const std::string_view v = cell(i);
      c.texts.push_back(v);
      c.present[i] = c.element_valid[i] = v.empty() ? 0 : 1;
    }
    return c;
  }
  for (size_t i = 0; i < n; ++i) {
    const std::string_view raw = cell(i);
    normalize::Normalized norm;
    if (canonical_given) {
      norm.canonical = std::string(raw);
      norm.valid = !raw.empty();
    } else if (element == normalize::Element::region && regions != nullptr) {
      norm = normalize::normalize_region(raw, *regions);
    } else {
      norm = normalize::normalize(element, raw);
    }
    if (text) {
      c.texts.push_back(norm.canonical);
      c.present[i] = norm.canonical.empty() ? 0 : 1;
    } else if (auto v = typed_value(c.type.kind, norm.canonical)) {
      c.values[i] = *v;
      c.present[i] = 1;
    }
    c.element_valid[i] = norm.valid && c.present[i] != 0 ? 1 : 0;
  }
  return c;
}

}  // namespace shanhai::engine
