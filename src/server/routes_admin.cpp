// Organisations, users, pairings (admin) and the audit log.

#include <fmt/format.h>

#include "access/audit.h"
#include "access/users.h"
#include "server/json_views.h"
#include "server/routes.h"

namespace shanhai::server {

namespace {

using access::Permission;

Result<std::string> string_field(const nlohmann::json& body, const char* name, bool required,
                                 std::string_view label_zh) {
  if (!body.contains(name) || body[name].is_null()) {
    if (!required) return std::string();
    return invalid_field(name, fmt::format("请填写{}", label_zh),
                         fmt::format("{} is required", name));
  }
  if (!body[name].is_string()) {
    return invalid_field(name, fmt::format("{}应为文字", label_zh),
                         fmt::format("{} must be a string", name));
  }
  return body[name].get<std::string>();
}

// Turns a layer error about a field into a request error naming that field.
Error on_field(Error e, std::string_view field) {
  e.where().column_name = std::string(field);
  return e;
}

Result<Reply> list_orgs(Context& ctx) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& o : ctx.graph.all()) {
    const access::Relation r = ctx.relation_to(o.code);
    // The organisations assisting the caller's (under a current pairing): whom to share a lead
    // with for consultation.
    const bool assisting = ctx.graph.relation(o.code, ctx.user().org) == access::Relation::paired;
    if (r == access::Relation::unrelated && !assisting) continue;
    out.push_back(
        {{"code", o.code},
         {"name", o.name},
         {"parent", o.parent.empty() ? nlohmann::json(nullptr) : nlohmann::json(o.parent)},
         {"relation", r == access::Relation::unrelated ? std::string_view("assisting")
                                                       : access::relation_name(r)}});
  }
  return Reply::json(out);
}

Result<Reply> add_org(Context& ctx) {
  auto body = ctx.json_body();
  if (!body) return body.take_error();
  auto code = string_field(*body, "code", true, "单位编码");
  if (!code) return code.take_error();
  auto name = string_field(*body, "name", true, "单位名称");
  if (!name) return name.take_error();
  auto parent = string_field(*body, "parent", true, "上级单位");
  if (!parent) return parent.take_error();
  SHANHAI_TRY(ctx.require(Permission::manage_users, parent.value(), "org"));
  auto org = access::add_organisation(ctx.ws, code.value(), name.value(), parent.value());
  if (!org) return on_field(org.take_error(), "code");
  SHANHAI_TRY(ctx.audit("permission", "org:" + org->code,
                        {{"change", "add_org"}, {"name", org->name}, {"parent", org->parent}}));
  return Reply::json({{"code", org->code}, {"name", org->name}, {"parent", org->parent}}, 201);
}

Result<Reply> list_users(Context& ctx) {
  auto users = access::list_users(ctx.ws, ctx.orgs_with(Permission::manage_users));
  if (!users) return users.take_error();
  nlohmann::json out = nlohmann::json::array();
  for (const auto& u : users.value()) out.push_back(user_json(u, ctx.graph));
  return Reply::json(out);
}

Result<Reply> add_user(Context& ctx) {
  auto body = ctx.json_body();
  if (!body) return body.take_error();
  access::NewUser nu;
  for (auto [field, label, target] :
       {std::tuple{"username", "用户名", &nu.username}, std::tuple{"org", "所属单位", &nu.org},
        std::tuple{"password", "密码", &nu.password}}) {
    auto v = string_field(*body, field, true, label);
    if (!v) return v.take_error();
    *target = v.value();
  }
  auto display = string_field(*body, "display_name", false, "姓名");
  if (!display) return display.take_error();
  nu.display_name = display.value();
  auto role_text = string_field(*body, "role", true, "角色");
  if (!role_text) return role_text.take_error();
  auto role = access::parse_role(role_text.value());
  if (!role) {
    return invalid_field("role", "角色应为 admin、model_admin、prosecutor、expert 或 viewer",
                         "role must be admin, model_admin, prosecutor, expert or viewer");
  }
  nu.role = *role;
  SHANHAI_TRY(ctx.require(Permission::manage_users, nu.org, "org"));
  auto user = access::add_user(ctx.ws, nu);
  if (!user) {
    const std::string code = user.error().code();
    return on_field(user.take_error(), code == "user.weak_password" ? "password" : "username");
  }
  SHANHAI_TRY(ctx.audit(
      "permission", "user:" + user->username,
      {{"change", "add_user"}, {"org", user->org}, {"role", access::role_name(user->role)}}));
  return Reply::json(user_json(user.value(), ctx.graph), 201);
}

Result<Reply> change_user(Context& ctx) {
  auto body = ctx.json_body();
  if (!body) return body.take_error();
  auto user = access::find_user(ctx.ws, ctx.params.at(0));
  if (!user) return not_found("user");
  SHANHAI_TRY(ctx.require(Permission::manage_users, user->org, "user"));
  access::UserChanges ch;
  nlohmann::json detail = {{"change", "update_user"}};
  const auto& b = body.value();
  if (b.contains("role")) {
    auto role =
        b["role"].is_string() ? access::parse_role(b["role"].get<std::string>()) : std::nullopt;
    if (!role) {
      return invalid_field("role", "角色应为 admin、model_admin、prosecutor、expert 或 viewer",
                           "role must be admin, model_admin, prosecutor, expert or viewer");
    }
    ch.role = role;
    detail["role"] = {access::role_name(user->role), access::role_name(*role)};
  }
  if (b.contains("disabled")) {
    if (!b["disabled"].is_boolean()) {
      return invalid_field("disabled", "disabled 应为 true 或 false", "disabled must be a boolean");
    }
    ch.disabled = b["disabled"].get<bool>();
    detail["disabled"] = *ch.disabled;
  }
  if (b.contains("password")) {
    auto pw = string_field(b, "password", true, "密码");
    if (!pw) return pw.take_error();
    ch.password = pw.value();
    detail["password"] = "changed";
  }
  if (b.contains("display_name")) {
    auto dn = string_field(b, "display_name", true, "姓名");
    if (!dn) return dn.take_error();
    ch.display_name = dn.value();
  }
  auto updated = access::update_user(ctx.ws, user->username, ch);
  if (!updated) return on_field(updated.take_error(), "password");
  SHANHAI_TRY(ctx.audit("permission", "user:" + user->username, detail));
  return Reply::json(user_json(updated.value(), ctx.graph));
}

