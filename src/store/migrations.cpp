#include "store/migrations.h"

#include <SQLiteCpp/Transaction.h>
#include <fmt/format.h>

namespace shanhai::store {

namespace {

constexpr Migration kMigrations[] = {
    {1, "datasets and their immutable versions", R"sql(
CREATE TABLE workspace_info (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TABLE datasets (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL
);
CREATE TABLE dataset_versions (
  id             INTEGER PRIMARY KEY,
  dataset_id     INTEGER NOT NULL REFERENCES datasets(id),
  version        INTEGER NOT NULL,
  created_at     TEXT NOT NULL,
  dir            TEXT NOT NULL,           -- relative to the workspace root
  source_file    TEXT NOT NULL,
  source_format  TEXT NOT NULL,           -- csv, xlsx, xls, json, jsonl
  source_sheet   TEXT NOT NULL DEFAULT '',
  encoding       TEXT NOT NULL DEFAULT '',
  header_row     INTEGER NOT NULL DEFAULT 0,
  row_count      INTEGER NOT NULL,
  rejected_cells INTEGER NOT NULL DEFAULT 0,
  invalid_cells  INTEGER NOT NULL DEFAULT 0,
  ragged_rows    INTEGER NOT NULL DEFAULT 0,
  manifest_xxh3  TEXT NOT NULL,
  UNIQUE (dataset_id, version)
);
CREATE TABLE dataset_columns (
  version_id INTEGER NOT NULL REFERENCES dataset_versions(id),
  ordinal    INTEGER NOT NULL,            -- 0-based position
  name       TEXT NOT NULL,
  type       TEXT NOT NULL,               -- text, integer, decimal, date, money
  element    TEXT NOT NULL DEFAULT '',    -- element named with --element, '' when inferred
  rejected   INTEGER NOT NULL DEFAULT 0,  -- cells that do not parse as the type (kept raw)
  invalid    INTEGER NOT NULL DEFAULT 0,  -- cells the element's normaliser rejects (kept raw)
  PRIMARY KEY (version_id, ordinal)
);
)sql"},
    {2, "administrative division tables loaded into the workspace", R"sql(
CREATE TABLE region_tables (
  id          INTEGER PRIMARY KEY,
  loaded_at   TEXT NOT NULL,
  source_file TEXT NOT NULL,
  divisions   INTEGER NOT NULL,
  content     TEXT NOT NULL        -- "code<TAB>name" lines as loaded (UTF-8); the latest is used
);
)sql"},
    {3, "installed models", R"sql(
CREATE TABLE models (
  id           INTEGER PRIMARY KEY,
  model_id     TEXT NOT NULL,           -- the spec's id, e.g. admin-penalty-enforcement
  version      TEXT NOT NULL,           -- the spec's semantic version
  name         TEXT NOT NULL,
  category     TEXT NOT NULL DEFAULT '',
  author_org   TEXT NOT NULL DEFAULT '',
  legal_basis  TEXT NOT NULL,           -- JSON array of strings
  description  TEXT NOT NULL DEFAULT '',
  spec         TEXT NOT NULL,           -- the spec as installed (YAML or JSON text)
  readme       TEXT NOT NULL DEFAULT '',
  source       TEXT NOT NULL,           -- folder or package it was installed from
  builtin      INTEGER NOT NULL DEFAULT 0,
  installed_at TEXT NOT NULL,
  UNIQUE (model_id, version)
);
)sql"},
    {4, "model runs, leads and their evidence", R"sql(
CREATE TABLE runs (
  id            INTEGER PRIMARY KEY,
  model_id      TEXT NOT NULL,
  model_version TEXT NOT NULL,
  started_at    TEXT NOT NULL,
  duration_ms   INTEGER NOT NULL,
  run_by        TEXT NOT NULL DEFAULT '',
  parameters    TEXT NOT NULL DEFAULT '{}',   -- JSON
  inputs        TEXT NOT NULL DEFAULT '{}',   -- JSON: input → {dataset, version}
  leads_total   INTEGER NOT NULL DEFAULT 0,
  leads_new     INTEGER NOT NULL DEFAULT 0,
  leads_gone    INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE leads (
  id           INTEGER PRIMARY KEY,
  fingerprint  TEXT NOT NULL UNIQUE,       -- hash of (model id, rule, subject)
  model_id     TEXT NOT NULL,
  rule         TEXT NOT NULL,
  subject      TEXT NOT NULL,
  title        TEXT NOT NULL,
  category     TEXT NOT NULL DEFAULT '',
  status       TEXT NOT NULL DEFAULT 'new', -- workflow state; runs never change it
  detected     INTEGER NOT NULL DEFAULT 1,  -- 0: no longer detected by the latest run
  first_run    INTEGER NOT NULL REFERENCES runs(id),
  last_run     INTEGER NOT NULL REFERENCES runs(id)
);
CREATE INDEX leads_model ON leads(model_id);
CREATE TABLE lead_evidence (
  lead_id  INTEGER NOT NULL REFERENCES leads(id),
  ordinal  INTEGER NOT NULL,
  input    TEXT NOT NULL,
  dataset  TEXT NOT NULL,
  version  INTEGER NOT NULL,
  source   TEXT NOT NULL,
  sheet    TEXT NOT NULL DEFAULT '',
  row      INTEGER NOT NULL,
  PRIMARY KEY (lead_id, ordinal)
);
)sql"},
};

}  // namespace

std::span<const Migration> migrations() { return kMigrations; }

int latest_schema_version() { return kMigrations[std::size(kMigrations) - 1].number; }

Status migrate(SQLite::Database& db, const std::string& path_for_messages) {
  try {
    const int current = db.execAndGet("PRAGMA user_version").getInt();
    if (current > latest_schema_version()) {
      Location where;
      where.file = path_for_messages;
      return Error("workspace.too_new",
                   fmt::format("工作区由更新版本的山海创建（数据结构版本 {}，本程序支持到 {}），"
                               "请升级山海后再打开",
                               current, latest_schema_version()),
                   fmt::format("the workspace was written by a newer Shanhai (schema version {}, "
                               "this build supports up to {}); upgrade Shanhai to open it",
                               current, latest_schema_version()),
                   where);
    }
    for (const Migration& m : kMigrations) {
      if (m.number <= current) continue;
      SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
      // Re-check inside the write lock: another process may have migrated meanwhile.
      if (db.execAndGet("PRAGMA user_version").getInt() >= m.number) continue;
      db.exec(std::string(m.sql));
      db.exec(fmt::format("PRAGMA user_version = {}", m.number));
      tx.commit();
    }
  } catch (const SQLite::Exception& e) {
    Location where;
    where.file = path_for_messages;
    return Error("workspace.migrate", fmt::format("升级工作区数据结构失败：{}", e.what()),
                 fmt::format("cannot migrate the workspace schema: {}", e.what()), where);
  }
  return Status::Ok();
}

}  // namespace shanhai::store
