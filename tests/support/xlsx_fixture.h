#pragma once
// Writes real .xlsx files for tests with libxlsxwriter (the library Excel-compatible tools use),
// so readers are tested on files shaped like those agencies hand over.

#include <filesystem>
#include <string>
#include <variant>
#include <vector>

namespace shanhai::testing {

struct XlsxDate {  // a date cell: stored as an Excel serial number with a date format
  int year, month, day;
};
struct XlsxNumber {
  double value;
};
using XlsxCell = std::variant<std::monostate, std::string, XlsxNumber, XlsxDate>;

struct XlsxSheet {
  std::string name;
  std::vector<std::vector<XlsxCell>> rows;
  std::vector<std::string> merges;  // "A1:F1" ranges; the first cell's value is shown
};

// Writes the workbook. With inline_strings, strings are stored inline (<is>) as in
// libxlsxwriter's constant-memory mode instead of in the shared-string table.
void write_xlsx(const std::filesystem::path& path, const std::vector<XlsxSheet>& sheets,
                bool inline_strings = false);

}  // namespace shanhai::testing
