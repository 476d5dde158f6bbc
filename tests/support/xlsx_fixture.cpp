#include "support/xlsx_fixture.h"

#include <xlsxwriter.h>

#include <stdexcept>

namespace shanhai::testing {

void write_xlsx(const std::filesystem::path& path, const std::vector<XlsxSheet>& sheets,
                bool inline_strings) {
  lxw_workbook_options options = {};
  options.constant_memory = inline_strings ? LXW_TRUE : LXW_FALSE;
  lxw_workbook* wb = workbook_new_opt(path.c_str(), &options);
  if (wb == nullptr) throw std::runtime_error("cannot create " + path.string());
  // A fixed creation time (2024-01-01T00:00:00Z) makes the same input give the same bytes, so
  // generated files committed to the repository change only when their content does.
  lxw_doc_properties properties = {};
  properties.created = 1704067200;
  workbook_set_properties(wb, &properties);
  lxw_format* date_format = workbook_add_format(wb);
  format_set_num_format(date_format, "yyyy\"年\"m\"月\"d\"日\"");
  for (const XlsxSheet& s : sheets) {
    lxw_worksheet* ws = workbook_add_worksheet(wb, s.name.c_str());
    for (size_t r = 0; r < s.rows.size(); ++r) {
      for (size_t c = 0; c < s.rows[r].size(); ++c) {
        const auto row = static_cast<lxw_row_t>(r);
        const auto col = static_cast<lxw_col_t>(c);
        const XlsxCell& cell = s.rows[r][c];
        if (const auto* str = std::get_if<std::string>(&cell)) {
          worksheet_write_string(ws, row, col, str->c_str(), nullptr);
        } else if (const auto* num = std::get_if<XlsxNumber>(&cell)) {
          worksheet_write_number(ws, row, col, num->value, nullptr);
        } else if (const auto* d = std::get_if<XlsxDate>(&cell)) {
          lxw_datetime dt = {d->year, d->month, d->day, 0, 0, 0};
          worksheet_write_datetime(ws, row, col, &dt, date_format);
        }
      }
    }
    for (const std::string& m : s.merges) {
      // Merged cells keep the value already written in their first cell.
      const size_t colon = m.find(':');
      lxw_row_t r1, r2;
      lxw_col_t c1, c2;
      r1 = lxw_name_to_row(m.substr(0, colon).c_str());
      c1 = lxw_name_to_col(m.substr(0, colon).c_str());
      r2 = lxw_name_to_row(m.substr(colon + 1).c_str());
      c2 = lxw_name_to_col(m.substr(colon + 1).c_str());
      const XlsxCell& first = s.rows.at(r1).at(c1);
      const std::string* text = std::get_if<std::string>(&first);
      worksheet_merge_range(ws, r1, c1, r2, c2, text ? text->c_str() : "", nullptr);
    }
  }
  if (workbook_close(wb) != LXW_NO_ERROR) throw std::runtime_error("cannot write " + path.string());
}

}  // namespace shanhai::testing
