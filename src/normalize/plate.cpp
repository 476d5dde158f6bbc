#include "normalize/plate.h"

#include <fmt/format.h>

#include <string>

#include "normalize/text.h"

namespace shanhai::normalize {

namespace {

constexpr std::u32string_view kProvinces =
    U"京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼";
constexpr std::u32string_view kSpecialSuffix = U"警学挂领港澳试超";

bool serial_char(char32_t c) {
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z' && c != 'I' && c != 'O');
}

bool letter(char32_t c) { return c >= 'A' && c <= 'Z'; }

bool is_plate_separator(char32_t c) {
  return is_space(c) || c == '.' || c == '-' || c == 0x00B7 || c == 0x2022 || c == 0x30FB ||
         c == 0xFF65 || c == 0x2027 || c == 0x2219 || c == 0x22C5 || c == U'。' || c == 0x2010 ||
         c == 0x2013 || c == 0x2014 || c == '_';
}

std::string utf8(std::u32string_view s) {
  std::string out;
  for (char32_t c : s) append_utf8(out, c);
  return out;
}

bool all_digits(std::u32string_view s) {
  for (char32_t c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

}  // namespace

Normalized normalize_plate(std::string_view raw) {
  if (is_blank(raw)) return empty_result();
  const std::string s = to_simplified(nfkc(trim(raw)));
  std::u32string p;
  size_t i = 0;
  while (i < s.size()) {
    char32_t c = next_code_point(s, i);
    if (is_plate_separator(c)) continue;
    if (c >= 'a' && c <= 'z') c = c - 'a' + 'A';
    p.push_back(c);
  }
  std::string canonical = utf8(p);
  const char* bad_zh = "不符合车牌号格式";
  const char* bad_en = "not a valid Chinese plate number";
  // Embassy plates: 使 + 6 digits, or 6 digits + 使.
  if (p.size() == 7 && ((p[0] == U'使' && all_digits(p.substr(1))) ||
                        (p[6] == U'使' && all_digits(p.substr(0, 6))))) {
    return valid_result(std::move(canonical));
  }
  if (p.size() < 7 || p.size() > 8) {
    return invalid_result(std::move(canonical),
                          fmt::format("车牌号应为 7 或 8 位，实为 {} 位", p.size()),
                          fmt::format("a plate has 7 or 8 characters, found {}", p.size()));
  }
  if (kProvinces.find(p[0]) == std::u32string_view::npos) {
    return invalid_result(std::move(canonical), "首字不是省份简称",
                          "does not begin with a province abbreviation");
  }
  if (!letter(p[1])) {
    return invalid_result(std::move(canonical), "第二位应为发牌机关字母",
                          "the second character must be the issuing-authority letter");
  }
  std::u32string_view serial = std::u32string_view(p).substr(2);
  if (serial.size() == 5) {
    if (kSpecialSuffix.find(serial[4]) != std::u32string_view::npos) {
      for (size_t k = 0; k < 4; ++k) {
        if (!serial_char(serial[k])) return invalid_result(std::move(canonical), bad_zh, bad_en);
      }
      return valid_result(std::move(canonical));
    }
    for (char32_t c : serial) {
      if (!serial_char(c)) return invalid_result(std::move(canonical), bad_zh, bad_en);
    }
    return valid_result(std::move(canonical));
  }
  // New-energy (8 characters): a letter first (small vehicles) or D/F last (large vehicles).
  for (char32_t c : serial) {
    if (!serial_char(c)) return invalid_result(std::move(canonical), bad_zh, bad_en);
  }
  const bool small = letter(serial[0]) && all_digits(serial.substr(2));
  const bool large = (serial[5] == 'D' || serial[5] == 'F') && all_digits(serial.substr(0, 5));
  if (small || large) return valid_result(std::move(canonical));
  return invalid_result(std::move(canonical), "新能源车牌号格式不符",
                        "not a valid new-energy plate number");
}

}  // namespace shanhai::normalize
