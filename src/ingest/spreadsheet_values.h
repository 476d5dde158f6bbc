#pragma once
// How spreadsheet cell values become the raw text Shanhai keeps: numbers as a person reads them
// in Excel's General format, date serial numbers as ISO dates.

#include <string>

namespace shanhai::ingest {

// 5000 → "5000", 0.1 → "0.1", 1.5e20 → "1.5e+20"; at most 15 significant digits, like Excel.
std::string format_number(double value);

// Excel serial date (days since 1899-12-30; since 1904-01-01 when date1904) as "YYYY-MM-DD",
// "YYYY-MM-DD HH:MM:SS" when it has a time of day, or "HH:MM:SS" for a pure time (< 1).
std::string excel_serial_to_text(double serial, bool date1904 = false);

// True when an Excel number format code shows a date or time (y, m, d, h, s outside quotes,
// brackets and escapes; "General" is not).
bool is_date_format_code(const std::string& code);

// True for Excel's built-in date/time number formats (14–22, 27–36, 45–47, 50–58).
bool is_builtin_date_format(int id);

}  // namespace shanhai::ingest
