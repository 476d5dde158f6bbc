#include "access/sessions.h"

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <SQLiteCpp/VariadicBind.h>
#include <fmt/format.h>

#include "access/audit.h"
#include "access/password.h"

namespace shanhai::access {

namespace {

Error bad_credentials() {
  return Error("auth.bad_credentials", "用户名或密码错误", "wrong username or password");
}

Error auth_required() {
  return Error("auth.required", "请先登录（会话不存在或已过期）",
               "please log in (no session, or it has expired)");
}

}  // namespace

std::optional<std::chrono::seconds> login_locked_for(store::Workspace& ws,
                                                     const std::string& username, SystemTime now,
                                                     const LoginPolicy& policy) {
  SQLite::Statement q(ws.db(),
                      "SELECT at FROM login_failures WHERE username = ? AND at >= ? ORDER BY at "
                      "DESC");
  q.bind(1, username);
  q.bind(2, utc_iso(now - policy.window - policy.lockout));
  std::vector<SystemTime> failures;
  while (q.executeStep()) failures.push_back(parse_utc_iso(q.getColumn(0).getString()));
  // Locked when some run of max_failures consecutive failures (newest first) fits in the window
  // and the newest of them is less than `lockout` ago.
  const size_t k = static_cast<size_t>(policy.max_failures);
  for (size_t i = 0; i + k <= failures.size(); ++i) {
    const SystemTime newest = failures[i];
    const SystemTime oldest = failures[i + k - 1];
    if (newest - oldest <= policy.window && now - newest < policy.lockout) {
      return std::chrono::duration_cast<std::chrono::seconds>(policy.lockout - (now - newest)) +
             std::chrono::seconds(1);
    }
  }
  return std::nullopt;
}

Result<Session> login(store::Workspace& ws, const std::string& username,
                      const std::string& password, const std::string& ip, SystemTime now,
                      const LoginPolicy& policy) {
  try {
    if (auto wait = login_locked_for(ws, username, now, policy)) {
      // Under the account's organisation, so that its administrators see it (as login_failed).
      auto who = find_user(ws, username);
      (void)audit(
          ws,
          {0, utc_iso(now), username, who ? who->org : "", "login_throttled", username, {}, ip});
      const auto minutes = (wait->count() + 59) / 60;
      return Error("auth.throttled", fmt::format("登录失败次数过多，请 {} 分钟后再试", minutes),
                   fmt::format("too many failed logins; try again in {} minute(s)", minutes),
                   Location::of_value(std::to_string(wait->count())));
    }
    auto user = find_user(ws, username);
    auto hash = password_hash_of(ws, username);
    const bool ok = user && hash && !user->disabled && verify_password(hash.value(), password);
    if (!ok) {
      SQLite::Statement f(ws.db(), "INSERT INTO login_failures(username, at) VALUES (?, ?)");
      SQLite::bind(f, username, utc_iso(now));
      f.exec();
      (void)audit(
          ws, {0, utc_iso(now), username, user ? user->org : "", "login_failed", username, {}, ip});
      return bad_credentials();
    }
    Session s;
    s.token = random_hex(32);
    s.csrf_token = random_hex(32);
    s.expires_at = utc_iso(now + policy.lifetime);
    s.user = user.value();
    SQLite::Transaction tx(ws.db(), SQLite::TransactionBehavior::IMMEDIATE);
    SQLite::Statement ins(ws.db(),
                          "INSERT INTO sessions(token_hash, user_id, csrf_token, created_at, "
                          "expires_at) VALUES (?, ?, ?, ?, ?)");
    SQLite::bind(ins, sha256_hex(s.token), s.user.id, s.csrf_token, utc_iso(now), s.expires_at);
    ins.exec();
    SQLite::Statement clear(ws.db(), "DELETE FROM login_failures WHERE username = ?");
    clear.bind(1, username);
    clear.exec();
    SQLite::Statement expired(ws.db(), "DELETE FROM sessions WHERE expires_at < ?");
    expired.bind(1, utc_iso(now));
    expired.exec();
    tx.commit();
    SHANHAI_TRY(audit(ws, {0, utc_iso(now), username, s.user.org, "login", username, {}, ip}));
    return s;
  } catch (const std::exception& e) {
    return ws.catalog_error("catalog.sessions", "登录失败", "cannot log in", e);
  }
}

Result<Session> find_session(store::Workspace& ws, const std::string& token, SystemTime now) {
  if (token.empty()) return auth_required();
  try {
    SQLite::Statement q(ws.db(),
                        "SELECT u.username, s.csrf_token, s.expires_at FROM sessions s JOIN users "
                        "u ON u.id = s.user_id WHERE s.token_hash = ? AND s.expires_at > ? AND "
                        "u.disabled = 0");
    q.bind(1, sha256_hex(token));
    q.bind(2, utc_iso(now));
    if (!q.executeStep()) return auth_required();
    Session s;
    s.token = token;
    s.csrf_token = q.getColumn(1).getString();
    s.expires_at = q.getColumn(2).getString();
    auto user = find_user(ws, q.getColumn(0).getString());
    if (!user) return auth_required();
    s.user = std::move(user.value());
    return s;
  } catch (const std::exception& e) {
    return ws.catalog_error("catalog.sessions", "读取会话失败", "cannot read the session", e);
  }
}

Status logout(store::Workspace& ws, const std::string& token, const std::string& ip) {
  try {
    auto s = find_session(ws, token, std::chrono::system_clock::now());
    SQLite::Statement del(ws.db(), "DELETE FROM sessions WHERE token_hash = ?");
    del.bind(1, sha256_hex(token));
    del.exec();
    if (s) {
      SHANHAI_TRY(
          audit(ws, {0, "", s->user.username, s->user.org, "logout", s->user.username, {}, ip}));
    }
    return Status::Ok();
  } catch (const std::exception& e) {
    return ws.catalog_error("catalog.sessions", "退出登录失败", "cannot log out", e);
  }
}

}  // namespace shanhai::access
