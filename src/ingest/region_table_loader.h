#pragma once
// Loading a full GB/T 2260 division table into a workspace, and using it when importing columns
// typed as `region`. Without a loaded table the compiled-in partial table is used.

#include <filesystem>
#include <memory>

#include "common/error.h"
#include "normalize/region.h"
#include "store/workspace.h"

namespace shanhai::ingest {

// Reads "code<TAB>name" lines (UTF-8 or GBK, detected) from file, validates them and makes them
// the workspace's division table. Returns how many divisions it holds. Errors name the file and
// line; on error the workspace keeps the table it had.
Result<size_t> load_region_table(store::Workspace& ws, const std::filesystem::path& file);

// The workspace's division table, or nullptr when none was loaded.
Result<std::shared_ptr<const normalize::RegionTable>> workspace_region_table(store::Workspace& ws);

}  // namespace shanhai::ingest
