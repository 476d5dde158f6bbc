#pragma once
// Exact arithmetic on the engine's value representation (table.h): overflow-checked integers,
// fixed-point decimals (× 10^6) and money (fen), rounding half away from zero, and calendar
// arithmetic that clamps to the end of a shorter month (民法典第二百零三条).

#include <cstdint>
#include <optional>

#include "model/expr_ast.h"

namespace shanhai::engine {

__extension__ using i128 = __int128;  // NOLINT: GCC and Clang both have it

// p / q rounded half away from zero; q != 0.
i128 div_round(i128 p, i128 q);

// The value as micro-units of its number (integer ×10^6, decimal as is, money fen ×10^4 = micro
// yuan), so that numbers of different types compare and hash by value.
inline i128 to_micro(model::TypeKind kind, int64_t v) {
  switch (kind) {
    case model::TypeKind::integer:
      return static_cast<i128>(v) * 1'000'000;
    case model::TypeKind::money:
      return static_cast<i128>(v) * 10'000;
    default:
      return v;
  }
}

// The int64 when v fits, else nullopt (the engine's "overflow is null").
inline std::optional<int64_t> fit(i128 v) {
  if (v > INT64_MAX || v < INT64_MIN) return std::nullopt;
  return static_cast<int64_t>(v);
}

// days + months, clamped to the last day of the target month; nullopt outside years 1–9999.
std::optional<int64_t> add_months(int64_t days, int64_t months);

// Decimal (×10^6) text: "186.5", "80", "-0.25".
std::string format_decimal(int64_t micro);
// Money in fen as yuan: "5000", "5000.5", "0.05".
std::string format_money(int64_t fen);

// Parses a canonical decimal string ("186.5", "-3", "1000") to ×10^6, rounding half away from
// zero beyond six places; nullopt when it is not a plain decimal or does not fit.
std::optional<int64_t> parse_decimal_micro(std::string_view text);

}  // namespace shanhai::engine
