#pragma once
// Checked model expressions (model/expr_types.h) as SQLite SQL text that computes, on the
// engine's value representation (table.h), exactly what the engine computes: the same integers,
// the same rounding, the same nulls. sql_generator.h builds step queries from these pieces.
//
// Representation in SQL: every value is an SQL INTEGER (bool 0/1, integer, decimal × 10^6, money
// in fen, date as days since 1970-01-01) or TEXT (UTF-8), and null is SQL NULL. SQL's three-valued
// logic, its null propagation and its NULL for x / 0 and x % 0 already match the language.
//
// Arithmetic (docs/model-expressions.md; every rounding is half away from zero, written with
// integer division, which truncates in SQLite: round(n / d) = t / 2 + t % 2 with t = 2n / d):
//   integer op integer                 the integer result (+ - * %)
//   numbers (one decimal) + - *        integers promoted × 10^6; decimal × decimal rounds to
//                                      6 places; decimal × integer is exact
//   number / number                    decimal: round(a × 10^6 / b) on the values
//   money ± money, money × integer     fen
//   money × decimal, money / number    fen, rounded
//   money / money                      decimal
//   money ± numeric constant           the constant is yuan: rounded to fen
//   comparisons across numeric types   both sides in micro-units (integer × 10^6, decimal as is,
//                                      money fen × 10^4 = micro-yuan), so 5元 = 5 = 5.0 exactly
//   date ± N days / weeks              days ± N (× 7)
//   date ± N months / years            the same day N (× 12) months on, clamped to the last day of
//                                      a shorter month, with SQLite's date functions; null when
//                                      the target month is outside years 1–9999
// Integer overflow is null in the engine but turns into a REAL in SQLite, and the engine computes
// products before rescaling and rounded quotients in 128 bits. The SQL never forms a × b or
// a × 10^6 whole (scaled_product_sql, scaled_division_sql), so it matches the engine whenever the
// result fits in int64 and every operand of a rescaled × or ÷ is below 4.6 × 10^12 in its
// representation (a decimal below 4.6 million, money below 46 billion yuan). Month arithmetic gives
// null outside years 1–9999, as the engine's calendar does; year() and month() agree with the
// engine within those years.
//
// Functions: contains → instr(a, b) > 0; contains_any → an OR of those; starts_with → a prefix
// compare; matches → regexp(pattern, text) and extract_bac → extract_bac(text), both registered
// by sqlite_functions.h; length, lower, upper → SQLite's (characters; ASCII-only case folding);
// year, month → strftime; days_between(a, b) → b - a; coalesce → coalesce with its arguments
// converted to the result type; is_valid(f) → the field's validity column.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "common/error.h"
#include "engine/parameters.h"
#include "model/expr_ast.h"

namespace shanhai::engine {

// A field as SQL: its value, and its validity (is_valid: 0 or 1, never null).
struct SqlField {
  std::string value;  // e.g. "\"amount\"" or "_l.\"amount\""
  std::string valid;  // e.g. "\"_valid_amount\"" or "(\"bac\" IS NOT NULL)"
};

// The fields an expression may read, under every name the type checker knew them by ("amount",
// "penalties.amount").
using SqlFields = std::map<std::string, SqlField, std::less<>>;

// "name" with embedded double quotes doubled: a quoted SQL identifier.
std::string quote_identifier(std::string_view name);

// 'text' with embedded single quotes doubled: an SQL string literal.
std::string quote_text(std::string_view text);

// The one value of a parameter (a one-row column) as an SQL literal; NULL when it is null.
std::string parameter_literal(const Column& value);

// round_half_away_from_zero(n / d) for SQL integer expressions n and d; NULL when d is 0.
std::string rounded_division_sql(std::string_view n, std::string_view d);

// round_half_away_from_zero(a × scale / d) without forming a × scale, so that it stays in int64
// whenever |(a % d) × scale × 2| does; NULL when d is 0.
std::string scaled_division_sql(std::string_view a, std::string_view scale, std::string_view d);

// round_half_away_from_zero(a × b / 10^6), the product of a scaled value a and a decimal b,
// without forming a × b (only a × (b % 10^6)).
std::string scaled_product_sql(std::string_view a, std::string_view b);

// A number of type kind (integer, decimal or money) as micro-units, for comparing across types.
std::string micro_sql(model::TypeKind kind, std::string_view value);

// The date `days` plus `months` calendar months (both SQL integer expressions, months may be
// negative), clamped to the last day of the target month.
std::string add_months_sql(std::string_view days, std::string_view months);

// Two key values equal by value (numbers of different types compare in micro-units); null never
// equals anything.
std::string key_equal_sql(std::string_view left, model::TypeKind left_kind, std::string_view right,
                          model::TypeKind right_kind);

// A checked expression as an SQL expression over fields and params. Errors: "sql.unknown_name"
// when the expression reads a field or parameter that is not given (the spec was not validated
// against these fields), "sql.unsupported" for a node the checker should have refused.
Result<std::string> expression_sql(const model::Expr& expr, const SqlFields& fields,
                                   const Parameters& params);

}  // namespace shanhai::engine
