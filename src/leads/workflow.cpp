#include "leads/workflow.h"

#include <sodium.h>

#include <algorithm>

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <SQLiteCpp/VariadicBind.h>
#include <fmt/format.h>

#include "common/clock.h"
#include "leads/lead_query.h"

namespace shanhai::leads {

namespace {

constexpr StatusInfo kStatuses[] = {{"new", "待核查"},
                                    {"triaged", "已分拣"},
                                    {"approved", "已审核"},
                                    {"verifying", "核查中"},
                                    {"dismissed", "不予立案"},
                                    {"filed", "已立案"},
                                    {"recommended", "已制发检察建议"},
                                    {"sued", "已提起诉讼"},
                                    {"other", "其他处理"},
                                    {"replied", "已回复"},
                                    {"rectified", "已整改"},
                                    {"closed", "已办结"}};

const std::vector<Action>& action_table() {
  static const std::vector<Action> kActions = {
      {"triage", "分拣", {"new"}, "triaged", {}},
      {"approve", "审核通过", {"triaged"}, "approved", {}},
      {"assign", "分发承办人", {"approved"}, "verifying", {kHandler}},
      {"return", "驳回", {"triaged", "approved", "verifying"}, "new", {kReason}},
      {"dispatch", "下发", {"new", "triaged", "approved"}, "new", {kTargetOrg}},
      {"dismiss", "不予立案", {"verifying"}, "dismissed", {kReason}},
      {"file", "立案", {"verifying"}, "filed", {}},
      {"recommend", "制发检察建议", {"filed"}, "recommended", {kDocumentNo}},
      {"sue", "提起诉讼", {"filed"}, "sued", {}},
      {"other", "其他处理", {"filed"}, "other", {kComment}},
      {"reply", "收到回复", {"recommended"}, "replied", {}},
      {"rectify", "已整改", {"replied"}, "rectified", {}},
      {"close", "办结", {"rectified", "sued", "other", "dismissed"}, "closed", {}},
  };
  return kActions;
}

bool blank(std::string_view s) { return s.find_first_not_of(" \t\r\n") == std::string_view::npos; }

const std::string& field_value(const TransitionRequest& r, std::string_view field) {
  if (field == kReason) return r.reason;
  if (field == kHandler) return r.handler;
  if (field == kTargetOrg) return r.target_org;
  if (field == kDocumentNo) return r.document_no;
  return r.comment;
}

std::string_view field_label(std::string_view field) {
  if (field == kReason) return "理由";
  if (field == kHandler) return "承办人";
  if (field == kTargetOrg) return "下发单位";
  if (field == kDocumentNo) return "文书编号";
  return "意见";
}

Error missing_field(std::string_view field, std::string_view action) {
  return Error(
      "workflow.missing_field",
      fmt::format("「{}」需要填写{}（{}）", action_label(action), field_label(field), field),
      fmt::format("'{}' requires {}", action, field), Location::of_field(std::string(field)));
}

Error not_found(int64_t lead_id) {
  return Error("lead.not_found", fmt::format("没有编号为 {} 的线索", lead_id),
               fmt::format("no lead with id {}", lead_id),
               Location::of_value(std::to_string(lead_id)));
}

struct LeadState {
  std::string status;
  std::string org;
  std::string handler;
};

std::optional<LeadState> read_state(SQLite::Database& db, int64_t lead_id) {
  SQLite::Statement q(db, "SELECT status, org, handler FROM leads WHERE id = ?");
  q.bind(1, lead_id);
  if (!q.executeStep()) return std::nullopt;
  return LeadState{q.getColumn(0).getString(), q.getColumn(1).getString(),
                   q.getColumn(2).getString()};
}

// True when `target` is strictly below `org` in the organisation tree. Every organisation is
// below '' (the command line's, which owns no place in the tree).
bool strictly_below(SQLite::Database& db, const std::string& target, const std::string& org) {
  SQLite::Statement parent(db, "SELECT parent FROM organisations WHERE code = ?");
  std::string current = target;
  for (int depth = 0; depth < 64; ++depth) {  // a cycle in bad data cannot hang us
    parent.bind(1, current);
    if (!parent.executeStep()) return false;  // unknown organisation
    const bool top = parent.getColumn(0).isNull();
    std::string up = top ? std::string() : parent.getColumn(0).getString();
    parent.reset();
    if (depth > 0 && current == org) return true;
    if (top) return org.empty();
    current = std::move(up);
  }
  return false;
}

bool is_handler_candidate(SQLite::Database& db, const std::string& username,
                          const std::string& org) {
  SQLite::Statement q(db,
                      "SELECT 1 FROM users WHERE username = ? AND org = ? AND disabled = 0 AND "
                      "role IN ('prosecutor', 'admin')");
  SQLite::bind(q, username, org);
  return q.executeStep();
}

Error catalog_write_error(store::Workspace& ws, const std::exception& e) {
  return ws.catalog_error("catalog.workflow", "记录线索处置失败，线索未改变",
                          "cannot record the workflow step; the lead is unchanged", e);
}

int64_t insert_event(SQLite::Database& db, int64_t lead_id, const std::string& at,
                     const Actor& actor, std::string_view action, const std::string& from,
                     const std::string& to, const std::string& comment,
                     const nlohmann::json& detail) {
  SQLite::Statement ins(db,
                        "INSERT INTO lead_events(lead_id, at, username, org, action, from_status, "
                        "to_status, comment, detail) VALUES (?,?,?,?,?,?,?,?,?)");
  SQLite::bind(ins, lead_id, at, actor.username, actor.org, std::string(action), from, to, comment,
               detail.dump());
  ins.exec();
  return db.getLastInsertRowid();
}

}  // namespace

std::span<const StatusInfo> statuses() { return kStatuses; }

std::string_view status_label(std::string_view status) {
  for (const StatusInfo& s : kStatuses) {
    if (s.name == status) return s.label;
  }
  return status;
}

bool is_status(std::string_view status) {
  return std::any_of(std::begin(kStatuses), std::end(kStatuses),
                     [&](const StatusInfo& s) { return s.name == status; });
}

std::span<const Action> actions() { return action_table(); }

const Action* find_action(std::string_view name) {
  for (const Action& a : action_table()) {
    if (a.name == name) return &a;
  }
  return nullptr;
}

std::string_view action_label(std::string_view action) {
  if (const Action* a = find_action(action)) return a->label;
  if (action == "comment") return "意见";
  if (action == "share") return "分享会诊";
  if (action == "link_decision") return "关联人工判断";
  return action;
}

std::vector<Action> actions_from(std::string_view status) {
  std::vector<Action> out;
  for (const Action& a : action_table()) {
    if (std::find(a.from.begin(), a.from.end(), status) != a.from.end()) out.push_back(a);
  }
  return out;
}

std::string sha256_hex(std::string_view bytes) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  std::string out;
  out.reserve(2 * sizeof digest);
  for (unsigned char b : digest) out += fmt::format("{:02x}", b);
  return out;
}

