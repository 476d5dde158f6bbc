#pragma once
// The audit log (审计日志): logins, failed logins, logouts, unmasked views of personal data,
// exports, workflow transitions and permission changes. Entries are only ever appended.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/error.h"
#include "store/workspace.h"

namespace shanhai::access {

struct AuditEntry {
  int64_t id = 0;
  std::string at;  // ISO 8601 UTC; filled in when empty
  std::string username;
  std::string org;
  std::string action;  // login, login_failed, logout, unmask, export, transition, permission, …
  std::string target;
  nlohmann::json detail = nlohmann::json::object();
  std::string ip;
};

Status audit(store::Workspace& ws, AuditEntry entry);
// A permission change made from the command line: audited as user "cli".
Status audit_cli_change(store::Workspace& ws, std::string target, nlohmann::json detail);

struct AuditQuery {
  std::string username;           // exact; empty: any
  std::string action;             // exact; empty: any
  std::string from;               // inclusive ISO prefix (a date works: "2026-11-01"); empty: open
  std::string to;                 // inclusive ISO prefix; empty: open
  std::string q;                  // substring of target or detail
  std::vector<std::string> orgs;  // entries of these organisations only; empty: all
  int64_t page = 1;
  int64_t page_size = 50;
};

struct AuditPage {
  int64_t total = 0;
  std::vector<AuditEntry> items;  // newest first
};

Result<AuditPage> search_audit(store::Workspace& ws, const AuditQuery& query);

nlohmann::json audit_json(const AuditEntry& e);

}  // namespace shanhai::access
