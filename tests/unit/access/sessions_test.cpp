// Logging in and out with explicit time points: the right password, one error for every kind of
// bad credentials, throttling after five failures within fifteen minutes (the right password
// refused too) and its end, session expiry, logout, and what the audit log records.
#include "access/sessions.h"

#include <SQLiteCpp/Statement.h>
#include <gtest/gtest.h>

#include "access/audit.h"
#include "access/organisations.h"
#include "access/password.h"
#include "unit/access/access_fixture.h"

namespace shanhai::access {
namespace {

using std::chrono::seconds;
using testing::AccessFixture;

constexpr const char* kPassword = "correct-horse-1";

class SessionsTest : public AccessFixture {
 protected:
  void SetUp() override {
    AccessFixture::SetUp();
    ASSERT_TRUE(add_organisation(ws(), "C", "市院", "").ok());
    ASSERT_TRUE(add_user(ws(), {"wang", "王检察官", "C", Role::prosecutor, kPassword}).ok());
  }
  std::vector<std::string> audited(const std::string& action) {
    AuditQuery q;
    q.action = action;
    std::vector<std::string> out;
    auto page = search_audit(ws(), q);
    EXPECT_TRUE(page.ok());
    for (const auto& e : page.value().items) out.push_back(e.username);
    return out;
  }
  void fail(const std::string& username, double minute) {
    auto r = login(ws(), username, "wrong-password", "10.0.0.1", at(minute));
    ASSERT_FALSE(r.ok());
    ASSERT_EQ(r.error().code(), "auth.bad_credentials");
  }
};

TEST_F(SessionsTest, LoginCreatesASession) {
  auto s = login(ws(), "wang", kPassword, "10.0.0.1", at());
  ASSERT_TRUE(s.ok()) << s.error().message();
  EXPECT_EQ(s->token.size(), 64u);  // 256 bits, hex
  EXPECT_EQ(s->csrf_token.size(), 64u);
  EXPECT_NE(s->token, s->csrf_token);
  EXPECT_EQ(s->expires_at, "2026-11-23T20:00:00Z");  // 12 hours
  EXPECT_EQ(s->user.username, "wang");
  auto found = find_session(ws(), s->token, at(60));
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->csrf_token, s->csrf_token);
  EXPECT_EQ(found->user.org, "C");
  // The catalog keeps only the token's hash.
  SQLite::Statement q(ws().db(), "SELECT token_hash FROM sessions");
  ASSERT_TRUE(q.executeStep());
  EXPECT_EQ(q.getColumn(0).getString(), sha256_hex(s->token));
  EXPECT_EQ(audited("login"), std::vector<std::string>{"wang"});
  // Each login is a session of its own.
  auto again = login(ws(), "wang", kPassword, "", at());
  ASSERT_TRUE(again.ok());
  EXPECT_NE(again->token, s->token);
  EXPECT_TRUE(find_session(ws(), s->token, at(1)).ok());
}

TEST_F(SessionsTest, OneErrorForWrongPasswordUnknownUserAndDisabledAccount) {
  auto wrong = login(ws(), "wang", "not-the-password", "", at());
  ASSERT_FALSE(wrong.ok());
  auto unknown = login(ws(), "nobody", kPassword, "", at());
  ASSERT_FALSE(unknown.ok());
  ASSERT_TRUE(add_user(ws(), {"li", "李", "C", Role::viewer, kPassword}).ok());
  UserChanges off;
  off.disabled = true;
  ASSERT_TRUE(update_user(ws(), "li", off).ok());
  auto disabled = login(ws(), "li", kPassword, "", at());
  ASSERT_FALSE(disabled.ok());
  for (const Error& e : {wrong.error(), unknown.error(), disabled.error()}) {
    EXPECT_EQ(e.code(), "auth.bad_credentials");
    EXPECT_EQ(e.zh(), wrong.error().zh());
    EXPECT_EQ(e.en(), wrong.error().en());
  }
  EXPECT_EQ(audited("login_failed"), (std::vector<std::string>{"li", "nobody", "wang"}));
  EXPECT_TRUE(audited("login").empty());
}

TEST_F(SessionsTest, FiveFailuresWithinFifteenMinutesLockEvenTheRightPassword) {
  for (int i = 0; i < 4; ++i) fail("wang", i * 3);  // minutes 0, 3, 6, 9
  EXPECT_FALSE(login_locked_for(ws(), "wang", at(10)).has_value());
  fail("wang", 12);  // the fifth, 12 minutes after the first
  auto locked = login_locked_for(ws(), "wang", at(13));
  ASSERT_TRUE(locked.has_value());
  EXPECT_EQ(*locked, seconds(14 * 60 + 1));  // 15 minutes after the last failure
  auto refused = login(ws(), "wang", kPassword, "", at(13));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code(), "auth.throttled");
  ASSERT_TRUE(refused.error().where().value.has_value());
  EXPECT_EQ(*refused.error().where().value, "841");  // Retry-After seconds
  EXPECT_NE(refused.error().zh().find("15 分钟"), std::string::npos) << refused.error().zh();
  // Still locked just before the end; a throttled attempt does not extend the lock.
  EXPECT_EQ(login(ws(), "wang", kPassword, "", at(26.9)).error().code(), "auth.throttled");
  EXPECT_EQ(audited("login_throttled").size(), 2u);
  AuditQuery throttled;
  throttled.action = "login_throttled";
  throttled.orgs = {"C"};  // under the account's organisation, for its administrators
  EXPECT_EQ(search_audit(ws(), throttled)->total, 2);
  // Fifteen minutes after the fifth failure: unlocked, and a success clears the failures.
  EXPECT_FALSE(login_locked_for(ws(), "wang", at(27)).has_value());
  ASSERT_TRUE(login(ws(), "wang", kPassword, "", at(27)).ok());
  fail("wang", 28);
  EXPECT_FALSE(login_locked_for(ws(), "wang", at(28)).has_value());
}

