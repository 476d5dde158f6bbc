// The built-in models run on their own sample data: every models/<id>/tests/<case>/case.yaml is
// one test. The case's files are imported with the real importer into a fresh workspace, the
// model runs end to end (engine::run_model), and the leads must be exactly those of the case's
// expected.json — rule, subject, title and evidence rows. The recorded leads must be the same,
// and running again must find the same leads and add none. docs/model-tests.md describes the
// format; adding a case needs no C++.
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/run.h"
#include "ingest/importer.h"
#include "leads/lead_store.h"
#include "model/installer.h"
#include "support/temp_dir.h"

namespace shanhai::engine {
namespace {

namespace fs = std::filesystem;
using shanhai::testing::TempDir;

const fs::path kSource = SHANHAI_SOURCE_DIR;

// "Today" for a run whose case gives no as_of: fixed, so that no case depends on the day the
// tests run.
int32_t fixed_today() {
  using namespace std::chrono;
  return static_cast<int32_t>(sys_days{year{2024} / June / 30}.time_since_epoch().count());
}

struct CaseInput {
  std::string input;
  std::string dataset;  // defaults to the input name
  fs::path file;
  std::string sheet;
  std::vector<std::pair<std::string, std::string>> map;  // field → column
};

struct ModelCase {
  std::string model_id;
  std::string name;
  fs::path dir;
};

std::ostream& operator<<(std::ostream& os, const ModelCase& c) {
  return os << c.model_id << "/" << c.name;
}

// Every models/<id>/tests/<case>/case.yaml, in path order.
std::vector<ModelCase> discover_cases() {
  std::vector<ModelCase> out;
  std::error_code ec;
  for (const auto& model : fs::directory_iterator(kSource / "models", ec)) {
    const fs::path tests = model.path() / "tests";
    if (!fs::is_directory(tests)) continue;
    for (const auto& c : fs::directory_iterator(tests)) {
      if (fs::is_regular_file(c.path() / "case.yaml")) {
        out.push_back({model.path().filename().string(), c.path().filename().string(), c.path()});
      }
    }
  }
  std::sort(out.begin(), out.end(), [](const ModelCase& a, const ModelCase& b) {
    return std::tie(a.model_id, a.name) < std::tie(b.model_id, b.name);
  });
  return out;
}

// A lead as the tests compare it. Evidence: (input, 1-based source row), sorted.
struct ComparableLead {
  std::string rule;
  std::string subject;
  std::optional<std::string> title;  // expected.json may leave a title out
  std::vector<std::pair<std::string, int64_t>> evidence;
};

std::string describe(const ComparableLead& l) {
  std::ostringstream os;
  os << l.rule << " | " << l.subject << " | " << (l.title ? *l.title : "(title not compared)")
     << " | evidence";
  for (const auto& [input, row] : l.evidence) os << " " << input << ":" << row;
  return os.str();
}

void sort_leads(std::vector<ComparableLead>& leads) {
  for (auto& l : leads) std::sort(l.evidence.begin(), l.evidence.end());
  std::sort(leads.begin(), leads.end(), [](const ComparableLead& a, const ComparableLead& b) {
    return std::tie(a.rule, a.subject) < std::tie(b.rule, b.subject);
  });
}

template <typename Evidence>
std::vector<std::pair<std::string, int64_t>> evidence_rows(const Evidence& evidence) {
  std::vector<std::pair<std::string, int64_t>> out;
  for (const auto& e : evidence) out.emplace_back(e.input, e.row);
  return out;
}

// Empty when equal; otherwise one line per missing, unexpected or differing lead.
std::string diff_leads(std::vector<ComparableLead> expected, std::vector<ComparableLead> actual) {
  sort_leads(expected);
  sort_leads(actual);
  std::ostringstream os;
  size_t i = 0, j = 0;
  while (i < expected.size() || j < actual.size()) {
    const bool take_expected =
        j == actual.size() ||
        (i < expected.size() && std::tie(expected[i].rule, expected[i].subject) <
                                    std::tie(actual[j].rule, actual[j].subject));
    const bool take_actual =
        i == expected.size() ||
        (j < actual.size() && std::tie(actual[j].rule, actual[j].subject) <
                                  std::tie(expected[i].rule, expected[i].subject));
    if (take_expected) {
      os << "  - missing:    " << describe(expected[i++]) << "\n";
    } else if (take_actual) {
      os << "  + unexpected: " << describe(actual[j++]) << "\n";
    } else {
      const ComparableLead& e = expected[i++];
      const ComparableLead& a = actual[j++];
      if (e.title && a.title != e.title) {
        os << "  ~ title of " << e.rule << " " << e.subject << "\n      expected: " << *e.title
           << "\n      actual:   " << a.title.value_or("") << "\n";
      }
      if (e.evidence != a.evidence) {
        os << "  ~ evidence of " << e.rule << " " << e.subject
           << "\n      expected: " << describe(e) << "\n      actual:   " << describe(a) << "\n";
      }
    }
  }
  return os.str();
}

std::string scalar(const YAML::Node& node, const char* key) {
  return node[key] ? node[key].as<std::string>() : std::string();
}

class BuiltinModelDataTest : public ::testing::TestWithParam<ModelCase> {
 protected:
  void SetUp() override {
    const ModelCase& c = GetParam();
    const YAML::Node doc = YAML::LoadFile((c.dir / "case.yaml").string());
    ASSERT_FALSE(scalar(doc, "description").empty()) << "case.yaml needs a description";
    if (doc["params"]) {
      for (const auto& p : doc["params"]) {
        params_.emplace_back(p.first.as<std::string>(), p.second.as<std::string>());
      }
    }
    ASSERT_TRUE(doc["inputs"] && doc["inputs"].IsMap()) << "case.yaml needs inputs";
    for (const auto& in : doc["inputs"]) {
      CaseInput ci;
      ci.input = in.first.as<std::string>();
      ci.dataset = scalar(in.second, "dataset");
      if (ci.dataset.empty()) ci.dataset = ci.input;
      ASSERT_FALSE(scalar(in.second, "file").empty()) << "input " << ci.input << " needs a file";
      ci.file = c.dir / scalar(in.second, "file");
      ci.sheet = scalar(in.second, "sheet");
      if (in.second["map"]) {
        for (const auto& m : in.second["map"]) {
          ci.map.emplace_back(m.first.as<std::string>(), m.second.as<std::string>());
        }
      }
      inputs_.push_back(std::move(ci));
    }
    const std::string expected_file = scalar(doc, "expected");
    std::ifstream in(c.dir / (expected_file.empty() ? "expected.json" : expected_file));
    ASSERT_TRUE(in.good()) << "cannot read the expected leads of " << c;
    for (const auto& j : nlohmann::json::parse(in)) {
      ComparableLead l;
      l.rule = j.at("rule").get<std::string>();
      l.subject = j.at("subject").get<std::string>();
      if (j.contains("title")) l.title = j["title"].get<std::string>();
      for (const auto& e : j.at("evidence")) {
        l.evidence.emplace_back(e.at("input").get<std::string>(), e.at("row").get<int64_t>());
      }
      expected_.push_back(std::move(l));
    }

    ws_ = store::Workspace::create(dir_ / "ws").value();
    auto installed = model::install_model_folder(*ws_, kSource / "models" / c.model_id, true);
    ASSERT_TRUE(installed.ok()) << installed.error().message();
    for (const CaseInput& ci : inputs_) {
      ingest::ImportRequest req;
      req.file = ci.file;
      req.dataset = ci.dataset;
      req.sheet = ci.sheet;
      auto imported = ingest::import_file(*ws_, req);
      ASSERT_TRUE(imported.ok()) << imported.error().message();
    }
  }

