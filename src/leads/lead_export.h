#pragma once
// Exporting leads for people: CSV (UTF-8 with BOM, so Excel shows Chinese correctly) and XLSX,
// with Chinese column headers. The JSON form is lead_json() in lead_store.h.

#include <filesystem>
#include <ostream>
#include <vector>

#include "common/error.h"
#include "leads/lead_store.h"

namespace shanhai::leads {

// Column headers of the CSV and XLSX exports, in order.
const std::vector<std::string>& export_headers();

// One lead as export cells, in export_headers() order. Evidence is "dataset@version 文件 source
// 第 row 行" entries joined by "；".
std::vector<std::string> export_cells(const Lead& lead);

void write_leads_csv(std::ostream& out, const std::vector<Lead>& leads);

// Writes an .xlsx with one sheet 线索. Errors name the path.
Status write_leads_xlsx(const std::filesystem::path& path, const std::vector<Lead>& leads);

}  // namespace shanhai::leads
