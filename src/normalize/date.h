#pragma once
// Dates and date-times (日期 / 日期时间).
//
// Accepted date spellings: 2023-08-21, 2023/8/21, 2023.08.21, 2023_8_21, 20230821,
// 2023年8月21日 (also 2023年08月21号), 二〇二三年八月二十一日, full-width digits, and an optional
// midnight time (2023-08-21 00:00:00). normalize(date) further accepts month-only periods
// (2023-08, 2023/8, 2023年8月, 二〇二三年八月 → "2023-08") and Excel serial numbers (a plain number
// in 1–2958465; 45159 → 2023-08-21). Years are 1000–9999; day and month must exist.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "normalize/element.h"

namespace shanhai::normalize {

// Calendar helpers (proleptic Gregorian).
bool is_leap_year(int year);
int days_in_month(int year, int month);  // 0 when month is outside 1–12
bool valid_ymd(int year, int month, int day);
int32_t days_from_civil(int year, int month, int day);  // days since 1970-01-01
void civil_from_days(int32_t days, int& year, int& month, int& day);

// "YYYY-MM-DD" of a day number.
std::string format_date(int32_t days);

// Days since 1970-01-01 of a date spelling above, or nullopt. Fast for the common spellings and
// quick to reject non-dates. Plain integers are accepted only as 8-digit YYYYMMDD; Excel serials
// and month-only periods are rejected (import uses this to infer date columns).
std::optional<int32_t> parse_date_days(std::string_view raw);

// Seconds since 1970-01-01 00:00:00 (local time of the record, no time-zone shift unless the
// input carries an offset, which is converted to UTC+8) of a date-time spelling: any date
// spelling above followed by a time (14:30, 14:30:05, 14:30:05.123, 14时30分5秒, 14点30分),
// separated by a space or T; 20230821143005; Z or ±hh:mm offsets. A date alone is midnight.
// Excel serials are not accepted here.
std::optional<int64_t> parse_datetime_seconds(std::string_view raw);

// "YYYY-MM-DD HH:MM:SS" of a seconds value.
std::string format_datetime(int64_t seconds);

// Day number of an Excel serial (1900 date system; serial 60, the non-existent 1900-02-29, is
// rejected). Fractions are dropped.
std::optional<int32_t> excel_serial_days(double serial);

Normalized normalize_date(std::string_view raw);
Normalized normalize_datetime(std::string_view raw);

}  // namespace shanhai::normalize
