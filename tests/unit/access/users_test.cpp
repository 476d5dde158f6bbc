// User accounts: name and password rules, duplicates, unknown organisations, listing by
// organisation, and changes — a new role applies to live sessions at once, disabling the account
// or changing its password ends them.
#include "access/users.h"

#include <gtest/gtest.h>

#include "access/organisations.h"
#include "access/password.h"
#include "access/sessions.h"
#include "unit/access/access_fixture.h"

namespace shanhai::access {
namespace {

using testing::AccessFixture;

class UsersTest : public AccessFixture {
 protected:
  void SetUp() override {
    AccessFixture::SetUp();
    ASSERT_TRUE(add_organisation(ws(), "C", "市院", "").ok());
    ASSERT_TRUE(add_organisation(ws(), "X", "县院", "C").ok());
  }
  NewUser user(const std::string& name, const std::string& org = "C",
               Role role = Role::prosecutor) {
    return {name, "王检察官", org, role, "correct-horse-1"};
  }
};

TEST_F(UsersTest, AddsAndFinds) {
  auto u = add_user(ws(), user("wang.jian-1_A"));
  ASSERT_TRUE(u.ok()) << u.error().message();
  EXPECT_GT(u->id, 0);
  EXPECT_EQ(u->org, "C");
  EXPECT_EQ(u->role, Role::prosecutor);
  EXPECT_FALSE(u->disabled);
  auto found = find_user(ws(), "wang.jian-1_A");
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->display_name, "王检察官");
  // The password is stored as an argon2id hash, never as given.
  auto hash = password_hash_of(ws(), "wang.jian-1_A");
  ASSERT_TRUE(hash.ok());
  EXPECT_EQ(hash->rfind("$argon2id$", 0), 0u);
  EXPECT_EQ(hash->find("correct-horse-1"), std::string::npos);
  EXPECT_TRUE(verify_password(hash.value(), "correct-horse-1"));
  EXPECT_FALSE(verify_password(hash.value(), "correct-horse-2"));
  // Usernames are case-sensitive.
  EXPECT_EQ(find_user(ws(), "WANG.JIAN-1_A").error().code(), "user.unknown");
  EXPECT_EQ(password_hash_of(ws(), "nobody").error().code(), "user.unknown");
}

TEST_F(UsersTest, RefusesInvalidNames) {
  for (const std::string& name : {std::string(), std::string("wang jian"), std::string("王建"),
                                  std::string("a@b"), std::string(65, 'a')}) {
    SCOPED_TRACE(name);
    auto r = add_user(ws(), user(name));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code(), "user.invalid_name");
  }
  EXPECT_TRUE(add_user(ws(), user(std::string(64, 'a'))).ok());
}

TEST_F(UsersTest, RefusesDuplicatesWeakPasswordsAndUnknownOrganisations) {
  ASSERT_TRUE(add_user(ws(), user("wang")).ok());
  auto dup = add_user(ws(), user("wang", "X", Role::viewer));
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.error().code(), "user.exists");
  EXPECT_EQ(find_user(ws(), "wang")->org, "C");  // unchanged

  NewUser weak = user("li");
  weak.password = "1234567";  // 7 bytes
  EXPECT_EQ(add_user(ws(), weak).error().code(), "user.weak_password");
  weak.password = std::string(257, 'x');
  EXPECT_EQ(add_user(ws(), weak).error().code(), "user.weak_password");
  EXPECT_TRUE(check_password_rules("12345678").ok());
  EXPECT_TRUE(check_password_rules(std::string(256, 'x')).ok());

  auto orphan = add_user(ws(), user("zhao", "Z"));
  ASSERT_FALSE(orphan.ok());
  EXPECT_EQ(orphan.error().code(), "org.unknown");
  EXPECT_EQ(find_user(ws(), "li").error().code(), "user.unknown");
  EXPECT_EQ(find_user(ws(), "zhao").error().code(), "user.unknown");
}

