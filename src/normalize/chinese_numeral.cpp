#include "normalize/chinese_numeral.h"

#include <string>

#include "normalize/text.h"

namespace shanhai::normalize {

int chinese_digit(char32_t cp) {
  switch (cp) {
    case U'〇':
    case U'零':
    case U'○':
    case U'Ｏ':
      return 0;
    case U'一':
    case U'壹':
    case U'幺':
    case U'弌':
      return 1;
    case U'二':
    case U'贰':
    case U'貳':
    case U'两':
    case U'兩':
    case U'弍':
      return 2;
    case U'三':
    case U'叁':
    case U'參':
    case U'弎':
      return 3;
    case U'四':
    case U'肆':
      return 4;
    case U'五':
    case U'伍':
      return 5;
    case U'六':
    case U'陆':
    case U'陸':
      return 6;
    case U'七':
    case U'柒':
      return 7;
    case U'八':
    case U'捌':
      return 8;
    case U'九':
    case U'玖':
      return 9;
    default:
      return -1;
  }
}

int64_t chinese_unit(char32_t cp) {
  switch (cp) {
    case U'十':
    case U'拾':
      return 10;
    case U'百':
    case U'佰':
    case U'陌':
      return 100;
    case U'千':
    case U'仟':
    case U'阡':
      return 1000;
    case U'万':
    case U'萬':
      return 10000;
    case U'亿':
    case U'億':
      return 100000000;
    default:
      return 0;
  }
}

bool is_chinese_numeral_char(char32_t cp) { return chinese_digit(cp) >= 0 || chinese_unit(cp) > 0; }

namespace {

inline bool ascii_digit(char32_t c) { return c >= '0' && c <= '9'; }

bool mul_add(int64_t& acc, int64_t mul, int64_t add) {
  int64_t t;
  if (__builtin_mul_overflow(acc, mul, &t)) return false;
  if (__builtin_add_overflow(t, add, &acc)) return false;
  return true;
}

}  // namespace

std::optional<int64_t> parse_chinese_integer(std::u32string_view s) {
  if (s.empty()) return std::nullopt;
  bool any_unit = false;
  for (char32_t c : s) {
    if (chinese_unit(c) > 0) {
      any_unit = true;
    } else if (chinese_digit(c) < 0 && !ascii_digit(c)) {
      return std::nullopt;
    }
  }
  if (!any_unit) {  // digit by digit: 二〇二三
    int64_t v = 0;
    for (char32_t c : s) {
      const int d = ascii_digit(c) ? static_cast<int>(c - '0') : chinese_digit(c);
      if (!mul_add(v, 10, d)) return std::nullopt;
    }
    return v;
  }
  int64_t total = 0;    // the part already multiplied by 万/亿
  int64_t section = 0;  // the part below 万 being built
  int64_t number = -1;  // pending digit value, -1 when none
  bool number_is_chinese_digit = false;
  int64_t unit_before_number = 0;  // unit token immediately before the pending digit
  int64_t last_small_unit = 0;     // last 十/百/千 in this section
  int64_t last_big_unit = 0;       // last 万/亿
  int64_t prev_unit = 0;           // unit of the previous token, 0 when it was not a unit
  bool zero_since_unit = false;
  size_t i = 0;
  while (i < s.size()) {
    const char32_t c = s[i];
    if (ascii_digit(c)) {
      if (number >= 0) return std::nullopt;
      int64_t v = 0;
      while (i < s.size() && ascii_digit(s[i])) {
        if (!mul_add(v, 10, s[i] - '0')) return std::nullopt;
        ++i;
      }
      number = v;
      number_is_chinese_digit = false;
      unit_before_number = prev_unit;
      prev_unit = 0;
      continue;
    }
    ++i;
    const int d = chinese_digit(c);
    if (d == 0) {
      if (number >= 0) return std::nullopt;
      zero_since_unit = true;
      prev_unit = 0;
      continue;
    }
    if (d > 0) {
      if (number >= 0) return std::nullopt;
      number = d;
      number_is_chinese_digit = true;
      unit_before_number = prev_unit;
      prev_unit = 0;
      continue;
    }
    const int64_t u = chinese_unit(c);
    if (u < 10000) {
      if (last_small_unit != 0 && u >= last_small_unit) return std::nullopt;
      const int64_t n = number < 0 ? 1 : number;
      int64_t add = 0;
      if (__builtin_mul_overflow(n, u, &add) || __builtin_add_overflow(section, add, &section)) {
        return std::nullopt;
      }
      last_small_unit = u;
    } else {
      int64_t seg = section;
      if (number >= 0 && __builtin_add_overflow(seg, number, &seg)) return std::nullopt;
      if (seg == 0 && number < 0) return std::nullopt;  // 万 with nothing before it
      if (u == 10000) {
        if (last_big_unit == 10000) return std::nullopt;
        int64_t add = 0;
        if (__builtin_mul_overflow(seg, int64_t{10000}, &add) ||
            __builtin_add_overflow(total, add, &total)) {
          return std::nullopt;
        }
      } else {
        if (__builtin_add_overflow(total, seg, &total) ||
            __builtin_mul_overflow(total, int64_t{100000000}, &total)) {
          return std::nullopt;
        }
      }
      last_big_unit = u;
      section = 0;
      last_small_unit = 0;
    }
    number = -1;
    zero_since_unit = false;
    prev_unit = u;
  }
  if (number >= 0) {
    int64_t n = number;
    // Colloquial abbreviation: 一万五 = 15000, 两百五 = 250 (never after 零).
    if (number_is_chinese_digit && !zero_since_unit && unit_before_number >= 100) {
      if (__builtin_mul_overflow(n, unit_before_number / 10, &n)) return std::nullopt;
    }
    if (__builtin_add_overflow(section, n, &section)) return std::nullopt;
  }
  if (__builtin_add_overflow(total, section, &total)) return std::nullopt;
  return total;
}

std::optional<int64_t> parse_chinese_integer(std::string_view utf8) {
  std::u32string cps;
  size_t i = 0;
  while (i < utf8.size()) {
    char32_t cp = next_code_point(utf8, i);
    if (cp >= 0xFF10 && cp <= 0xFF19) cp = cp - 0xFF10 + '0';
    cps.push_back(cp);
  }
  return parse_chinese_integer(std::u32string_view(cps));
}

}  // namespace shanhai::normalize
