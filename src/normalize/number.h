#pragma once
// 整数 / 小数 (integers and decimals) as plain ASCII digits.
//
// integer: 123, +123, -123, 1,234, １２３, 123.0 (a zero fraction), 一百二十三 → "123"; leading
// zeros dropped; must fit in int64. decimal: 1234.50, 1,234.5, -.5, 1.5e3, 12.5% (→ 0.125),
// １２．５ → shortest exact decimal
// ("1234.5", "-0.5", "1500", "0.125"). Computed on the digit string: no rounding ever.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "normalize/element.h"

namespace shanhai::normalize {

std::optional<int64_t> parse_integer(std::string_view raw);

// Canonical decimal string ("-12.5"), or nullopt when raw is not a number.
std::optional<std::string> canonical_decimal(std::string_view raw);

Normalized normalize_integer(std::string_view raw);
Normalized normalize_decimal(std::string_view raw);

}  // namespace shanhai::normalize
