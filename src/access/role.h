#pragma once
// Roles a user holds in their organisation (one per user), with their Chinese and English labels.
// What each role may do is decided in policy.h, nowhere else.

#include <optional>
#include <string_view>

namespace shanhai::access {

enum class Role { admin, model_admin, prosecutor, expert, viewer };

inline constexpr Role kAllRoles[] = {Role::admin, Role::model_admin, Role::prosecutor, Role::expert,
                                     Role::viewer};

// "admin", "model_admin", "prosecutor", "expert", "viewer".
std::string_view role_name(Role role);
// 系统管理员, 模型管理员, 检察官, 援助专家, 只读用户.
std::string_view role_label_zh(Role role);
std::string_view role_label_en(Role role);
std::optional<Role> parse_role(std::string_view name);

}  // namespace shanhai::access
