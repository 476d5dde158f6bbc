// 日期 / 日期时间: every spelling, parse_date_days for import's type inference, Excel serials.

#include "normalize/date.h"

#include <gtest/gtest.h>

#include <random>

#include "normalize/element.h"

namespace shanhai::normalize {
namespace {

struct Case {
  const char* raw;
  const char* canonical;
  bool valid;
};
std::ostream& operator<<(std::ostream& os, const Case& c) { return os << '"' << c.raw << '"'; }

const Case kDates[] = {
    {"2023-08-21", "2023-08-21", true},
    {"2023-8-21", "2023-08-21", true},
    {"2023/8/21", "2023-08-21", true},
    {"2023/08/21", "2023-08-21", true},
    {"2023.08.21", "2023-08-21", true},
    {"2023.8.21", "2023-08-21", true},
    {"2023_08_21", "2023-08-21", true},
    {"20230821", "2023-08-21", true},
    {"2023年8月21日", "2023-08-21", true},
    {"2023年08月21日", "2023-08-21", true},
    {"2023年8月21号", "2023-08-21", true},
    {"2023 年 8 月 21 日", "2023-08-21", true},
    {"2023年8月21", "2023-08-21", true},
    {"二〇二三年八月二十一日", "2023-08-21", true},
    {"二零二三年八月二十一日", "2023-08-21", true},
    {"二〇二三年十二月三十一日", "2023-12-31", true},
    {"二〇二三年十月一日", "2023-10-01", true},
    {"二〇二三年一月十日", "2023-01-10", true},
    {"二〇二〇年二月廿九日", "2020-02-29", true},
    {"２０２３－０８－２１", "2023-08-21", true},
    {"２０２３年８月２１日", "2023-08-21", true},
    {"２０２３０８２１", "2023-08-21", true},
    {"  2023-08-21  ", "2023-08-21", true},
    {"\t2023/8/21\r\n", "2023-08-21", true},
    {"2023-08-21 00:00:00", "2023-08-21", true},
    {"2023-08-21T00:00:00", "2023-08-21", true},
    {"2023/8/21 0:00", "2023-08-21", true},
    {"2023-08-21 14:30:00", "2023-08-21", true},
    {"2023年8月21日14时30分", "2023-08-21", true},
    {"2023-08-21T20:00:00Z", "2023-08-22", true},
    {"2000-02-29", "2000-02-29", true},
    {"1900-03-01", "1900-03-01", true},
    {"1949-10-01", "1949-10-01", true},
    {"9999-12-31", "9999-12-31", true},
    {"1000-01-01", "1000-01-01", true},
    // Month-only periods.
    {"2023-08", "2023-08", true},
    {"2023-8", "2023-08", true},
    {"2023/8", "2023-08", true},
    {"2023.08", "2023-08", true},
    {"2023年8月", "2023-08", true},
    {"2023年08月", "2023-08", true},
    {"二〇二三年八月", "2023-08", true},
    {"２０２３年８月", "2023-08", true},
    // Excel serial numbers.
    {"45159", "2023-08-21", true},
    {"45159.0", "2023-08-21", true},
    {"45159.75", "2023-08-21", true},
    {"1", "1900-01-01", true},
    {"59", "1900-02-28", true},
    {"61", "1900-03-01", true},
    {"25569", "1970-01-01", true},
    {"36526", "2000-01-01", true},
    {"73050", "2099-12-31", true},
    {"60", "", false},
    {"0", "", false},
    {"73051", "", false},
    {"123456", "", false},
    {"12345678", "", false},
    // Not dates.
    {"2023-02-29", "", false},
    {"2023-02-30", "", false},
    {"2023-13-01", "", false},
    {"2023-00-10", "", false},
    {"2023-04-31", "", false},
    {"1900-02-29", "", false},
    {"2023年13月", "", false},
    {"2023年2月30日", "", false},
    {"20230230", "", false},
    {"20231301", "", false},
    {"0999-01-01", "", false},
    {"abc", "", false},
    {"2023-08-21abc", "", false},
    {"2023/08-21", "", false},
    {"21/08/2023", "", false},
    {"08/21/2023", "", false},
    {"23-8-21", "", false},
    {"2023--08-21", "", false},
    {"-45159", "", false},
    {"明天", "", false},
    {"2023年", "", false},
    {"2023-08-21 25:00", "", false},
    {"", "", false},
    {"  ", "", false},
};

class DateSpelling : public ::testing::TestWithParam<Case> {};

TEST_P(DateSpelling, Normalises) {
  const Case& c = GetParam();
  const Normalized n = normalize(Element::date, c.raw);
  EXPECT_EQ(n.canonical, c.canonical);
  EXPECT_EQ(n.valid, c.valid);
  if (n.valid) {
    EXPECT_TRUE(n.reason_zh.empty());
    const Normalized again = normalize(Element::date, n.canonical);
    EXPECT_EQ(again.canonical, n.canonical);
    EXPECT_TRUE(again.valid);
  } else {
    EXPECT_FALSE(n.reason_zh.empty());
    EXPECT_FALSE(n.reason_en.empty());
  }
}

INSTANTIATE_TEST_SUITE_P(Table, DateSpelling, ::testing::ValuesIn(kDates));

const Case kDateTimes[] = {
    {"2023-08-21 14:30:05", "2023-08-21 14:30:05", true},
    {"2023-08-21 14:30", "2023-08-21 14:30:00", true},
    {"2023-08-21T14:30:05", "2023-08-21 14:30:05", true},
    {"2023-08-21t14:30:05", "2023-08-21 14:30:05", true},
    {"2023-08-21 14:30:05.123", "2023-08-21 14:30:05", true},
    {"2023-08-21 9:05", "2023-08-21 09:05:00", true},
    {"2023/8/21 14:30:05", "2023-08-21 14:30:05", true},
    {"2023.08.21 14:30", "2023-08-21 14:30:00", true},
    {"20230821143005", "2023-08-21 14:30:05", true},
    {"20230821 14:30:05", "2023-08-21 14:30:05", true},
    {"2023年8月21日14时30分", "2023-08-21 14:30:00", true},
    {"2023年8月21日 14时30分5秒", "2023-08-21 14:30:05", true},
    {"2023年8月21日14点30分", "2023-08-21 14:30:00", true},
    {"2023年8月21日14点", "2023-08-21 14:00:00", true},
    {"2023年8月21日14时许", "", false},
    {"2023年8月21日 14:30", "2023-08-21 14:30:00", true},
    {"2023年8月21日下午3时", "2023-08-21 15:00:00", true},
    {"2023年8月21日下午3时30分", "2023-08-21 15:30:00", true},
    {"2023年8月21日上午9时", "2023-08-21 09:00:00", true},
    {"2023年8月21日晚上9点半", "2023-08-21 21:30:00", true},
    {"2023年8月21日凌晨12时", "2023-08-21 00:00:00", true},
    {"二〇二三年八月二十一日十四时三十分", "2023-08-21 14:30:00", true},
    {"2023-08-21T14:30:05+08:00", "2023-08-21 14:30:05", true},
    {"2023-08-21T06:30:05Z", "2023-08-21 14:30:05", true},
    {"2023-08-21T06:30:05+00:00", "2023-08-21 14:30:05", true},
    {"2023-08-21T20:00:00Z", "2023-08-22 04:00:00", true},
    {"2023-08-21T14:30:05+0800", "2023-08-21 14:30:05", true},
    {"２０２３－０８－２１　１４：３０：０５", "2023-08-21 14:30:05", true},
    {"2023-08-21", "2023-08-21 00:00:00", true},
    {"2023年8月21日", "2023-08-21 00:00:00", true},
    {"45159.5", "2023-08-21 12:00:00", true},
    {"45159.604166666664", "2023-08-21 14:30:00", true},
    {"45159", "2023-08-21 00:00:00", true},
    {"2023-08-21 24:00:00", "", false},
    {"2023-08-21 14:60:00", "", false},
    {"2023-08-21 14:30:60", "", false},
    {"2023-08-21 14", "", false},
    {"2023-08-21 14:3", "", false},
    {"2023-02-30 10:00", "", false},
    {"2023-08", "", false},
    {"abc", "", false},
    {"14:30", "", false},
    {"", "", false},
};

class DateTimeSpelling : public ::testing::TestWithParam<Case> {};

TEST_P(DateTimeSpelling, Normalises) {
  const Case& c = GetParam();
  const Normalized n = normalize(Element::datetime, c.raw);
  EXPECT_EQ(n.canonical, c.canonical);
  EXPECT_EQ(n.valid, c.valid);
  if (n.valid) {
    const Normalized again = normalize(Element::datetime, n.canonical);
    EXPECT_EQ(again.canonical, n.canonical);
  } else {
    EXPECT_FALSE(n.reason_zh.empty());
  }
}

INSTANTIATE_TEST_SUITE_P(Table, DateTimeSpelling, ::testing::ValuesIn(kDateTimes));

// parse_date_days is what import uses to infer date columns: it must take real dates and refuse
// plain integers, serials, month periods and text.
struct DaysCase {
  const char* raw;
  bool accepted;
};
std::ostream& operator<<(std::ostream& os, const DaysCase& c) { return os << '"' << c.raw << '"'; }

const DaysCase kInference[] = {
    {"2023-08-21", true},
    {"2023/8/21", true},
    {"2023.08.21", true},
    {"20230821", true},
    {"2023年8月21日", true},
    {"二〇二三年八月二十一日", true},
    {"2023-08-21 00:00:00", true},
    {" 2023-08-21 ", true},
    {"２０２３－０８－２１", true},
    {"2023-08-21 14:30", false},
    {"45159", false},
    {"12345", false},
    {"123", false},
    {"0", false},
    {"1", false},
    {"2023", false},
    {"202308", false},
    {"2023082", false},
    {"202308211", false},
    {"12345678", false},
    {"99999999", false},
    {"2023-08", false},
    {"2023年8月", false},
    {"abc", false},
    {"", false},
    {"3.14", false},
    {"-1", false},
    {"张三", false},
    {"11010519491231002X", false},
    {"2023-08-21x", false},
    {"1e5", false},
    {"2023-8-32", false},
    {"true", false},
};

class DateInference : public ::testing::TestWithParam<DaysCase> {};

TEST_P(DateInference, AcceptsOnlyDays) {
  EXPECT_EQ(parse_date_days(GetParam().raw).has_value(), GetParam().accepted);
}

INSTANTIATE_TEST_SUITE_P(Table, DateInference, ::testing::ValuesIn(kInference));

TEST(Date, DayNumbers) {
  EXPECT_EQ(parse_date_days("1970-01-01"), 0);
  EXPECT_EQ(parse_date_days("1970-01-02"), 1);
  EXPECT_EQ(parse_date_days("1969-12-31"), -1);
  EXPECT_EQ(parse_date_days("2000-03-01"), 11017);
  EXPECT_EQ(parse_date_days("2023-08-21"), 19590);
  EXPECT_EQ(parse_date_days("2023年8月21日"), 19590);
  EXPECT_EQ(parse_date_days("20230821"), 19590);
}

TEST(Date, CalendarHelpers) {
  EXPECT_TRUE(is_leap_year(2000));
  EXPECT_FALSE(is_leap_year(1900));
  EXPECT_TRUE(is_leap_year(2024));
  EXPECT_FALSE(is_leap_year(2023));
  EXPECT_EQ(days_in_month(2024, 2), 29);
  EXPECT_EQ(days_in_month(2023, 2), 28);
  EXPECT_EQ(days_in_month(2023, 13), 0);
  EXPECT_EQ(format_date(19590), "2023-08-21");
  EXPECT_EQ(format_datetime(int64_t{19590} * 86400 + 52205), "2023-08-21 14:30:05");
  EXPECT_EQ(format_datetime(-1), "1969-12-31 23:59:59");
}

TEST(Date, ExcelSerials) {
  EXPECT_EQ(excel_serial_days(25569), 0);
  EXPECT_EQ(excel_serial_days(45159.9), 19590);
  EXPECT_FALSE(excel_serial_days(60).has_value());
  EXPECT_FALSE(excel_serial_days(0).has_value());
  EXPECT_FALSE(excel_serial_days(-5).has_value());
}

TEST(DateProperty, EveryDayRoundTripsThroughEverySpelling) {
  for (int32_t d = days_from_civil(1900, 1, 1); d <= days_from_civil(2100, 12, 31); d += 7) {
    int y, m, dd;
    civil_from_days(d, y, m, dd);
    ASSERT_EQ(days_from_civil(y, m, dd), d);
    char buf[64];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, dd);
    ASSERT_EQ(parse_date_days(buf), d) << buf;
    std::snprintf(buf, sizeof buf, "%d/%d/%d", y, m, dd);
    ASSERT_EQ(parse_date_days(buf), d) << buf;
    std::snprintf(buf, sizeof buf, "%04d%02d%02d", y, m, dd);
    ASSERT_EQ(parse_date_days(buf), d) << buf;
    std::snprintf(buf, sizeof buf, "%d年%d月%d日", y, m, dd);
    ASSERT_EQ(parse_date_days(buf), d) << buf;
    ASSERT_EQ(normalize(Element::date, buf).canonical, format_date(d));
  }
}

TEST(DateProperty, RandomBytesNeverCrashAndRarelyParse) {
  std::mt19937 rng(42);
  const std::string alphabet = "0123456789-/.年月日 :T";
  int parsed = 0;
  for (int k = 0; k < 20000; ++k) {
    std::string s;
    const int len = static_cast<int>(rng() % 14);
    for (int i = 0; i < len; ++i) s += alphabet[rng() % alphabet.size()];
    if (auto d = parse_date_days(s)) {
      ++parsed;
      // Whatever parses must also normalise to the same day.
      EXPECT_EQ(normalize(Element::date, s).canonical, format_date(*d)) << s;
    }
    (void)normalize(Element::datetime, s);
  }
  EXPECT_LT(parsed, 2000);
}

}  // namespace
}  // namespace shanhai::normalize
