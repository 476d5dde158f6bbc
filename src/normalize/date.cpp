#include "normalize/date.h"

#include <fmt/format.h>

#include <array>
#include <cmath>

#include "normalize/chinese_numeral.h"
#include "normalize/text.h"

namespace shanhai::normalize {

bool is_leap_year(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
  static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  if (month == 2 && is_leap_year(year)) return 29;
  return kDays[month - 1];
}

bool valid_ymd(int year, int month, int day) {
  return day >= 1 && day <= days_in_month(year, month);
}

// Howard Hinnant's days_from_civil / civil_from_days.
int32_t days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy =
      (153 * static_cast<unsigned>(m > 2 ? m - 3 : m + 9) + 2) / 5 + static_cast<unsigned>(d) - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int32_t>(doe) - 719468;
}

void civil_from_days(int32_t z, int& year, int& month, int& day) {
  z += 719468;
  const int32_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int y = static_cast<int>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  year = y + (month <= 2);
}

namespace {

inline void put2(std::string& out, size_t at, int v) {
  out[at] = static_cast<char>('0' + v / 10);
  out[at + 1] = static_cast<char>('0' + v % 10);
}

}  // namespace

std::string format_date(int32_t days) {
  int y, m, d;
  civil_from_days(days, y, m, d);
  if (y < 0 || y > 9999) return fmt::format("{}-{:02}-{:02}", y, m, d);
  std::string out = "0000-00-00";
  put2(out, 0, y / 100);
  put2(out, 2, y % 100);
  put2(out, 5, m);
  put2(out, 8, d);
  return out;
}

std::string format_datetime(int64_t seconds) {
  int64_t days = seconds / 86400;
  int64_t rem = seconds % 86400;
  if (rem < 0) {
    rem += 86400;
    --days;
  }
  std::string out = format_date(static_cast<int32_t>(days));
  out += " 00:00:00";
  const size_t at = out.size() - 8;
  put2(out, at, static_cast<int>(rem / 3600));
  put2(out, at + 3, static_cast<int>(rem / 60 % 60));
  put2(out, at + 6, static_cast<int>(rem % 60));
  return out;
}

std::optional<int32_t> excel_serial_days(double serial) {
  if (!(serial >= 1.0) || serial >= 2958466.0) return std::nullopt;
  const auto whole = static_cast<int32_t>(std::floor(serial));
  if (whole == 60) return std::nullopt;  // 1900-02-29 does not exist
  return whole < 60 ? whole - 25568 : whole - 25569;
}

namespace {

// Reads code points with full-width ASCII folded to ASCII and U+3000 to a space.
class Cursor {
 public:
  explicit Cursor(std::string_view s) : s_(s) {}

  bool done() const { return pos_ >= s_.size(); }
  size_t pos() const { return pos_; }
  void reset(size_t pos) { pos_ = pos; }

