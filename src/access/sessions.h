#pragma once
// Logging in and out. A session is a random 256-bit token sent as an HttpOnly cookie; the
// catalog keeps only its SHA-256, with the user, a CSRF token for writes and an expiry.
// Throttling: after `max_failures` failed logins for one username within `window`, every
// attempt for that username is refused for `lockout` after the last of them — right password
// or not. Logins, failures and logouts are written to the audit log.

#include <chrono>
#include <optional>
#include <string>

#include "access/users.h"
#include "common/clock.h"
#include "common/error.h"
#include "store/workspace.h"

namespace shanhai::access {

struct LoginPolicy {
  int max_failures = 5;
  std::chrono::seconds window = std::chrono::minutes(15);
  std::chrono::seconds lockout = std::chrono::minutes(15);
  std::chrono::seconds lifetime = std::chrono::hours(12);
};

struct Session {
  std::string token;  // the cookie value (only here, never stored)
  std::string csrf_token;
  std::string expires_at;
  User user;
};

// How long attempts for `username` are still refused at `now`; nullopt when they are not.
std::optional<std::chrono::seconds> login_locked_for(store::Workspace& ws,
                                                     const std::string& username, SystemTime now,
                                                     const LoginPolicy& policy = {});

// Errors: "auth.throttled" (see login_locked_for), "auth.bad_credentials" (unknown user, wrong
// password or disabled account: one message for all, so usernames cannot be probed).
Result<Session> login(store::Workspace& ws, const std::string& username,
                      const std::string& password, const std::string& ip, SystemTime now,
                      const LoginPolicy& policy = {});

// The live session for a cookie value, with the user as the catalog has it now. Error
// "auth.required" when the token is unknown, expired, or the account is disabled.
Result<Session> find_session(store::Workspace& ws, const std::string& token, SystemTime now);

// Ends the session (idempotent) and audits the logout.
Status logout(store::Workspace& ws, const std::string& token, const std::string& ip);

}  // namespace shanhai::access
