// Decisions on linked pairs over HTTP (docs/api.md "关联人工判断"): the pension-after-death
// model run on its sample for organisation C through POST /api/models/{id}/runs, a possible
// match behind a lead confirmed (then a match on the next run) and rejected (then the lead is
// no longer detected), with every refusal in between. Who may decide at all is in the
// authorisation matrix; here the rules of the decision itself.
#include <gtest/gtest.h>

#include <filesystem>

#include "ingest/importer.h"
#include "server/support/test_server.h"
#include "store/catalog.h"

namespace shanhai::server::testing {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

const char* kPension = "pension-after-death";

class LinkDecisionApiTest : public SharedServerTest {
 protected:
  static void SetUpTestSuite() {
    SharedServerTest::SetUpTestSuite();
    if (!started()) return;
    const fs::path sample = fs::path(SHANHAI_SOURCE_DIR) / "models" / kPension / "tests" / "basic";
    for (auto [dataset, file] : {std::pair{"C_deaths", "死亡人员登记.csv"},
                                 std::pair{"C_pension", "养老金发放明细.csv"}}) {
      ingest::ImportRequest req;
      req.file = sample / file;
      req.dataset = dataset;
      req.source_name = file;
      ASSERT_TRUE(ingest::import_file(srv().ws(), req).ok()) << dataset;
      ASSERT_TRUE(store::set_dataset_org(srv().ws(), dataset, "C").ok()) << dataset;
    }
  }

  // Runs the pension model for C as c_prosecutor, through the API.
  static void run_pension() {
    Response accepted =
        as("c_prosecutor")
            .post(std::string("/api/models/") + kPension + "/runs",
                  {{"inputs", {{"deaths", "C_deaths"}, {"payments", "C_pension"}}}});
    ASSERT_EQ(accepted.status, 202) << accepted.describe();
    const json job = as("c_prosecutor").wait_job(accepted.json()["job"]["id"]);
    ASSERT_EQ(job["state"], "succeeded") << job.dump();
  }

  static json lead(int64_t id) {
    Response r = as("c_prosecutor").get("/api/leads/" + std::to_string(id));
    EXPECT_EQ(r.status, 200) << r.describe();
    return r.json();
  }
};

TEST_F(LinkDecisionApiTest, ConfirmThenRejectAPossibleMatch) {
  run_pension();
  // A lead of the model with a possible match, and one of its matches.
  int64_t id = 0;
  json possible, match;
  for (const auto& l : as("c_prosecutor")
                           .get(std::string("/api/leads?page_size=100&model=") + kPension)
                           .json_at("items")) {
    const json d = lead(l["id"]);
    for (const auto& link : d["links"]) {
      EXPECT_TRUE(link["pair_key"].is_string()) << link.dump();
      EXPECT_TRUE(link["decision"].is_null()) << link.dump();
      if (link["class"] == "possible" && id == 0) {
        id = d["id"];
        possible = link;
        EXPECT_EQ(d["can_decide_links"], true);
      }
      if (link["class"] == "match") match = link;
    }
  }
  ASSERT_NE(id, 0) << "the pension sample gives a possible match";
  ASSERT_FALSE(match.is_null());
  const std::string path = "/api/leads/" + std::to_string(id) + "/link-decisions";
  const json confirm = {{"step", possible["step"]},
                        {"pair_key", possible["pair_key"]},
                        {"decision", "confirm"},
                        {"reason", "户籍核对为同一人"}};

  // Refusals: a viewer or expert may not (403); a reject without a reason, an unknown decision,
  // a missing key (422); a pair that is a match by the model, or no pair of this lead (409).
  for (const char* user : {"c_viewer", "c_expert", "c_model_admin"}) {
    Response r = as(user).post(path, confirm);
    EXPECT_EQ(r.status, 403) << user << " " << r.describe();
  }
  Response no_reason = as("c_prosecutor")
                           .post(path, {{"step", possible["step"]},
                                        {"pair_key", possible["pair_key"]},
                                        {"decision", "reject"}});
  EXPECT_EQ(no_reason.status, 422) << no_reason.describe();
  EXPECT_EQ(no_reason.json()["error"]["location"]["field"], "reason");
  EXPECT_NE(no_reason.json()["error"]["message_zh"].get<std::string>().find("理由"),
            std::string::npos);
  json maybe = confirm;
  maybe["decision"] = "maybe";
  EXPECT_EQ(as("c_prosecutor").post(path, maybe).status, 422);
  EXPECT_EQ(
      as("c_prosecutor").post(path, {{"step", possible["step"]}, {"decision", "confirm"}}).status,
      422);
  json of_match = confirm;
  of_match["pair_key"] = match["pair_key"];
  Response conflict = as("c_prosecutor").post(path, of_match);
  EXPECT_EQ(conflict.status, 409) << conflict.describe();
  EXPECT_EQ(conflict.error_code(), "link.conflict");
  json elsewhere = confirm;
  elsewhere["step"] = "same_id";
  EXPECT_EQ(as("c_prosecutor").post(path, elsewhere).status, 409);
  EXPECT_EQ(lead(id)["links"][0]["decision"], nullptr);

  // Confirmed: recorded (201), shown with the link at once, audited; a match from the next run.
  Response done = as("c_prosecutor").post(path, confirm);
  ASSERT_EQ(done.status, 201) << done.describe();
  EXPECT_EQ(done.json()["decision"], "confirm");
  EXPECT_EQ(done.json()["user"], "c_prosecutor");
  auto decision_of = [&](const json& d) {
    for (const auto& link : d["links"]) {
      if (link["pair_key"] == possible["pair_key"]) return link;
    }
    return json();
  };
  json before_run = decision_of(lead(id));
  EXPECT_EQ(before_run["class"], "possible");
  EXPECT_EQ(before_run["decision"]["decision"], "confirm");
  EXPECT_EQ(before_run["decision"]["reason"], "户籍核对为同一人");
  const json audit = as("c_admin").get("/api/audit?action=link_decision").json();
  ASSERT_TRUE(audit.contains("items")) << audit.dump();
  ASSERT_GE(audit["items"].size(), 1u) << audit.dump();
  EXPECT_NE(audit.dump().find(possible["pair_key"].get<std::string>()), std::string::npos);

  run_pension();
  json after_run = decision_of(lead(id));
  EXPECT_EQ(after_run["class"], "match");
  EXPECT_EQ(after_run["model_class"], "possible");
  EXPECT_EQ(after_run["confirmed"]["user"], "c_prosecutor");
  EXPECT_EQ(
      after_run["explanation"].get<std::string>().rfind("经人工确认为同一人（c_prosecutor，", 0),
      0u)
      << after_run["explanation"];
  EXPECT_EQ(lead(id)["detected"], true);

  // Rejected (replacing the confirmation): the pair is gone on the next run and the lead is no
  // longer detected; its last pairs and the decision stay visible.
  json reject = confirm;
  reject["decision"] = "reject";
  reject["reason"] = "出生日期不同，非同一人";
  ASSERT_EQ(as("c_prosecutor").post(path, reject).status, 201);
  run_pension();
  const json gone = lead(id);
  EXPECT_EQ(gone["detected"], false);
  EXPECT_EQ(decision_of(gone)["decision"]["decision"], "reject");
  int events = 0;
  for (const auto& e : gone["events"]) {
    if (e["action"] != "link_decision") continue;
    ++events;
    EXPECT_FALSE(e["action_label"].get<std::string>().empty());
  }
  EXPECT_EQ(events, 2);
}

}  // namespace
}  // namespace shanhai::server::testing
