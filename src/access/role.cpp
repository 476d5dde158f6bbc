#include "access/role.h"

namespace shanhai::access {

namespace {
struct RoleText {
  Role role;
  std::string_view name, zh, en;
};
constexpr RoleText kRoles[] = {
    {Role::admin, "admin", "系统管理员", "administrator"},
    {Role::model_admin, "model_admin", "模型管理员", "model administrator"},
    {Role::prosecutor, "prosecutor", "检察官", "prosecutor"},
    {Role::expert, "expert", "援助专家", "assisting expert"},
    {Role::viewer, "viewer", "只读用户", "viewer"},
};
const RoleText& text(Role role) {
  for (const auto& r : kRoles) {
    if (r.role == role) return r;
  }
  return kRoles[4];
}
}  // namespace

std::string_view role_name(Role role) { return text(role).name; }
std::string_view role_label_zh(Role role) { return text(role).zh; }
std::string_view role_label_en(Role role) { return text(role).en; }

std::optional<Role> parse_role(std::string_view name) {
  for (const auto& r : kRoles) {
    if (r.name == name) return r.role;
  }
  return std::nullopt;
}

}  // namespace shanhai::access
