#include "registry/registry.h"

#include <algorithm>
#include <array>
#include <map>
#include <set>

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <fmt/format.h>

#include "common/clock.h"

namespace shanhai::registry {

namespace {

constexpr std::array<ChecklistItem, 3> kChecklist = {{
    {"necessity", "建模必要性"},
    {"feasibility", "技术可行性"},
    {"accuracy", "线索准确性"},
}};

constexpr const char* kSubmissionColumns =
    "s.id, s.model_id, s.version, COALESCE(m.name, ''), s.org, COALESCE(o.name, ''), s.scope, "
    "s.note, s.status, s.submitted_by, s.submitted_at, s.decided_by, s.decided_at, "
    "s.decision_comment FROM model_submissions s LEFT JOIN models m ON m.model_id = s.model_id "
    "AND m.version = s.version LEFT JOIN organisations o ON o.code = s.org";

Submission read_submission(SQLite::Statement& q) {
  Submission s;
  s.id = q.getColumn(0).getInt64();
  s.model_id = q.getColumn(1).getString();
  s.version = q.getColumn(2).getString();
  s.model_name = q.getColumn(3).getString();
  s.org = q.getColumn(4).getString();
  s.org_name = q.getColumn(5).getString();
  s.scope = q.getColumn(6).getString();
  s.note = q.getColumn(7).getString();
  s.status = q.getColumn(8).getString();
  s.submitted_by = q.getColumn(9).getString();
  s.submitted_at = q.getColumn(10).getString();
  s.decided_by = q.getColumn(11).getString();
  s.decided_at = q.getColumn(12).getString();
  s.decision_comment = q.getColumn(13).getString();
  return s;
}

void read_review(SQLite::Database& db, Submission& s) {
  SQLite::Statement q(db,
                      "SELECT item, passed, comment, reviewer, at FROM model_reviews WHERE "
                      "submission_id = ?");
  q.bind(1, s.id);
  while (q.executeStep()) {
    s.review.push_back({q.getColumn(0).getString(), q.getColumn(1).getInt() != 0,
                        q.getColumn(2).getString(), q.getColumn(3).getString(),
                        q.getColumn(4).getString()});
  }
  // Checklist order.
  std::sort(s.review.begin(), s.review.end(), [](const ReviewItem& a, const ReviewItem& b) {
    auto rank = [](const std::string& n) {
      for (size_t i = 0; i < kChecklist.size(); ++i) {
        if (kChecklist[i].name == n) return i;
      }
      return kChecklist.size();
    };
    return rank(a.item) < rank(b.item);
  });
}

Error invalid(std::string_view field, const std::string& value, std::string zh, std::string en) {
  return Error("request.invalid", std::move(zh), std::move(en),
               Location::of_field(std::string(field), value));
}

Error catalog_error(store::Workspace& ws, const std::exception& e) {
  return ws.catalog_error("catalog.registry", "读写模型共享登记失败",
                          "cannot read or write the model registry", e);
}

Error submission_not_found(int64_t id) {
  return Error("submission.not_found", fmt::format("没有编号为 {} 的上架申请", id),
               fmt::format("no submission with id {}", id), Location::of_value(std::to_string(id)));
}

std::string_view item_label(std::string_view name) {
  for (const ChecklistItem& c : kChecklist) {
    if (c.name == name) return c.label;
  }
  return name;
}

// Whether `org` is `top` or below it.
bool in_tree(const access::OrgGraph& graph, const std::string& top, const std::string& org) {
  const access::Relation r = graph.relation(top, org);
  return r == access::Relation::own || r == access::Relation::descendant;
}

// Whether a and b are paired (either assists the other) under a pairing valid today.
bool paired(const access::OrgGraph& graph, const std::string& a, const std::string& b) {
  return graph.relation(a, b) == access::Relation::paired ||
         graph.relation(b, a) == access::Relation::paired;
}

}  // namespace

std::span<const ChecklistItem> checklist() { return kChecklist; }

Result<Submission> submit(store::Workspace& ws, const SubmitRequest& r) {
  if (r.scope != "tree" && r.scope != "paired" && r.scope != "all") {
    return invalid("scope", r.scope,
                   "上架范围应为 tree（本院及下级院）、paired（含结对院）或 all（全部）",
                   "scope must be tree (own organisation tree), paired (also paired "
                   "organisations) or all");
  }
  try {
    SQLite::Database& db = ws.db();
    SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
    {
      SQLite::Statement q(db, "SELECT 1 FROM models WHERE model_id = ? AND version = ?");
      q.bind(1, r.model_id);
      q.bind(2, r.version);
      if (!q.executeStep()) {
        return Error("model.not_found",
                     fmt::format("未安装模型 {} 的 {} 版本", r.model_id, r.version),
                     fmt::format("model {} version {} is not installed", r.model_id, r.version),
                     Location::of_value(r.model_id + "@" + r.version));
      }
    }
    {
      SQLite::Statement q(db,
                          "SELECT version FROM model_submissions WHERE model_id = ? AND org = ? "
                          "AND status = 'submitted'");
      q.bind(1, r.model_id);
      q.bind(2, r.org);
      if (q.executeStep()) {
        const std::string pending = q.getColumn(0).getString();
        return Error("submission.exists",
                     fmt::format("模型 {} 已有待审核的上架申请（{} 版本），请等待审核结果",
                                 r.model_id, pending),
                     fmt::format("model {} already has a submission waiting for review (version "
                                 "{}); wait for its review",
                                 r.model_id, pending),
                     Location::of_value(r.model_id));
      }
    }
    SQLite::Statement ins(db,
                          "INSERT INTO model_submissions(model_id, version, org, scope, note, "
                          "submitted_by, submitted_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
    ins.bind(1, r.model_id);
    ins.bind(2, r.version);
    ins.bind(3, r.org);
    ins.bind(4, r.scope);
    ins.bind(5, r.note);
    ins.bind(6, r.username);
    ins.bind(7, utc_now_iso());
    ins.exec();
    const int64_t id = db.getLastInsertRowid();
    tx.commit();
    return get_submission(ws, id);
  } catch (const std::exception& e) {
    return catalog_error(ws, e);
  }
}

Result<Submission> get_submission(store::Workspace& ws, int64_t id) {
  try {
    SQLite::Statement q(ws.db(), fmt::format("SELECT {} WHERE s.id = ?", kSubmissionColumns));
    q.bind(1, id);
    if (!q.executeStep()) return submission_not_found(id);
    Submission s = read_submission(q);
    read_review(ws.db(), s);
    return s;
  } catch (const std::exception& e) {
    return catalog_error(ws, e);
  }
}

Result<std::vector<Submission>> list_submissions(store::Workspace& ws,
                                                 const std::vector<std::string>& orgs,
                                                 const std::optional<std::string>& status) {
  std::vector<Submission> out;
  if (orgs.empty()) return out;
  try {
    std::string sql = fmt::format("SELECT {} WHERE s.org IN (", kSubmissionColumns);
    for (size_t i = 0; i < orgs.size(); ++i) sql += i == 0 ? "?" : ",?";
    sql += ")";
    if (status) sql += " AND s.status = ?";
    sql += " ORDER BY s.id DESC";
    SQLite::Statement q(ws.db(), sql);
    int k = 1;
    for (const std::string& o : orgs) q.bind(k++, o);
    if (status) q.bind(k++, *status);
    while (q.executeStep()) out.push_back(read_submission(q));
    for (Submission& s : out) read_review(ws.db(), s);
    return out;
  } catch (const std::exception& e) {
    return catalog_error(ws, e);
  }
}

Result<Submission> review(store::Workspace& ws, const ReviewRequest& r) {
  if (r.decision != "approve" && r.decision != "reject") {
    return invalid("decision", r.decision, "审核结论应为 approve（同意上架）或 reject（不同意）",
                   "decision must be approve or reject");
  }
  std::map<std::string, const ReviewDecision*> given;
  for (const ReviewDecision& d : r.items) {
    if (item_label(d.item) == d.item) {
      return invalid("items", d.item,
                     fmt::format("没有审核项“{}”，审核项为 necessity（建模必要性）、feasibility"
                                 "（技术可行性）、accuracy（线索准确性）",
                                 d.item),
                     fmt::format("there is no checklist item \"{}\"; the items are necessity, "
                                 "feasibility and accuracy",
                                 d.item));
    }
    given[d.item] = &d;
  }
  for (const ChecklistItem& c : kChecklist) {
    const auto it = given.find(std::string(c.name));
    if (it == given.end()) {
      return invalid("items", std::string(c.name), fmt::format("缺少审核项“{}”", c.label),
                     fmt::format("the checklist item {} is missing", c.name));
    }
    if (r.decision == "approve" && !it->second->passed) {
      return invalid("items", std::string(c.name),
                     fmt::format("审核项“{}”未通过，不能同意上架", c.label),
                     fmt::format("cannot approve: the checklist item {} did not pass", c.name));
    }
  }
  if (r.decision == "reject" && r.comment.find_first_not_of(" \t\r\n") == std::string::npos) {
    return invalid("comment", r.comment, "不同意上架时须写明理由",
                   "a rejection needs a comment giving the reason");
  }
  auto current = get_submission(ws, r.submission_id);
  if (!current) return current.take_error();
  const Submission& s = current.value();
  if (s.status != "submitted") {
    return Error("submission.conflict", fmt::format("该上架申请已处理（{}），不能再审核", s.status),
                 fmt::format("the submission was already decided ({})", s.status),
                 Location::of_value(std::to_string(s.id)));
  }
  if (s.submitted_by == r.reviewer) {
    return Error("submission.conflict", "不能审核自己提交的上架申请",
                 "nobody reviews their own submission", Location::of_value(r.reviewer));
  }
  try {
    SQLite::Database& db = ws.db();
    SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
    const std::string now = utc_now_iso();
    SQLite::Statement upd(
        db,
        "UPDATE model_submissions SET status = ?, decided_by = ?, decided_at = ?, "
        "decision_comment = ? WHERE id = ? AND status = 'submitted'");
    upd.bind(1, r.decision == "approve" ? "approved" : "rejected");
    upd.bind(2, r.reviewer);
    upd.bind(3, now);
    upd.bind(4, r.comment);
    upd.bind(5, s.id);
    if (upd.exec() != 1) {
      return Error("submission.conflict", "该上架申请已被他人处理",
                   "someone else decided the submission first",
                   Location::of_value(std::to_string(s.id)));
    }
    SQLite::Statement ins(db,
                          "INSERT INTO model_reviews(submission_id, item, passed, comment, "
                          "reviewer, at) VALUES (?, ?, ?, ?, ?, ?)");
    for (const ChecklistItem& c : kChecklist) {
      const ReviewDecision& d = *given.at(std::string(c.name));
      ins.bind(1, s.id);
      ins.bind(2, d.item);
      ins.bind(3, d.passed ? 1 : 0);
      ins.bind(4, d.comment);
      ins.bind(5, r.reviewer);
      ins.bind(6, now);
      ins.exec();
      ins.reset();
    }
    tx.commit();
  } catch (const std::exception& e) {
    return catalog_error(ws, e);
  }
  return get_submission(ws, s.id);
}

bool reaches(const access::OrgGraph& graph, const Submission& s, const std::string& viewer) {
  if (s.status != "approved") return false;
  if (s.scope == "all") return true;
  if (in_tree(graph, s.org, viewer)) return true;
  if (s.scope != "paired") return false;
  // The viewer's organisation or one above it is paired with the publisher or one above it
  // (a county procuratorate's model reaches the city its own city assists).
  const auto up = [&](std::string org) {
    std::vector<std::string> chain;
    for (int depth = 0; depth < 16 && !org.empty(); ++depth) {
      chain.push_back(org);
      const access::Organisation* o = graph.find(org);
      if (o == nullptr) break;
      org = o->parent;
    }
    return chain;
  };
  for (const std::string& a : up(s.org)) {
    for (const std::string& b : up(viewer)) {
      if (paired(graph, a, b)) return true;
    }
  }
  return false;
}

Result<std::vector<Listing>> listings(store::Workspace& ws, const access::OrgGraph& graph,
                                      const std::string& viewer_org, const std::string& username) {
  std::vector<Listing> out;
  try {
    SQLite::Database& db = ws.db();
    std::vector<Submission> approved;
    {
      SQLite::Statement q(db,
                          fmt::format("SELECT {} WHERE s.status = 'approved' ORDER BY s.id DESC",
                                      kSubmissionColumns));
      while (q.executeStep()) approved.push_back(read_submission(q));
    }
    std::set<std::string> seen;  // newest visible version per model
    std::set<std::string> favourites;
    {
      SQLite::Statement q(db, "SELECT model_id FROM model_favourites WHERE username = ?");
      q.bind(1, username);
      while (q.executeStep()) favourites.insert(q.getColumn(0).getString());
    }
    SQLite::Statement installed(
        db, "SELECT version FROM model_installs WHERE model_id = ? AND org = ?");
    SQLite::Statement installs(db, "SELECT COUNT(*) FROM model_installs WHERE model_id = ?");
    for (Submission& s : approved) {
      if (seen.count(s.model_id) != 0 || !reaches(graph, s, viewer_org)) continue;
      seen.insert(s.model_id);
      read_review(db, s);
      Listing l;
      l.favourite = favourites.count(s.model_id) != 0;
      installed.bind(1, s.model_id);
      installed.bind(2, viewer_org);
      if (installed.executeStep()) l.installed_version = installed.getColumn(0).getString();
      installed.reset();
      installs.bind(1, s.model_id);
      installs.executeStep();
      l.installs = installs.getColumn(0).getInt64();
      installs.reset();
      l.submission = std::move(s);
      out.push_back(std::move(l));
    }
  } catch (const std::exception& e) {
    return catalog_error(ws, e);
  }
  std::stable_sort(out.begin(), out.end(), [](const Listing& a, const Listing& b) {
    if (a.favourite != b.favourite) return a.favourite;
    return a.submission.model_id < b.submission.model_id;
  });
  return out;
}

Status set_favourite(store::Workspace& ws, const std::string& username, const std::string& model_id,
                     bool favourite) {
  try {
    SQLite::Database& db = ws.db();
    if (favourite) {
      SQLite::Statement q(db,
                          "SELECT 1 FROM model_submissions WHERE model_id = ? AND status = "
                          "'approved'");
      q.bind(1, model_id);
      if (!q.executeStep()) {
        return Error("model.not_found", fmt::format("模型 {} 未上架，不能收藏", model_id),
                     fmt::format("model {} is not listed and cannot be a favourite", model_id),
                     Location::of_value(model_id));
      }
      SQLite::Statement ins(db,
                            "INSERT OR IGNORE INTO model_favourites(username, model_id, at) "
                            "VALUES (?, ?, ?)");
      ins.bind(1, username);
      ins.bind(2, model_id);
      ins.bind(3, utc_now_iso());
      ins.exec();
    } else {
      SQLite::Statement del(db, "DELETE FROM model_favourites WHERE username = ? AND model_id = ?");
      del.bind(1, username);
      del.bind(2, model_id);
      del.exec();
    }
    return Status::Ok();
  } catch (const std::exception& e) {
    return catalog_error(ws, e);
  }
}

Status install(store::Workspace& ws, int64_t submission_id, const std::string& org,
               const std::string& username) {
  auto s = get_submission(ws, submission_id);
  if (!s) return s.take_error();
  if (s.value().status != "approved") {
    return Error("submission.conflict", "该模型尚未通过审核上架，不能安装",
                 "the model is not listed (not approved) and cannot be installed",
                 Location::of_value(std::to_string(submission_id)));
  }
  try {
    SQLite::Statement q(ws.db(),
                        "INSERT INTO model_installs(model_id, org, version, submission_id, "
                        "installed_by, at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(model_id, org) "
                        "DO UPDATE SET version = excluded.version, submission_id = "
                        "excluded.submission_id, installed_by = excluded.installed_by, at = "
                        "excluded.at");
    q.bind(1, s.value().model_id);
    q.bind(2, org);
    q.bind(3, s.value().version);
    q.bind(4, submission_id);
    q.bind(5, username);
    q.bind(6, utc_now_iso());
    q.exec();
    return Status::Ok();
  } catch (const std::exception& e) {
    return catalog_error(ws, e);
  }
}

Result<Usage> usage(store::Workspace& ws, const Submission& listed) {
  Usage u;
  try {
    SQLite::Database& db = ws.db();
    {
      OrgUsage p;
      p.org = listed.org;
      p.org_name = listed.org_name;
      p.publisher = true;
      p.installed_version = listed.version;
      p.installed_at = listed.decided_at;
      u.orgs.push_back(std::move(p));
    }
    SQLite::Statement q(db,
                        "SELECT i.org, COALESCE(o.name, ''), i.version, i.at FROM model_installs i "
                        "LEFT JOIN organisations o ON o.code = i.org WHERE i.model_id = ? ORDER "
                        "BY i.org");
    q.bind(1, listed.model_id);
    while (q.executeStep()) {
      const std::string org = q.getColumn(0).getString();
      ++u.installs;
      if (org == listed.org) continue;
      OrgUsage o;
      o.org = org;
      o.org_name = q.getColumn(1).getString();
      o.installed_version = q.getColumn(2).getString();
      o.installed_at = q.getColumn(3).getString();
      u.orgs.push_back(std::move(o));
    }
    SQLite::Statement runs(db, "SELECT COUNT(*) FROM runs WHERE model_id = ? AND org = ?");
    for (OrgUsage& o : u.orgs) {
      runs.bind(1, listed.model_id);
      runs.bind(2, o.org);
      runs.executeStep();
      o.runs = runs.getColumn(0).getInt64();
      runs.reset();
      u.runs += o.runs;
    }
  } catch (const std::exception& e) {
    return catalog_error(ws, e);
  }
  leads::StatsFilter f;
  f.model = listed.model_id;
  for (const OrgUsage& o : u.orgs) f.visible_orgs.push_back(o.org);
  auto stats = leads::lead_stats(ws, f);
  if (!stats) return stats.take_error();
  u.total = stats.value().total;
  for (const leads::OrgCounts& c : stats.value().by_org) {
    for (OrgUsage& o : u.orgs) {
      if (o.org == c.org) o.counts = c.counts;
    }
  }
  return u;
}

}  // namespace shanhai::registry