// Who may be assigned a lead of the caller's organisation (承办人): its enabled admins and
// prosecutors, name and role only. Open to everyone who works leads.
Result<Reply> list_handlers(Context& ctx) {
  SHANHAI_TRY(ctx.require(Permission::work_leads, ctx.user().org, "org"));
  auto users = access::list_users(ctx.ws, {ctx.user().org});
  if (!users) return users.take_error();
  nlohmann::json out = nlohmann::json::array();
  for (const auto& u : users.value()) {
    if (u.disabled || (u.role != access::Role::prosecutor && u.role != access::Role::admin))
      continue;
    out.push_back({{"username", u.username},
                   {"display_name", u.display_name},
                   {"role", access::role_name(u.role)},
                   {"role_label", access::role_label_zh(u.role)}});
  }
  return Reply::json(out);
}

nlohmann::json pairing_json(const access::Pairing& p, const access::OrgGraph& g) {
  return {{"id", p.id},
          {"assisting", org_ref_json(p.assisting, g)},
          {"assisted", org_ref_json(p.assisted, g)},
          {"starts_on", p.starts_on},
          {"ends_on", p.ends_on}};
}

Result<Reply> list_pairings(Context& ctx) {
  auto pairings = access::list_pairings(ctx.ws);
  if (!pairings) return pairings.take_error();
  nlohmann::json out = nlohmann::json::array();
  for (const auto& p : pairings.value()) {
    const auto a = ctx.relation_to(p.assisting);
    const auto b = ctx.relation_to(p.assisted);
    if (access::allowed(ctx.user().role, Permission::manage_users, a) ||
        access::allowed(ctx.user().role, Permission::manage_users, b)) {
      out.push_back(pairing_json(p, ctx.graph));
    }
  }
  return Reply::json(out);
}

Result<Reply> add_pairing(Context& ctx) {
  auto body = ctx.json_body();
  if (!body) return body.take_error();
  std::string v[4];
  const char* names[4] = {"assisting", "assisted", "starts_on", "ends_on"};
  const char* labels[4] = {"援助方", "受援方", "开始日期", "结束日期"};
  for (int i = 0; i < 4; ++i) {
    auto s = string_field(*body, names[i], true, labels[i]);
    if (!s) return s.take_error();
    v[i] = s.value();
  }
  SHANHAI_TRY(ctx.require(Permission::manage_users, v[0], "org"));
  SHANHAI_TRY(ctx.require(Permission::manage_users, v[1], "org"));
  auto p = access::add_pairing(ctx.ws, v[0], v[1], v[2], v[3]);
  if (!p) return on_field(p.take_error(), "starts_on");
  SHANHAI_TRY(ctx.audit("permission", fmt::format("pairing:{}", p->id),
                        {{"change", "add_pairing"},
                         {"assisting", v[0]},
                         {"assisted", v[1]},
                         {"starts_on", v[2]},
                         {"ends_on", v[3]}}));
  return Reply::json(pairing_json(p.value(), ctx.graph), 201);
}

Result<Reply> search_audit(Context& ctx) {
  access::AuditQuery q;
  q.username = ctx.query("username");
  q.action = ctx.query("action");
  q.from = ctx.query("from");
  q.to = ctx.query("to");
  q.q = ctx.query("q");
  q.orgs = ctx.orgs_with(Permission::read_audit);
  q.page = ctx.query_int("page", 1);
  q.page_size = ctx.query_int("page_size", 50);
  auto page = access::search_audit(ctx.ws, q);
  if (!page) return page.take_error();
  nlohmann::json items = nlohmann::json::array();
  for (const auto& e : page->items) items.push_back(access::audit_json(e));
  return Reply::json({{"total", page->total},
                      {"page", std::max<int64_t>(q.page, 1)},
                      {"page_size", std::clamp<int64_t>(q.page_size, 1, 200)},
                      {"items", items}});
}

}  // namespace

void add_admin_routes(RouteTable& routes) {
  routes.push_back({"GET", "/api/orgs", true, std::nullopt, false, list_orgs});
  routes.push_back({"POST", "/api/orgs", true, Permission::manage_users, false, add_org});
  routes.push_back({"GET", "/api/users", true, Permission::manage_users, false, list_users});
  routes.push_back({"GET", "/api/handlers", true, Permission::work_leads, false, list_handlers});
  routes.push_back({"POST", "/api/users", true, Permission::manage_users, false, add_user});
  routes.push_back({"PATCH", R"(/api/users/([A-Za-z0-9._-]+))", true, Permission::manage_users,
                    false, change_user});
  routes.push_back({"GET", "/api/pairings", true, Permission::manage_users, false, list_pairings});
  routes.push_back({"POST", "/api/pairings", true, Permission::manage_users, false, add_pairing});
  routes.push_back({"GET", "/api/audit", true, Permission::read_audit, false, search_audit});
}

}  // namespace shanhai::server
