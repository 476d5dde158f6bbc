// The model registry's own rules: who a listing reaches, the review checklist, favourites,
// installs and usage, on a real workspace.
#include "registry/registry.h"

#include <gtest/gtest.h>

#include <SQLiteCpp/Statement.h>

#include "common/clock.h"
#include "store/model_catalog.h"
#include "support/temp_dir.h"

namespace shanhai::registry {
namespace {

// 33 省院 ─ 3301 市院 ─ 330122 县院;  54 ─ 5404 ─ 540421;  11 (unrelated)
// 3301 assists 5404 under a pairing valid today.
class RegistryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto ws = store::Workspace::create(dir_.path() / "ws");
    ASSERT_TRUE(ws.ok()) << ws.error().message();
    ws_ = std::move(ws.value());
    for (const auto& [code, parent] :
         std::vector<std::pair<std::string, std::string>>{{"33", ""},
                                                          {"3301", "33"},
                                                          {"330122", "3301"},
                                                          {"54", ""},
                                                          {"5404", "54"},
                                                          {"540421", "5404"},
                                                          {"11", ""}}) {
      ASSERT_TRUE(access::add_organisation(*ws_, code, "院" + code, parent).ok());
    }
    ASSERT_TRUE(access::add_pairing(*ws_, "3301", "5404", "2020-01-01", "2099-12-31").ok());
    for (const char* version : {"1.0.0", "1.1.0"}) {
      store::ModelRecord m;
      m.model_id = "pension-check";
      m.version = version;
      m.name = std::string("养老金核查 ") + version;
      m.spec = "id: pension-check";
      m.source = "test";
      ASSERT_TRUE(store::add_model(*ws_, m, {}).ok());
    }
  }

  access::OrgGraph graph() {
    auto g = access::OrgGraph::load(*ws_, utc_now_iso().substr(0, 10));
    EXPECT_TRUE(g.ok());
    return std::move(g.value());
  }

  Submission submitted(const std::string& org, const std::string& scope,
                       const std::string& version = "1.0.0") {
    SubmitRequest r{"pension-check", version, org, scope, "请审核", "author"};
    auto s = submit(*ws_, r);
    EXPECT_TRUE(s.ok()) << s.error().message();
    return s.ok() ? s.value() : Submission{};
  }

  static ReviewRequest all_pass(int64_t id, const std::string& decision = "approve") {
    ReviewRequest r;
    r.submission_id = id;
    r.decision = decision;
    r.reviewer = "reviewer";
    for (const auto& c : checklist()) r.items.push_back({std::string(c.name), true, "可行"});
    return r;
  }

  Submission approved(const std::string& org, const std::string& scope,
                      const std::string& version = "1.0.0") {
    auto s = review(*ws_, all_pass(submitted(org, scope, version).id));
    EXPECT_TRUE(s.ok()) << s.error().message();
    return s.ok() ? s.value() : Submission{};
  }

  shanhai::testing::TempDir dir_;
  std::unique_ptr<store::Workspace> ws_;
};

TEST_F(RegistryTest, ScopeDecidesWhoIsReached) {
  const auto g = graph();
  struct Case {
    std::string scope;
    std::vector<std::string> reached, not_reached;
  };
  const std::vector<Case> cases = {
      {"tree", {"3301", "330122"}, {"33", "5404", "540421", "54", "11"}},
      {"paired", {"3301", "330122", "5404", "540421"}, {"33", "54", "11"}},
      {"all", {"3301", "33", "5404", "54", "11"}, {}},
  };
  for (const Case& c : cases) {
    Submission s = submitted("3301", c.scope);
    EXPECT_FALSE(reaches(g, s, "3301")) << "not before approval";
    s = review(*ws_, all_pass(s.id)).value();
    for (const auto& org : c.reached) EXPECT_TRUE(reaches(g, s, org)) << c.scope << " " << org;
    for (const auto& org : c.not_reached) EXPECT_FALSE(reaches(g, s, org)) << c.scope << " " << org;
  }
  // A county's model listed for paired organisations reaches those its city assists.
  Submission county = approved("330122", "paired");
  for (const char* org : {"330122", "5404", "540421"}) EXPECT_TRUE(reaches(g, county, org)) << org;
  for (const char* org : {"3301", "33", "54", "11"}) EXPECT_FALSE(reaches(g, county, org)) << org;
}

TEST_F(RegistryTest, SubmittingNeedsAnInstalledVersionAScopeAndNoneWaiting) {
  SubmitRequest r{"pension-check", "9.9.9", "3301", "tree", "", "author"};
  EXPECT_EQ(submit(*ws_, r).error().code(), "model.not_found");
  r.version = "1.0.0";
  r.scope = "province";
  auto bad = submit(*ws_, r);
  EXPECT_EQ(bad.error().code(), "request.invalid");
  EXPECT_EQ(bad.error().where().field, "scope");
  EXPECT_NE(bad.error().message().find("上架范围"), std::string::npos);
  r.scope = "tree";
  ASSERT_TRUE(submit(*ws_, r).ok());
  EXPECT_EQ(submit(*ws_, r).error().code(), "submission.exists");
  r.org = "5404";  // another organisation may submit the same model
  EXPECT_TRUE(submit(*ws_, r).ok());
}

