// Re-running a model is idempotent on lead identity: workflow status survives, evidence is
// replaced, new leads are added and vanished ones are marked, never deleted.
#include "leads/lead_store.h"

#include <gtest/gtest.h>

#include "support/temp_dir.h"

namespace shanhai::leads {
namespace {

using shanhai::testing::TempDir;

DetectedLead lead(const std::string& subject, int64_t row) {
  return {"unpaid",
          subject,
          "罚款未缴纳（" + subject + "）",
          "行政非诉执行监督",
          {{"penalties", "处罚决定", 1, "/data/处罚.csv", "", row}}};
}

RunRecord run() {
  RunRecord r;
  r.model_id = "admin-penalty-enforcement";
  r.model_version = "1.0.0";
  r.started_at = "2026-11-23T00:00:00Z";
  r.inputs = {{"penalties", {{"dataset", "处罚决定"}, {"version", 1}}}};
  return r;
}

TEST(LeadStoreTest, FingerprintIsStableAndUnambiguous) {
  const std::string a = lead_fingerprint("m", "r", "林罚决字(2023)12号");
  EXPECT_EQ(a.size(), 32u);
  EXPECT_EQ(a, lead_fingerprint("m", "r", "林罚决字(2023)12号"));
  EXPECT_NE(lead_fingerprint("m", "ab", "c"), lead_fingerprint("m", "a", "bc"));
  EXPECT_NE(lead_fingerprint("m1", "r", "s"), lead_fingerprint("m2", "r", "s"));
}

TEST(LeadStoreTest, RerunKeepsStatusReplacesEvidenceAndMarksVanished) {
  TempDir dir;
  auto ws = store::Workspace::create(dir / "ws").value();
  auto first = record_run(*ws, run(), {lead("A", 3), lead("B", 4)});
  ASSERT_TRUE(first.ok()) << first.error().message();
  EXPECT_EQ(first.value().added, 2);
  EXPECT_EQ(first.value().vanished, 0);

  // A procurator starts verifying lead A (the workflow is the web platform's; simulated here).
  ws->db().exec("UPDATE leads SET status = 'verifying' WHERE subject = 'A'");

  auto second = record_run(*ws, run(), {lead("A", 7), lead("C", 9)});
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second.value().total, 2);
  EXPECT_EQ(second.value().added, 1);     // C
  EXPECT_EQ(second.value().vanished, 1);  // B

  auto leads = list_leads(*ws, std::string("admin-penalty-enforcement"));
  ASSERT_TRUE(leads.ok());
  ASSERT_EQ(leads.value().size(), 3u);
  const Lead& a = leads.value()[0];
  EXPECT_EQ(a.subject, "A");
  EXPECT_EQ(a.status, "verifying");  // kept
  EXPECT_TRUE(a.detected);
  ASSERT_EQ(a.evidence.size(), 1u);
  EXPECT_EQ(a.evidence[0].row, 7);  // replaced by the latest run's
  EXPECT_EQ(a.first_run, first.value().run_id);
  EXPECT_EQ(a.last_run, second.value().run_id);
  const Lead& b = leads.value()[1];
  EXPECT_EQ(b.subject, "B");
  EXPECT_FALSE(b.detected);  // no longer detected, still there
  EXPECT_EQ(b.status, "new");
  EXPECT_EQ(leads.value()[2].status, "new");

  const auto j = lead_json(a);
  for (const char* key :
       {"model", "rule", "fingerprint", "title", "subject", "status", "evidence"}) {
    EXPECT_TRUE(j.contains(key)) << key;
  }
  EXPECT_EQ(j["evidence"][0]["source"], "/data/处罚.csv");
  EXPECT_EQ(j["evidence"][0]["row"], 7);
}

TEST(LeadStoreTest, SameSubjectTwiceIsOneLeadWithBothEvidenceRows) {
  TempDir dir;
  auto ws = store::Workspace::create(dir / "ws").value();
  auto r = record_run(*ws, run(), {lead("A", 3), lead("A", 5)});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value().total, 1);
  auto leads = list_leads(*ws).value();
  ASSERT_EQ(leads.size(), 1u);
  EXPECT_EQ(leads[0].evidence.size(), 2u);
}

TEST(LeadStoreTest, OtherModelsLeadsAreNotTouched) {
  TempDir dir;
  auto ws = store::Workspace::create(dir / "ws").value();
  RunRecord other = run();
  other.model_id = "dui-licence-not-revoked";
  ASSERT_TRUE(record_run(*ws, other, {lead("X", 1)}).ok());
  ASSERT_TRUE(record_run(*ws, run(), {}).ok());
  auto leads = list_leads(*ws, std::string("dui-licence-not-revoked")).value();
  ASSERT_EQ(leads.size(), 1u);
  EXPECT_TRUE(leads[0].detected);
}

}  // namespace
}  // namespace shanhai::leads