  char32_t peek() const {
    size_t len;
    return peek(len);
  }
  char32_t peek(size_t& len) const {
    if (pos_ >= s_.size()) {
      len = 0;
      return 0;
    }
    const auto c = static_cast<unsigned char>(s_[pos_]);
    if (c < 0x80) {
      len = 1;
      return c;
    }
    size_t i = pos_;
    char32_t cp = next_code_point(s_, i);
    len = i - pos_;
    if (cp >= 0xFF01 && cp <= 0xFF5E) cp = cp - 0xFF01 + 0x21;
    if (cp == 0x3000) cp = ' ';
    return cp;
  }
  void advance() {
    size_t len;
    peek(len);
    pos_ += len;
  }
  bool eat(char32_t c) {
    size_t len;
    if (peek(len) != c || len == 0) return false;
    pos_ += len;
    return true;
  }
  bool eat_any(std::initializer_list<char32_t> cs) {
    size_t len;
    const char32_t c = peek(len);
    if (len == 0) return false;
    for (char32_t x : cs) {
      if (x == c) {
        pos_ += len;
        return true;
      }
    }
    return false;
  }
  // Reads up to max_digits ASCII digits; returns how many were read.
  int digits(int max_digits, int& value) {
    value = 0;
    int n = 0;
    while (n < max_digits) {
      size_t len;
      const char32_t c = peek(len);
      if (c < '0' || c > '9') break;
      value = value * 10 + static_cast<int>(c - '0');
      pos_ += len;
      ++n;
    }
    return n;
  }
  int count_digits_ahead() const {
    Cursor copy = *this;
    int v = 0, n = 0;
    while (true) {
      const int k = copy.digits(1, v);
      if (k == 0) break;
      ++n;
    }
    return n;
  }
  void skip_spaces() {
    while (!done()) {
      size_t len;
      const char32_t c = peek(len);
      if (!is_space(c)) break;
      pos_ += len;
    }
  }
  // Reads a Chinese-numeral run (at most 12 characters) and parses it.
  std::optional<int64_t> chinese_number() {
    char32_t buf[12];
    size_t n = 0;
    const size_t start = pos_;
    while (n < 12) {
      size_t len;
      const char32_t c = peek(len);
      if (len == 0 || !(is_chinese_numeral_char(c) || c == U'廿' || c == U'卅')) break;
      buf[n++] = c;
      pos_ += len;
    }
    if (n == 0) return std::nullopt;
    // 廿 = 二十, 卅 = 三十 in old dates.
    char32_t expanded[24];
    size_t m = 0;
    for (size_t k = 0; k < n; ++k) {
      if (buf[k] == U'廿' || buf[k] == U'卅') {
        expanded[m++] = buf[k] == U'廿' ? U'二' : U'三';
        expanded[m++] = U'十';
      } else {
        expanded[m++] = buf[k];
      }
    }
    auto v = parse_chinese_integer(std::u32string_view(expanded, m));
    if (!v) pos_ = start;
    return v;
  }

