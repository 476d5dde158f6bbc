// The built-in models run on their own sample data: every models/<id>/tests/<case>/case.yaml is
// one test. The case's files are imported with the real importer into a fresh workspace, the
// model runs end to end (engine::run_model), and the leads must be exactly those of the case's
// expected.json — rule, subject, title and evidence rows. The recorded leads must be the same,
// and running again must find the same leads and add none. docs/model-tests.md describes the
// format; adding a case needs no C++. Reading cases and comparing leads is
// engine/model_self_test.h, the code that also tests a model when it is installed.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "engine/model_self_test.h"
#include "engine/run.h"
#include "leads/lead_store.h"
#include "model/installer.h"
#include "support/temp_dir.h"

namespace shanhai::engine {
namespace {

namespace fs = std::filesystem;
using shanhai::testing::TempDir;

const fs::path kSource = SHANHAI_SOURCE_DIR;

struct CaseParam {
  std::string model_id;
  std::string name;
  fs::path dir;
};

std::ostream& operator<<(std::ostream& os, const CaseParam& c) {
  return os << c.model_id << "/" << c.name;
}

// Every models/<id>/tests/<case>/case.yaml, in path order.
std::vector<CaseParam> discover_cases() {
  std::vector<CaseParam> out;
  std::error_code ec;
  for (const auto& model : fs::directory_iterator(kSource / "models", ec)) {
    for (const fs::path& c : find_model_cases(model.path())) {
      out.push_back({model.path().filename().string(), c.filename().string(), c});
    }
  }
  std::sort(out.begin(), out.end(), [](const CaseParam& a, const CaseParam& b) {
    return std::tie(a.model_id, a.name) < std::tie(b.model_id, b.name);
  });
  return out;
}

class BuiltinModelDataTest : public ::testing::TestWithParam<CaseParam> {
 protected:
  void SetUp() override {
    const CaseParam& c = GetParam();
    auto loaded = load_model_case(c.dir);
    ASSERT_TRUE(loaded.ok()) << loaded.error().message();
    case_ = std::move(loaded.value());
    ws_ = store::Workspace::create(dir_ / "ws").value();
    auto installed = model::install_model_folder(*ws_, kSource / "models" / c.model_id, true);
    ASSERT_TRUE(installed.ok()) << installed.error().message();
    Status imported = import_case_inputs(*ws_, case_);
    ASSERT_TRUE(imported.ok()) << imported.error().message();
  }

  RunRequest request() const {
    RunRequest r = case_run_request(case_);
    r.run_by = "builtin_model_data_test";
    return r;
  }

  // The evidence names the case's own files: the source of a row of input X is X's file.
  void expect_sources(const std::vector<leads::EvidenceRow>& evidence) const {
    for (const auto& e : evidence) {
      auto it = std::find_if(case_.inputs.begin(), case_.inputs.end(),
                             [&](const CaseInput& ci) { return ci.input == e.input; });
      ASSERT_NE(it, case_.inputs.end())
          << "evidence from an input the case does not give: " << e.input;
      EXPECT_EQ(e.dataset, it->dataset);
      EXPECT_EQ(fs::path(e.source).filename(), it->file.filename()) << e.source;
    }
  }

  TempDir dir_;
  std::unique_ptr<store::Workspace> ws_;
  ModelCase case_;
};

TEST_P(BuiltinModelDataTest, ProducesExactlyTheExpectedLeads) {
  const CaseParam& c = GetParam();
  auto first = run_model(*ws_, c.model_id, request());
  ASSERT_TRUE(first.ok()) << first.error().message();

  const std::vector<ComparableLead> actual = comparable_leads(first.value().leads);
  for (const leads::DetectedLead& l : first.value().leads) {
    expect_sources(l.evidence);
    // Names and id numbers in titles and subjects are masked in the list forms.
    EXPECT_FALSE(l.title_masked.empty()) << l.title;
    if (c.model_id == "dui-licence-not-revoked") {
      EXPECT_NE(l.title_masked, l.title);
      EXPECT_NE(l.subject_masked, l.subject);
      EXPECT_NE(l.subject_masked.find("**********"), std::string::npos) << l.subject_masked;
    }
  }
  const std::string diff = diff_leads(case_.expected, actual);
  EXPECT_TRUE(diff.empty()) << "leads of " << c << " differ from " << (c.dir / "expected.json")
                            << " (- expected only, + produced only, ~ different):\n"
                            << diff;

  // What the run recorded in the workspace is the same set, all detected and new.
  auto recorded = leads::list_leads(*ws_, c.model_id);
  ASSERT_TRUE(recorded.ok()) << recorded.error().message();
  std::vector<ComparableLead> stored;
  std::set<std::string> fingerprints;
  for (const leads::Lead& l : recorded.value()) {
    EXPECT_TRUE(l.detected) << l.subject;
    EXPECT_EQ(l.status, "new") << l.subject;
    stored.push_back({l.rule, l.subject, l.title, evidence_rows(l.evidence)});
    fingerprints.insert(l.fingerprint);
  }
  const std::string stored_diff = diff_leads(actual, stored);
  EXPECT_TRUE(stored_diff.empty()) << "recorded leads differ from the run's (- run, + recorded):\n"
                                   << stored_diff;
  EXPECT_EQ(first.value().summary.total, static_cast<int64_t>(case_.expected.size()));
  EXPECT_EQ(first.value().summary.added, static_cast<int64_t>(case_.expected.size()));

  // Running again on the same data is idempotent: the same leads, none added, none vanished.
  auto second = run_model(*ws_, c.model_id, request());
  ASSERT_TRUE(second.ok()) << second.error().message();
  EXPECT_EQ(second.value().summary.total, first.value().summary.total);
  EXPECT_EQ(second.value().summary.added, 0);
  EXPECT_EQ(second.value().summary.vanished, 0);
  EXPECT_NE(second.value().summary.run_id, first.value().summary.run_id);
  auto again = leads::list_leads(*ws_, c.model_id);
  ASSERT_TRUE(again.ok()) << again.error().message();
  std::set<std::string> fingerprints_again;
  for (const leads::Lead& l : again.value()) fingerprints_again.insert(l.fingerprint);
  EXPECT_EQ(fingerprints_again, fingerprints);
}

TEST(BuiltinModelDataCasesTest, EveryBuiltinModelHasABasicCase) {
  std::set<std::string> with_basic;
  for (const CaseParam& c : discover_cases()) {
    if (c.name == "basic") with_basic.insert(c.model_id);
  }
  for (const auto& model : fs::directory_iterator(kSource / "models")) {
    if (!model.is_directory()) continue;
    EXPECT_TRUE(with_basic.count(model.path().filename().string()))
        << model.path().filename() << " has no tests/basic/case.yaml";
  }
}

std::string case_test_name(const ::testing::TestParamInfo<CaseParam>& info) {
  std::string name = info.param.model_id + "_" + info.param.name;
  for (char& ch : name) {
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(Cases, BuiltinModelDataTest, ::testing::ValuesIn(discover_cases()),
                         case_test_name);

}  // namespace
}  // namespace shanhai::engine
