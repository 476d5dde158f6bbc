#include "normalize/bac.h"

#include <array>
#include <string>
#include <vector>

#include "normalize/text.h"

namespace shanhai::normalize {

namespace {

struct Unit {
  std::string_view text;
  int64_t num;  // value[mg/100ml] = value[unit] * num / den
  int64_t den;
};

// Longest spellings first where one is a prefix of another.
constexpr std::array<Unit, 22> kUnits = {{
    {"mg/100ml", 1, 1},     {"mg/100毫升", 1, 1},  {"毫克/100毫升", 1, 1},  {"毫克/100ml", 1, 1},
    {"毫克每百毫升", 1, 1}, {"毫克/百毫升", 1, 1}, {"mg/dl", 1, 1},         {"毫克/分升", 1, 1},
    {"mg%", 1, 1},          {"g/100ml", 1000, 1},  {"克/100毫升", 1000, 1}, {"mg/ml", 100, 1},
    {"毫克/毫升", 100, 1},  {"mg/l", 1, 10},       {"毫克/升", 1, 10},      {"g/l", 100, 1},
    {"克/升", 100, 1},      {"mg/100", 1, 1},      {"毫克", 1, 1},          {"mg", 1, 1},
    {"g/dl", 1000, 1},      {"克/分升", 1000, 1},
}};

struct Number {
  int64_t mantissa = 0;
  int frac_digits = 0;
  size_t end = 0;
  const Unit* unit = nullptr;
};

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

std::vector<Number> scan(const std::string& s) {
  std::vector<Number> out;
  size_t i = 0;
  while (i < s.size()) {
    if (s[i] < '0' || s[i] > '9') {
      ++i;
      continue;
    }
    Number n;
    bool dot = false, overflow = false;
    while (i < s.size() &&
           ((s[i] >= '0' && s[i] <= '9') ||
            (s[i] == '.' && !dot && i + 1 < s.size() && s[i + 1] >= '0' && s[i + 1] <= '9'))) {
      if (s[i] == '.') {
        dot = true;
      } else if (dot && n.frac_digits >= 9) {
        // Digits below 10^-9 cannot change the result (rounded to 0.001): ignore them.
      } else if (n.mantissa < 100000000000000LL) {
        n.mantissa = n.mantissa * 10 + (s[i] - '0');
        if (dot) ++n.frac_digits;
      } else {
        overflow = true;
      }
      ++i;
    }
    n.end = i;
    std::string_view rest = std::string_view(s).substr(i);
    for (const Unit& u : kUnits) {
      if (starts_with(rest, u.text)) {
        n.unit = &u;
        i += u.text.size();
        break;
      }
    }
    // A bare "mg/100" may be followed by the "ml" on its own.
    if (n.unit != nullptr && n.unit->text == "mg/100") {
      std::string_view r = std::string_view(s).substr(i);
      if (starts_with(r, "ml") || starts_with(r, "毫升")) i += starts_with(r, "ml") ? 2 : 6;
    }
    if (!overflow) out.push_back(n);
  }
  return out;
}

// value * num / den in thousandths, rounded half-up.
std::optional<int64_t> to_milli(const Number& n, int64_t num, int64_t den) {
  // mantissa / 10^frac * num / den * 1000
  int64_t v = 0;
  if (__builtin_mul_overflow(n.mantissa, num * 1000, &v) || __builtin_mul_overflow(v, 2, &v)) {
    return std::nullopt;
  }
  int64_t d = den;
  for (int k = 0; k < n.frac_digits; ++k) d *= 10;
  return (v + d) / (d * 2);
}

std::string format_milli(int64_t milli) {
  std::string out = std::to_string(milli / 1000);
  int64_t frac = milli % 1000;
  if (frac != 0) {
    std::string f = std::to_string(frac);
    f.insert(0, 3 - f.size(), '0');
    while (!f.empty() && f.back() == '0') f.pop_back();
    out += '.';
    out += f;
  }
  return out;
}

}  // namespace

std::optional<int64_t> parse_bac_milli(std::string_view raw) {
  std::string s = fold_width(nfkc(trim(raw)), true);
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  // Negative values are not concentrations.
  const std::vector<Number> numbers = scan(s);
  for (const Number& n : numbers) {
    if (n.unit != nullptr) return to_milli(n, n.unit->num, n.unit->den);
  }
  if (numbers.size() == 1) return to_milli(numbers[0], 1, 1);
  if (numbers.empty() &&
      (s.find("未检出") != std::string::npos || s.find("阴性") != std::string::npos || s == "无")) {
    return 0;
  }
  return std::nullopt;
}

Normalized normalize_bac(std::string_view raw) {
  if (is_blank(raw)) return empty_result();
  const std::string_view t = trim(raw);
  if (!t.empty() && (t.front() == '-' || starts_with(t, "−"))) {
    return invalid_result("", "含量不能为负数", "a concentration cannot be negative");
  }
  auto milli = parse_bac_milli(raw);
  if (!milli) {
    return invalid_result("", "未找到血液酒精含量数值（如 186.5mg/100ml）",
                          "no blood alcohol measurement found (e.g. 186.5mg/100ml)");
  }
  std::string canonical = format_milli(*milli);
  if (*milli > 1000 * 1000) {
    return invalid_result(std::move(canonical), "超过 1000mg/100ml，数值不合理",
                          "above 1000 mg/100ml, implausible");
  }
  return valid_result(std::move(canonical));
}

}  // namespace shanhai::normalize
