#include "normalize/case_number.h"

#include <fmt/format.h>

#include "normalize/chinese_numeral.h"
#include "normalize/text.h"

namespace shanhai::normalize {

namespace {

using U32 = std::u32string_view;

char32_t fold_char(char32_t cp) {
  if (cp >= 0xFF01 && cp <= 0xFF5E) cp = cp - 0xFF01 + 0x21;
  switch (cp) {
    case U'(':
    case U'[':
    case U'〔':
    case U'【':
    case U'﹝':
    case U'〖':
    case U'⁽':
    case U'﹙':
    case U'{':
      return U'(';
    case U')':
    case U']':
    case U'〕':
    case U'】':
    case U'﹞':
    case U'〗':
    case U'⁾':
    case U'﹚':
    case U'}':
      return U')';
    case U'號':
      return U'号';
    default:
      return cp;
  }
}

inline bool digit(char32_t c) { return c >= '0' && c <= '9'; }

std::string utf8(U32 s) {
  std::string out;
  for (char32_t c : s) append_utf8(out, c);
  return out;
}

// Reads a run of digits; returns false when there is none or it overflows.
bool read_digits(U32 s, size_t& pos, int64_t& value) {
  const size_t start = pos;
  value = 0;
  while (pos < s.size() && digit(s[pos])) {
    if (value > 100000000000LL) return false;
    value = value * 10 + static_cast<int64_t>(s[pos] - '0');
    ++pos;
  }
  return pos > start;
}

// 号, optional; then 之X; then the end.
bool read_tail(U32 s, size_t& pos, std::string& suffix) {
  if (pos < s.size() && s[pos] == U'号') ++pos;
  if (pos < s.size() && s[pos] == U'之') {
    const size_t start = pos;
    ++pos;
    const size_t body = pos;
    while (pos < s.size() && (digit(s[pos]) || is_chinese_numeral_char(s[pos]))) ++pos;
    if (pos == body) return false;
    suffix = utf8(s.substr(start, pos - start));
  }
  return pos == s.size();
}

bool is_province_abbr(char32_t c) {
  static constexpr std::u32string_view kAbbr =
      U"京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川蜀黔贵云滇藏陕秦甘陇青宁新港澳台兵军";
  return kAbbr.find(c) != U32::npos;
}

struct Outcome {
  bool ok = false;
  bool year_problem = false;
  CaseNumber value;
};

bool parse_court(U32 rest, CaseNumber& cn) {
  size_t pos = 0;
  const size_t a0 = pos;
  while (pos < rest.size() && is_han(rest[pos])) ++pos;
  U32 a = rest.substr(a0, pos - a0);
  if (a.empty()) return false;
  int64_t d1 = 0;
  const size_t d0 = pos;
  if (!read_digits(rest, pos, d1)) return false;
  U32 d1s = rest.substr(d0, pos - d0);
  const size_t t0 = pos;
  while (pos < rest.size() && is_han(rest[pos]) && rest[pos] != U'号' && rest[pos] != U'之') {
    ++pos;
  }
  U32 t = rest.substr(t0, pos - t0);
  if (!t.empty()) {
    // court code = a + digits, type = t, then the sequence.
    if (t.back() == U'第') t.remove_suffix(1);
    if (t.empty() || a.size() > 3) return false;
    int64_t seq = 0;
    if (!read_digits(rest, pos, seq)) return false;
    cn.court_code = utf8(a) + utf8(d1s);
    cn.case_type = utf8(t);
    cn.sequence = seq;
  } else {
    // No digits in the court code: 浙刑终7号, 最高法民终45号.
    if (a.back() == U'第') a.remove_suffix(1);
    size_t court_len = 0;
    if (a.substr(0, 3) == U"最高法") {
      court_len = 3;
    } else if (is_province_abbr(a[0])) {
      court_len = 1;
    } else {
      return false;
    }
    if (a.size() <= court_len) return false;
    cn.court_code = utf8(a.substr(0, court_len));
    cn.case_type = utf8(a.substr(court_len));
    cn.sequence = d1;
  }
  return read_tail(rest, pos, cn.suffix);
}

bool parse_document(U32 rest, CaseNumber& cn) {
  size_t pos = 0;
  if (pos < rest.size() && rest[pos] == U'第') ++pos;
  int64_t seq = 0;
  if (!read_digits(rest, pos, seq)) return false;
  cn.sequence = seq;
  return read_tail(rest, pos, cn.suffix);
}

Outcome examine(std::string_view raw) {
  Outcome o;
  std::u32string buf;
  size_t i = 0;
  while (i < raw.size()) {
    const char32_t cp = next_code_point(raw, i);
    if (is_space(cp)) continue;
    buf.push_back(fold_char(cp));
  }
  U32 s(buf);
  CaseNumber& cn = o.value;
  const size_t open = s.find(U'(');
  U32 rest;
  if (open != U32::npos) {
    const size_t close = s.find(U')', open);
    if (close == U32::npos || close - open != 5) return o;
    for (size_t k = open + 1; k < close; ++k) {
      if (!digit(s[k])) return o;
      cn.year = cn.year * 10 + static_cast<int>(s[k] - '0');
    }
    U32 prefix = s.substr(0, open);
    rest = s.substr(close + 1);
    if (rest.find(U'(') != U32::npos || prefix.find(U')') != U32::npos) return o;
    cn.court_case = prefix.empty();
    if (!cn.court_case) cn.prefix = utf8(prefix);
  } else {
    // 2023浙0106刑初123号: a bare year at the start of a court case number.
    if (s.size() < 6) return o;
    for (size_t k = 0; k < 4; ++k) {
      if (!digit(s[k])) return o;
      cn.year = cn.year * 10 + static_cast<int>(s[k] - '0');
    }
    if (!is_han(s[4])) return o;
    rest = s.substr(4);
    cn.court_case = true;
  }
  if (cn.court_case ? !parse_court(rest, cn) : !parse_document(rest, cn)) return o;
  if (cn.year < 1949 || cn.year > 2100) {
    o.year_problem = true;
    return o;
  }
  if (cn.court_case) {
    cn.canonical =
        fmt::format("({}){}{}{}号{}", cn.year, cn.court_code, cn.case_type, cn.sequence, cn.suffix);
  } else {
    cn.canonical = fmt::format("{}({}){}号{}", cn.prefix, cn.year, cn.sequence, cn.suffix);
  }
  o.ok = true;
  return o;
}

constexpr const char* kSyntaxZh =
    "无法识别为案号或文号（应如“(2023)浙0106刑初123号”或“林罚决字(2023)12号”）";
constexpr const char* kSyntaxEn =
    "not a recognised case or document number (expected e.g. (2023)浙0106刑初123号 or "
    "林罚决字(2023)12号)";

}  // namespace

Result<CaseNumber> parse_case_number(std::string_view raw) {
  Location where;
  where.value = std::string(raw);
  if (is_blank(raw)) return Error("case_number.empty", "案号为空", "case number is empty", where);
  Outcome o = examine(raw);
  if (o.ok) return std::move(o.value);
  if (o.year_problem) {
    return Error("case_number.year", fmt::format("案号年份 {} 不合理", o.value.year),
                 fmt::format("implausible year {} in case number", o.value.year), std::move(where));
  }
  return Error("case_number.syntax", kSyntaxZh, kSyntaxEn, std::move(where));
}

Normalized normalize_case_number(std::string_view raw) {
  if (is_blank(raw)) return empty_result();
  Outcome o = examine(raw);
  if (o.ok) return valid_result(std::move(o.value.canonical));
  if (o.year_problem) {
    return invalid_result("", fmt::format("年份 {} 不合理", o.value.year),
                          fmt::format("implausible year {}", o.value.year));
  }
  return invalid_result("", kSyntaxZh, kSyntaxEn);
}

}  // namespace shanhai::normalize
