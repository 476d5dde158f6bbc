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

TEST(LeadStoreTest, OrganisationIsPartOfTheFingerprint) {
  // '' keeps the fingerprints recorded before organisations existed.
  EXPECT_EQ(lead_fingerprint("", "m", "r", "s"), lead_fingerprint("m", "r", "s"));
  EXPECT_NE(lead_fingerprint("3301", "m", "r", "s"), lead_fingerprint("m", "r", "s"));
  EXPECT_NE(lead_fingerprint("3301", "m", "r", "s"), lead_fingerprint("3302", "m", "r", "s"));
  EXPECT_NE(lead_fingerprint("33", "01m", "r", "s"), lead_fingerprint("3301", "m", "r", "s"));
}

TEST(LeadStoreTest, RunOfAnOrganisationOwnsItsLeadsWithMaskedTitles) {
  TempDir dir;
  auto ws = store::Workspace::create(dir / "ws").value();
  RunRecord r = run();
  r.org = "3301";
  DetectedLead d = lead("110101199003070038", 3);
  d.title = "马明（110101199003070038）罚款未缴纳";
  d.title_masked = "马*（1101**********0038）罚款未缴纳";
  d.subject_masked = "1101**********0038";
  auto recorded = record_run(*ws, r, {d});
  ASSERT_TRUE(recorded.ok()) << recorded.error().message();
  // The same supervision point found by another procuratorate is another lead.
  RunRecord other = r;
  other.org = "3302";
  ASSERT_TRUE(record_run(*ws, other, {d}).ok());

  auto leads = list_leads(*ws).value();
  ASSERT_EQ(leads.size(), 2u);
  const Lead& l = leads[0].org == "3301" ? leads[0] : leads[1];
  EXPECT_EQ(l.org, "3301");
  EXPECT_EQ(l.fingerprint, lead_fingerprint("3301", r.model_id, "unpaid", "110101199003070038"));
  EXPECT_EQ(l.title, "马明（110101199003070038）罚款未缴纳");
  EXPECT_EQ(l.title_masked, "马*（1101**********0038）罚款未缴纳");
  EXPECT_EQ(l.subject_masked, "1101**********0038");
  EXPECT_EQ(l.created_at, "2026-11-23T00:00:00Z");
  EXPECT_EQ(l.updated_at, "2026-11-23T00:00:00Z");
  EXPECT_EQ(
      ws->db()
          .execAndGet("SELECT org FROM runs WHERE id = " + std::to_string(recorded.value().run_id))
          .getString(),
      "3301");
}

TEST(LeadStoreTest, UnmaskedCallerKeepsTitleAsMasked) {
  TempDir dir;
  auto ws = store::Workspace::create(dir / "ws").value();
  ASSERT_TRUE(record_run(*ws, run(), {lead("A", 1)}).ok());
  const Lead l = list_leads(*ws).value().at(0);
  EXPECT_EQ(l.title_masked, l.title);
  EXPECT_EQ(l.subject_masked, "A");
  EXPECT_EQ(l.org, "");
}

TEST(LeadStoreTest, RerunKeepsStatusHandlerAndOrganisation) {
  TempDir dir;
  auto ws = store::Workspace::create(dir / "ws").value();
  RunRecord r = run();
  r.org = "3301";
  ASSERT_TRUE(record_run(*ws, r, {lead("A", 1), lead("B", 2)}).ok());
  // A was assigned; B was dispatched down to 330122.
  ws->db().exec("UPDATE leads SET status = 'verifying', handler = 'wang' WHERE subject = 'A'");
  ws->db().exec("UPDATE leads SET org = '330122' WHERE subject = 'B'");
  // Another organisation's run of the same model does not make 3301's leads vanish.
  RunRecord other = r;
  other.org = "3302";
  ASSERT_TRUE(record_run(*ws, other, {lead("Z", 1)}).ok());
  EXPECT_EQ(ws->db().execAndGet("SELECT COUNT(*) FROM leads WHERE detected = 0").getInt(), 0);

  r.started_at = "2026-11-24T00:00:00Z";
  DetectedLead a = lead("A", 5);
  auto second = record_run(*ws, r, {a});
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second.value().added, 0);
  EXPECT_EQ(second.value().vanished, 1);  // B, though it now belongs to 330122
  const std::vector<Lead> all = list_leads(*ws).value();
  for (const Lead& l : all) {
    if (l.subject == "A") {
      EXPECT_EQ(l.status, "verifying");
      EXPECT_EQ(l.handler, "wang");
      EXPECT_EQ(l.org, "3301");
      EXPECT_EQ(l.evidence.at(0).row, 5);
      EXPECT_EQ(l.updated_at, "2026-11-23T00:00:00Z");  // same title: not an update
      EXPECT_EQ(l.created_at, "2026-11-23T00:00:00Z");
    } else if (l.subject == "B") {
      EXPECT_FALSE(l.detected);
      EXPECT_EQ(l.org, "330122");
      EXPECT_EQ(l.updated_at, "2026-11-24T00:00:00Z");
    } else {
      EXPECT_TRUE(l.detected);
    }
  }
  // B found again: detected again, still 330122's.
  r.started_at = "2026-11-25T00:00:00Z";
  ASSERT_TRUE(record_run(*ws, r, {lead("A", 5), lead("B", 2)}).ok());
  EXPECT_EQ(ws->db().execAndGet("SELECT COUNT(*) FROM leads").getInt(), 3);
  EXPECT_EQ(ws->db().execAndGet("SELECT org FROM leads WHERE subject = 'B'").getString(), "330122");
  EXPECT_EQ(ws->db().execAndGet("SELECT detected FROM leads WHERE subject = 'B'").getInt(), 1);
}

}  // namespace
}  // namespace shanhai::leads
