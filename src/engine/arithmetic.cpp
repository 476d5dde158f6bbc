#include "engine/arithmetic.h"

#include <string>

#include "normalize/date.h"

namespace shanhai::engine {

i128 div_round(i128 p, i128 q) {
  const bool negative = (p < 0) != (q < 0);
  const i128 a = p < 0 ? -p : p;
  const i128 b = q < 0 ? -q : q;
  const i128 r = (2 * a + b) / (2 * b);
  return negative ? -r : r;
}

std::optional<int64_t> add_months(int64_t days, int64_t months) {
  if (days < INT32_MIN || days > INT32_MAX) return std::nullopt;
  int y = 0, m = 0, d = 0;
  normalize::civil_from_days(static_cast<int32_t>(days), y, m, d);
  const i128 index = static_cast<i128>(y) * 12 + (m - 1) + months;
  if (index < 12 || index >= static_cast<i128>(10000) * 12) return std::nullopt;
  const int ny = static_cast<int>(index / 12);
  const int nm = static_cast<int>(index % 12) + 1;
  const int last = normalize::days_in_month(ny, nm);
  return normalize::days_from_civil(ny, nm, d < last ? d : last);
}

namespace {

std::string format_scaled(int64_t v, int64_t scale, int digits) {
  const bool negative = v < 0;
  const uint64_t a = negative ? static_cast<uint64_t>(-(v + 1)) + 1 : static_cast<uint64_t>(v);
  const uint64_t whole = a / static_cast<uint64_t>(scale);
  uint64_t frac = a % static_cast<uint64_t>(scale);
  std::string out = (negative ? "-" : "") + std::to_string(whole);
  if (frac != 0) {
    std::string f = std::to_string(frac);
    f.insert(0, static_cast<size_t>(digits) - f.size(), '0');
    while (!f.empty() && f.back() == '0') f.pop_back();
    out += "." + f;
  }
  return out;
}

}  // namespace

std::string format_decimal(int64_t micro) { return format_scaled(micro, 1'000'000, 6); }
std::string format_money(int64_t fen) { return format_scaled(fen, 100, 2); }

std::optional<int64_t> parse_decimal_micro(std::string_view text) {
  size_t i = 0;
  bool negative = false;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) negative = text[i++] == '-';
  i128 whole = 0;
  size_t digits = 0;
  for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i, ++digits) {
    whole = whole * 10 + (text[i] - '0');
    if (whole > static_cast<i128>(INT64_MAX)) return std::nullopt;
  }
  i128 frac = 0;
  i128 scale = 1;
  if (i < text.size() && text[i] == '.') {
    ++i;
    for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i, ++digits) {
      if (scale < static_cast<i128>(1'000'000'000'000'000'000)) {
        frac = frac * 10 + (text[i] - '0');
        scale *= 10;
      }
    }
  }
  if (digits == 0 || i != text.size()) return std::nullopt;
  i128 micro = whole * 1'000'000 + div_round(frac * 1'000'000, scale);
  return fit(negative ? -micro : micro);
}

}  // namespace shanhai::engine
