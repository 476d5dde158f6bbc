#pragma once
// A workspace is a directory holding catalog.db (SQLite, WAL) and data/<dataset>/<version>/,
// the immutable columnar dataset versions. The catalog is the truth: a version directory that
// the catalog does not list is garbage left by a killed process and is never shown.

#include <filesystem>
#include <memory>

#include <SQLiteCpp/Database.h>

#include "common/error.h"
#include "store/catalog_memo.h"

namespace shanhai::store {

class Workspace {
 public:
  // Creates a new workspace in dir (which must not exist or be empty) and applies every
  // migration. Fails with a clear message when dir holds anything else.
  static Result<std::unique_ptr<Workspace>> create(const std::filesystem::path& dir);

  // Opens an existing workspace, applying any pending migrations in one transaction each.
  // Refuses a workspace written by a newer Shanhai (schema version above ours), and a
  // directory that is not a workspace. Removes temporary directories of dead imports.
  static Result<std::unique_ptr<Workspace>> open(const std::filesystem::path& dir);

  const std::filesystem::path& root() const { return root_; }
  std::filesystem::path data_dir() const { return root_ / "data"; }
  // Where in-progress dataset versions are written before being renamed into place.
  std::filesystem::path temp_dir() const { return root_ / "data" / ".tmp"; }
  SQLite::Database& db() { return *db_; }
  // Counts remembered on this connection until the catalog changes (catalog_memo.h).
  CatalogMemo& memo() { return memo_; }
  int schema_version() const;

  // An error from the catalog database: "<zh>：<detail>" / "<en>: <detail>", naming catalog.db.
  Error catalog_error(std::string code, std::string_view zh, std::string_view en,
                      const std::exception& detail) const;

 private:
  Workspace(std::filesystem::path root, std::unique_ptr<SQLite::Database> db)
      : root_(std::move(root)), db_(std::move(db)) {}
  void remove_abandoned_temp_dirs();

  std::filesystem::path root_;
  std::unique_ptr<SQLite::Database> db_;
  CatalogMemo memo_;
};

}  // namespace shanhai::store
