#include "access/policy.h"

namespace shanhai::access {

namespace {

constexpr bool any(Role role, std::initializer_list<Role> roles) {
  for (Role r : roles) {
    if (r == role) return true;
  }
  return false;
}

constexpr auto kSupervisory = {Role::admin, Role::model_admin, Role::prosecutor};

constexpr Permission kAllPermissions[] = {
    Permission::read_data,     Permission::read_models,   Permission::read_stats,
    Permission::read_shared,   Permission::write_data,    Permission::work_leads,
    Permission::comment_leads, Permission::unmask,        Permission::export_data,
    Permission::manage_models, Permission::review_models, Permission::manage_users,
    Permission::read_audit};

}  // namespace

std::span<const Permission> all_permissions() { return kAllPermissions; }

std::string_view permission_name(Permission p) {
  switch (p) {
    case Permission::read_data:
      return "read_data";
    case Permission::read_models:
      return "read_models";
    case Permission::read_stats:
      return "read_stats";
    case Permission::read_shared:
      return "read_shared";
    case Permission::write_data:
      return "write_data";
    case Permission::work_leads:
      return "work_leads";
    case Permission::comment_leads:
      return "comment_leads";
    case Permission::unmask:
      return "unmask";
    case Permission::export_data:
      return "export";
    case Permission::manage_models:
      return "manage_models";
    case Permission::review_models:
      return "review_models";
    case Permission::manage_users:
      return "manage_users";
    case Permission::read_audit:
      return "read_audit";
  }
  return "";
}

bool allowed(Role role, Permission permission, Relation relation) {
  const bool own = relation == Relation::own;
  const bool below = relation == Relation::descendant;
  const bool paired = relation == Relation::paired;
  switch (permission) {
    case Permission::read_data:
      return own || (below && any(role, kSupervisory));
    case Permission::read_models:
    case Permission::read_stats:
      return own || (below && any(role, kSupervisory)) || (paired && role == Role::expert);
    case Permission::read_shared:
      return (own || paired) && role == Role::expert;
    case Permission::write_data:
      return own && any(role, kSupervisory);
    case Permission::work_leads:
      return own && any(role, {Role::admin, Role::prosecutor});
    case Permission::comment_leads:
      return (own && any(role, {Role::admin, Role::prosecutor, Role::expert})) ||
             (paired && role == Role::expert);
    case Permission::unmask:
    case Permission::export_data:
      return (own || below) && any(role, {Role::admin, Role::prosecutor});
    case Permission::manage_models:
      return own && any(role, {Role::admin, Role::model_admin});
    case Permission::review_models:
      return (own || below) && any(role, {Role::admin, Role::model_admin});
    case Permission::manage_users:
    case Permission::read_audit:
      return (own || below) && role == Role::admin;
  }
  return false;
}

bool may_work_assigned_lead(Role role, bool caller_is_handler) {
  return caller_is_handler || role == Role::admin;
}

bool allowed_somewhere(Role role, Permission permission) {
  for (Relation r : {Relation::own, Relation::descendant, Relation::paired}) {
    if (allowed(role, permission, r)) return true;
  }
  return false;
}

}  // namespace shanhai::access
