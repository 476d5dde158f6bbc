#include "ingest/xls_reader.h"

#include <freexl.h>

#include <vector>

#include <fmt/format.h>

#include "ingest/sheet_choice.h"
#include "ingest/spreadsheet_values.h"

namespace shanhai::ingest {

namespace {

struct XlsHandle {
  const void* h = nullptr;
  ~XlsHandle() {
    if (h != nullptr) freexl_close(h);
  }
};

Error corrupt(const std::string& file, int rc) {
  return Error("import.corrupt_xls",
               fmt::format("XLS 文件已损坏、被截断或加密（FreeXL 错误 {}），"
                           "请在 Excel 中打开并另存为 XLSX",
                           rc),
               fmt::format("the XLS file is corrupt, truncated or encrypted (FreeXL error {}); "
                           "open it in Excel and save it as XLSX",
                           rc),
               Location::in_file(file));
}

}  // namespace

Status read_xls(const std::filesystem::path& path, const std::string& file,
                const std::string& sheet, GridSink& sink, std::string* chosen_sheet,
                const std::function<void(uint64_t, uint64_t)>& progress) {
  XlsHandle xls;
  int rc = freexl_open(path.c_str(), &xls.h);
  if (rc != FREEXL_OK) return corrupt(file, rc);
  unsigned int count = 0;
  rc = freexl_get_info(xls.h, FREEXL_BIFF_SHEET_COUNT, &count);
  if (rc != FREEXL_OK) return corrupt(file, rc);
  if (count == 0) {
    return Error("import.empty_file", "工作簿中没有工作表", "the workbook has no sheets",
                 Location::in_file(file));
  }
  std::vector<std::string> names;
  for (unsigned short i = 0; i < count; ++i) {
    const char* name = nullptr;
    rc = freexl_get_worksheet_name(xls.h, i, &name);
    if (rc != FREEXL_OK) return corrupt(file, rc);
    names.emplace_back(name != nullptr ? name : "");
  }
  auto chosen = choose_sheet(names, sheet, file);
  if (!chosen) return chosen.take_error();
  const auto index = static_cast<unsigned short>(chosen.value());
  *chosen_sheet = names[index];
  rc = freexl_select_active_worksheet(xls.h, index);
  if (rc != FREEXL_OK) return corrupt(file, rc);
  unsigned int rows = 0;
  unsigned short cols = 0;
  rc = freexl_worksheet_dimensions(xls.h, &rows, &cols);
  if (rc != FREEXL_OK) return corrupt(file, rc);
  sink.set_merged_ranges({});
  std::vector<std::string> cells(cols);
  std::vector<std::string_view> views;
  for (unsigned int r = 0; r < rows; ++r) {
    for (unsigned short c = 0; c < cols; ++c) {
      FreeXL_CellValue v;
      rc = freexl_get_cell_value(xls.h, r, c, &v);
      if (rc != FREEXL_OK) return corrupt(file, rc);
      switch (v.type) {
        case FREEXL_CELL_INT:
          cells[c] = fmt::format("{}", v.value.int_value);
          break;
        case FREEXL_CELL_DOUBLE:
          cells[c] = format_number(v.value.double_value);
          break;
        case FREEXL_CELL_TEXT:
        case FREEXL_CELL_SST_TEXT:
        case FREEXL_CELL_DATE:
        case FREEXL_CELL_DATETIME:
        case FREEXL_CELL_TIME:
          cells[c] = v.value.text_value != nullptr ? v.value.text_value : "";
          break;
        default:
          cells[c].clear();
      }
    }
    views.assign(cells.begin(), cells.end());
    SHANHAI_TRY(sink.row(static_cast<int64_t>(r) + 1, r, views));
    if ((r & 0xFFF) == 0 && progress) progress(r, rows);
  }
  if (progress) progress(rows, rows);
  return Status::Ok();
}

}  // namespace shanhai::ingest
