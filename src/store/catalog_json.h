#pragma once
// The stable JSON forms of datasets and versions, shared by `shanhai datasets --json`,
// `shanhai import --json` and the HTTP API.

#include <vector>

#include <nlohmann/json.hpp>

#include "store/catalog.h"

namespace shanhai::store {

// {version, created_at, source_file, source_format, sheet, encoding, header_row, rows,
//  rejected_cells, invalid_cells, ragged_rows, columns: [{name, type, element, rejected, invalid}]}
nlohmann::json version_json(const VersionInfo& v);

// [{name, created_at, latest_version, versions: [version_json...]}]
nlohmann::json datasets_json(const std::vector<DatasetInfo>& datasets);

}  // namespace shanhai::store
