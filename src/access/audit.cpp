#include "access/audit.h"

#include <algorithm>

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/VariadicBind.h>
#include <fmt/format.h>

#include "common/clock.h"

namespace shanhai::access {

Status audit(store::Workspace& ws, AuditEntry e) {
  if (e.at.empty()) e.at = utc_now_iso();
  try {
    SQLite::Statement ins(ws.db(),
                          "INSERT INTO audit_log(at, username, org, action, target, detail, ip) "
                          "VALUES (?, ?, ?, ?, ?, ?, ?)");
    SQLite::bind(ins, e.at, e.username, e.org, e.action, e.target, e.detail.dump(), e.ip);
    ins.exec();
    return Status::Ok();
  } catch (const std::exception& ex) {
    return ws.catalog_error("catalog.audit", "写入审计日志失败", "cannot write the audit log", ex);
  }
}

Status audit_cli_change(store::Workspace& ws, std::string target, nlohmann::json detail) {
  AuditEntry e;
  e.username = "cli";
  e.action = "permission";
  e.target = std::move(target);
  e.detail = std::move(detail);
  return audit(ws, std::move(e));
}

Result<AuditPage> search_audit(store::Workspace& ws, const AuditQuery& query) {
  std::string where = "WHERE 1";
  std::vector<std::string> args;
  if (!query.username.empty()) {
    where += " AND username = ?";
    args.push_back(query.username);
  }
  if (!query.action.empty()) {
    where += " AND action = ?";
    args.push_back(query.action);
  }
  if (!query.from.empty()) {
    where += " AND at >= ?";
    args.push_back(query.from);
  }
  if (!query.to.empty()) {
    // "2026-11-23" must include the whole day: compare with the prefix extended past any time.
    where += " AND at <= ?";
    args.push_back(query.to + "\xff");
  }
  if (!query.q.empty()) {
    where += " AND (instr(target, ?) > 0 OR instr(detail, ?) > 0)";
    args.push_back(query.q);
    args.push_back(query.q);
  }
  if (!query.orgs.empty()) {
    where += " AND org IN (";
    for (size_t i = 0; i < query.orgs.size(); ++i) {
      where += i ? ", ?" : "?";
      args.push_back(query.orgs[i]);
    }
    where += ")";
  }
  const int64_t size = std::clamp<int64_t>(query.page_size, 1, 200);
  const int64_t page = std::max<int64_t>(query.page, 1);
  try {
    AuditPage out;
    SQLite::Statement count(ws.db(), "SELECT count(*) FROM audit_log " + where);
    for (size_t i = 0; i < args.size(); ++i) count.bind(static_cast<int>(i + 1), args[i]);
    count.executeStep();
    out.total = count.getColumn(0).getInt64();
    SQLite::Statement q(ws.db(), fmt::format("SELECT id, at, username, org, action, target, "
                                             "detail, ip FROM audit_log {} ORDER BY id DESC "
                                             "LIMIT {} OFFSET {}",
                                             where, size, (page - 1) * size));
    for (size_t i = 0; i < args.size(); ++i) q.bind(static_cast<int>(i + 1), args[i]);
    while (q.executeStep()) {
      AuditEntry e;
      e.id = q.getColumn(0).getInt64();
      e.at = q.getColumn(1).getString();
      e.username = q.getColumn(2).getString();
      e.org = q.getColumn(3).getString();
      e.action = q.getColumn(4).getString();
      e.target = q.getColumn(5).getString();
      e.detail = nlohmann::json::parse(q.getColumn(6).getString(), nullptr, false);
      e.ip = q.getColumn(7).getString();
      out.items.push_back(std::move(e));
    }
    return out;
  } catch (const std::exception& ex) {
    return ws.catalog_error("catalog.audit", "读取审计日志失败", "cannot read the audit log", ex);
  }
}

nlohmann::json audit_json(const AuditEntry& e) {
  return {{"id", e.id},         {"at", e.at},         {"username", e.username}, {"org", e.org},
          {"action", e.action}, {"target", e.target}, {"detail", e.detail},     {"ip", e.ip}};
}

}  // namespace shanhai::access
