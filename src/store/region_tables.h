#pragma once
// Administrative division tables (GB/T 2260) loaded into a workspace. The catalog keeps every
// table ever loaded (nothing is deleted silently); the latest one is the workspace's table.

#include <optional>
#include <string>

#include "common/error.h"
#include "store/workspace.h"

namespace shanhai::store {

struct RegionTableRecord {
  int64_t id = 0;
  std::string loaded_at;
  std::string source_file;
  int64_t divisions = 0;
  std::string content;  // "code<TAB>name" lines, UTF-8
};

// Records a table (already validated by the caller) as the workspace's current one.
Status add_region_table(Workspace& ws, const std::string& source_file, int64_t divisions,
                        const std::string& content);

// The latest table, or nullopt when none was ever loaded.
Result<std::optional<RegionTableRecord>> latest_region_table(Workspace& ws);

}  // namespace shanhai::store
