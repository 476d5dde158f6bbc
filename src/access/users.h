#pragma once
// User accounts: one organisation and one role each, an argon2id password hash, and a disabled
// flag (accounts are disabled, never deleted, so the audit log keeps its meaning).

#include <optional>
#include <string>
#include <vector>

#include "access/role.h"
#include "common/error.h"
#include "store/workspace.h"

namespace shanhai::access {

struct User {
  int64_t id = 0;
  std::string username;
  std::string display_name;
  std::string org;
  Role role = Role::viewer;
  bool disabled = false;
  std::string created_at;
};

struct NewUser {
  std::string username;  // letters, digits, '.', '-', '_', 1–64; case-sensitive
  std::string display_name;
  std::string org;
  Role role = Role::viewer;
  std::string password;
};

// Errors: "user.invalid_name", "user.exists", "org.unknown", "user.weak_password".
Result<User> add_user(store::Workspace& ws, const NewUser& user);
// Error "user.unknown".
Result<User> find_user(store::Workspace& ws, const std::string& username);
// Users of the given organisations (all when `orgs` is empty), ordered by username.
Result<std::vector<User>> list_users(store::Workspace& ws, const std::vector<std::string>& orgs);

struct UserChanges {
  std::optional<Role> role;
  std::optional<bool> disabled;
  std::optional<std::string> password;
  std::optional<std::string> display_name;
};
// Changing the password or disabling the account ends the user's sessions.
Result<User> update_user(store::Workspace& ws, const std::string& username,
                         const UserChanges& changes);

// The stored hash, for login. Error "user.unknown".
Result<std::string> password_hash_of(store::Workspace& ws, const std::string& username);

}  // namespace shanhai::access
