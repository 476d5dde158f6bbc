#include "store/catalog.h"

#include <map>

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

namespace shanhai::store {

namespace {

constexpr const char* kVersionColumns =
    "d.name, v.id, v.version, v.created_at, v.dir, v.source_file, v.source_format, "
    "v.source_sheet, v.encoding, v.header_row, v.row_count, v.rejected_cells, v.invalid_cells, "
    "v.ragged_rows, v.manifest_xxh3";

VersionInfo read_version(SQLite::Statement& q) {
  VersionInfo v;
  v.dataset = q.getColumn(0).getString();
  v.version = q.getColumn(2).getInt64();
  v.created_at = q.getColumn(3).getString();
  v.dir = q.getColumn(4).getString();
  v.source_file = q.getColumn(5).getString();
  v.source_format = q.getColumn(6).getString();
  v.source_sheet = q.getColumn(7).getString();
  v.encoding = q.getColumn(8).getString();
  v.header_row = q.getColumn(9).getInt64();
  v.row_count = q.getColumn(10).getInt64();
  v.rejected_cells = q.getColumn(11).getInt64();
  v.invalid_cells = q.getColumn(12).getInt64();
  v.ragged_rows = q.getColumn(13).getInt64();
  v.manifest_xxh3 = q.getColumn(14).getString();
  return v;
}

std::vector<ColumnInfo> read_columns(SQLite::Database& db, int64_t version_id) {
  std::vector<ColumnInfo> cols;
  SQLite::Statement q(db,
                      "SELECT name, type, element, rejected, invalid FROM dataset_columns "
                      "WHERE version_id = ? ORDER BY ordinal");
  q.bind(1, version_id);
  while (q.executeStep()) {
    cols.push_back({q.getColumn(0).getString(), q.getColumn(1).getString(),
                    q.getColumn(2).getString(), q.getColumn(3).getInt64(),
                    q.getColumn(4).getInt64()});
  }
  return cols;
}

}  // namespace

Result<std::vector<DatasetInfo>> list_datasets(Workspace& ws) {
  try {
    std::vector<DatasetInfo> out;
    std::map<std::string, size_t> index;
    SQLite::Statement d(ws.db(), "SELECT name, created_at, org FROM datasets ORDER BY name");
    while (d.executeStep()) {
      index[d.getColumn(0).getString()] = out.size();
      out.push_back(
          {d.getColumn(0).getString(), d.getColumn(1).getString(), {}, d.getColumn(2).getString()});
    }
    SQLite::Statement q(ws.db(), fmt::format("SELECT {} FROM dataset_versions v JOIN datasets d "
                                             "ON d.id = v.dataset_id ORDER BY d.name, v.version",
                                             kVersionColumns));
    while (q.executeStep()) {
      VersionInfo v = read_version(q);
      v.columns = read_columns(ws.db(), q.getColumn(1).getInt64());
      out[index[v.dataset]].versions.push_back(std::move(v));
    }
    return out;
  } catch (const SQLite::Exception& e) {
    return ws.catalog_error("catalog.read", "读取工作区目录失败",
                            "cannot read the workspace catalog", e);
  }
}

Result<VersionInfo> find_version(Workspace& ws, const std::string& dataset,
                                 std::optional<int64_t> version) {
  try {
    SQLite::Statement q(
        ws.db(), fmt::format("SELECT {} FROM dataset_versions v JOIN datasets d ON d.id = "
                             "v.dataset_id WHERE d.name = ? {} ORDER BY v.version DESC LIMIT 1",
                             kVersionColumns, version ? "AND v.version = ?" : ""));
    q.bind(1, dataset);
    if (version) q.bind(2, *version);
    if (!q.executeStep()) {
      Location where;
      where.value = version ? fmt::format("{}@{}", dataset, *version) : dataset;
      return Error("dataset.not_found", "工作区中没有该数据集或版本",
                   "no such dataset or version in the workspace", where);
    }
    VersionInfo v = read_version(q);
    v.columns = read_columns(ws.db(), q.getColumn(1).getInt64());
    return v;
  } catch (const SQLite::Exception& e) {
    return ws.catalog_error("catalog.read", "读取工作区目录失败",
                            "cannot read the workspace catalog", e);
  }
}

Result<std::optional<std::string>> dataset_org(Workspace& ws, const std::string& dataset) {
  try {
    SQLite::Statement q(ws.db(), "SELECT org FROM datasets WHERE name = ?");
    q.bind(1, dataset);
    if (!q.executeStep()) return std::optional<std::string>();
    return std::optional<std::string>(q.getColumn(0).getString());
  } catch (const SQLite::Exception& e) {
    return ws.catalog_error("catalog.read", "读取工作区目录失败",
                            "cannot read the workspace catalog", e);
  }
}

Status set_dataset_org(Workspace& ws, const std::string& dataset, const std::string& org) {
  try {
    SQLite::Statement u(ws.db(), "UPDATE datasets SET org = ? WHERE name = ?");
    u.bind(1, org);
    u.bind(2, dataset);
    u.exec();
    return Status::Ok();
  } catch (const SQLite::Exception& e) {
    return ws.catalog_error("catalog.write", "写入工作区目录失败",
                            "cannot write the workspace catalog", e);
  }
}

}  // namespace shanhai::store
