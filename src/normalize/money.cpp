#include "normalize/money.h"

#include <string>

#include "normalize/chinese_numeral.h"
#include "normalize/text.h"

namespace shanhai::normalize {

namespace {

enum class MoneyError { none, syntax, precision, overflow };

using U32 = std::u32string_view;

bool starts_with(U32 s, U32 p) { return s.substr(0, p.size()) == p; }
bool ends_with(U32 s, U32 p) { return s.size() >= p.size() && s.substr(s.size() - p.size()) == p; }

bool is_yuan(char32_t c) {
  return c == U'元' || c == U'圆' || c == U'圓' || c == U'块' || c == U'塊';
}

int one_digit(char32_t c) {
  if (c >= '0' && c <= '9') return static_cast<int>(c - '0');
  return chinese_digit(c);
}

// Multiplier words after an ASCII number: 百, 千, 万, 亿 and their products (百万, 千万, 万亿),
// as a power of ten.
int multiplier_exponent(U32 s, size_t& pos) {
  int exp = 0;
  while (pos < s.size()) {
    const int64_t u = chinese_unit(s[pos]);
    if (u < 100) break;
    for (int64_t v = u; v > 1; v /= 10) ++exp;
    ++pos;
  }
  return exp;
}

// ASCII path: 5,000.00 / 0.5万 / 1.2亿元. Returns syntax when the text is not of this shape.
MoneyError parse_ascii(U32 s, int64_t& fen) {
  size_t pos = 0;
  int64_t mantissa = 0;
  int frac_digits = 0;
  int int_digits = 0;
  int dropped_int_digits = 0;
  bool seen_dot = false;
  int group = -1;  // digits since the last comma, -1 before any comma
  bool dropped_nonzero_fraction = false;
  while (pos < s.size()) {
    const char32_t c = s[pos];
    if (c >= '0' && c <= '9') {
      const auto d = static_cast<int64_t>(c - '0');
      if (!seen_dot) {
        ++int_digits;
        if (group >= 0) ++group;
      }
      if (mantissa > (INT64_MAX - d) / 10) {
        // More digits than int64 holds: fraction digits are dropped (and must be zero),
        // integer digits overflow.
        if (!seen_dot) ++dropped_int_digits;
        if (seen_dot && d != 0) dropped_nonzero_fraction = true;
      } else {
        mantissa = mantissa * 10 + d;
        if (seen_dot) ++frac_digits;
      }
    } else if (c == ',' && !seen_dot) {
      if (int_digits == 0 || (group >= 0 && group != 3) || (group < 0 && int_digits > 3)) {
        return MoneyError::syntax;
      }
      group = 0;
    } else if (c == '.' && !seen_dot) {
      if (group >= 0 && group != 3) return MoneyError::syntax;
      seen_dot = true;
      group = -1;
    } else {
      break;
    }
    ++pos;
  }
  if (int_digits == 0 && frac_digits == 0) return MoneyError::syntax;
  if (group >= 0 && group != 3) return MoneyError::syntax;
  const int mul_exp = multiplier_exponent(s, pos);
  if (pos < s.size() && is_yuan(s[pos])) ++pos;
  if (pos != s.size()) return MoneyError::syntax;
  if (dropped_int_digits > 0) return MoneyError::overflow;
  // fen = mantissa * 10^(mul_exp + 2 - frac_digits), exactly.
  int exp = mul_exp + 2 - frac_digits;
  while (exp < 0) {
    if (mantissa % 10 != 0) return MoneyError::precision;
    mantissa /= 10;
    ++exp;
  }
  if (dropped_nonzero_fraction) return MoneyError::precision;
  for (; exp > 0; --exp) {
    if (__builtin_mul_overflow(mantissa, int64_t{10}, &mantissa)) return MoneyError::overflow;
  }
  fen = mantissa;
  return MoneyError::none;
}

// Chinese path: 壹万贰仟叁佰肆拾伍元陆角柒分, 五千元, 叁角, 1万2千元.
MoneyError parse_chinese(U32 s, int64_t& fen) {
  size_t yuan_at = U32::npos;
  for (size_t k = 0; k < s.size(); ++k) {
    if (is_yuan(s[k])) {
      yuan_at = k;
      break;
    }
  }
  int64_t yuan = 0;
  U32 tail;
  if (yuan_at != U32::npos) {
    if (yuan_at > 0) {
      auto v = parse_chinese_integer(s.substr(0, yuan_at));
      if (!v) return MoneyError::syntax;
      yuan = *v;
    }
    tail = s.substr(yuan_at + 1);
  } else {
    // No 元: either only 角/分 or a bare numeral.
    bool has_jiao_fen = false;
    for (char32_t c : s) {
      if (c == U'角' || c == U'毛' || c == U'分') has_jiao_fen = true;
    }
    if (!has_jiao_fen) {
      auto v = parse_chinese_integer(s);
      if (!v) return MoneyError::syntax;
      yuan = *v;
    } else {
      tail = s;
    }
  }
  // tail: [零][d角][零][d分]
  int jiao = 0, fen_part = 0;
  size_t pos = 0;
  bool any_tail = false;
  if (pos < tail.size() && chinese_digit(tail[pos]) == 0 && tail[pos] != U'两') ++pos;
  if (pos + 1 < tail.size() && one_digit(tail[pos]) >= 0 &&
      (tail[pos + 1] == U'角' || tail[pos + 1] == U'毛')) {
    jiao = one_digit(tail[pos]);
    pos += 2;
    any_tail = true;
  }
  if (pos < tail.size() && chinese_digit(tail[pos]) == 0 && tail[pos] != U'两') ++pos;
  if (pos + 1 < tail.size() && one_digit(tail[pos]) >= 0 && tail[pos + 1] == U'分') {
    fen_part = one_digit(tail[pos]);
    pos += 2;
    any_tail = true;
  }
  if (pos != tail.size()) return MoneyError::syntax;
  if (yuan_at == U32::npos && !tail.empty() && !any_tail) return MoneyError::syntax;
  if (yuan_at == 0 && !any_tail) return MoneyError::syntax;  // a bare 元
  int64_t total;
  if (__builtin_mul_overflow(yuan, int64_t{100}, &total)) return MoneyError::overflow;
  if (__builtin_add_overflow(total, int64_t{jiao * 10 + fen_part}, &total)) {
    return MoneyError::overflow;
  }
  fen = total;
  return MoneyError::none;
}

MoneyError parse(std::string_view raw, int64_t& fen) {
  std::u32string buf;
  buf.reserve(raw.size());
  size_t i = 0;
  while (i < raw.size()) {
    char32_t cp = next_code_point(raw, i);
    if (is_space(cp)) continue;
    if (cp >= 0xFF01 && cp <= 0xFF5E) cp = cp - 0xFF01 + 0x21;
    if (cp >= 'A' && cp <= 'Z') cp = cp - 'A' + 'a';
    if (cp == 0xFFE5 || cp == 0x00A5) cp = U'¥';
    buf.push_back(cp);
  }
  U32 s(buf);
  bool negative = false;
  static constexpr U32 kPrefixes[] = {U"人民币", U"rmb",    U"cny",  U"¥",   U"金额",
                                      U"共计",   U"合计",   U"计",   U":",   U"(大写)",
                                      U"大写",   U"(小写)", U"小写", U"(元)"};
  static constexpr U32 kSuffixes[] = {U"整",       U"正",     U"rmb",  U"cny",
                                      U"(人民币)", U"人民币", U"(元)", U"(万元)"};
  for (bool changed = true; changed;) {
    changed = false;
    for (U32 p : kPrefixes) {
      if (starts_with(s, p)) {
        s.remove_prefix(p.size());
        changed = true;
      }
    }
    if (!s.empty() && (s[0] == '-' || s[0] == U'−' || s[0] == U'负')) {
      if (negative) return MoneyError::syntax;
      negative = true;
      s.remove_prefix(1);
      changed = true;
    } else if (!s.empty() && s[0] == '+') {
      s.remove_prefix(1);
      changed = true;
    }
  }
  bool wan_unit = false;  // "(万元)" column-style unit suffix
  for (bool changed = true; changed;) {
    changed = false;
    for (U32 p : kSuffixes) {
      if (ends_with(s, p)) {
        if (p == U"(万元)") wan_unit = true;
        s.remove_suffix(p.size());
        changed = true;
      }
    }
  }
  if (s.empty()) return MoneyError::syntax;
  MoneyError e = MoneyError::syntax;
  if ((s[0] >= '0' && s[0] <= '9') || s[0] == '.') e = parse_ascii(s, fen);
  if (e == MoneyError::syntax) e = parse_chinese(s, fen);
  if (e != MoneyError::none) return e;
  if (wan_unit && __builtin_mul_overflow(fen, int64_t{10000}, &fen)) return MoneyError::overflow;
  if (negative) fen = -fen;
  return MoneyError::none;
}

}  // namespace

std::optional<int64_t> parse_money_fen(std::string_view raw) {
  int64_t fen = 0;
  if (parse(raw, fen) != MoneyError::none) return std::nullopt;
  return fen;
}

std::string format_fen(int64_t fen) {
  const bool negative = fen < 0;
  // Work in unsigned to handle INT64_MIN.
  uint64_t v = negative ? uint64_t{0} - static_cast<uint64_t>(fen) : static_cast<uint64_t>(fen);
  std::string digits = std::to_string(v / 100);
  const auto cents = static_cast<unsigned>(v % 100);
  std::string out;
  out.reserve(digits.size() + 4);
  if (negative) out += '-';
  out += digits;
  out += '.';
  out += static_cast<char>('0' + cents / 10);
  out += static_cast<char>('0' + cents % 10);
  return out;
}

Normalized normalize_money(std::string_view raw) {
  if (is_blank(raw)) return empty_result();
  int64_t fen = 0;
  switch (parse(raw, fen)) {
    case MoneyError::none:
      return valid_result(format_fen(fen));
    case MoneyError::precision:
      return invalid_result("", "精度超过一分", "more precise than one fen (0.01 yuan)");
    case MoneyError::overflow:
      return invalid_result("", "金额过大", "amount too large");
    case MoneyError::syntax:
      break;
  }
  return invalid_result("", "无法识别为金额", "not a recognised amount of money");
}

}  // namespace shanhai::normalize