 private:
  std::string_view s_;
  size_t pos_ = 0;
};

struct DateParts {
  int year = 0, month = 0, day = 0;
  bool has_day = false;
  bool compact = false;  // YYYYMMDD
};

// A number written in ASCII digits (1–max_digits) or as a Chinese numeral.
bool read_component(Cursor& c, int max_digits, int& value) {
  if (c.digits(max_digits, value) > 0) return true;
  auto v = c.chinese_number();
  if (!v || *v > 9999) return false;
  value = static_cast<int>(*v);
  return true;
}

// Parses the date at the start of c. On success the cursor is after the date.
bool parse_date_prefix(Cursor& c, DateParts& p) {
  const size_t start = c.pos();
  int year = 0;
  const int year_digits = c.digits(4, year);
  if (year_digits == 4) {
    // YYYYMMDD, possibly followed directly by HHMMSS (20230821143005).
    Cursor probe = c;
    int rest = 0;
    const int more = probe.digits(4, rest);
    if (more == 4) {
      const int ahead = probe.count_digits_ahead();
      if (ahead != 0 && ahead != 6) {
        c.reset(start);
        return false;
      }
      p.year = year;
      p.month = rest / 100;
      p.day = rest % 100;
      p.has_day = true;
      p.compact = true;
      c = probe;
      return true;
    }
    if (more > 0) {
      c.reset(start);
      return false;
    }
    const char32_t sep = c.peek();
    if (sep == '-' || sep == '/' || sep == '.' || sep == '_') {
      c.advance();
      if (c.digits(2, p.month) == 0) return false;
      p.year = year;
      if (c.eat(sep)) {
        if (c.digits(2, p.day) == 0) return false;
        p.has_day = true;
      }
      return true;
    }
  } else if (year_digits == 0) {
    // 二〇二三年 — a Chinese digit-by-digit year.
    auto v = c.chinese_number();
    if (!v || *v < 1000 || *v > 9999) {
      c.reset(start);
      return false;
    }
    year = static_cast<int>(*v);
  } else {
    c.reset(start);
    return false;
  }
  // Chinese form: YYYY年M月[D日]
  c.skip_spaces();
  if (!c.eat(U'年')) {
    c.reset(start);
    return false;
  }
  c.skip_spaces();
  p.year = year;
  if (!read_component(c, 2, p.month)) return false;
  c.skip_spaces();
  if (!c.eat(U'月')) return false;
  const size_t after_month = c.pos();
  c.skip_spaces();
  if (c.done()) return true;
  if (!read_component(c, 2, p.day)) {
    c.reset(after_month);
    return true;  // month only; the caller decides what follows
  }
  p.has_day = true;
  c.skip_spaces();
  if (!c.eat_any({U'日', U'号', U'號'})) {
    // "2023年8月21" is fine at the end or before a time.
  }
  return true;
}

struct TimeParts {
  int hour = 0, minute = 0, second = 0;
  int offset_minutes = 0;
  bool has_offset = false;
};

// Parses an optional time after a date. Returns false on trailing garbage.
bool parse_time_suffix(Cursor& c, bool compact_date, bool& has_time, TimeParts& t) {
  has_time = false;
  const size_t before = c.pos();
  bool had_sep = false;
  if (c.eat('T') || c.eat('t')) {
    had_sep = true;
  } else {
    while (!c.done() && is_space(c.peek())) {
      c.advance();
      had_sep = true;
    }
  }
  if (c.done()) return c.pos() == before || had_sep;
  // 上午/下午 markers.
  int pm = 0;
  if (c.eat(U'上') || c.eat(U'凌') || c.eat(U'早')) {
    if (!(c.eat(U'午') || c.eat(U'晨') || c.eat(U'上'))) return false;
    pm = -1;
  } else if (c.eat(U'下') || c.eat(U'晚')) {
    if (!(c.eat(U'午') || c.eat(U'上'))) return false;
    pm = 1;
  } else if (c.eat(U'中')) {
    if (!c.eat(U'午')) return false;
    pm = 2;
  }
  c.skip_spaces();
  int h = 0, m = 0, s = 0;
  const int hd = c.digits(2, h);
  if (hd == 0) {
    auto v = c.chinese_number();
    if (!v || *v > 24) return false;
    h = static_cast<int>(*v);
  } else if (hd == 2 && compact_date && !had_sep) {
    // 20230821143005: HHMMSS
    if (c.digits(2, m) != 2) return false;
    if (c.digits(2, s) != 2) return false;
    if (!c.done()) return false;
    has_time = true;
    t.hour = h;
    t.minute = m;
    t.second = s;
    return h < 24 && m < 60 && s < 60;
  }
  if (c.eat(':')) {
    if (c.digits(2, m) != 2) return false;
    if (c.eat(':')) {
      if (c.digits(2, s) != 2) return false;
      if (c.eat('.') || c.eat(',')) {
        int frac = 0;
        while (c.digits(1, frac) == 1) {
        }
      }
    }
  } else if (c.eat(U'时') || c.eat(U'點') || c.eat(U'点') || c.eat(U'時')) {
    c.skip_spaces();
    if (!c.done() && !c.eat(U'整')) {
      if (c.eat(U'半')) {
        m = 30;
      } else if (read_component(c, 2, m)) {
        c.skip_spaces();
        if (!c.eat(U'分')) {
          if (!c.done()) return false;
        }
        c.skip_spaces();
        if (!c.done() && read_component(c, 2, s)) {
          c.skip_spaces();
          c.eat(U'秒');
        }
      }
    }
  } else {
    return false;
  }
  c.skip_spaces();
  // Time-zone offset: Z, +08:00, +0800, +08.
  if (c.eat('Z') || c.eat('z')) {
    t.has_offset = true;
    t.offset_minutes = 0;
  } else if (c.peek() == '+' || c.peek() == '-') {
    const bool neg = c.peek() == '-';
    c.advance();
    int oh = 0, om = 0;
    if (c.digits(2, oh) != 2) return false;
    c.eat(':');
    c.digits(2, om);
    t.has_offset = true;
    t.offset_minutes = (neg ? -1 : 1) * (oh * 60 + om);
  }
  if (!c.done()) return false;
  if (pm == 1 && h < 12) h += 12;
  if (pm == -1 && h == 12) h = 0;
  if (pm == 2 && h < 6) h += 12;
  if (h > 23 || m > 59 || s > 59) return false;
  has_time = true;
  t.hour = h;
  t.minute = m;
  t.second = s;
  return true;
}

bool ymd_ok(const DateParts& p) {
  return p.year >= 1000 && p.year <= 9999 && p.has_day && valid_ymd(p.year, p.month, p.day);
}

// Skips the ASCII/Unicode blanks around s.
std::string_view trim_fast(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n')) {
    s.remove_suffix(1);
  }
  if (!s.empty() && (static_cast<unsigned char>(s.front()) >= 0x80 ||
                     static_cast<unsigned char>(s.back()) >= 0x80 ||
                     static_cast<unsigned char>(s.front()) < 0x20)) {
    s = trim(s);
  }
  return s;
}

