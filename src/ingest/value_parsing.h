#pragma once
// Parsing of raw cell text as the column types import infers: integer and decimal. Dates come
// from the normalize layer (normalize/date.h). Deliberately stricter and faster than
// normalize(integer|decimal), which accepts 一百, 1e3 or 12.5%: inference runs on every cell
// and must only call a column numeric when its cells plainly are numbers. Leading and trailing
// white space is ignored; grouping commas are accepted only in groups of three ("5,000",
// "1,234,567.5").

#include <cstdint>
#include <optional>
#include <string_view>

namespace shanhai::ingest {

// "-42", "5,000" → value. Rejects leading zeros ("007": an identifier, not a number), more than
// 15 digits (identity and account numbers) and anything else.
std::optional<int64_t> parse_integer(std::string_view text);

// Integers as above, plus a fractional part: "3.14", "-0.5", "5,000.00", ".5" is rejected.
std::optional<double> parse_decimal(std::string_view text);

// Trims ASCII white space and the full-width space U+3000.
std::string_view trim_cell(std::string_view text);

}  // namespace shanhai::ingest
