// A model's own data tests as a library: what installing a model runs before recording it.
#include "engine/model_self_test.h"

#include <gtest/gtest.h>

#include <fstream>

#include "support/temp_dir.h"

namespace shanhai::engine {
namespace {

using shanhai::testing::TempDir;
namespace fs = std::filesystem;

const fs::path kModel = fs::path(SHANHAI_SOURCE_DIR) / "models" / "admin-penalty-enforcement";

TEST(ModelSelfTestTest, TheBuiltinModelPassesItsOwnCases) {
  TempDir dir;
  const SelfTestReport report = self_test_model_folder(kModel, dir / "scratch");
  ASSERT_EQ(report.cases.size(), 2u);
  EXPECT_TRUE(report.passed());
  EXPECT_EQ(report.cases[0].name, "basic");
  EXPECT_EQ(report.cases[0].expected_leads, 4);
  EXPECT_EQ(report.cases[0].produced_leads, 4);
  const nlohmann::json j = report.to_json();
  EXPECT_EQ(j["passed"], true);
  EXPECT_EQ(j["cases"][1]["name"], "messy");
  // The scratch workspaces are gone.
  EXPECT_TRUE(!fs::exists(dir / "scratch") || fs::is_empty(dir / "scratch"));
}

TEST(ModelSelfTestTest, FailingAndBrokenCasesAreReportedNotThrown) {
  TempDir dir;
  const fs::path folder = dir / "m";
  fs::copy(kModel, folder, fs::copy_options::recursive);
  // basic: one expected lead is missing from expected.json, so the run has an unexpected one.
  const fs::path expected = folder / "tests" / "basic" / "expected.json";
  std::ifstream in(expected);
  auto leads = nlohmann::json::parse(in);
  in.close();
  leads.erase(leads.begin());
  std::ofstream(expected, std::ios::trunc) << leads.dump();
  // messy: an input file outside the case folder.
  std::ofstream(folder / "tests" / "messy" / "case.yaml", std::ios::trunc)
      << "description: escapes\ninputs:\n  penalties: {file: ../../../../etc/passwd}\n";
  const SelfTestReport report = self_test_model_folder(folder, dir / "scratch");
  ASSERT_EQ(report.cases.size(), 2u);
  EXPECT_FALSE(report.passed());
  EXPECT_FALSE(report.cases[0].passed);
  EXPECT_NE(report.cases[0].problem.find("+ unexpected"), std::string::npos)
      << report.cases[0].problem;
  EXPECT_FALSE(report.cases[1].passed);
  EXPECT_NE(report.cases[1].problem.find("本样例目录"), std::string::npos)
      << report.cases[1].problem;
}

TEST(ModelSelfTestTest, AModelWithoutCasesHasAnEmptyReport) {
  TempDir dir;
  fs::create_directories(dir / "m");
  fs::copy_file(kModel / "model.yaml", dir / "m" / "model.yaml");
  const SelfTestReport report = self_test_model_folder(dir / "m", dir / "scratch");
  EXPECT_TRUE(report.cases.empty());
  EXPECT_FALSE(report.passed());
}

TEST(ModelSelfTestTest, LeadDifferencesAreListedOnePerLine) {
  ComparableLead a{"r", "s1", "标题", {{"in", 2}}};
  ComparableLead b{"r", "s2", std::nullopt, {{"in", 3}}};
  ComparableLead b2{"r", "s2", "别的标题", {{"in", 4}}};
  EXPECT_EQ(diff_leads({a, b}, {b, a}), "");
  const std::string d = diff_leads({a, b}, {b2});
  EXPECT_NE(d.find("- missing:    r | s1"), std::string::npos) << d;
  EXPECT_NE(d.find("~ evidence of r s2"), std::string::npos) << d;
  EXPECT_EQ(d.find("~ title"), std::string::npos) << d;  // b expects no title
}

}  // namespace
}  // namespace shanhai::engine
