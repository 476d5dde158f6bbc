#pragma once
// Read access to what the catalog records about datasets and their versions.

#include <optional>
#include <string>
#include <vector>

#include "common/error.h"
#include "store/column_info.h"
#include "store/workspace.h"

namespace shanhai::store {

struct VersionInfo {
  std::string dataset;
  int64_t version = 0;
  std::string created_at;
  std::string dir;  // relative to the workspace root
  std::string source_file;
  std::string source_format;
  std::string source_sheet;
  std::string encoding;
  int64_t header_row = 0;
  int64_t row_count = 0;
  int64_t rejected_cells = 0;
  int64_t invalid_cells = 0;
  int64_t ragged_rows = 0;
  std::string manifest_xxh3;
  std::vector<ColumnInfo> columns;
};

struct DatasetInfo {
  std::string name;
  std::string created_at;
  std::vector<VersionInfo> versions;  // oldest first
  std::string org;  // owning organisation; "" when imported from the command line without --org
};

// Every dataset with every version, ordered by name.
Result<std::vector<DatasetInfo>> list_datasets(Workspace& ws);

// One version of a dataset; the latest when version is empty. Errors name the dataset.
Result<VersionInfo> find_version(Workspace& ws, const std::string& dataset,
                                 std::optional<int64_t> version = std::nullopt);

// The organisation owning a dataset; nullopt when there is no such dataset.
Result<std::optional<std::string>> dataset_org(Workspace& ws, const std::string& dataset);
Status set_dataset_org(Workspace& ws, const std::string& dataset, const std::string& org);

}  // namespace shanhai::store
