#include "access/organisations.h"

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/VariadicBind.h>
#include <fmt/format.h>

#include "common/clock.h"

namespace shanhai::access {

namespace {

bool valid_code(const std::string& code) {
  if (code.empty() || code.size() > 32) return false;
  for (unsigned char c : code) {
    if (!(std::isalnum(c) || c == '-' || c == '_')) return false;
  }
  return true;
}

// YYYY-MM-DD with plausible ranges (the calendar check is left to the normaliser's users).
bool valid_day(const std::string& d) {
  if (d.size() != 10 || d[4] != '-' || d[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (!std::isdigit(static_cast<unsigned char>(d[i]))) return false;
  }
  const int month = std::stoi(d.substr(5, 2));
  const int day = std::stoi(d.substr(8, 2));
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

Error unknown_org(const std::string& code) {
  return Error("org.unknown", fmt::format("没有编码为“{}”的单位", code),
               fmt::format("no organisation with code \"{}\"", code), Location::of_value(code));
}

bool org_exists(store::Workspace& ws, const std::string& code) {
  SQLite::Statement q(ws.db(), "SELECT 1 FROM organisations WHERE code = ?");
  q.bind(1, code);
  return q.executeStep();
}

}  // namespace

std::string_view relation_name(Relation r) {
  switch (r) {
    case Relation::own:
      return "own";
    case Relation::descendant:
      return "descendant";
    case Relation::ancestor:
      return "ancestor";
    case Relation::paired:
      return "paired";
    case Relation::unrelated:
      return "unrelated";
  }
  return "unrelated";
}

Result<Organisation> add_organisation(store::Workspace& ws, const std::string& code,
                                      const std::string& name, const std::string& parent) {
  if (!valid_code(code)) {
    return Error("org.invalid_code", "单位编码只能由字母、数字、“-”和“_”组成，长度 1 至 32",
                 "an organisation code is 1 to 32 letters, digits, '-' or '_'",
                 Location::of_value(code));
  }
  if (name.empty()) {
    return Error("org.invalid_name", "单位名称不能为空", "the organisation name is empty",
                 Location::of_value(name));
  }
  try {
    if (org_exists(ws, code)) {
      return Error("org.exists", fmt::format("单位编码“{}”已存在", code),
                   fmt::format("an organisation with code \"{}\" already exists", code),
                   Location::of_value(code));
    }
    if (!parent.empty() && !org_exists(ws, parent)) {
      Error e = unknown_org(parent);
      return Error("org.unknown_parent", "上级单位不存在：" + e.zh(),
                   "the parent organisation does not exist: " + e.en(), e.where());
    }
    Organisation org{code, name, parent, utc_now_iso()};
    SQLite::Statement ins(ws.db(),
                          "INSERT INTO organisations(code, name, parent, created_at) VALUES (?, ?, "
                          "?, ?)");
    ins.bind(1, code);
    ins.bind(2, name);
    if (parent.empty()) {
      ins.bind(3);
    } else {
      ins.bind(3, parent);
    }
    ins.bind(4, org.created_at);
    ins.exec();
    return org;
  } catch (const std::exception& e) {
    return ws.catalog_error("catalog.orgs", "添加单位失败", "cannot add the organisation", e);
  }
}

Result<std::vector<Organisation>> list_organisations(store::Workspace& ws) {
  try {
    std::vector<Organisation> out;
    SQLite::Statement q(ws.db(),
                        "SELECT code, name, coalesce(parent, ''), created_at FROM organisations "
                        "ORDER BY code");
    while (q.executeStep()) {
      out.push_back({q.getColumn(0).getString(), q.getColumn(1).getString(),
                     q.getColumn(2).getString(), q.getColumn(3).getString()});
    }
    return out;
  } catch (const std::exception& e) {
    return ws.catalog_error("catalog.orgs", "读取单位失败", "cannot read the organisations", e);
  }
}

Result<Pairing> add_pairing(store::Workspace& ws, const std::string& assisting,
                            const std::string& assisted, const std::string& starts_on,
                            const std::string& ends_on) {
  if (assisting == assisted) {
    return Error("pairing.same_org", "结对双方不能是同一单位",
                 "an organisation cannot be paired with itself", Location::of_value(assisting));
  }
  if (!valid_day(starts_on) || !valid_day(ends_on) || ends_on < starts_on) {
    return Error("pairing.invalid_period",
                 fmt::format("结对期限无效：{} 至 {}（日期格式 YYYY-MM-DD，结束不早于开始）",
                             starts_on, ends_on),
                 fmt::format("invalid pairing period {} to {} (dates YYYY-MM-DD, the end not "
                             "before the start)",
                             starts_on, ends_on),
                 Location::of_value(starts_on + "/" + ends_on));
  }
  try {
    if (!org_exists(ws, assisting)) return unknown_org(assisting);
    if (!org_exists(ws, assisted)) return unknown_org(assisted);
    SQLite::Statement ins(ws.db(),
                          "INSERT INTO pairings(assisting, assisted, starts_on, ends_on, "
                          "created_at) VALUES (?, ?, ?, ?, ?)");
    SQLite::bind(ins, assisting, assisted, starts_on, ends_on, utc_now_iso());
    ins.exec();
    return Pairing{ws.db().getLastInsertRowid(), assisting, assisted, starts_on, ends_on};
  } catch (const std::exception& e) {
    return ws.catalog_error("catalog.pairings", "添加结对失败", "cannot add the pairing", e);
  }
}

Result<std::vector<Pairing>> list_pairings(store::Workspace& ws) {
  try {
    std::vector<Pairing> out;
    SQLite::Statement q(ws.db(),
                        "SELECT id, assisting, assisted, starts_on, ends_on FROM pairings ORDER "
                        "BY id");
    while (q.executeStep()) {
      out.push_back({q.getColumn(0).getInt64(), q.getColumn(1).getString(),
                     q.getColumn(2).getString(), q.getColumn(3).getString(),
                     q.getColumn(4).getString()});
    }
    return out;
  } catch (const std::exception& e) {
    return ws.catalog_error("catalog.pairings", "读取结对失败", "cannot read the pairings", e);
  }
}

Result<OrgGraph> OrgGraph::load(store::Workspace& ws, const std::string& today) {
  auto orgs = list_organisations(ws);
  if (!orgs) return orgs.take_error();
  auto pairings = list_pairings(ws);
  if (!pairings) return pairings.take_error();
  OrgGraph g;
  g.orgs_ = std::move(orgs.value());
  for (size_t i = 0; i < g.orgs_.size(); ++i) g.index_[g.orgs_[i].code] = i;
  for (const Pairing& p : pairings.value()) {
    if (p.starts_on <= today && today <= p.ends_on) g.assists_.emplace(p.assisting, p.assisted);
  }
  return g;
}

const Organisation* OrgGraph::find(const std::string& code) const {
  const auto it = index_.find(code);
  return it == index_.end() ? nullptr : &orgs_[it->second];
}

bool OrgGraph::is_ancestor(const std::string& ancestor, const std::string& code) const {
  const Organisation* o = find(code);
  // The depth bound guards against a cycle written into the catalog by hand.
  for (size_t depth = 0; o != nullptr && depth <= orgs_.size(); ++depth) {
    if (o->parent.empty()) return false;
    if (o->parent == ancestor) return true;
    o = find(o->parent);
  }
  return false;
}

Relation OrgGraph::relation(const std::string& viewer_org, const std::string& target_org) const {
  const Organisation* viewer = find(viewer_org);
  if (viewer == nullptr) return Relation::unrelated;
  if (target_org.empty()) {
    return viewer->parent.empty() ? Relation::descendant : Relation::unrelated;
  }
  if (viewer_org == target_org) return Relation::own;
  if (is_ancestor(viewer_org, target_org)) return Relation::descendant;
  if (is_ancestor(target_org, viewer_org)) return Relation::ancestor;
  const auto [b, e] = assists_.equal_range(viewer_org);
  for (auto it = b; it != e; ++it) {
    if (it->second == target_org) return Relation::paired;
  }
  return Relation::unrelated;
}

std::vector<std::string> OrgGraph::assisted_by(const std::string& code) const {
  std::vector<std::string> out;
  const auto [b, e] = assists_.equal_range(code);
  for (auto it = b; it != e; ++it) out.push_back(it->second);
  return out;
}

}  // namespace shanhai::access
