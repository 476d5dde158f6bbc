#include "normalize/id_number.h"

#include <fmt/format.h>

#include <cstring>

#include "normalize/date.h"
#include "normalize/text.h"

namespace shanhai::normalize {

namespace {

constexpr int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
constexpr char kCheckChars[11] = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};

enum class Problem { none, empty, length, chars, x_position, scientific, checksum, birth, region };

inline bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Province-level codes of GB/T 2260, plus 83 (Taiwan residents' residence permits) and numbers
// beginning with 9 (the 2023 foreigners' permanent residence card).
bool province_ok(char a, char b) {
  if (a == '9') return is_digit(b);
  const int p = (a - '0') * 10 + (b - '0');
  return (p >= 11 && p <= 15) || (p >= 21 && p <= 23) || (p >= 31 && p <= 37) ||
         (p >= 41 && p <= 46) || (p >= 50 && p <= 54) || (p >= 61 && p <= 65) || p == 71 ||
         p == 81 || p == 82 || p == 83;
}

inline int two(const char* p) { return (p[0] - '0') * 10 + (p[1] - '0'); }

bool birth_ok(const char* d) {  // d points at YYYYMMDD
  const int year = two(d) * 100 + two(d + 2);
  return year >= 1800 && year <= 2099 && valid_ymd(year, two(d + 4), two(d + 6));
}

char check_char_unchecked(const char* d) {
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += (d[i] - '0') * kWeights[i];
  return kCheckChars[sum % 11];
}

// Validates 18 canonical characters (digits, last may be 'X').
Problem check18(const char* d, char* expected) {
  if (!province_ok(d[0], d[1])) return Problem::region;
  if (!birth_ok(d + 6)) return Problem::birth;
  const char want = check_char_unchecked(d);
  if (want != d[17]) {
    *expected = want;
    return Problem::checksum;
  }
  return Problem::none;
}

// Cleans raw into out (at most 18 characters). Returns the problem found, with n set to the
// number of significant characters seen.
Problem clean(std::string_view raw, char out[18], size_t& n) {
  n = 0;
  bool chars = false;
  bool saw_e = false, saw_plus_or_dot = false;
  bool first = true;
  size_t i = 0;
  while (i < raw.size()) {
    const char32_t cp = next_code_point(raw, i);
    if (is_space(cp)) continue;
    if (first && (cp == '\'' || cp == '`' || cp == 0x2018 || cp == 0x2019)) {
      first = false;
      continue;
    }
    first = false;
    char c;
    if (cp >= '0' && cp <= '9') {
      c = static_cast<char>(cp);
    } else if (cp >= 0xFF10 && cp <= 0xFF19) {
      c = static_cast<char>('0' + (cp - 0xFF10));
    } else if (cp == 'x' || cp == 'X' || cp == 0xFF58 || cp == 0xFF38 || cp == 0x00D7) {
      c = 'X';  // U+00D7 × is a common mis-typing of X in Chinese input methods
    } else if (cp == '-' || cp == 0xFF0D || (cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212) {
      continue;
    } else {
      if (cp == 'E' || cp == 'e') saw_e = true;
      if (cp == '+' || cp == '.') saw_plus_or_dot = true;
      chars = true;
      continue;
    }
    if (n < 18) out[n] = c;
    ++n;
  }
  if (saw_e && saw_plus_or_dot) return Problem::scientific;
  if (chars) return Problem::chars;
  if (n == 0) return Problem::empty;
  if (n != 18 && n != 15) return Problem::length;
  return Problem::none;
}

// Turns cleaned characters (15 or 18) into canonical 18. Returns the problem.
Problem canonicalise(char buf[18], size_t n, char* expected) {
  if (n == 15) {
    for (size_t k = 0; k < 15; ++k) {
      if (!is_digit(buf[k])) return Problem::x_position;
    }
    char tmp[18];
    std::memcpy(tmp, buf, 6);
    tmp[6] = '1';
    tmp[7] = '9';
    std::memcpy(tmp + 8, buf + 6, 9);
    tmp[17] = check_char_unchecked(tmp);
    std::memcpy(buf, tmp, 18);
    return check18(buf, expected);
  }
  for (size_t k = 0; k < 17; ++k) {
    if (!is_digit(buf[k])) return Problem::x_position;
  }
  return check18(buf, expected);
}

inline bool fast_shape(std::string_view raw) {
  if (raw.size() != 18) return false;
  for (size_t k = 0; k < 17; ++k) {
    if (!is_digit(raw[k])) return false;
  }
  const char last = raw[17];
  return is_digit(last) || last == 'X' || last == 'x';
}

struct Message {
  std::string zh, en, code;
};

Message describe(Problem p, std::string_view cleaned, size_t n, char expected) {
  switch (p) {
    case Problem::empty:
      return {"空值", "empty", "id_number.empty"};
    case Problem::length:
      return {fmt::format("位数应为 18 位或 15 位，实为 {} 位", n),
              fmt::format("must have 18 or 15 characters, found {}", n), "id_number.length"};
    case Problem::chars:
      return {"含数字和 X 以外的字符", "contains characters other than digits and X",
              "id_number.chars"};
    case Problem::scientific:
      return {"已被 Excel 转为科学计数法，后几位已丢失，请以文本格式重新导出",
              "mangled into scientific notation by Excel; the last digits are lost, re-export "
              "the column as text",
              "id_number.scientific"};
    case Problem::x_position:
      return {"X 只能是 18 位号码的最后一位", "X may only be the last of 18 characters",
              "id_number.chars"};
    case Problem::checksum:
      return {fmt::format("校验码错误，应为 {}", expected),
              fmt::format("wrong check character, expected {}", expected), "id_number.checksum"};
    case Problem::birth:
      return {fmt::format("出生日期 {} 无效", cleaned.substr(6, 8)),
              fmt::format("invalid birth date {}", cleaned.substr(6, 8)), "id_number.birth_date"};
    case Problem::region:
      return {
          fmt::format("地址码 {} 不是有效的省级行政区划代码开头", cleaned.substr(0, 6)),
          fmt::format("region code {} does not start with a province code", cleaned.substr(0, 6)),
          "id_number.region"};
    case Problem::none:
      break;
  }
  return {};
}

}  // namespace

char id_check_char(std::string_view first17) {
  if (first17.size() != 17) return '\0';
  for (char c : first17) {
    if (!is_digit(c)) return '\0';
  }
  return check_char_unchecked(first17.data());
}

bool canonical_id_number(std::string_view raw, char out[18]) {
  char expected = 0;
  if (fast_shape(raw)) {
    std::memcpy(out, raw.data(), 18);
    if (out[17] == 'x') out[17] = 'X';
    return check18(out, &expected) == Problem::none;
  }
  size_t n = 0;
  if (clean(raw, out, n) != Problem::none) return false;
  return canonicalise(out, n, &expected) == Problem::none;
}

IdNumberCheck check_id_number(std::string_view raw, char out[18], bool* legacy15) {
  char expected = 0;
  size_t n = 18;
  Problem p = Problem::none;
  if (fast_shape(raw)) {
    std::memcpy(out, raw.data(), 18);
    if (out[17] == 'x') out[17] = 'X';
    p = check18(out, &expected);
  } else {
    n = 0;
    p = clean(raw, out, n);
    if (p == Problem::none) p = canonicalise(out, n, &expected);
  }
  if (legacy15) *legacy15 = n == 15;
  switch (p) {
    case Problem::none:
      return IdNumberCheck::valid;
    case Problem::region:
      return IdNumberCheck::region;
    case Problem::birth:
      return IdNumberCheck::birth_date;
    case Problem::checksum:
      return IdNumberCheck::checksum;
    default:
      return IdNumberCheck::unusable;
  }
}

Normalized normalize_id_number(std::string_view raw) {
  char buf[18];
  char expected = 0;
  if (fast_shape(raw)) {
    std::memcpy(buf, raw.data(), 18);
    if (buf[17] == 'x') buf[17] = 'X';
    const Problem p = check18(buf, &expected);
    if (p == Problem::none) return valid_result(std::string(buf, 18));
    const Message m = describe(p, std::string_view(buf, 18), 18, expected);
    return invalid_result(std::string(buf, 18), m.zh, m.en);
  }
  if (is_blank(raw)) return empty_result();
  size_t n = 0;
  Problem p = clean(raw, buf, n);
  if (p != Problem::none) {
    const Message m = describe(p, {}, n, expected);
    return invalid_result("", m.zh, m.en);
  }
  p = canonicalise(buf, n, &expected);
  if (p == Problem::none) return valid_result(std::string(buf, 18));
  if (p == Problem::x_position) {
    const Message m = describe(p, {}, n, expected);
    return invalid_result("", m.zh, m.en);
  }
  const Message m = describe(p, std::string_view(buf, 18), n, expected);
  return invalid_result(std::string(buf, 18), m.zh, m.en);
}

Result<IdNumber> parse_id_number(std::string_view raw) {
  char buf[18];
  size_t n = 0;
  char expected = 0;
  Location where;
  where.value = std::string(raw);
  Problem p = clean(raw, buf, n);
  if (p == Problem::none) p = canonicalise(buf, n, &expected);
  if (p != Problem::none) {
    const bool have18 = p == Problem::checksum || p == Problem::birth || p == Problem::region;
    Message m = describe(p, have18 ? std::string_view(buf, 18) : std::string_view(), n, expected);
    return Error(m.code, "公民身份号码" + m.zh, "identity number " + m.en, std::move(where));
  }
  IdNumber id;
  id.canonical18.assign(buf, 18);
  id.legacy15 = n == 15;
  id.region_code.assign(buf, 6);
  id.birth_date = fmt::format("{}-{}-{}", std::string_view(buf + 6, 4),
                              std::string_view(buf + 10, 2), std::string_view(buf + 12, 2));
  id.sex = ((buf[16] - '0') % 2 == 1) ? 'M' : 'F';
  return id;
}

}  // namespace shanhai::normalize