  RunRequest request() const {
    RunRequest r;
    for (const CaseInput& ci : inputs_) {
      r.inputs.push_back({ci.input, ci.dataset, std::nullopt});
      for (const auto& [field, column] : ci.map) r.fields.push_back({ci.input, field, column});
    }
    r.params = params_;
    r.run_by = "builtin_model_data_test";
    r.today = fixed_today();
    r.options.threads = 2;
    return r;
  }

  // The evidence names the case's own files: the source of a row of input X is X's file.
  void expect_sources(const std::vector<leads::EvidenceRow>& evidence) const {
    for (const auto& e : evidence) {
      auto it = std::find_if(inputs_.begin(), inputs_.end(),
                             [&](const CaseInput& ci) { return ci.input == e.input; });
      ASSERT_NE(it, inputs_.end()) << "evidence from an input the case does not give: " << e.input;
      EXPECT_EQ(e.dataset, it->dataset);
      EXPECT_EQ(fs::path(e.source).filename(), it->file.filename()) << e.source;
    }
  }

  TempDir dir_;
  std::unique_ptr<store::Workspace> ws_;
  std::vector<CaseInput> inputs_;
  std::vector<std::pair<std::string, std::string>> params_;
  std::vector<ComparableLead> expected_;
};

TEST_P(BuiltinModelDataTest, ProducesExactlyTheExpectedLeads) {
  const ModelCase& c = GetParam();
  auto first = run_model(*ws_, c.model_id, request());
  ASSERT_TRUE(first.ok()) << first.error().message();

  std::vector<ComparableLead> actual;
  for (const leads::DetectedLead& l : first.value().leads) {
    actual.push_back({l.rule, l.subject, l.title, evidence_rows(l.evidence)});
    expect_sources(l.evidence);
  }
  const std::string diff = diff_leads(expected_, actual);
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
  EXPECT_EQ(first.value().summary.total, static_cast<int64_t>(expected_.size()));
  EXPECT_EQ(first.value().summary.added, static_cast<int64_t>(expected_.size()));

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
  for (const ModelCase& c : discover_cases()) {
    if (c.name == "basic") with_basic.insert(c.model_id);
  }
  for (const auto& model : fs::directory_iterator(kSource / "models")) {
    if (!model.is_directory()) continue;
    EXPECT_TRUE(with_basic.count(model.path().filename().string()))
        << model.path().filename() << " has no tests/basic/case.yaml";
  }
}

std::string case_test_name(const ::testing::TestParamInfo<ModelCase>& info) {
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
