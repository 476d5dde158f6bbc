#include "ingest/spreadsheet_values.h"

#include <gtest/gtest.h>

namespace shanhai::ingest {
namespace {

TEST(SpreadsheetValuesTest, NumbersAsExcelShowsThem) {
  EXPECT_EQ(format_number(5000), "5000");
  EXPECT_EQ(format_number(0.1), "0.1");
  EXPECT_EQ(format_number(-12.5), "-12.5");
  EXPECT_EQ(format_number(0.1 + 0.2), "0.3");
  EXPECT_EQ(format_number(123456789012), "123456789012");
}

TEST(SpreadsheetValuesTest, SerialDates) {
  EXPECT_EQ(excel_serial_to_text(45159), "2023-08-21");
  EXPECT_EQ(excel_serial_to_text(1), "1900-01-01");
  EXPECT_EQ(excel_serial_to_text(59), "1900-02-28");
  EXPECT_EQ(excel_serial_to_text(61), "1900-03-01");
  EXPECT_EQ(excel_serial_to_text(45159.5), "2023-08-21 12:00:00");
  EXPECT_EQ(excel_serial_to_text(0.75), "18:00:00");
  EXPECT_EQ(excel_serial_to_text(0, true), "1904-01-01");
}

TEST(SpreadsheetValuesTest, DateFormats) {
  EXPECT_TRUE(is_builtin_date_format(14));
  EXPECT_TRUE(is_builtin_date_format(31));  // CJK yyyy"年"m"月"d"日"
  EXPECT_FALSE(is_builtin_date_format(2));
  EXPECT_TRUE(is_date_format_code("yyyy\"年\"m\"月\"d\"日\""));
  EXPECT_TRUE(is_date_format_code("yyyy-mm-dd hh:mm"));
  EXPECT_TRUE(is_date_format_code("[$-804]yyyy/m/d"));
  EXPECT_FALSE(is_date_format_code("General"));
  EXPECT_FALSE(is_date_format_code("0.00"));
  EXPECT_FALSE(is_date_format_code("#,##0\"元\""));
  EXPECT_FALSE(is_date_format_code("0.00E+00"));
  EXPECT_FALSE(is_date_format_code("[Red]0.00"));
}

}  // namespace
}  // namespace shanhai::ingest