Result<LeadSummary> apply_transition(store::Workspace& ws, int64_t lead_id,
                                     const TransitionRequest& request, const Actor& actor) {
  const Action* action = find_action(request.action);
  try {
    SQLite::Database& db = ws.db();
    // The write lock first: the status checked is the status changed.
    SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
    const auto state = read_state(db, lead_id);
    if (!state) return not_found(lead_id);
    if (action == nullptr) {
      std::string names;
      for (const Action& a : action_table())
        names += (names.empty() ? "" : ", ") + std::string(a.name);
      return Error(
          "workflow.unknown_action",
          fmt::format("没有处置操作“{}”；可用的操作：{}", request.action, names),
          fmt::format("there is no workflow action \"{}\"; actions: {}", request.action, names),
          Location::of_field("action", request.action));
    }
    if (std::find(action->from.begin(), action->from.end(), state->status) == action->from.end()) {
      return Error(
          "workflow.illegal",
          fmt::format("线索当前状态为「{}」，不能执行「{}」", status_label(state->status),
                      action->label),
          fmt::format("the lead is '{}'; '{}' is not possible", state->status, action->name),
          Location::of_field("action", request.action));
    }
    for (std::string_view field : action->required) {
      if (blank(field_value(request, field))) return missing_field(field, action->name);
    }
    if (action->name == "dispatch" && !strictly_below(db, request.target_org, state->org)) {
      return Error("workflow.invalid_target",
                   fmt::format("只能下发给本线索所属单位的下级院，“{}”不是", request.target_org),
                   fmt::format("a lead can only be dispatched to an organisation below its own; "
                               "\"{}\" is not",
                               request.target_org),
                   Location::of_field(std::string(kTargetOrg), request.target_org));
    }
    if (action->name == "assign" && !is_handler_candidate(db, request.handler, state->org)) {
      return Error("workflow.invalid_handler",
                   fmt::format("承办人“{}”不是本线索所属单位的在用检察官或管理员", request.handler),
                   fmt::format("handler \"{}\" is not an enabled prosecutor or administrator of "
                               "the lead's organisation",
                               request.handler),
                   Location::of_field(std::string(kHandler), request.handler));
    }
    for (const AttachmentUpload& a : request.attachments) {
      if (blank(a.filename)) return missing_field("filename", action->name);
      if (a.bytes.size() > kMaxAttachmentBytes) {
        return Error(
            "workflow.attachment_too_large",
            fmt::format("附件“{}”大小为 {:.1f} MiB，超过上限 {} MiB", a.filename,
                        static_cast<double>(a.bytes.size()) / (1 << 20), kMaxAttachmentBytes >> 20),
            fmt::format("attachment \"{}\" is {:.1f} MiB, more than the {} MiB limit", a.filename,
                        static_cast<double>(a.bytes.size()) / (1 << 20), kMaxAttachmentBytes >> 20),
            Location::of_field("attachments", a.filename));
      }
    }

    const std::string now = utc_now_iso();
    std::string org = state->org;
    std::string handler = state->handler;
    nlohmann::json detail = nlohmann::json::object();
    for (std::string_view field : {kReason, kHandler, kTargetOrg, kDocumentNo}) {
      const std::string& v = field_value(request, field);
      if (!blank(v)) detail[std::string(field)] = v;
    }
    if (action->name == "assign") handler = request.handler;
    if (action->name == "return") handler.clear();
    if (action->name == "dispatch") {
      detail["from_org"] = org;
      org = request.target_org;
      handler.clear();
    }
    SQLite::Statement update(db,
                             "UPDATE leads SET status = ?, org = ?, handler = ?, updated_at = ? "
                             "WHERE id = ?");
    SQLite::bind(update, std::string(action->to), org, handler, now, lead_id);
    update.exec();
    const int64_t event_id = insert_event(db, lead_id, now, actor, action->name, state->status,
                                          std::string(action->to), request.comment, detail);
    if (!request.attachments.empty()) {
      SQLite::Statement ins(db,
                            "INSERT INTO lead_attachments(lead_id, event_id, filename, "
                            "content_type, size, sha256, content) VALUES (?,?,?,?,?,?,?)");
      for (const AttachmentUpload& a : request.attachments) {
        ins.bind(1, lead_id);
        ins.bind(2, event_id);
        ins.bind(3, a.filename);
        ins.bind(4,
                 blank(a.content_type) ? std::string("application/octet-stream") : a.content_type);
        ins.bind(5, static_cast<int64_t>(a.bytes.size()));
        ins.bind(6, sha256_hex(a.bytes));
        ins.bindNoCopy(7, a.bytes.data(), static_cast<int>(a.bytes.size()));
        ins.exec();
        ins.reset();
      }
    }
    tx.commit();
  } catch (const SQLite::Exception& e) {
    return catalog_write_error(ws, e);
  }
  return get_lead_summary(ws, lead_id);
}

