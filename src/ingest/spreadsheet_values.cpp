#include "ingest/spreadsheet_values.h"

#include <cctype>
#include <chrono>
#include <cmath>

#include <fmt/format.h>

namespace shanhai::ingest {

std::string format_number(double value) {
  if (std::isfinite(value) && value == std::floor(value) && std::fabs(value) < 1e15) {
    return fmt::format("{}", static_cast<int64_t>(value));
  }
  std::string s = fmt::format("{:.15g}", value);
  return s;
}

std::string excel_serial_to_text(double serial, bool date1904) {
  // Round to the nearest second, as Excel displays it.
  const int64_t total_seconds = std::llround(serial * 86400.0);
  int64_t days = total_seconds / 86400;
  const int64_t secs = total_seconds % 86400;
  if (serial < 1.0 && !date1904) {
    return fmt::format("{:02}:{:02}:{:02}", secs / 3600, secs / 60 % 60, secs % 60);
  }
  using namespace std::chrono;
  const sys_days epoch =
      date1904 ? sys_days{year{1904} / January / 1} : sys_days{year{1899} / December / 30};
  // Excel's fictitious 1900-02-29 (serial 60) has no real day; earlier serials are off by one.
  if (!date1904 && days < 61) days += 1;
  const year_month_day ymd{epoch + std::chrono::days{days}};
  std::string out =
      fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  if (secs != 0) out += fmt::format(" {:02}:{:02}:{:02}", secs / 3600, secs / 60 % 60, secs % 60);
  return out;
}

bool is_builtin_date_format(int id) {
  return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) ||
         (id >= 50 && id <= 58);
}

bool is_date_format_code(const std::string& code) {
  bool in_quotes = false;
  bool in_brackets = false;
  for (size_t i = 0; i < code.size(); ++i) {
    const char c = code[i];
    if (in_quotes) {
      if (c == '"') in_quotes = false;
      continue;
    }
    if (in_brackets) {
      if (c == ']') in_brackets = false;
      continue;
    }
    if (c == '"') {
      in_quotes = true;
    } else if (c == '[') {
      in_brackets = true;
    } else if (c == '\\' || c == '_' || c == '*') {
      ++i;  // escaped or padding character
    } else {
      const char l = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (l == 'y' || l == 'd' || l == 'h' || l == 's') return true;
      if (l == 'm') return true;
      if (l == 'g' && code.compare(i, 7, "General") == 0) i += 6;
      if (l == 'e') return false;  // scientific notation
    }
  }
  return false;
}

}  // namespace shanhai::ingest
