// Statistics on a small hand-made history: what counts as verified, filed, recommended …
#include "leads/lead_stats.h"

#include <gtest/gtest.h>

#include <fmt/format.h>
#include "leads/workflow.h"

#include "unit/leads/leads_fixture.h"

namespace shanhai::leads {
namespace {

class LeadStatsTest : public testing::LeadsFixture {
 protected:
  // Steps a lead through actions and dates its events and itself.
  void walk(int64_t id, std::initializer_list<const char*> steps, const std::string& created,
            const std::string& acted) {
    for (const char* action : steps) {
      TransitionRequest r;
      r.action = action;
      r.comment = "意见";
      r.reason = "理由";
      r.handler = "wang";
      r.document_no = "杭检建〔2026〕1号";
      auto result = apply_transition(ws(), id, r, {"wang", "3301"});
      ASSERT_TRUE(result.ok()) << action << ": " << result.error().message();
    }
    db().exec(fmt::format("UPDATE lead_events SET at = '{}' WHERE lead_id = {}", acted, id));
    db().exec(fmt::format("UPDATE leads SET created_at = '{}' WHERE id = {}", created, id));
  }
};

TEST_F(LeadStatsTest, HandMadeHistory) {
  // 3301, model penalty:
  //   a  new                                              (Oct)
  //   b  verifying, returned to new                       (Oct)  → verified
  //   c  filed → recommended → replied → rectified        (Oct, filed in Nov) → all
  //   d  verifying → dismissed                            (Nov)  → verified
  // 330122, model dui:
  //   e  filed → sued                                     (Nov, filed Nov)
  const std::vector<DetectedLead> found = {detected("a"), detected("b"), detected("c"),
                                           detected("d")};
  ASSERT_TRUE(record_run(ws(), run("3301"), found).ok());
  ASSERT_TRUE(record_run(ws(), run("330122", "dui"), {detected("e")}).ok());
  auto id = [&](const std::string& org, const std::string& model, const std::string& s) {
    SQLite::Statement q(db(), "SELECT id FROM leads WHERE fingerprint = ?");
    q.bind(1, lead_fingerprint(org, model, "unpaid", s));
    q.executeStep();
    return q.getColumn(0).getInt64();
  };
  db().exec("UPDATE leads SET created_at = '2026-10-05T00:00:00Z'");
  walk(id("3301", "penalty", "b"), {"triage", "approve", "assign", "return"},
       "2026-10-03T00:00:00Z", "2026-10-20T00:00:00Z");
  walk(id("3301", "penalty", "c"),
       {"triage", "approve", "assign", "file", "recommend", "reply", "rectify"},
       "2026-10-04T00:00:00Z", "2026-11-02T00:00:00Z");
  walk(id("3301", "penalty", "d"), {"triage", "approve", "assign", "dismiss"},
       "2026-11-01T00:00:00Z", "2026-11-09T00:00:00Z");
  db().exec(fmt::format("UPDATE users SET org = '330122' WHERE username = 'wang'"));
  walk(id("330122", "dui", "e"), {"triage", "approve", "assign", "file", "sue"},
       "2026-11-10T00:00:00Z", "2026-11-11T00:00:00Z");
  db().exec(
      "INSERT INTO models(model_id, version, name, legal_basis, spec, source, installed_at) "
      "VALUES ('dui', '1.0.0', '醉驾未吊销驾驶证', '[]', '', '', '')");

  StatsFilter f;
  f.visible_orgs = {"3301", "330122"};
  auto s = lead_stats(ws(), f);
  ASSERT_TRUE(s.ok()) << s.error().message();
  const LeadStats& st = s.value();
  EXPECT_EQ(st.total.leads, 5);
  EXPECT_EQ(st.total.verified, 4);  // b, c, d, e
  EXPECT_EQ(st.total.filed, 2);     // c, e
  EXPECT_EQ(st.total.recommendations, 1);
  EXPECT_EQ(st.total.replies, 1);
  EXPECT_EQ(st.total.rectified, 1);
  EXPECT_DOUBLE_EQ(st.total.conversion, 0.4);
  EXPECT_EQ(st.by_status.at("new"), 2);
  EXPECT_EQ(st.by_status.at("rectified"), 1);
  EXPECT_EQ(st.by_status.at("dismissed"), 1);
  EXPECT_EQ(st.by_status.at("sued"), 1);
  EXPECT_EQ(st.by_status.at("closed"), 0);
  EXPECT_EQ(st.by_status.size(), 12u);

  ASSERT_EQ(st.by_model.size(), 2u);
  EXPECT_EQ(st.by_model[0].model, "dui");
  EXPECT_EQ(st.by_model[0].name, "醉驾未吊销驾驶证");
  EXPECT_EQ(st.by_model[0].counts.leads, 1);
  EXPECT_EQ(st.by_model[0].counts.filed, 1);
  EXPECT_DOUBLE_EQ(st.by_model[0].counts.conversion, 1.0);
  EXPECT_EQ(st.by_model[1].model, "penalty");
  EXPECT_EQ(st.by_model[1].name, "");
  EXPECT_EQ(st.by_model[1].counts.leads, 4);
  EXPECT_EQ(st.by_model[1].counts.verified, 3);
  EXPECT_EQ(st.by_model[1].counts.filed, 1);

  ASSERT_EQ(st.by_org.size(), 2u);
  EXPECT_EQ(st.by_org[0].org, "3301");
  EXPECT_EQ(st.by_org[0].name, "杭州市人民检察院");
  EXPECT_EQ(st.by_org[0].counts.leads, 4);
  EXPECT_EQ(st.by_org[1].org, "330122");
  EXPECT_EQ(st.by_org[1].counts.verified, 1);

  ASSERT_EQ(st.monthly.size(), 2u);
  EXPECT_EQ(st.monthly[0].month, "2026-10");
  EXPECT_EQ(st.monthly[0].leads, 3);  // a, b, c
  EXPECT_EQ(st.monthly[0].filed, 0);
  EXPECT_EQ(st.monthly[1].month, "2026-11");
  EXPECT_EQ(st.monthly[1].leads, 2);  // d, e
  EXPECT_EQ(st.monthly[1].filed, 2);  // c (filed in November), e

  // Narrowed: one model, one organisation, a period of creation.
  f.model = "penalty";
  EXPECT_EQ(lead_stats(ws(), f).value().total.leads, 4);
  f.model.reset();
  f.org = "330122";
  EXPECT_EQ(lead_stats(ws(), f).value().total.leads, 1);
  f.org.reset();
  f.from = "2026-10-04";
  f.to = "2026-11-01";
  EXPECT_EQ(lead_stats(ws(), f).value().total.leads, 3);  // a (10-05), c (10-04), d (11-01)
  f.visible_orgs = {"3302"};
  EXPECT_EQ(lead_stats(ws(), f).value().total.leads, 0);
  f.visible_orgs.clear();
  EXPECT_EQ(lead_stats(ws(), f).value().total.leads, 0);
  f.visible_orgs = {"3301"};
  f.to = "2026/11/01";
  auto bad = lead_stats(ws(), f);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code(), "request.invalid");
  EXPECT_EQ(bad.error().where().field, "to");
}

}  // namespace
}  // namespace shanhai::leads