inline bool dig(char c) { return c >= '0' && c <= '9'; }

// The common ISO spelling YYYY-MM-DD, without any other work.
inline bool iso_fast(std::string_view s, int32_t& days) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (size_t k : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (!dig(s[k])) return false;
  }
  const int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
  const int m = (s[5] - '0') * 10 + (s[6] - '0');
  const int d = (s[8] - '0') * 10 + (s[9] - '0');
  if (y < 1000 || !valid_ymd(y, m, d)) return false;
  days = days_from_civil(y, m, d);
  return true;
}

// Quick rejection: a date starts with a digit (ASCII or full-width) or a Chinese numeral.
// Every date spelling starts with a digit: ASCII, full-width (U+FF10–FF19) or a Chinese numeral
// of a year (二〇二三年, 一九八五年, 贰零贰叁年). Import asks this of every text cell while
// inferring column types, so anything else (names, addresses) is turned away here, before parsing.
inline bool may_start_date(std::string_view s) {
  const auto c = static_cast<unsigned char>(s[0]);
  if (c < 0x80) return dig(static_cast<char>(c));
  if (c < 0xE0) return false;
  size_t i = 0;
  const char32_t cp = next_code_point(s, i);
  return (cp >= 0xFF10 && cp <= 0xFF19) || chinese_digit(cp) >= 1;
}

}  // namespace

std::optional<int32_t> parse_date_days(std::string_view raw) {
  std::string_view s = trim_fast(raw);
  if (s.empty()) return std::nullopt;
  int32_t days;
  if (iso_fast(s, days)) return days;
  if (!may_start_date(s)) return std::nullopt;
  // A run of ASCII digits is a date only as YYYYMMDD or YYYYMMDDHHMMSS (counters, amounts,
  // phone and identity numbers are turned away without parsing).
  if (s.size() != 8 && s.size() != 14 &&
      s.find_first_not_of("0123456789") == std::string_view::npos) {
    return std::nullopt;
  }
  Cursor c(s);
  DateParts p;
  if (!parse_date_prefix(c, p) || !ymd_ok(p)) return std::nullopt;
  bool has_time = false;
  TimeParts t;
  if (!parse_time_suffix(c, p.compact, has_time, t)) return std::nullopt;
  if (has_time && (t.hour != 0 || t.minute != 0 || t.second != 0 || t.has_offset)) {
    return std::nullopt;
  }
  return days_from_civil(p.year, p.month, p.day);
}

std::optional<int64_t> parse_datetime_seconds(std::string_view raw) {
  std::string_view s = trim_fast(raw);
  if (s.empty() || !may_start_date(s)) return std::nullopt;
  Cursor c(s);
  DateParts p;
  if (!parse_date_prefix(c, p) || !ymd_ok(p)) return std::nullopt;
  bool has_time = false;
  TimeParts t;
  if (!parse_time_suffix(c, p.compact, has_time, t)) return std::nullopt;
  int64_t secs = int64_t{days_from_civil(p.year, p.month, p.day)} * 86400 + t.hour * 3600 +
                 t.minute * 60 + t.second;
  if (t.has_offset) secs += (8 * 60 - t.offset_minutes) * 60;
  return secs;
}

