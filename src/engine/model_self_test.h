#pragma once
// A model's own data tests (docs/model-tests.md): every tests/<case>/case.yaml of a model
// folder names input files, parameters and the leads the model must produce from them
// (expected.json). The built-in models' tests run them in the test suite
// (tests/unit/engine/builtin_model_data_test.cpp), and installing a model runs them before it
// is recorded (src/package): a model whose cases fail is installed as "unverified".

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/error.h"
#include "engine/run.h"
#include "store/workspace.h"

namespace shanhai::engine {

struct CaseInput {
  std::string input;
  std::string dataset;  // defaults to the input name
  std::filesystem::path file;
  std::string sheet;
  std::vector<std::pair<std::string, std::string>> map;  // field → column
};

// A lead as the cases compare it. Evidence: (input, 1-based source row).
struct ComparableLead {
  std::string rule;
  std::string subject;
  std::optional<std::string> title;  // expected.json may leave a title out
  std::vector<std::pair<std::string, int64_t>> evidence;
};

struct ModelCase {
  std::string name;  // the case folder's name
  std::filesystem::path dir;
  std::string description;
  std::vector<CaseInput> inputs;
  std::vector<std::pair<std::string, std::string>> params;
  std::vector<ComparableLead> expected;
};

// The case folders of a model folder (tests/<case>/ holding case.yaml), in name order.
std::vector<std::filesystem::path> find_model_cases(const std::filesystem::path& model_folder);

// Reads <case_dir>/case.yaml and its expected leads. Errors "model_case.*" name the file: no
// description, no inputs, an input without a file or with one outside the case folder, YAML or
// JSON that does not parse.
Result<ModelCase> load_model_case(const std::filesystem::path& case_dir);

// "Today" for a case that gives no as_of: 2024-06-30, so no case depends on the day it runs.
int32_t model_case_today();

// Imports each input's file as its dataset with the real importer.
Status import_case_inputs(store::Workspace& ws, const ModelCase& c);

// The run of the case: its inputs, field maps and parameters, today fixed, two threads.
RunRequest case_run_request(const ModelCase& c);

template <class Evidence>
std::vector<std::pair<std::string, int64_t>> evidence_rows(const Evidence& evidence) {
  std::vector<std::pair<std::string, int64_t>> out;
  for (const auto& e : evidence) out.emplace_back(e.input, e.row);
  return out;
}

std::vector<ComparableLead> comparable_leads(const std::vector<leads::DetectedLead>& leads);

// Empty when the two sets are equal (titles compared only where expected has one); otherwise
// one line per missing ("- missing"), unexpected ("+ unexpected") or differing ("~") lead.
std::string diff_leads(std::vector<ComparableLead> expected, std::vector<ComparableLead> actual);

struct CaseResult {
  std::string name;
  bool passed = false;
  int64_t expected_leads = 0;
  int64_t produced_leads = 0;
  std::string problem;  // why it failed: an error message or the lead differences
};

struct SelfTestReport {
  std::vector<CaseResult> cases;
  // True when there is at least one case and every case passed.
  bool passed() const;
  // {cases: [{name, passed, expected_leads, produced_leads, problem}], passed}
  nlohmann::json to_json() const;
};

// Runs every case of the model in `model_folder`, each in a fresh workspace under
// `scratch_dir` (never the caller's) with the model installed from the folder. A case that
// cannot be read, imported or run is a failed case with the reason; the report itself always
// comes back.
SelfTestReport self_test_model_folder(const std::filesystem::path& model_folder,
                                      const std::filesystem::path& scratch_dir);

}  // namespace shanhai::engine