TEST_F(SessionsTest, FailuresSpreadOverMoreThanFifteenMinutesDoNotLock) {
  for (int i = 0; i < 5; ++i) fail("wang", i * 4);  // minutes 0 … 16
  EXPECT_FALSE(login_locked_for(ws(), "wang", at(17)).has_value());
  EXPECT_TRUE(login(ws(), "wang", kPassword, "", at(17)).ok());
}

TEST_F(SessionsTest, ThrottlingIsPerUsernameAndCoversUnknownNames) {
  for (int i = 0; i < 5; ++i) fail("ghost", i);
  EXPECT_EQ(login(ws(), "ghost", kPassword, "", at(5)).error().code(), "auth.throttled");
  EXPECT_TRUE(login(ws(), "wang", kPassword, "", at(5)).ok());  // another name is not locked
}

TEST_F(SessionsTest, CustomPolicy) {
  LoginPolicy strict;
  strict.max_failures = 2;
  strict.lockout = std::chrono::minutes(1);
  for (int i = 0; i < 2; ++i) {
    EXPECT_FALSE(login(ws(), "wang", "wrong-password", "", at(i), strict).ok());
  }
  EXPECT_EQ(login(ws(), "wang", kPassword, "", at(1.5), strict).error().code(), "auth.throttled");
  EXPECT_TRUE(login(ws(), "wang", kPassword, "", at(2), strict).ok());
}

TEST_F(SessionsTest, SessionsExpire) {
  auto s = login(ws(), "wang", kPassword, "", at());
  ASSERT_TRUE(s.ok());
  EXPECT_TRUE(find_session(ws(), s->token, at(12 * 60 - 1)).ok());
  EXPECT_EQ(find_session(ws(), s->token, at(12 * 60)).error().code(), "auth.required");
  EXPECT_EQ(find_session(ws(), s->token, at(13 * 60)).error().code(), "auth.required");
  EXPECT_EQ(find_session(ws(), "", at()).error().code(), "auth.required");
  EXPECT_EQ(find_session(ws(), std::string(64, 'a'), at()).error().code(), "auth.required");
  // A later login sweeps expired sessions away.
  ASSERT_TRUE(login(ws(), "wang", kPassword, "", at(13 * 60)).ok());
  EXPECT_EQ(ws().db().execAndGet("SELECT count(*) FROM sessions").getInt(), 1);
}

TEST_F(SessionsTest, LogoutEndsTheSessionOnceAndIsAudited) {
  auto s = login(ws(), "wang", kPassword, "10.0.0.9", std::chrono::system_clock::now());
  ASSERT_TRUE(s.ok());
  ASSERT_TRUE(logout(ws(), s->token, "10.0.0.9").ok());
  EXPECT_FALSE(find_session(ws(), s->token, std::chrono::system_clock::now()).ok());
  ASSERT_TRUE(logout(ws(), s->token, "10.0.0.9").ok());  // idempotent
  ASSERT_TRUE(logout(ws(), "unknown-token", "").ok());
  EXPECT_EQ(audited("logout"), std::vector<std::string>{"wang"});
  AuditQuery q;
  q.action = "logout";
  EXPECT_EQ(search_audit(ws(), q)->items.at(0).ip, "10.0.0.9");
}

}  // namespace
}  // namespace shanhai::access
