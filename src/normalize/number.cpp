#include "normalize/number.h"

#include <charconv>

#include "normalize/chinese_numeral.h"
#include "normalize/text.h"

namespace shanhai::normalize {

namespace {

constexpr size_t kMaxDigits = 400;  // longest canonical decimal produced

inline bool dig(char c) { return c >= '0' && c <= '9'; }

}  // namespace

std::optional<std::string> canonical_decimal(std::string_view raw) {
  std::string s = fold_width(trim(raw), true);
  if (s.empty()) return std::nullopt;
  bool negative = false;
  size_t pos = 0;
  if (s[pos] == '+' || s[pos] == '-') {
    negative = s[pos] == '-';
    ++pos;
  } else if (s.compare(0, 3, "\xE2\x88\x92") == 0) {  // U+2212 minus sign
    negative = true;
    pos += 3;
  }
  int percent_shift = 0;
  if (s.size() > pos && s.back() == '%') {
    percent_shift = 2;
    s.pop_back();
  }
  std::string digits;
  long frac_digits = 0;
  bool seen_dot = false, any_digit = false;
  int group = -1;
  for (; pos < s.size(); ++pos) {
    const char c = s[pos];
    if (dig(c)) {
      any_digit = true;
      digits += c;
      if (seen_dot) ++frac_digits;
      if (!seen_dot && group >= 0) ++group;
    } else if (c == ',' && !seen_dot && any_digit && (group < 0 || group == 3)) {
      group = 0;
    } else if (c == '.' && !seen_dot) {
      if (group >= 0 && group != 3) return std::nullopt;
      seen_dot = true;
    } else {
      break;
    }
    if (digits.size() > kMaxDigits) return std::nullopt;
  }
  if (!seen_dot && group >= 0 && group != 3) return std::nullopt;
  if (!any_digit) {
    // A Chinese numeral integer: 一百二十三.
    if (seen_dot || group >= 0) return std::nullopt;
    auto v = parse_chinese_integer(std::string_view(s).substr(pos));
    if (!v) return std::nullopt;
    if (negative && *v == 0) return std::string("0");
    std::string out = negative ? "-" : "";
    out += std::to_string(*v);
    if (percent_shift == 0) return out;
    return canonical_decimal(out + "%");
  }
  long exponent = 0;
  if (pos < s.size() && (s[pos] == 'e' || s[pos] == 'E')) {
    ++pos;
    bool eneg = false;
    if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
      eneg = s[pos] == '-';
      ++pos;
    }
    const size_t estart = pos;
    while (pos < s.size() && dig(s[pos])) {
      exponent = exponent * 10 + (s[pos] - '0');
      if (exponent > 1000) return std::nullopt;
      ++pos;
    }
    if (pos == estart) return std::nullopt;
    if (eneg) exponent = -exponent;
  }
  if (pos != s.size()) return std::nullopt;
  long exp10 = exponent - frac_digits - percent_shift;
  // Strip leading zeros, then trailing zeros into the exponent.
  size_t first = digits.find_first_not_of('0');
  if (first == std::string::npos) return std::string("0");
  digits.erase(0, first);
  while (!digits.empty() && digits.back() == '0') {
    digits.pop_back();
    ++exp10;
  }
  std::string out;
  if (negative) out += '-';
  if (exp10 >= 0) {
    if (digits.size() + static_cast<size_t>(exp10) > kMaxDigits) return std::nullopt;
    out += digits;
    out.append(static_cast<size_t>(exp10), '0');
  } else {
    const long point = static_cast<long>(digits.size()) + exp10;
    if (point <= 0) {
      if (static_cast<size_t>(-point) + digits.size() > kMaxDigits) return std::nullopt;
      out += "0.";
      out.append(static_cast<size_t>(-point), '0');
      out += digits;
    } else {
      out.append(digits, 0, static_cast<size_t>(point));
      out += '.';
      out.append(digits, static_cast<size_t>(point));
    }
  }
  return out;
}

std::optional<int64_t> parse_integer(std::string_view raw) {
  // Fast path: plain ASCII digits with an optional sign.
  std::string_view t = raw;
  if (!t.empty() && t.front() == '+') t.remove_prefix(1);
  if (!t.empty() && t.size() <= 18) {
    int64_t v = 0;
    auto [ptr, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
    if (ec == std::errc() && ptr == t.data() + t.size() && t.front() != '+') return v;
  }
  auto canon = canonical_decimal(raw);
  if (!canon || canon->find('.') != std::string::npos) return std::nullopt;
  int64_t v = 0;
  auto [ptr, ec] = std::from_chars(canon->data(), canon->data() + canon->size(), v);
  if (ec != std::errc() || ptr != canon->data() + canon->size()) return std::nullopt;
  return v;
}

Normalized normalize_integer(std::string_view raw) {
  if (is_blank(raw)) return empty_result();
  auto canon = canonical_decimal(raw);
  if (!canon) return invalid_result("", "无法识别为整数", "not a recognised integer");
  if (canon->find('.') != std::string::npos) {
    return invalid_result(*canon, "不是整数", "not a whole number");
  }
  int64_t v = 0;
  auto [ptr, ec] = std::from_chars(canon->data(), canon->data() + canon->size(), v);
  if (ec != std::errc() || ptr != canon->data() + canon->size()) {
    return invalid_result(*canon, "超出整数范围", "outside the 64-bit integer range");
  }
  return valid_result(std::to_string(v));
}

Normalized normalize_decimal(std::string_view raw) {
  if (is_blank(raw)) return empty_result();
  auto canon = canonical_decimal(raw);
  if (!canon) return invalid_result("", "无法识别为数值", "not a recognised number");
  return valid_result(std::move(*canon));
}

}  // namespace shanhai::normalize
