#include "ingest/value_parsing.h"

#include <charconv>
#include <string>

namespace shanhai::ingest {

namespace {

bool is_space(unsigned char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// Digits of an integer part with optional grouping commas, written to out (without commas).
// Returns false when malformed.
bool integer_digits(std::string_view s, std::string& out) {
  // At most 15 digits and 4 grouping commas.
  if (s.empty() || s.size() > 19) return false;
  const bool grouped = s.find(',') != std::string_view::npos;
  if (!grouped && s.size() > 15) return false;
  size_t since_comma = 0;
  bool seen_comma = false;
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == ',') {
      if (!grouped || i == 0 || (seen_comma && since_comma != 3) ||
          (!seen_comma && since_comma > 3)) {
        return false;
      }
      seen_comma = true;
      since_comma = 0;
      continue;
    }
    if (c < '0' || c > '9') return false;
    out += c;
    ++since_comma;
  }
  if (seen_comma && since_comma != 3) return false;
  if (out.size() > 1 && out[0] == '0') return false;
  return out.size() <= 15;
}

}  // namespace

std::string_view trim_cell(std::string_view t) {
  while (true) {
    if (!t.empty() && is_space(static_cast<unsigned char>(t.front()))) {
      t.remove_prefix(1);
    } else if (t.substr(0, 3) == "\xE3\x80\x80") {
      t.remove_prefix(3);
    } else {
      break;
    }
  }
  while (true) {
    if (!t.empty() && is_space(static_cast<unsigned char>(t.back()))) {
      t.remove_suffix(1);
    } else if (t.size() >= 3 && t.substr(t.size() - 3) == "\xE3\x80\x80") {
      t.remove_suffix(3);
    } else {
      break;
    }
  }
  return t;
}

std::optional<int64_t> parse_integer(std::string_view text) {
  std::string_view t = trim_cell(text);
  if (t.empty()) return std::nullopt;
  const bool negative = t[0] == '-';
  if (negative || t[0] == '+') t.remove_prefix(1);
  // Fast path: plain digits.
  if (t.size() <= 15 && !t.empty() && (t.size() == 1 || t[0] != '0')) {
    int64_t v = 0;
    const auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
    if (ec == std::errc() && p == t.data() + t.size()) return negative ? -v : v;
  }
  if (t.find(',') == std::string_view::npos) return std::nullopt;  // only grouped forms remain
  std::string digits;
  if (!integer_digits(t, digits)) return std::nullopt;
  int64_t v = 0;
  std::from_chars(digits.data(), digits.data() + digits.size(), v);
  return negative ? -v : v;
}

std::optional<double> parse_decimal(std::string_view text) {
  std::string_view t = trim_cell(text);
  if (t.empty()) return std::nullopt;
  const bool negative = t[0] == '-';
  if (negative || t[0] == '+') t.remove_prefix(1);
  const size_t dot = t.find('.');
  if (t.size() > 40) return std::nullopt;  // identity numbers, account numbers, free text
  std::string digits;
  const std::string_view int_part = t.substr(0, dot);
  if (int_part == "0") {
    digits.push_back('0');
  } else if (!integer_digits(int_part, digits)) {
    return std::nullopt;
  }
  if (dot != std::string_view::npos) {
    const std::string_view frac = t.substr(dot + 1);
    if (frac.empty()) return std::nullopt;
    for (char c : frac) {
      if (c < '0' || c > '9') return std::nullopt;
    }
    digits += '.';
    digits.append(frac);
  }
  double v = 0;
  const auto [p, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v);
  if (ec != std::errc() || p != digits.data() + digits.size()) return std::nullopt;
  return negative ? -v : v;
}

}  // namespace shanhai::ingest
