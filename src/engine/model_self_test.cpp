#include "engine/model_self_test.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <sstream>
#include <tuple>

#include <fmt/format.h>

#include "ingest/importer.h"
#include "model/installer.h"

namespace shanhai::engine {

namespace fs = std::filesystem;

namespace {

Error case_error(std::string code, std::string zh, std::string en, const fs::path& file) {
  return Error("model_case." + code, std::move(zh), std::move(en),
               Location::in_file(file.string()));
}

std::string scalar(const YAML::Node& node, const char* key) {
  return node[key] && node[key].IsScalar() ? node[key].as<std::string>() : std::string();
}

// A case's file names a file inside the case folder: relative, no "..".
bool inside(const fs::path& relative) {
  if (relative.empty() || relative.is_absolute()) return false;
  for (const auto& part : relative) {
    if (part == "..") return false;
  }
  return true;
}

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

Result<std::vector<ComparableLead>> read_expected(const fs::path& file) {
  std::ifstream in(file);
  if (!in.good()) {
    return case_error("no_expected", "读不到预期线索文件", "cannot read the expected leads", file);
  }
  try {
    std::vector<ComparableLead> out;
    for (const auto& j : nlohmann::json::parse(in)) {
      ComparableLead l;
      l.rule = j.at("rule").get<std::string>();
      l.subject = j.at("subject").get<std::string>();
      if (j.contains("title")) l.title = j["title"].get<std::string>();
      for (const auto& e : j.at("evidence")) {
        l.evidence.emplace_back(e.at("input").get<std::string>(), e.at("row").get<int64_t>());
      }
      out.push_back(std::move(l));
    }
    return out;
  } catch (const nlohmann::json::exception& e) {
    return case_error("bad_expected", fmt::format("预期线索文件格式有误：{}", e.what()),
                      fmt::format("the expected leads are malformed: {}", e.what()), file);
  }
}

Result<ModelCase> parse_case(const fs::path& case_dir) {
  const fs::path file = case_dir / "case.yaml";
  const YAML::Node doc = YAML::LoadFile(file.string());
  ModelCase c;
  c.name = case_dir.filename().string();
  c.dir = case_dir;
  c.description = scalar(doc, "description");
  if (c.description.empty()) {
    return case_error("no_description", "case.yaml 须有 description（说明该样例检验什么）",
                      "case.yaml needs a description", file);
  }
  if (doc["params"]) {
    for (const auto& p : doc["params"]) {
      c.params.emplace_back(p.first.as<std::string>(), p.second.as<std::string>());
    }
  }
  if (!doc["inputs"] || !doc["inputs"].IsMap()) {
    return case_error("no_inputs", "case.yaml 须有 inputs", "case.yaml needs inputs", file);
  }
  for (const auto& in : doc["inputs"]) {
    CaseInput ci;
    ci.input = in.first.as<std::string>();
    ci.dataset = scalar(in.second, "dataset");
    if (ci.dataset.empty()) ci.dataset = ci.input;
    const fs::path input_file = scalar(in.second, "file");
    if (!inside(input_file)) {
      Location where = Location::in_file(file.string());
      where.value = input_file.string();
      return Error("model_case.bad_file",
                   fmt::format("输入 {} 须给出本样例目录中的文件（file）", ci.input),
                   fmt::format("input {} needs a file inside the case folder", ci.input), where);
    }
    ci.file = case_dir / input_file;
    ci.sheet = scalar(in.second, "sheet");
    if (in.second["map"]) {
      for (const auto& m : in.second["map"]) {
        ci.map.emplace_back(m.first.as<std::string>(), m.second.as<std::string>());
      }
    }
    c.inputs.push_back(std::move(ci));
  }
  const std::string expected = scalar(doc, "expected");
  if (!inside(expected.empty() ? fs::path("expected.json") : fs::path(expected))) {
    return case_error("bad_expected", "预期线索文件须在本样例目录中",
                      "the expected leads must be a file inside the case folder", file);
  }
  auto leads = read_expected(case_dir / (expected.empty() ? "expected.json" : expected));
  if (!leads) return leads.take_error();
  c.expected = std::move(leads.value());
  return c;
}

CaseResult run_case(const fs::path& model_folder, const fs::path& case_dir,
                    const fs::path& scratch) {
  CaseResult result;
  result.name = case_dir.filename().string();
  auto fail = [&](const Error& e) {
    result.problem = e.message();
    return result;
  };
  auto c = load_model_case(case_dir);
  if (!c) return fail(c.error());
  result.expected_leads = static_cast<int64_t>(c->expected.size());
  auto ws = store::Workspace::create(scratch);
  if (!ws) return fail(ws.error());
  auto installed = model::install_model_folder(*ws.value(), model_folder);
  if (!installed) return fail(installed.error());
  if (Status imported = import_case_inputs(*ws.value(), c.value()); !imported) {
    return fail(imported.error());
  }
  RunRequest request = case_run_request(c.value());
  request.record = false;
  request.run_by = "self_test";
  auto outcome = run_model(*ws.value(), installed->model_id, request);
  if (!outcome) return fail(outcome.error());
  result.produced_leads = static_cast<int64_t>(outcome->leads.size());
  result.problem = diff_leads(c->expected, comparable_leads(outcome->leads));
  result.passed = result.problem.empty();
  return result;
}

}  // namespace

std::vector<fs::path> find_model_cases(const fs::path& model_folder) {
  std::vector<fs::path> out;
  std::error_code ec;
  for (const auto& c : fs::directory_iterator(model_folder / "tests", ec)) {
    if (fs::is_regular_file(c.path() / "case.yaml", ec)) out.push_back(c.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

Result<ModelCase> load_model_case(const fs::path& case_dir) {
  try {
    return parse_case(case_dir);
  } catch (const YAML::Exception& e) {
    Location where = Location::in_file((case_dir / "case.yaml").string());
    where.row = e.mark.line + 1;
    where.column = e.mark.column + 1;
    return Error("model_case.yaml", fmt::format("case.yaml 不是有效的样例说明：{}", e.msg),
                 fmt::format("case.yaml is not a valid case: {}", e.msg), where);
  }
}

int32_t model_case_today() {
  using namespace std::chrono;
  return static_cast<int32_t>(sys_days{year{2024} / June / 30}.time_since_epoch().count());
}

Status import_case_inputs(store::Workspace& ws, const ModelCase& c) {
  for (const CaseInput& ci : c.inputs) {
    ingest::ImportRequest req;
    req.file = ci.file;
    req.dataset = ci.dataset;
    req.sheet = ci.sheet;
    auto imported = ingest::import_file(ws, req);
    if (!imported) return imported.take_error();
  }
  return Status::Ok();
}

RunRequest case_run_request(const ModelCase& c) {
  RunRequest r;
  for (const CaseInput& ci : c.inputs) {
    r.inputs.push_back({ci.input, ci.dataset, std::nullopt});
    for (const auto& [field, column] : ci.map) r.fields.push_back({ci.input, field, column});
  }
  r.params = c.params;
  r.run_by = "model_case";
  r.today = model_case_today();
  r.options.threads = 2;
  return r;
}

std::vector<ComparableLead> comparable_leads(const std::vector<leads::DetectedLead>& leads) {
  std::vector<ComparableLead> out;
  for (const leads::DetectedLead& l : leads) {
    out.push_back({l.rule, l.subject, l.title, evidence_rows(l.evidence)});
  }
  return out;
}

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

bool SelfTestReport::passed() const {
  return !cases.empty() &&
         std::all_of(cases.begin(), cases.end(), [](const CaseResult& c) { return c.passed; });
}

nlohmann::json SelfTestReport::to_json() const {
  nlohmann::json list = nlohmann::json::array();
  for (const CaseResult& c : cases) {
    list.push_back({{"name", c.name},
                    {"passed", c.passed},
                    {"expected_leads", c.expected_leads},
                    {"produced_leads", c.produced_leads},
                    {"problem", c.problem}});
  }
  return {{"cases", list}, {"passed", passed()}};
}

SelfTestReport self_test_model_folder(const fs::path& model_folder, const fs::path& scratch_dir) {
  SelfTestReport report;
  int n = 0;
  for (const fs::path& case_dir : find_model_cases(model_folder)) {
    const fs::path scratch = scratch_dir / fmt::format("case-{}", ++n);
    report.cases.push_back(run_case(model_folder, case_dir, scratch));
    std::error_code ec;
    fs::remove_all(scratch, ec);
  }
  return report;
}

}  // namespace shanhai::engine
