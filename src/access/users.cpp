#include "access/users.h"

#include <algorithm>

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <SQLiteCpp/VariadicBind.h>
#include <fmt/format.h>

#include "access/password.h"
#include "common/clock.h"

namespace shanhai::access {

namespace {

constexpr const char* kColumns = "id, username, display_name, org, role, disabled, created_at";

bool valid_username(const std::string& name) {
  if (name.empty() || name.size() > 64) return false;
  for (unsigned char c : name) {
    if (!(std::isalnum(c) || c == '.' || c == '-' || c == '_')) return false;
  }
  return true;
}

User read_user(SQLite::Statement& q) {
  User u;
  u.id = q.getColumn(0).getInt64();
  u.username = q.getColumn(1).getString();
  u.display_name = q.getColumn(2).getString();
  u.org = q.getColumn(3).getString();
  u.role = parse_role(q.getColumn(4).getString()).value_or(Role::viewer);
  u.disabled = q.getColumn(5).getInt() != 0;
  u.created_at = q.getColumn(6).getString();
  return u;
}

Error unknown_user(const std::string& username) {
  return Error("user.unknown", fmt::format("没有用户“{}”", username),
               fmt::format("no user \"{}\"", username), Location::of_value(username));
}

}  // namespace

Result<User> add_user(store::Workspace& ws, const NewUser& nu) {
  if (!valid_username(nu.username)) {
    return Error("user.invalid_name", "用户名只能由字母、数字、“.”“-”“_”组成，长度 1 至 64",
                 "a username is 1 to 64 letters, digits, '.', '-' or '_'",
                 Location::of_value(nu.username));
  }
  SHANHAI_TRY(check_password_rules(nu.password));
  auto hash = hash_password(nu.password);
  if (!hash) return hash.take_error();
  try {
    SQLite::Statement org(ws.db(), "SELECT 1 FROM organisations WHERE code = ?");
    org.bind(1, nu.org);
    if (!org.executeStep()) {
      return Error("org.unknown", fmt::format("没有编码为“{}”的单位", nu.org),
                   fmt::format("no organisation with code \"{}\"", nu.org),
                   Location::of_value(nu.org));
    }
    SQLite::Statement exists(ws.db(), "SELECT 1 FROM users WHERE username = ?");
    exists.bind(1, nu.username);
    if (exists.executeStep()) {
      return Error("user.exists", fmt::format("用户名“{}”已存在", nu.username),
                   fmt::format("the username \"{}\" is taken", nu.username),
                   Location::of_value(nu.username));
    }
    SQLite::Statement ins(ws.db(),
                          "INSERT INTO users(username, display_name, org, role, password_hash, "
                          "created_at) VALUES (?, ?, ?, ?, ?, ?)");
    SQLite::bind(ins, nu.username, nu.display_name, nu.org, std::string(role_name(nu.role)),
                 hash.value(), utc_now_iso());
    ins.exec();
  } catch (const std::exception& e) {
    return ws.catalog_error("catalog.users", "添加用户失败", "cannot add the user", e);
  }
  return find_user(ws, nu.username);
}

Result<User> find_user(store::Workspace& ws, const std::string& username) {
  try {
    SQLite::Statement q(ws.db(), fmt::format("SELECT {} FROM users WHERE username = ?", kColumns));
    q.bind(1, username);
    if (!q.executeStep()) return unknown_user(username);
    return read_user(q);
  } catch (const std::exception& e) {
    return ws.catalog_error("catalog.users", "读取用户失败", "cannot read the user", e);
  }
}

Result<std::vector<User>> list_users(store::Workspace& ws, const std::vector<std::string>& orgs) {
  try {
    std::vector<User> out;
    SQLite::Statement q(ws.db(), fmt::format("SELECT {} FROM users ORDER BY username", kColumns));
    while (q.executeStep()) {
      User u = read_user(q);
      if (orgs.empty() || std::find(orgs.begin(), orgs.end(), u.org) != orgs.end()) {
        out.push_back(std::move(u));
      }
    }
    return out;
  } catch (const std::exception& e) {
    return ws.catalog_error("catalog.users", "读取用户失败", "cannot read the users", e);
  }
}

Result<User> update_user(store::Workspace& ws, const std::string& username,
                         const UserChanges& changes) {
  std::optional<std::string> hash;
  if (changes.password) {
    SHANHAI_TRY(check_password_rules(*changes.password));
    auto h = hash_password(*changes.password);
    if (!h) return h.take_error();
    hash = std::move(h.value());
  }
  auto user = find_user(ws, username);
  if (!user) return user.take_error();
  try {
    SQLite::Transaction tx(ws.db(), SQLite::TransactionBehavior::IMMEDIATE);
    auto set = [&](const char* column, const std::string& value) {
      SQLite::Statement u(ws.db(), fmt::format("UPDATE users SET {} = ? WHERE id = ?", column));
      u.bind(1, value);
      u.bind(2, user->id);
      u.exec();
    };
    if (changes.role) set("role", std::string(role_name(*changes.role)));
    if (changes.display_name) set("display_name", *changes.display_name);
    if (hash) set("password_hash", *hash);
    if (changes.disabled) {
      SQLite::Statement u(ws.db(), "UPDATE users SET disabled = ? WHERE id = ?");
      u.bind(1, *changes.disabled ? 1 : 0);
      u.bind(2, user->id);
      u.exec();
    }
    if (hash || changes.disabled.value_or(false)) {
      SQLite::Statement end(ws.db(), "DELETE FROM sessions WHERE user_id = ?");
      end.bind(1, user->id);
      end.exec();
    }
    tx.commit();
  } catch (const std::exception& e) {
    return ws.catalog_error("catalog.users", "修改用户失败", "cannot change the user", e);
  }
  return find_user(ws, username);
}

Result<std::string> password_hash_of(store::Workspace& ws, const std::string& username) {
  try {
    SQLite::Statement q(ws.db(), "SELECT password_hash FROM users WHERE username = ?");
    q.bind(1, username);
    if (!q.executeStep()) return unknown_user(username);
    return q.getColumn(0).getString();
  } catch (const std::exception& e) {
    return ws.catalog_error("catalog.users", "读取用户失败", "cannot read the user", e);
  }
}

}  // namespace shanhai::access