TEST_F(RegistryTest, TheChecklistIsEnforced) {
  const Submission s = submitted("3301", "tree");
  ReviewRequest r = all_pass(s.id);
  r.items.pop_back();
  auto missing = review(*ws_, r);
  EXPECT_EQ(missing.error().code(), "request.invalid");
  EXPECT_NE(missing.error().message().find("线索准确性"), std::string::npos);

  r = all_pass(s.id);
  r.items[1].passed = false;
  auto failed = review(*ws_, r);
  EXPECT_NE(failed.error().message().find("技术可行性"), std::string::npos);

  r = all_pass(s.id);
  r.items.push_back({"beauty", true, ""});
  EXPECT_EQ(review(*ws_, r).error().where().field, "items");

  r = all_pass(s.id, "reject");
  auto no_reason = review(*ws_, r);
  EXPECT_EQ(no_reason.error().where().field, "comment");

  r = all_pass(s.id, "maybe");
  EXPECT_EQ(review(*ws_, r).error().where().field, "decision");

  r = all_pass(s.id);
  r.reviewer = "author";
  EXPECT_EQ(review(*ws_, r).error().code(), "submission.conflict");

  r = all_pass(s.id, "reject");
  r.items[2].passed = false;
  r.items[2].comment = "样本线索与实际不符";
  r.comment = "线索准确性不足，请补充案例";
  auto rejected = review(*ws_, r);
  ASSERT_TRUE(rejected.ok()) << rejected.error().message();
  EXPECT_EQ(rejected->status, "rejected");
  ASSERT_EQ(rejected->review.size(), 3u);
  EXPECT_EQ(rejected->review[0].item, "necessity");
  EXPECT_FALSE(rejected->review[2].passed);
  EXPECT_EQ(rejected->review[2].comment, "样本线索与实际不符");
  EXPECT_EQ(review(*ws_, all_pass(s.id)).error().code(), "submission.conflict");
  EXPECT_EQ(review(*ws_, all_pass(999)).error().code(), "submission.not_found");
}

TEST_F(RegistryTest, ListingsShowTheNewestVisibleVersionFavouritesFirst) {
  approved("3301", "paired", "1.0.0");
  approved("3301", "tree", "1.1.0");  // newer, but only for 3301's tree
  const auto g = graph();
  auto for_linzhi = listings(*ws_, g, "5404", "ciren");
  ASSERT_TRUE(for_linzhi.ok());
  ASSERT_EQ(for_linzhi->size(), 1u);
  EXPECT_EQ(for_linzhi->at(0).submission.version, "1.0.0");
  auto for_hangzhou = listings(*ws_, g, "330122", "li");
  ASSERT_EQ(for_hangzhou->size(), 1u);
  EXPECT_EQ(for_hangzhou->at(0).submission.version, "1.1.0");
  EXPECT_EQ(for_hangzhou->at(0).submission.model_name, "养老金核查 1.1.0");
  EXPECT_TRUE(listings(*ws_, g, "11", "x")->empty());

  EXPECT_FALSE(for_linzhi->at(0).favourite);
  ASSERT_TRUE(set_favourite(*ws_, "ciren", "pension-check", true).ok());
  ASSERT_TRUE(set_favourite(*ws_, "ciren", "pension-check", true).ok());  // idempotent
  EXPECT_TRUE(listings(*ws_, g, "5404", "ciren")->at(0).favourite);
  EXPECT_FALSE(listings(*ws_, g, "5404", "other")->at(0).favourite);
  ASSERT_TRUE(set_favourite(*ws_, "ciren", "pension-check", false).ok());
  EXPECT_FALSE(listings(*ws_, g, "5404", "ciren")->at(0).favourite);
  EXPECT_EQ(set_favourite(*ws_, "ciren", "no-such-model", true).error().code(), "model.not_found");
}

TEST_F(RegistryTest, InstallsAndUsage) {
  const Submission waiting = submitted("3301", "paired");
  EXPECT_EQ(install(*ws_, waiting.id, "5404", "ciren").error().code(), "submission.conflict");
  const Submission listed = review(*ws_, all_pass(waiting.id)).value();
  ASSERT_TRUE(install(*ws_, listed.id, "5404", "ciren").ok());
  ASSERT_TRUE(install(*ws_, listed.id, "5404", "ciren").ok());  // again: still one install
  ASSERT_TRUE(install(*ws_, listed.id, "540421", "dawa").ok());
  EXPECT_EQ(listings(*ws_, graph(), "5404", "ciren")->at(0).installed_version, "1.0.0");
  EXPECT_EQ(listings(*ws_, graph(), "5404", "ciren")->at(0).installs, 2);
  ws_->db().exec(
      "INSERT INTO runs(model_id, model_version, started_at, duration_ms, org) VALUES "
      "('pension-check', '1.0.0', '2026-11-01T00:00:00Z', 5, '5404'), "
      "('pension-check', '1.0.0', '2026-11-02T00:00:00Z', 5, '5404'), "
      "('pension-check', '1.0.0', '2026-11-02T00:00:00Z', 5, '3301'), "
      "('other-model', '1.0.0', '2026-11-02T00:00:00Z', 5, '5404')");
  auto u = usage(*ws_, listed);
  ASSERT_TRUE(u.ok()) << u.error().message();
  EXPECT_EQ(u->installs, 2);
  EXPECT_EQ(u->runs, 3);
  ASSERT_EQ(u->orgs.size(), 3u);
  EXPECT_EQ(u->orgs[0].org, "3301");
  EXPECT_TRUE(u->orgs[0].publisher);
  EXPECT_EQ(u->orgs[1].org, "5404");
  EXPECT_EQ(u->orgs[1].runs, 2);
  EXPECT_EQ(u->orgs[2].org, "540421");
  EXPECT_EQ(u->orgs[2].runs, 0);
}

}  // namespace
}  // namespace shanhai::registry
