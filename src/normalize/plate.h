#pragma once
// 车牌号 (Chinese vehicle registration plates).
//
// Province abbreviation + issuing-authority letter + 5 characters (浙A12345), or 6 for new-energy
// vehicles (浙AD12345 small, 浙A12345D large), or 4 + a special suffix 警 学 挂 领 港 澳 试 超
// (浙A1234警, 粤Z1234港); embassy plates 使014578. Letters I and O never occur in the serial.
// Canonical form: upper case, no spaces, dots, hyphens or middle dots ("浙a·12345" → "浙A12345");
// traditional province characters are simplified.

#include <string>
#include <string_view>

#include "normalize/element.h"

namespace shanhai::normalize {

Normalized normalize_plate(std::string_view raw);

}  // namespace shanhai::normalize
