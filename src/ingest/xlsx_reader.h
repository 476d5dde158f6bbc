#pragma once
// Office Open XML workbooks (.xlsx), read with libzip and pugixml: shared and inline strings,
// numbers, booleans, dates stored as serial numbers (by cell style), merged cells, many sheets.

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "ingest/sinks.h"

namespace shanhai::ingest {

// Names of the worksheets, in workbook order. Errors name the file.
Result<std::vector<std::string>> xlsx_sheet_names(const std::filesystem::path& path,
                                                  const std::string& display_name);

// Emits every row of `sheet` (the first sheet when empty) to sink. *chosen_sheet receives the
// sheet's name. A sheet that does not exist is an error listing the sheets there are.
Status read_xlsx(const std::filesystem::path& path, const std::string& display_name,
                 const std::string& sheet, GridSink& sink, std::string* chosen_sheet,
                 const std::function<void(uint64_t, uint64_t)>& progress);

}  // namespace shanhai::ingest