namespace {

// A plain number (digits, optional fraction) for Excel serials.
std::optional<double> plain_number(std::string_view s) {
  std::string folded = fold_width(s, true);
  if (folded.empty() || folded.size() > 20) return std::nullopt;
  size_t dots = 0, digits = 0;
  for (char ch : folded) {
    if (ch == '.') {
      ++dots;
    } else if (dig(ch)) {
      ++digits;
    } else {
      return std::nullopt;
    }
  }
  if (dots > 1 || digits == 0 || folded.front() == '.' || folded.back() == '.') {
    return std::nullopt;
  }
  double whole = 0, frac = 0, scale = 1;
  bool after = false;
  for (char ch : folded) {
    if (ch == '.') {
      after = true;
    } else if (!after) {
      whole = whole * 10 + (ch - '0');
    } else {
      scale /= 10;
      frac += (ch - '0') * scale;
    }
  }
  return whole + frac;
}

constexpr double kMaxPlausibleSerial = 73050;  // 2099-12-31

const char* kDateReasonZh = "无法识别为日期";
const char* kDateReasonEn = "not a recognised date";

}  // namespace

Normalized normalize_date(std::string_view raw) {
  std::string_view s = trim_fast(raw);
  int32_t days;
  if (iso_fast(s, days)) return valid_result(std::string(s));
  if (is_blank(raw)) return empty_result();
  if (auto d = parse_date_days(s)) return valid_result(format_date(*d));
  if (may_start_date(s)) {
    Cursor c(s);
    DateParts p;
    if (parse_date_prefix(c, p)) {
      if (!p.has_day && c.done()) {
        if (p.year >= 1000 && p.year <= 9999 && p.month >= 1 && p.month <= 12) {
          return valid_result(fmt::format("{:04}-{:02}", p.year, p.month));
        }
        return invalid_result("", "月份无效", "invalid month");
      }
      if (p.has_day && !ymd_ok(p)) {
        return invalid_result(
            "", fmt::format("日期不存在：{}年{}月{}日", p.year, p.month, p.day),
            fmt::format("no such date: {:04}-{:02}-{:02}", p.year, p.month, p.day));
      }
      if (p.has_day) {
        bool has_time = false;
        TimeParts t;
        Cursor rest = c;
        if (parse_time_suffix(rest, p.compact, has_time, t) && has_time) {
          // A date-time in a date column: the date part is the value.
          int64_t secs = int64_t{days_from_civil(p.year, p.month, p.day)} * 86400 + t.hour * 3600 +
                         t.minute * 60 + t.second;
          if (t.has_offset) secs += (8 * 60 - t.offset_minutes) * 60;
          int64_t day = secs / 86400;
          if (secs % 86400 < 0) --day;
          return valid_result(format_date(static_cast<int32_t>(day)));
        }
      }
    }
  }
  if (auto n = plain_number(s)) {
    if (*n >= 1 && *n <= kMaxPlausibleSerial) {
      if (auto d = excel_serial_days(*n)) return valid_result(format_date(*d));
    }
    return invalid_result("", "数字不是合理的日期或 Excel 日期序号",
                          "number is neither a date nor a plausible Excel date serial");
  }
  return invalid_result("", kDateReasonZh, kDateReasonEn);
}

Normalized normalize_datetime(std::string_view raw) {
  if (is_blank(raw)) return empty_result();
  std::string_view s = trim_fast(raw);
  if (auto secs = parse_datetime_seconds(s)) return valid_result(format_datetime(*secs));
  if (auto n = plain_number(s)) {
    if (*n >= 1 && *n < kMaxPlausibleSerial + 1) {
      if (auto d = excel_serial_days(*n)) {
        const double frac = *n - std::floor(*n);
        const auto secs = static_cast<int64_t>(std::llround(frac * 86400.0));
        return valid_result(format_datetime(int64_t{*d} * 86400 + secs));
      }
    }
    return invalid_result("", "数字不是合理的日期或 Excel 日期序号",
                          "number is neither a date-time nor a plausible Excel date serial");
  }
  if (may_start_date(s)) {
    Cursor c(s);
    DateParts p;
    if (parse_date_prefix(c, p) && p.has_day && !ymd_ok(p)) {
      return invalid_result("", fmt::format("日期不存在：{}年{}月{}日", p.year, p.month, p.day),
                            fmt::format("no such date: {:04}-{:02}-{:02}", p.year, p.month, p.day));
    }
  }
  return invalid_result("", "无法识别为日期时间", "not a recognised date-time");
}

}  // namespace shanhai::normalize
