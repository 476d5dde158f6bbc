#include "leads/link_decisions.h"

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <SQLiteCpp/VariadicBind.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "common/clock.h"

namespace shanhai::leads {

Result<std::string> link_pair_salt(store::Workspace& ws) {
  try {
    SQLite::Statement q(ws.db(), "SELECT value FROM workspace_info WHERE key = 'link_pair_salt'");
    return q.executeStep() ? q.getColumn(0).getString() : std::string();
  } catch (const SQLite::Exception& e) {
    return ws.catalog_error("catalog.read", "读取工作区设置失败",
                            "cannot read the workspace settings", e);
  }
}

Result<std::vector<LinkDecisionRecord>> link_decisions(store::Workspace& ws,
                                                       const std::string& model_id) {
  std::vector<LinkDecisionRecord> out;
  try {
    SQLite::Statement q(ws.db(),
                        "SELECT model_id, step, pair_key, decision, reason, username, org, "
                        "COALESCE(lead_id, 0), decided_at FROM link_decisions WHERE model_id = ? "
                        "ORDER BY step, pair_key");
    q.bind(1, model_id);
    while (q.executeStep()) {
      LinkDecisionRecord d;
      d.model_id = q.getColumn(0).getString();
      d.step = q.getColumn(1).getString();
      d.pair_key = q.getColumn(2).getString();
      d.decision = q.getColumn(3).getString();
      d.reason = q.getColumn(4).getString();
      d.username = q.getColumn(5).getString();
      d.org = q.getColumn(6).getString();
      d.lead_id = q.getColumn(7).getInt64();
      d.decided_at = q.getColumn(8).getString();
      out.push_back(std::move(d));
    }
  } catch (const SQLite::Exception& e) {
    return ws.catalog_error("catalog.read", "读取关联确认记录失败",
                            "cannot read the decisions on linked pairs", e);
  }
  return out;
}

Result<LinkDecisionRecord> record_link_decision(store::Workspace& ws, LinkDecisionRecord d) {
  if (d.decision != "confirm" && d.decision != "reject") {
    return Error("link.invalid_decision",
                 fmt::format("未知的关联处理“{}”，应为 confirm（确认为同一人）或 reject（否定）",
                             d.decision),
                 fmt::format("unknown decision \"{}\": confirm or reject", d.decision),
                 Location::of_field("decision"));
  }
  if (d.decision == "reject" && d.reason.empty()) {
    return Error("link.reason_required", "否定关联须填写理由",
                 "rejecting a linked pair requires a reason", Location::of_field("reason"));
  }
  d.decided_at = utc_now_iso();
  try {
    SQLite::Database& db = ws.db();
    SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
    if (d.lead_id != 0) {
      SQLite::Statement q(db, "SELECT 1 FROM leads WHERE id = ?");
      q.bind(1, d.lead_id);
      if (!q.executeStep()) {
        return Error("lead.not_found", fmt::format("没有编号为 {} 的线索", d.lead_id),
                     fmt::format("no lead with id {}", d.lead_id),
                     Location::of_value(std::to_string(d.lead_id)));
      }
    }
    SQLite::Statement upsert(
        db,
        "INSERT INTO link_decisions(model_id, step, pair_key, decision, reason, username, org, "
        "lead_id, decided_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, NULLIF(?8, 0), ?9) "
        "ON CONFLICT(model_id, step, pair_key) DO UPDATE SET decision = ?4, reason = ?5, "
        "username = ?6, org = ?7, lead_id = NULLIF(?8, 0), decided_at = ?9");
    SQLite::bind(upsert, d.model_id, d.step, d.pair_key, d.decision, d.reason, d.username, d.org,
                 d.lead_id, d.decided_at);
    upsert.exec();
    if (d.lead_id != 0) {
      const nlohmann::json detail = {
          {"step", d.step}, {"pair_key", d.pair_key}, {"decision", d.decision}};
      SQLite::Statement ev(db,
                           "INSERT INTO lead_events(lead_id, at, username, org, action, "
                           "from_status, to_status, comment, detail) VALUES (?,?,?,?,?,?,?,?,?)");
      // No status change: from and to stay empty, as for comments.
      SQLite::bind(ev, d.lead_id, d.decided_at, d.username, d.org, std::string("link_decision"),
                   std::string(), std::string(), d.reason, detail.dump());
      ev.exec();
    }
    tx.commit();
  } catch (const SQLite::Exception& e) {
    return ws.catalog_error("catalog.link_decision", "记录关联确认失败，未作改变",
                            "cannot record the decision on the linked pair; nothing changed", e);
  }
  return d;
}

}  // namespace shanhai::leads
