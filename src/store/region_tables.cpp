#include "store/region_tables.h"

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/VariadicBind.h>
#include <fmt/format.h>

namespace shanhai::store {

Status add_region_table(Workspace& ws, const std::string& source_file, int64_t divisions,
                        const std::string& content) {
  try {
    SQLite::Statement ins(ws.db(),
                          "INSERT INTO region_tables(loaded_at, source_file, divisions, content) "
                          "VALUES (strftime('%Y-%m-%dT%H:%M:%SZ','now'), ?, ?, ?)");
    SQLite::bind(ins, source_file, divisions, content);
    ins.exec();
    return Status::Ok();
  } catch (const SQLite::Exception& e) {
    return ws.catalog_error("catalog.regions", "读写行政区划表失败",
                            "cannot read or write the division table", e);
  }
}

Result<std::optional<RegionTableRecord>> latest_region_table(Workspace& ws) {
  try {
    SQLite::Statement q(ws.db(),
                        "SELECT id, loaded_at, source_file, divisions, content FROM region_tables "
                        "ORDER BY id DESC LIMIT 1");
    if (!q.executeStep()) return std::optional<RegionTableRecord>();
    return std::optional<RegionTableRecord>(RegionTableRecord{
        q.getColumn(0).getInt64(), q.getColumn(1).getString(), q.getColumn(2).getString(),
        q.getColumn(3).getInt64(), q.getColumn(4).getString()});
  } catch (const SQLite::Exception& e) {
    return ws.catalog_error("catalog.regions", "读写行政区划表失败",
                            "cannot read or write the division table", e);
  }
}

}  // namespace shanhai::store
