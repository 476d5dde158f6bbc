#include "server/json_views.h"

namespace shanhai::server {

nlohmann::json org_ref_json(const std::string& code, const access::OrgGraph& graph) {
  const access::Organisation* o = graph.find(code);
  std::string name = o != nullptr ? o->name : "";
  if (code.empty()) name = "（未指定单位）";
  return {{"code", code}, {"name", name}};
}

nlohmann::json user_json(const access::User& u, const access::OrgGraph& graph) {
  return {{"username", u.username},
          {"display_name", u.display_name},
          {"role", access::role_name(u.role)},
          {"role_label", access::role_label_zh(u.role)},
          {"role_label_en", access::role_label_en(u.role)},
          {"org", org_ref_json(u.org, graph)},
          {"disabled", u.disabled}};
}

}  // namespace shanhai::server