TEST_F(UsersTest, ListsByOrganisation) {
  ASSERT_TRUE(add_user(ws(), user("b", "C")).ok());
  ASSERT_TRUE(add_user(ws(), user("a", "X")).ok());
  ASSERT_TRUE(add_user(ws(), user("c", "X")).ok());
  auto names = [&](const std::vector<std::string>& orgs) {
    std::vector<std::string> out;
    auto users = list_users(ws(), orgs);
    EXPECT_TRUE(users.ok());
    for (const auto& u : users.value()) out.push_back(u.username);
    return out;
  };
  EXPECT_EQ(names({}), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(names({"X"}), (std::vector<std::string>{"a", "c"}));
  EXPECT_EQ(names({"C", "X"}), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_TRUE(names({"nowhere"}).empty());
}

TEST_F(UsersTest, RoleChangeAppliesToLiveSessions) {
  ASSERT_TRUE(add_user(ws(), user("wang")).ok());
  auto s = login(ws(), "wang", "correct-horse-1", "127.0.0.1", at());
  ASSERT_TRUE(s.ok()) << s.error().message();
  UserChanges ch;
  ch.role = Role::viewer;
  ch.display_name = "王某";
  auto u = update_user(ws(), "wang", ch);
  ASSERT_TRUE(u.ok()) << u.error().message();
  EXPECT_EQ(u->role, Role::viewer);
  EXPECT_EQ(u->display_name, "王某");
  // The session goes on, with the new role (it is read from the catalog on every request).
  auto live = find_session(ws(), s->token, at(1));
  ASSERT_TRUE(live.ok());
  EXPECT_EQ(live->user.role, Role::viewer);
}

TEST_F(UsersTest, DisablingEndsSessionsAndRefusesLogin) {
  ASSERT_TRUE(add_user(ws(), user("wang")).ok());
  auto s1 = login(ws(), "wang", "correct-horse-1", "", at());
  auto s2 = login(ws(), "wang", "correct-horse-1", "", at());
  ASSERT_TRUE(s1.ok() && s2.ok());
  UserChanges off;
  off.disabled = true;
  ASSERT_TRUE(update_user(ws(), "wang", off).ok());
  EXPECT_EQ(find_session(ws(), s1->token, at(1)).error().code(), "auth.required");
  EXPECT_EQ(find_session(ws(), s2->token, at(1)).error().code(), "auth.required");
  EXPECT_EQ(login(ws(), "wang", "correct-horse-1", "", at(2)).error().code(),
            "auth.bad_credentials");
  // Enabled again: the old sessions stay ended, a new login works.
  UserChanges on;
  on.disabled = false;
  ASSERT_TRUE(update_user(ws(), "wang", on).ok());
  EXPECT_FALSE(find_session(ws(), s1->token, at(3)).ok());
  EXPECT_TRUE(login(ws(), "wang", "correct-horse-1", "", at(3)).ok());
}

TEST_F(UsersTest, PasswordChangeEndsSessions) {
  ASSERT_TRUE(add_user(ws(), user("wang")).ok());
  auto s = login(ws(), "wang", "correct-horse-1", "", at());
  ASSERT_TRUE(s.ok());
  UserChanges weak;
  weak.password = "short";
  EXPECT_EQ(update_user(ws(), "wang", weak).error().code(), "user.weak_password");
  EXPECT_TRUE(find_session(ws(), s->token, at(1)).ok());  // a refused change ends nothing
  UserChanges ch;
  ch.password = "battery-staple-2";
  ASSERT_TRUE(update_user(ws(), "wang", ch).ok());
  EXPECT_FALSE(find_session(ws(), s->token, at(1)).ok());
  EXPECT_FALSE(login(ws(), "wang", "correct-horse-1", "", at(2)).ok());
  EXPECT_TRUE(login(ws(), "wang", "battery-staple-2", "", at(2)).ok());
  EXPECT_EQ(update_user(ws(), "nobody", UserChanges{}).error().code(), "user.unknown");
}

}  // namespace
}  // namespace shanhai::access
