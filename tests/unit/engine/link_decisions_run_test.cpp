// Remembered decisions on linked pairs, end to end in a workspace (engine/link_step.h,
// leads/link_decisions.h): the built-in pension-after-death model run on its sample, a person's
// confirmation of a possible match making it a match on the next run (also after the data is
// imported again in another row order), and a rejection ending the lead (no longer detected).
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "engine/model_self_test.h"
#include "engine/run.h"
#include "ingest/importer.h"
#include "leads/lead_query.h"
#include "leads/lead_store.h"
#include "leads/link_decisions.h"
#include "model/installer.h"
#include "support/temp_dir.h"

namespace shanhai::engine {
namespace {

namespace fs = std::filesystem;

const char* kModel = "pension-after-death";

struct PossiblePair {
  int64_t lead = 0;
  std::string step, key;
};

// The first lead with a possible match behind it.
PossiblePair find_possible(store::Workspace& ws) {
  auto all = leads::list_leads(ws, kModel);
  EXPECT_TRUE(all.ok());
  for (const leads::Lead& l : all.value()) {
    auto d = leads::get_lead(ws, l.id);
    EXPECT_TRUE(d.ok());
    for (const auto& link : d.value().links) {
      EXPECT_EQ(link.at("pair_key").get<std::string>().size(), 33u) << link.dump();
      if (link.at("class") == "possible") return {l.id, link.at("step"), link.at("pair_key")};
    }
  }
  return {};
}

std::vector<nlohmann::json> links_with_key(store::Workspace& ws, int64_t lead,
                                           const std::string& key) {
  auto d = leads::get_lead(ws, lead);
  EXPECT_TRUE(d.ok());
  std::vector<nlohmann::json> out;
  for (const auto& link : d.value().links) {
    if (link.at("pair_key") == key) out.push_back(link);
  }
  return out;
}

bool detected(store::Workspace& ws, int64_t lead) {
  auto s = leads::get_lead_summary(ws, lead);
  EXPECT_TRUE(s.ok());
  return s.ok() && s.value().detected;
}

// The CSV with its data lines in reverse order.
void write_reversed(const fs::path& from, const fs::path& to) {
  std::ifstream in(from, std::ios::binary);
  std::string header, line;
  std::getline(in, header);
  std::vector<std::string> lines;
  while (std::getline(in, line)) {
    if (!line.empty()) lines.push_back(line);
  }
  std::reverse(lines.begin(), lines.end());
  std::ofstream out(to, std::ios::binary);
  out << header << '\n';
  for (const auto& l : lines) out << l << '\n';
}

TEST(LinkDecisionsRunTest, ConfirmedIsAMatchOnEveryLaterRunAndRejectedEndsTheLead) {
  const fs::path model_dir = fs::path(SHANHAI_SOURCE_DIR) / "models" / kModel;
  auto c = load_model_case(model_dir / "tests" / "basic");
  ASSERT_TRUE(c.ok()) << c.error().message();
  shanhai::testing::TempDir tmp;
  auto created = store::Workspace::create(tmp.path() / "ws");
  ASSERT_TRUE(created.ok()) << created.error().message();
  store::Workspace& ws = *created.value();
  ASSERT_TRUE(model::install_model_folder(ws, model_dir, true).ok());
  ASSERT_TRUE(import_case_inputs(ws, c.value()).ok());
  const RunRequest request = case_run_request(c.value());
  ASSERT_TRUE(run_model(ws, kModel, request).ok());

  const PossiblePair p = find_possible(ws);
  ASSERT_NE(p.lead, 0) << "the sample of " << kModel << " has a possible match";
  ASSERT_TRUE(detected(ws, p.lead));

  // Confirmed: a match on the next run, saying who confirmed it.
  leads::LinkDecisionRecord confirm{kModel, p.step, p.key, "confirm", "", "张检察官", "C", p.lead};
  auto saved = leads::record_link_decision(ws, confirm);
  ASSERT_TRUE(saved.ok()) << saved.error().message();
  auto second = run_model(ws, kModel, request);
  ASSERT_TRUE(second.ok()) << second.error().message();
  EXPECT_EQ(second.value().summary.vanished, 0);
  auto confirmed = links_with_key(ws, p.lead, p.key);
  ASSERT_FALSE(confirmed.empty());
  for (const auto& link : confirmed) {
    EXPECT_EQ(link.at("class"), "match");
    EXPECT_EQ(link.at("model_class"), "possible");
    EXPECT_EQ(link.at("confirmed").at("user"), "张检察官");
    EXPECT_EQ(link.at("confirmed").at("decided_at"), saved.value().decided_at);
    EXPECT_EQ(link.at("explanation").get<std::string>().rfind("经人工确认为同一人（张检察官，", 0),
              0u)
        << link.at("explanation");
  }
  EXPECT_TRUE(detected(ws, p.lead));

  // The same data imported again with the rows in reverse order: the same pair key, still
  // confirmed.
  for (const CaseInput& in : c.value().inputs) {
    const fs::path reversed = tmp.path() / in.file.filename();
    write_reversed(in.file, reversed);
    ingest::ImportRequest req;
    req.file = reversed;
    req.dataset = in.dataset.empty() ? in.input : in.dataset;
    req.source_name = in.file.filename().string();
    auto imported = ingest::import_file(ws, req);
    ASSERT_TRUE(imported.ok()) << imported.error().message();
  }
  ASSERT_TRUE(run_model(ws, kModel, request).ok());
  auto again = links_with_key(ws, p.lead, p.key);
  ASSERT_EQ(again.size(), confirmed.size());
  for (const auto& link : again) EXPECT_EQ(link.at("class"), "match");

  // A reject needs a reason; with one it replaces the confirmation and the pair is gone: the
  // lead is no longer detected.
  leads::LinkDecisionRecord reject{kModel, p.step, p.key, "reject", "", "李检察官", "C", p.lead};
  EXPECT_EQ(leads::record_link_decision(ws, reject).error().code(), "link.reason_required");
  reject.reason = "出生日期与姓名均不同，非同一人";
  ASSERT_TRUE(leads::record_link_decision(ws, reject).ok());
  auto stored = leads::link_decisions(ws, kModel);
  ASSERT_TRUE(stored.ok());
  ASSERT_EQ(stored.value().size(), 1u);
  EXPECT_EQ(stored.value()[0].decision, "reject");
  EXPECT_EQ(stored.value()[0].username, "李检察官");
  auto third = run_model(ws, kModel, request);
  ASSERT_TRUE(third.ok()) << third.error().message();
  EXPECT_EQ(third.value().summary.vanished, 1);
  EXPECT_FALSE(detected(ws, p.lead));
  for (const leads::DetectedLead& l : third.value().leads) {
    for (const auto& link : l.links) EXPECT_NE(link.at("pair_key"), p.key);
  }
  // The lead's history records both decisions.
  auto d = leads::get_lead(ws, p.lead);
  ASSERT_TRUE(d.ok());
  int decisions = 0;
  for (const auto& e : d.value().events) decisions += e.action == "link_decision" ? 1 : 0;
  EXPECT_EQ(decisions, 2);
}

}  // namespace
}  // namespace shanhai::engine
