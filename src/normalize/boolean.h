#pragma once
// 是否 (yes/no values). Canonical form: "true" or "false".
//
// true:  是 是的 有 真 对 正确 已 √ ✓ ✔ ☑ y yes true t 1 on
// false: 否 不是 无 没有 假 错 错误 未 × ✗ ✘ ☐ n no false f 0 off
// Case-insensitive; full-width letters and digits accepted.

#include <optional>
#include <string_view>

#include "normalize/element.h"

namespace shanhai::normalize {

std::optional<bool> parse_boolean(std::string_view raw);

Normalized normalize_boolean(std::string_view raw);

}  // namespace shanhai::normalize
