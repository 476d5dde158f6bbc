#pragma once
// Legacy Excel 97–2003 workbooks (.xls, BIFF), read with libfreexl. FreeXL does not expose
// merged cells, so title rows are found by the header detector alone.

#include <filesystem>
#include <functional>
#include <string>

#include "ingest/sinks.h"

namespace shanhai::ingest {

// Emits every row of `sheet` (the first sheet when empty). *chosen_sheet receives its name.
Status read_xls(const std::filesystem::path& path, const std::string& display_name,
                const std::string& sheet, GridSink& sink, std::string* chosen_sheet,
                const std::function<void(uint64_t, uint64_t)>& progress);

}  // namespace shanhai::ingest
