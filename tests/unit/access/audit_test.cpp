// The audit log: entries are appended and found again by user, action, period (a date as the
// inclusive end takes the whole day), text in the target or detail and organisation, newest
// first and by page.
#include "access/audit.h"

#include <gtest/gtest.h>

#include "unit/access/access_fixture.h"

namespace shanhai::access {
namespace {

using testing::AccessFixture;

class AuditTest : public AccessFixture {
 protected:
  void SetUp() override {
    AccessFixture::SetUp();
    add("2026-11-20T09:00:00Z", "wang", "C", "login", "wang", {});
    add("2026-11-21T10:00:00Z", "wang", "C", "unmask", "lead:7", {{"reason", "核查身份"}});
    add("2026-11-22T23:59:59Z", "li", "X", "export", "leads", {{"count", 3}});
    add("2026-11-23T00:00:00Z", "li", "X", "unmask", "lead:9", {{"reason", "通知当事人"}});
    add("2026-11-23T12:00:00Z", "zhao", "P", "permission", "user:wang", {{"role", "viewer"}});
  }
  void add(std::string at, std::string user, std::string org, std::string action,
           std::string target, nlohmann::json detail) {
    AuditEntry e;
    e.at = std::move(at);
    e.username = std::move(user);
    e.org = std::move(org);
    e.action = std::move(action);
    e.target = std::move(target);
    e.detail = std::move(detail);
    e.ip = "10.1.1.1";
    ASSERT_TRUE(audit(ws(), e).ok());
  }
  // Targets of the matching entries, newest first, and the total.
  std::pair<std::vector<std::string>, int64_t> find(AuditQuery q) {
    auto page = search_audit(ws(), q);
    EXPECT_TRUE(page.ok());
    std::vector<std::string> out;
    for (const auto& e : page->items) out.push_back(e.target);
    return {out, page->total};
  }
  using V = std::vector<std::string>;
};

TEST_F(AuditTest, AllNewestFirst) {
  auto [targets, total] = find({});
  EXPECT_EQ(total, 5);
  EXPECT_EQ(targets, (V{"user:wang", "lead:9", "leads", "lead:7", "wang"}));
  auto page = search_audit(ws(), {});
  const AuditEntry& e = page->items.back();
  EXPECT_EQ(e.at, "2026-11-20T09:00:00Z");
  EXPECT_EQ(e.ip, "10.1.1.1");
  const nlohmann::json j = audit_json(page->items.at(3));
  EXPECT_EQ(j["detail"]["reason"], "核查身份");
  EXPECT_EQ(j["username"], "wang");
  EXPECT_EQ(j["org"], "C");
  EXPECT_EQ(j["action"], "unmask");
}

TEST_F(AuditTest, FiltersByUserActionAndText) {
  AuditQuery q;
  q.username = "wang";
  EXPECT_EQ(find(q).first, (V{"lead:7", "wang"}));
  q = {};
  q.action = "unmask";
  EXPECT_EQ(find(q).first, (V{"lead:9", "lead:7"}));
  q.username = "li";
  EXPECT_EQ(find(q).first, (V{"lead:9"}));
  q = {};
  q.q = "lead:";
  EXPECT_EQ(find(q).first, (V{"lead:9", "lead:7"}));
  q.q = "通知";  // in the detail
  EXPECT_EQ(find(q).first, (V{"lead:9"}));
  q.q = "nothing-like-this";
  EXPECT_EQ(find(q).second, 0);
  q = {};
  q.username = "WANG";  // exact
  EXPECT_EQ(find(q).second, 0);
}

TEST_F(AuditTest, FiltersByPeriodWithWholeDays) {
  AuditQuery q;
  q.from = "2026-11-21";
  q.to = "2026-11-22";
  EXPECT_EQ(find(q).first, (V{"leads", "lead:7"}));  // 23:59:59 on the 22nd included
  q.from = "2026-11-23";
  q.to = "";
  EXPECT_EQ(find(q).first, (V{"user:wang", "lead:9"}));
  q.from = "";
  q.to = "2026-11-20";
  EXPECT_EQ(find(q).first, (V{"wang"}));
  q.from = "2026-11-23T06:00:00Z";
  q.to = "2026-11-23T12:00:00Z";
  EXPECT_EQ(find(q).first, (V{"user:wang"}));
}

TEST_F(AuditTest, FiltersByOrganisation) {
  AuditQuery q;
  q.orgs = {"C", "X"};
  EXPECT_EQ(find(q).second, 4);
  q.orgs = {"P"};
  EXPECT_EQ(find(q).first, (V{"user:wang"}));
  q.orgs = {"nowhere"};
  EXPECT_EQ(find(q).second, 0);
}

TEST_F(AuditTest, Pages) {
  AuditQuery q;
  q.page_size = 2;
  q.page = 2;
  auto [targets, total] = find(q);
  EXPECT_EQ(total, 5);
  EXPECT_EQ(targets, (V{"leads", "lead:7"}));
  q.page = 3;
  EXPECT_EQ(find(q).first, (V{"wang"}));
  q.page = 4;
  EXPECT_TRUE(find(q).first.empty());
  q.page = 0;  // taken as 1
  EXPECT_EQ(find(q).first, (V{"user:wang", "lead:9"}));
  q.page = 1;
  q.page_size = 0;  // at least 1
  EXPECT_EQ(find(q).first.size(), 1u);
  q.page_size = 100000;  // at most 200
  EXPECT_EQ(find(q).first.size(), 5u);
}

TEST_F(AuditTest, FillsInTheTime) {
  AuditEntry e;
  e.username = "sun";
  e.action = "logout";
  ASSERT_TRUE(audit(ws(), e).ok());
  AuditQuery q;
  q.username = "sun";
  auto page = search_audit(ws(), q);
  ASSERT_EQ(page->items.size(), 1u);
  EXPECT_EQ(page->items[0].at.size(), 20u);  // 2026-11-23T08:00:00Z
  EXPECT_EQ(page->items[0].at.back(), 'Z');
  EXPECT_TRUE(page->items[0].detail.is_object());
}

}  // namespace
}  // namespace shanhai::access