Result<LeadEvent> add_comment(store::Workspace& ws, int64_t lead_id, const Actor& actor,
                              const std::string& text) {
  try {
    SQLite::Database& db = ws.db();
    SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
    const auto state = read_state(db, lead_id);
    if (!state) return not_found(lead_id);
    if (blank(text)) return missing_field(kComment, "comment");
    LeadEvent e;
    e.at = utc_now_iso();
    e.username = actor.username;
    e.org = actor.org;
    e.action = "comment";
    e.from_status = e.to_status = state->status;
    e.comment = text;
    e.id = insert_event(db, lead_id, e.at, actor, e.action, e.from_status, e.to_status, text,
                        e.detail);
    SQLite::Statement touch(db, "UPDATE leads SET updated_at = ? WHERE id = ?");
    SQLite::bind(touch, e.at, lead_id);
    touch.exec();
    tx.commit();
    return e;
  } catch (const SQLite::Exception& e) {
    return catalog_write_error(ws, e);
  }
}

Status share_lead(store::Workspace& ws, int64_t lead_id, const std::string& org,
                  const Actor& actor) {
  try {
    SQLite::Database& db = ws.db();
    SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
    const auto state = read_state(db, lead_id);
    if (!state) return not_found(lead_id);
    SQLite::Statement exists(db, "SELECT 1 FROM organisations WHERE code = ?");
    exists.bind(1, org);
    if (org == state->org || !exists.executeStep()) {
      return Error(
          "workflow.invalid_target",
          fmt::format("不能分享给“{}”：{}", org,
                      org == state->org ? "线索本就属于该单位" : "没有该单位"),
          fmt::format("cannot share with \"{}\": {}", org,
                      org == state->org ? "the lead belongs to it" : "no such organisation"),
          Location::of_field("org", org));
    }
    const std::string now = utc_now_iso();
    SQLite::Statement ins(db,
                          "INSERT OR IGNORE INTO lead_shares(lead_id, org, shared_by, at) "
                          "VALUES (?,?,?,?)");
    SQLite::bind(ins, lead_id, org, actor.username, now);
    if (ins.exec() == 0) return Status::Ok();  // already shared with it
    insert_event(db, lead_id, now, actor, "share", state->status, state->status, "",
                 nlohmann::json{{"org", org}});
    tx.commit();
    return Status::Ok();
  } catch (const SQLite::Exception& e) {
    return catalog_write_error(ws, e);
  }
}

