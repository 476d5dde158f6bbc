#pragma once
// 电话号码 (telephone numbers).
//
// Mobile: 11 digits 1[3-9]xxxxxxxxx, canonical as plain digits ("138 1234 5678",
// "+86-138-1234-5678" → "13812345678"). Landline: area code (010, 02x, or 0xxx) and a 7–8 digit
// number, canonical "0571-88886666" (extension: "0571-88886666-123"); accepted as "(0571)88886666",
// "0571 8888 6666", "057188886666", "+86 571 88886666". Service numbers (400/800 ten-digit, 95xxx,
// 12345, 110 …) are kept as digits. A local number without its area code is invalid.

#include <string>
#include <string_view>

#include "normalize/element.h"

namespace shanhai::normalize {

Normalized normalize_phone(std::string_view raw);

// Whether raw is a mobile number written as its 11 digits: normalize_phone returns it unchanged.
bool is_canonical_mobile(std::string_view raw);

}  // namespace shanhai::normalize
