#include "normalize/boolean.h"

#include <array>
#include <string>

#include "normalize/text.h"

namespace shanhai::normalize {

namespace {

constexpr std::array<std::string_view, 17> kTrue = {"是",  "是的", "有", "真", "对", "正确",
                                                    "已",  "√",    "✓",  "✔",  "☑",  "y",
                                                    "yes", "true", "t",  "1",  "on"};
constexpr std::array<std::string_view, 18> kFalse = {"否",   "不是", "无",    "没有", "假", "错",
                                                     "错误", "未",   "×",     "✗",    "✘",  "☐",
                                                     "n",    "no",   "false", "f",    "0",  "off"};

}  // namespace

std::optional<bool> parse_boolean(std::string_view raw) {
  std::string s = fold_width(trim(raw), true);
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  for (std::string_view t : kTrue) {
    if (s == t) return true;
  }
  for (std::string_view f : kFalse) {
    if (s == f) return false;
  }
  return std::nullopt;
}

Normalized normalize_boolean(std::string_view raw) {
  if (is_blank(raw)) return empty_result();
  if (auto b = parse_boolean(raw)) return valid_result(*b ? "true" : "false");
  return invalid_result("", "无法识别为是/否", "not a recognised yes/no value");
}

}  // namespace shanhai::normalize