Result<std::vector<LeadShare>> lead_shared_with(store::Workspace& ws, int64_t lead_id) {
  try {
    SQLite::Statement q(ws.db(),
                        "SELECT s.org, COALESCE(o.name, ''), s.shared_by, s.at FROM lead_shares s "
                        "LEFT JOIN organisations o ON o.code = s.org WHERE s.lead_id = ? "
                        "ORDER BY s.org");
    q.bind(1, lead_id);
    std::vector<LeadShare> out;
    while (q.executeStep()) {
      out.push_back({q.getColumn(0).getString(), q.getColumn(1).getString(),
                     q.getColumn(2).getString(), q.getColumn(3).getString()});
    }
    return out;
  } catch (const SQLite::Exception& e) {
    return ws.catalog_error("catalog.leads", "读取线索分享失败", "cannot read the lead's shares",
                            e);
  }
}

Result<Attachment> get_attachment(store::Workspace& ws, int64_t lead_id, int64_t attachment_id) {
  try {
    SQLite::Statement q(ws.db(),
                        "SELECT id, event_id, filename, content_type, size, sha256, content FROM "
                        "lead_attachments WHERE id = ? AND lead_id = ?");
    SQLite::bind(q, attachment_id, lead_id);
    if (!q.executeStep()) {
      return Error("attachment.not_found",
                   fmt::format("线索 {} 没有编号为 {} 的附件", lead_id, attachment_id),
                   fmt::format("lead {} has no attachment {}", lead_id, attachment_id),
                   Location::of_value(std::to_string(attachment_id)));
    }
    Attachment a;
    a.info = {q.getColumn(0).getInt64(),  q.getColumn(1).getInt64(), q.getColumn(2).getString(),
              q.getColumn(3).getString(), q.getColumn(4).getInt64(), q.getColumn(5).getString()};
    const SQLite::Column content = q.getColumn(6);
    a.bytes.assign(static_cast<const char*>(content.getBlob()),
                   static_cast<size_t>(content.getBytes()));
    return a;
  } catch (const SQLite::Exception& e) {
    return ws.catalog_error("catalog.leads", "读取附件失败", "cannot read the attachment", e);
  }
}

}  // namespace shanhai::leads
