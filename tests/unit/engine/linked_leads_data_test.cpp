// Linked pairs behind leads (link steps), for every built-in model case whose expected.json
// gives "links" (the distinct explanations of each lead's pairs): as the run finds them, and as
// the lead detail returns them after a second run, which replaces the first run's pairs.
#include <gtest/gtest.h>

#include <fstream>
#include <set>

#include <nlohmann/json.hpp>

#include "engine/model_self_test.h"
#include "engine/run.h"
#include "leads/lead_query.h"
#include "leads/lead_store.h"
#include "model/installer.h"
#include "support/temp_dir.h"

namespace shanhai::engine {
namespace {

std::vector<std::string> explanations(const nlohmann::json& links) {
  std::set<std::string> out;
  for (const auto& l : links) out.insert(l.at("explanation").get<std::string>());
  return {out.begin(), out.end()};
}

TEST(LinkedLeadsDataTest, ExplanationsAsRunAndAsStored) {
  int cases_with_links = 0;
  for (const auto& model_dir :
       std::filesystem::directory_iterator(std::filesystem::path(SHANHAI_SOURCE_DIR) / "models")) {
    for (const auto& dir : find_model_cases(model_dir.path())) {
      std::ifstream in(dir / "expected.json");
      const auto expected = nlohmann::json::parse(in, nullptr, false);
      if (!expected.is_array()) continue;
      std::map<std::pair<std::string, std::string>, std::vector<std::string>> want;
      for (const auto& l : expected) {
        if (l.contains("links")) {
          want[{l.at("rule"), l.at("subject")}] = l["links"].get<std::vector<std::string>>();
        }
      }
      if (want.empty()) continue;
      ++cases_with_links;
      SCOPED_TRACE(dir.string());
      auto c = load_model_case(dir);
      ASSERT_TRUE(c.ok()) << c.error().message();
      shanhai::testing::TempDir tmp;
      auto ws = store::Workspace::create(tmp.path() / "ws");
      ASSERT_TRUE(ws.ok()) << ws.error().message();
      ASSERT_TRUE(model::install_model_folder(*ws.value(), model_dir.path(), true).ok());
      ASSERT_TRUE(import_case_inputs(*ws.value(), c.value()).ok());
      const std::string model = model_dir.path().filename().string();
      auto first = run_model(*ws.value(), model, case_run_request(c.value()));
      ASSERT_TRUE(first.ok()) << first.error().message();
      for (const leads::DetectedLead& l : first.value().leads) {
        const auto it = want.find({l.rule, l.subject});
        if (it != want.end()) {
          EXPECT_EQ(explanations(l.links), it->second) << l.subject;
        }
      }
      ASSERT_TRUE(run_model(*ws.value(), model, case_run_request(c.value())).ok());
      auto stored = leads::list_leads(*ws.value(), model);
      ASSERT_TRUE(stored.ok()) << stored.error().message();
      int checked = 0;
      for (const leads::Lead& l : stored.value()) {
        const auto it = want.find({l.rule, l.subject});
        if (it == want.end()) continue;
        auto detail = leads::get_lead(*ws.value(), l.id);
        ASSERT_TRUE(detail.ok()) << detail.error().message();
        EXPECT_EQ(explanations(detail.value().links), it->second) << l.subject;
        for (const auto& pair : detail.value().links) {
          EXPECT_FALSE(pair.at("fields").empty());
          EXPECT_FALSE(pair.at("left").empty());
          EXPECT_FALSE(pair.at("right").empty());
        }
        ++checked;
      }
      EXPECT_EQ(checked, static_cast<int>(want.size()));
    }
  }
  EXPECT_GE(cases_with_links, 1) << "the pension-after-death case gives links";
}

}  // namespace
}  // namespace shanhai::engine
