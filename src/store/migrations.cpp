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
    {5, "organisations, users, sessions, audit log and the lead workflow", R"sql(
CREATE TABLE organisations (
  code       TEXT PRIMARY KEY,              -- e.g. 330122 (桐庐县人民检察院)
  name       TEXT NOT NULL,
  parent     TEXT REFERENCES organisations(code),  -- NULL for a top-level organisation
  created_at TEXT NOT NULL
);
CREATE TABLE users (
  id            INTEGER PRIMARY KEY,
  username      TEXT NOT NULL UNIQUE,
  display_name  TEXT NOT NULL DEFAULT '',
  org           TEXT NOT NULL REFERENCES organisations(code),
  role          TEXT NOT NULL,              -- admin, model_admin, prosecutor, expert, viewer
  password_hash TEXT NOT NULL,              -- argon2id (libsodium crypto_pwhash_str)
  disabled      INTEGER NOT NULL DEFAULT 0,
  created_at    TEXT NOT NULL
);
-- 结对: the assisting organisation's experts see the assisted one's models, run statistics and
-- the leads shared with them, masked, while the pairing lasts (dates inclusive, YYYY-MM-DD).
CREATE TABLE pairings (
  id         INTEGER PRIMARY KEY,
  assisting  TEXT NOT NULL REFERENCES organisations(code),
  assisted   TEXT NOT NULL REFERENCES organisations(code),
  starts_on  TEXT NOT NULL,
  ends_on    TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,              -- hex SHA-256 of the cookie value; the value is never stored
  user_id    INTEGER NOT NULL REFERENCES users(id),
  csrf_token TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE TABLE login_failures (
  username TEXT NOT NULL,
  at       TEXT NOT NULL                    -- ISO 8601 UTC
);
CREATE INDEX login_failures_user ON login_failures(username, at);
CREATE TABLE audit_log (
  id       INTEGER PRIMARY KEY,
  at       TEXT NOT NULL,                   -- ISO 8601 UTC
  username TEXT NOT NULL DEFAULT '',
  org      TEXT NOT NULL DEFAULT '',
  action   TEXT NOT NULL,                   -- login, login_failed, logout, unmask, export, transition, permission …
  target   TEXT NOT NULL DEFAULT '',        -- what it was about: lead id, dataset, username …
  detail   TEXT NOT NULL DEFAULT '{}',      -- JSON: reason, fields, counts …
  ip       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_at ON audit_log(at);

-- The organisation that owns a dataset or a run ('' for work done from the command line
-- without --org: visible to administrators only).
ALTER TABLE datasets ADD COLUMN org TEXT NOT NULL DEFAULT '';
ALTER TABLE runs ADD COLUMN org TEXT NOT NULL DEFAULT '';

-- Leads belong to an organisation (the one whose run found them; '' from the command line
-- without --org). The fingerprint of an organisation's lead includes its code, so the same
-- supervision point found by two procuratorates is two leads. Masked title and subject are
-- written by the run (personal data masked by element), so lists never need the raw values.
ALTER TABLE leads ADD COLUMN org TEXT NOT NULL DEFAULT '';
ALTER TABLE leads ADD COLUMN subject_masked TEXT NOT NULL DEFAULT '';
ALTER TABLE leads ADD COLUMN title_masked TEXT NOT NULL DEFAULT '';
ALTER TABLE leads ADD COLUMN handler TEXT NOT NULL DEFAULT '';  -- username of the 承办人
ALTER TABLE leads ADD COLUMN created_at TEXT NOT NULL DEFAULT '';
ALTER TABLE leads ADD COLUMN updated_at TEXT NOT NULL DEFAULT '';
UPDATE leads SET created_at = (SELECT started_at FROM runs WHERE runs.id = leads.first_run),
                 updated_at = (SELECT started_at FROM runs WHERE runs.id = leads.last_run);
CREATE INDEX leads_org_status ON leads(org, status);
CREATE INDEX leads_org_updated ON leads(org, updated_at);

-- Every workflow step of a lead (线索处置): who, when, from which status to which, comment and
-- the step's fields (reason, handler, target organisation, document number …) as JSON.
CREATE TABLE lead_events (
  id          INTEGER PRIMARY KEY,
  lead_id     INTEGER NOT NULL REFERENCES leads(id),
  at          TEXT NOT NULL,
  username    TEXT NOT NULL,
  org         TEXT NOT NULL DEFAULT '',
  action      TEXT NOT NULL,                -- triage, approve, return, assign, dispatch, file, … or comment
  from_status TEXT NOT NULL DEFAULT '',
  to_status   TEXT NOT NULL DEFAULT '',
  comment     TEXT NOT NULL DEFAULT '',
  detail      TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX lead_events_lead ON lead_events(lead_id, id);
CREATE TABLE lead_attachments (
  id           INTEGER PRIMARY KEY,
  lead_id      INTEGER NOT NULL REFERENCES leads(id),
  event_id     INTEGER NOT NULL REFERENCES lead_events(id),
  filename     TEXT NOT NULL,
  content_type TEXT NOT NULL DEFAULT 'application/octet-stream',
  size         INTEGER NOT NULL,
  sha256       TEXT NOT NULL,
  content      BLOB NOT NULL
);
CREATE INDEX lead_attachments_lead ON lead_attachments(lead_id);
-- 会诊: a lead shared for consultation with a paired assisting organisation.
CREATE TABLE lead_shares (
  lead_id   INTEGER NOT NULL REFERENCES leads(id),
  org       TEXT NOT NULL REFERENCES organisations(code),
  shared_by TEXT NOT NULL,
  at        TEXT NOT NULL,
  PRIMARY KEY (lead_id, org)
);
)sql"},
    {6, "indexes for the lead list, statistics and consultation", R"sql(
-- The lead list sorts by time across several organisations and stops after one page: walking
-- these indexes in order, the organisation read from the index itself, beats sorting every
-- visible lead.
CREATE INDEX leads_updated ON leads(updated_at, org);
CREATE INDEX leads_created ON leads(created_at, org);
-- Statistics count leads by the events they had (filed, recommend, reply, rectify).
CREATE INDEX lead_events_action ON lead_events(action, lead_id);
-- An expert's list: the leads shared with their organisation.
CREATE INDEX lead_shares_org ON lead_shares(org, lead_id);
)sql"},
    {7, "lead list indexes per organisation and status in time order", R"sql(
-- A page of the lead list is the merge of one ordered index range per (organisation, status)
-- the filter selects (leads/lead_query.cpp): each range is read in time order from these
-- covering indexes and the merge stops after the page, so a deep page costs only index
-- entries, never table rows. The (org, status) index is a prefix of the first and goes.
CREATE INDEX leads_org_status_updated ON leads(org, status, updated_at);
CREATE INDEX leads_org_status_created ON leads(org, status, created_at);
CREATE INDEX leads_org_created ON leads(org, created_at);
DROP INDEX leads_org_status;
)sql"},
    {8, "model registry: submissions, reviews, favourites, installs", R"sql(
-- 模型共享与上架: an organisation submits an installed model version for listing at a scope
-- (tree: its own organisation tree; paired: also the organisations paired with it; all);
-- a reviewer of the publishing organisation or above works through the checklist and
-- approves (上架) or rejects it. An approved submission is a listing.
CREATE TABLE model_submissions (
  id               INTEGER PRIMARY KEY,
  model_id         TEXT NOT NULL,
  version          TEXT NOT NULL,
  org              TEXT NOT NULL REFERENCES organisations(code),   -- the publisher
  scope            TEXT NOT NULL CHECK (scope IN ('tree', 'paired', 'all')),
  note             TEXT NOT NULL DEFAULT '',
  status           TEXT NOT NULL DEFAULT 'submitted'
                   CHECK (status IN ('submitted', 'approved', 'rejected', 'withdrawn')),
  submitted_by     TEXT NOT NULL,
  submitted_at     TEXT NOT NULL,
  decided_by       TEXT NOT NULL DEFAULT '',
  decided_at       TEXT NOT NULL DEFAULT '',
  decision_comment TEXT NOT NULL DEFAULT ''
);
CREATE INDEX model_submissions_status ON model_submissions(status, org);
-- The review checklist: 建模必要性 necessity, 技术可行性 feasibility, 线索准确性 accuracy.
CREATE TABLE model_reviews (
  submission_id INTEGER NOT NULL REFERENCES model_submissions(id),
  item          TEXT NOT NULL CHECK (item IN ('necessity', 'feasibility', 'accuracy')),
  passed        INTEGER NOT NULL,
  comment       TEXT NOT NULL DEFAULT '',
  reviewer      TEXT NOT NULL,
  at            TEXT NOT NULL,
  PRIMARY KEY (submission_id, item)
);
-- 收藏: a user's favourite listed models.
CREATE TABLE model_favourites (
  username TEXT NOT NULL,
  model_id TEXT NOT NULL,
  at       TEXT NOT NULL,
  PRIMARY KEY (username, model_id)
);
-- Which organisations took a listed model into their library, at which version.
CREATE TABLE model_installs (
  model_id      TEXT NOT NULL,
  org           TEXT NOT NULL REFERENCES organisations(code),
  version       TEXT NOT NULL,
  submission_id INTEGER NOT NULL REFERENCES model_submissions(id),
  installed_by  TEXT NOT NULL,
  at            TEXT NOT NULL,
  PRIMARY KEY (model_id, org)
);
)sql"},
    {9, "signing keys, trusted keys and the provenance and self-test of installed models", R"sql(
-- This workspace's organisations' ed25519 key pairs (libsodium crypto_sign) for signing model
-- packages. The secret key is not in the catalog: it is the file named by secret_file (mode
-- 0600, under the workspace's keys/ folder), so a copy or dump of the catalog cannot sign.
CREATE TABLE signing_keys (
  fingerprint TEXT PRIMARY KEY,          -- hex SHA-256 of the 32-byte public key
  org         TEXT NOT NULL REFERENCES organisations(code),
  public_key  TEXT NOT NULL,             -- hex
  secret_file TEXT NOT NULL,             -- relative to the workspace root
  created_at  TEXT NOT NULL
);
-- Other organisations' public keys whose signed packages may be installed here.
CREATE TABLE trusted_keys (
  fingerprint TEXT PRIMARY KEY,
  org         TEXT NOT NULL,             -- the other organisation's code (not necessarily here)
  name        TEXT NOT NULL,
  public_key  TEXT NOT NULL,             -- hex
  trusted_at  TEXT NOT NULL
);
-- status: verified (its tests/*/case.yaml produced their leads on install), unverified (a case
-- failed; self_test says which and why) or untested (built-in, or no cases). signer and
-- signer_org: the key that signed the package it came from. files_dir: models/<id>/<version>,
-- the installed folder kept under the workspace ('' for versions installed before schema 9).
ALTER TABLE models ADD COLUMN status TEXT NOT NULL DEFAULT 'untested';
ALTER TABLE models ADD COLUMN self_test TEXT NOT NULL DEFAULT '';
ALTER TABLE models ADD COLUMN signer TEXT NOT NULL DEFAULT '';
ALTER TABLE models ADD COLUMN signer_org TEXT NOT NULL DEFAULT '';
ALTER TABLE models ADD COLUMN files_dir TEXT NOT NULL DEFAULT '';
)sql"},
    {10, "linked pairs behind a lead (the explanation of a fuzzy identity match)", R"sql(
-- The pairs a link step found behind a lead, as written by the run that last found it: a JSON
-- array of {step, left, right, probability, weight, prior_weight, class, explanation, fields}
-- (engine/link_step.h). Only leads downstream of a link step have a row.
CREATE TABLE lead_links (
  lead_id INTEGER PRIMARY KEY REFERENCES leads(id),
  links   TEXT NOT NULL
);
)sql"},
    {11, "remembered confirmations and rejections of possible matches", R"sql(
-- 人工确认/否定: a person's decision that the two records of a linked pair are (confirm) or are
-- not (reject) the same person, applied by every later run of the model (engine/link_step.h).
-- pair_key: the hash of the two rows' compared values (link_pair_key), the same after a
-- re-import. One decision per model, step and pair: a later one replaces it (the audit log
-- keeps every one). lead_id: the lead it was made on.
CREATE TABLE link_decisions (
  id         INTEGER PRIMARY KEY,
  model_id   TEXT NOT NULL,
  step       TEXT NOT NULL,
  pair_key   TEXT NOT NULL,
  decision   TEXT NOT NULL CHECK (decision IN ('confirm', 'reject')),
  reason     TEXT NOT NULL DEFAULT '',
  username   TEXT NOT NULL,
  org        TEXT NOT NULL DEFAULT '',
  lead_id    INTEGER REFERENCES leads(id),
  decided_at TEXT NOT NULL,
  UNIQUE (model_id, step, pair_key)
);
-- The key of the pair-key hash: secret to the workspace, so that a pair key shown with a masked
-- lead cannot be turned back into the identity numbers and names it hashes.
INSERT OR IGNORE INTO workspace_info(key, value)
  VALUES ('link_pair_salt', lower(hex(randomblob(16))));
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
