#include "server/context.h"

#include <fmt/format.h>

#include "access/audit.h"

namespace shanhai::server {

namespace {
bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}
bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}
}  // namespace

int http_status_for(const Error& e) {
  const std::string& c = e.code();
  if (c == "auth.required" || c == "auth.bad_credentials") return 401;
  if (c == "auth.forbidden" || c == "auth.csrf") return 403;
  if (c == "auth.throttled") return 429;
  if (ends_with(c, ".not_found")) return 404;
  if (c == "workflow.illegal" || ends_with(c, ".exists") || ends_with(c, ".conflict") ||
      starts_with(c, "job.")) {
    return 409;
  }
  if (c == "request.too_large") return 413;
  if (starts_with(c, "catalog.") || starts_with(c, "store.") || c == "internal") return 500;
  return 422;
}

nlohmann::json error_json(const Error& e) {
  const Location& w = e.where();
  nlohmann::json loc = nlohmann::json::object();
  if (!w.file.empty()) loc["file"] = w.file;
  if (!w.sheet.empty()) loc["sheet"] = w.sheet;
  if (w.row != 0) loc["row"] = w.row;
  if (w.column != 0) loc["column"] = w.column;
  // A request field (Location::of_field, as the leads layer names them) or, for the server's
  // own errors, the column_name it sets.
  if (!w.field.empty()) {
    loc["field"] = w.field;
  } else if (!w.column_name.empty()) {
    loc["field"] = w.column_name;
  }
  if (w.value) loc["value"] = *w.value;
  return {
      {"error",
       {{"code", e.code()}, {"message_zh", e.zh()}, {"message_en", e.en()}, {"location", loc}}}};
}

Error forbidden() {
  return Error("auth.forbidden", "无权限执行此操作", "you are not allowed to do this");
}

Error not_found(std::string_view what) {
  return Error(fmt::format("{}.not_found", what), "找不到该对象，或无权查看",
               "not found, or not visible to you");
}

Error invalid_field(std::string_view field, std::string_view zh, std::string_view en) {
  Location where;
  where.column_name = std::string(field);
  return Error("request.invalid", std::string(zh), std::string(en), where);
}

Result<nlohmann::json> Context::json_body() const {
  auto j = nlohmann::json::parse(body, nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    return Error("request.invalid", "请求内容不是 JSON 对象",
                 "the request body is not a JSON object");
  }
  return j;
}

std::string Context::query(const std::string& name, const std::string& fallback) const {
  return http.has_param(name.c_str()) ? http.get_param_value(name.c_str()) : fallback;
}

int64_t Context::query_int(const std::string& name, int64_t fallback) const {
  const std::string v = query(name);
  if (v.empty()) return fallback;
  try {
    return std::stoll(v);
  } catch (const std::exception&) {
    return fallback;
  }
}

Status Context::require(access::Permission permission, const std::string& org,
                        std::string_view what) const {
  const access::Relation r = relation_to(org);
  if (access::allowed(user().role, permission, r)) return Status::Ok();
  // Visible: the caller reads the organisation's data, or, for a model, its models (an expert
  // reads the assisted organisation's models and statistics, not its datasets: docs/api.md).
  const bool visible =
      access::allowed(user().role, access::Permission::read_data, r) ||
      (what == "model" && access::allowed(user().role, access::Permission::read_models, r));
  if (visible) return forbidden();
  return not_found(what);
}

std::vector<std::string> Context::orgs_with(access::Permission permission) const {
  std::vector<std::string> out;
  if (access::allowed(user().role, permission, relation_to(""))) out.push_back("");
  for (const auto& o : graph.all()) {
    if (access::allowed(user().role, permission, relation_to(o.code))) out.push_back(o.code);
  }
  return out;
}

Status Context::audit(std::string action, std::string target, nlohmann::json detail) {
  access::AuditEntry e;
  e.username = session ? user().username : "";
  e.org = session ? user().org : "";
  e.action = std::move(action);
  e.target = std::move(target);
  e.detail = std::move(detail);
  e.ip = ip;
  return access::audit(ws, std::move(e));
}

}  // namespace shanhai::server
