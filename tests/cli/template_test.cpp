// Element templates (要素模版) and mapping suggestions as a procurator meets them, through the real
// binary: `shanhai model template` writes the template, the test fills it with a built-in model's
// own sample rows (libxlsxwriter), `shanhai run --template` imports and binds it and must find
// exactly the model's expected leads; bad templates are refused in Chinese and English, naming
// the sheet, row and column, with the workspace unchanged; `shanhai suggest-mapping` proposes
// columns for local headers.
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "ingest/importer.h"
#include "ingest/xlsx_reader.h"
#include "model/spec_loader.h"
#include "store/catalog.h"
#include "store/dataset_version.h"
#include "support/process.h"
#include "support/recording_sink.h"
#include "support/temp_dir.h"
#include "support/workspace_snapshot.h"
#include "support/xlsx_fixture.h"

namespace shanhai {
namespace {

namespace fs = std::filesystem;
using namespace shanhai::testing;

const fs::path kModels = fs::path(SHANHAI_SOURCE_DIR) / "models";

// The rows of every sheet of a workbook, as the reader emits them.
std::map<std::string, std::vector<RecordedRow>> read_workbook(const fs::path& file) {
  std::map<std::string, std::vector<RecordedRow>> out;
  auto names = ingest::xlsx_sheet_names(file, file.string());
  EXPECT_TRUE(names.ok()) << names.error().message();
  if (!names.ok()) return out;
  for (const std::string& name : names.value()) {
    RecordingGrid grid;
    std::string chosen;
    Status s = ingest::read_xlsx(file, file.string(), name, grid, &chosen, {});
    EXPECT_TRUE(s.ok()) << s.error().message();
    out[name] = grid.rows;
  }
  return out;
}

std::vector<std::string> sheet_order(const fs::path& file) {
  auto names = ingest::xlsx_sheet_names(file, file.string());
  return names.ok() ? names.value() : std::vector<std::string>{};
}

std::string scalar(const YAML::Node& node, const char* key) {
  return node[key] ? node[key].as<std::string>() : std::string();
}

// One input of a model test case, read as the model sees it: for each field, the raw text of
// the column bound to it (by the case's map, the field's name or its label; "" when unbound),
// and the source row of every dataset row.
struct CaseInput {
  std::string input;
  std::map<std::string, std::vector<std::string>> values;  // field → raw values
  std::vector<int64_t> source_rows;
};

struct ModelCase {
  std::string model_id, name;
  fs::path dir;
};

std::vector<ModelCase> every_case() {
  std::vector<ModelCase> out;
  for (const auto& model : fs::directory_iterator(kModels)) {
    const fs::path tests = model.path() / "tests";
    if (!fs::is_directory(tests)) continue;
    for (const auto& c : fs::directory_iterator(tests)) {
      if (fs::is_regular_file(c.path() / "case.yaml")) {
        out.push_back({model.path().filename().string(), c.path().filename().string(), c.path()});
      }
    }
  }
  std::sort(out.begin(), out.end(), [](const ModelCase& a, const ModelCase& b) {
    return a.model_id + "/" + a.name < b.model_id + "/" + b.name;
  });
  return out;
}

class TemplateCliTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_EQ(run({"init", ws()}).exit_code, 0); }
  ProcessResult run(const std::vector<std::string>& args) {
    return run_shanhai(args, dir_.path(), "");
  }
  std::string ws() const { return (dir_ / "ws").string(); }
  fs::path path(const std::string& name) const { return dir_ / name; }

  // Writes the model's template with the CLI and returns its sheets.
  std::map<std::string, std::vector<RecordedRow>> export_template(const std::string& model,
                                                                  const fs::path& out) {
    auto r = run({"model", "template", ws(), model, "--out", out.string()});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("--template"), std::string::npos) << r.out;
    return read_workbook(out);
  }

  // The case's inputs as the model sees them (imported into a scratch workspace).
  std::vector<CaseInput> case_inputs(const ModelCase& c, std::vector<std::string>* params) {
    const YAML::Node doc = YAML::LoadFile((c.dir / "case.yaml").string());
    if (doc["params"]) {
      for (const auto& p : doc["params"]) {
        params->push_back(p.first.as<std::string>() + "=" + p.second.as<std::string>());
      }
    }
    auto spec = model::load_spec_file(kModels / c.model_id / "model.yaml");
    EXPECT_TRUE(spec.ok()) << spec.error().message();
    auto created = store::Workspace::create(dir_ / ("scratch-" + c.model_id + "-" + c.name));
    EXPECT_TRUE(created.ok()) << created.error().message();
    if (!created.ok()) return {};
    auto scratch = std::move(created.value());
    std::vector<CaseInput> out;
    for (const model::Input& in : spec->inputs) {
      const YAML::Node node = doc["inputs"][in.name.text];
      EXPECT_TRUE(node) << c.model_id << "/" << c.name << " has no input " << in.name.text;
      ingest::ImportRequest req;
      req.file = c.dir / scalar(node, "file");
      req.dataset = in.name.text;
      req.sheet = scalar(node, "sheet");
      auto imported = ingest::import_file(*scratch, req);
      EXPECT_TRUE(imported.ok()) << imported.error().message();
      auto info = store::find_version(*scratch, in.name.text);
      auto version = store::DatasetVersion::open(*scratch, info.value()).value();
      CaseInput ci{in.name.text, {}, {}};
      auto rows = version.row_numbers().value();
      for (uint64_t r = 0; r < rows.size(); ++r) ci.source_rows.push_back(rows.at(r));
      for (const model::Field& f : in.fields) {
        std::string column = node["map"] ? scalar(node["map"], f.name.text.c_str()) : "";
        std::optional<size_t> ordinal;
        for (size_t k = 0; k < info->columns.size(); ++k) {
          const std::string& name = info->columns[k].name;
          if (column.empty() ? (name == f.name.text || name == f.label) : name == column) {
            if (!ordinal || name == f.name.text) ordinal = k;
          }
        }
        auto& values = ci.values[f.name.text];
        if (!ordinal) {
          EXPECT_FALSE(f.required) << f.name.text;
          values.assign(ci.source_rows.size(), "");
          continue;
        }
        auto raw = version.raw(*ordinal).value();
        for (uint64_t r = 0; r < raw.size(); ++r) values.emplace_back(raw.at(r));
      }
      out.push_back(std::move(ci));
    }
    return out;
  }

  // The template filled with the case's rows: the template's rows 1 and 2, then one row per
  // dataset row (row i of the dataset is row i + 3). The 说明 sheet is kept.
  void fill(const std::map<std::string, std::vector<RecordedRow>>& tmpl,
            const std::vector<std::string>& order, const std::vector<CaseInput>& inputs,
            const fs::path& out) {
    const auto guide = tmpl.at("说明");
    std::vector<XlsxSheet> sheets;
    for (const std::string& name : order) {
      XlsxSheet s{name, {}, {}};
      for (const RecordedRow& r : tmpl.at(name)) {
        std::vector<XlsxCell> row;
        for (const auto& c : r.cells) row.emplace_back(c);
        s.rows.resize(static_cast<size_t>(r.source_row));
        s.rows.back() = row;
      }
      sheets.push_back(std::move(s));
    }
    // Which input each sheet is: the guide lists sheet, input, "label（field）" per field.
    std::map<std::string, std::string> input_of;
    std::map<std::string, std::map<std::string, std::string>> field_of;  // sheet → header → field
    for (const RecordedRow& r : guide) {
      if (r.cells.size() < 3 || !tmpl.count(r.cells[0]) || r.cells[0] == "说明") continue;
      input_of[r.cells[0]] = r.cells[1];
      const std::string& f = r.cells[2];
      const size_t open = f.rfind("（");
      field_of[r.cells[0]][f.substr(0, open)] = f.substr(open + 3, f.size() - open - 6);
    }
    for (XlsxSheet& s : sheets) {
      if (s.name == "说明") continue;
      ASSERT_TRUE(input_of.count(s.name)) << s.name;
      const auto in = std::find_if(inputs.begin(), inputs.end(),
                                   [&](const CaseInput& c) { return c.input == input_of[s.name]; });
      ASSERT_NE(in, inputs.end());
      const RecordedRow& header = tmpl.at(s.name).front();
      for (size_t r = 0; r < in->source_rows.size(); ++r) {
        std::vector<XlsxCell> row;
        for (const std::string& h : header.cells) {
          const std::string& field = field_of[s.name].at(h);
          row.emplace_back(in->values.at(field).at(r));
        }
        s.rows.push_back(std::move(row));
      }
    }
    write_xlsx(out, sheets);
  }

  TempDir dir_;
};

TEST_F(TemplateCliTest, TemplateHasAGuideAndASheetPerInputWithLabelsAndElements) {
  const auto sheets = export_template("admin-penalty-enforcement", path("t.xlsx"));
  EXPECT_EQ(sheet_order(path("t.xlsx")),
            (std::vector<std::string>{"说明", "行政处罚决定", "罚款缴纳记录", "法院强制执行申请"}));
  const auto& penalties = sheets.at("行政处罚决定");
  ASSERT_GE(penalties.size(), 2u);
  EXPECT_EQ(penalties[0].source_row, 1);
  EXPECT_EQ(penalties[0].cells, (std::vector<std::string>{"决定书文号", "当事人", "当事人证件号码",
                                                          "罚款金额", "决定日期", "执法机关"}));
  EXPECT_EQ(penalties[1].source_row, 2);
  EXPECT_EQ(penalties[1].cells[0],
            "【必填】案号：法院案号或行政文书文号，如(2023)浙0106刑初123号、杭西环罚〔2023〕3号");
  EXPECT_EQ(penalties[1].cells[1], "【选填】文本：照原文填写");
  EXPECT_EQ(penalties[1].cells[3],
            "【必填】金额：单位为元，可写作5000、5,000.00、伍仟元整或0.5万元");
  EXPECT_EQ(penalties.size(), 2u) << "no data rows in an empty template";
}

TEST_F(TemplateCliTest, EveryBuiltinModelCaseRoundTripsThroughItsTemplate) {
  const std::vector<ModelCase> cases = every_case();
  ASSERT_GE(cases.size(), 3u);
  std::set<std::string> models;
  for (const ModelCase& c : cases) {
    SCOPED_TRACE(c.model_id + "/" + c.name);
    models.insert(c.model_id);
    const fs::path tmpl = path(c.model_id + "-" + c.name + ".xlsx");
    const auto sheets = export_template(c.model_id, tmpl);
    std::vector<std::string> params;
    const std::vector<CaseInput> inputs = case_inputs(c, &params);
    const fs::path filled = path(c.model_id + "-" + c.name + "-filled.xlsx");
    fill(sheets, sheet_order(tmpl), inputs, filled);

    const std::string prefix = c.model_id + "-" + c.name;
    std::vector<std::string> args = {
        "run",  ws(),    c.model_id, "--template", filled.string(), "--dataset-prefix",
        prefix, "--json"};
    for (const auto& p : params) {
      args.push_back("--param");
      args.push_back(p);
    }
    auto r = run(args);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto j = nlohmann::json::parse(r.out);
    for (const auto& in : j["template"]["inputs"]) {
      EXPECT_EQ(in["element_row"], 2) << in.dump();
      EXPECT_EQ(in["dataset"], prefix + "." + in["input"].get<std::string>());
    }
    EXPECT_EQ(j["template"]["ignored_sheets"], nlohmann::json::array({"说明"}));

    // The leads of this run, compared with expected.json; evidence row N of the case's file is
    // the template row of the dataset row that came from it.
    std::map<std::string, std::map<int64_t, int64_t>> row_in_template;
    for (const CaseInput& in : inputs) {
      for (size_t i = 0; i < in.source_rows.size(); ++i) {
        row_in_template[in.input][in.source_rows[i]] = static_cast<int64_t>(i) + 3;
      }
    }
    std::ifstream expected_file(c.dir / "expected.json");
    std::set<std::string> expected, actual;
    for (const auto& l : nlohmann::json::parse(expected_file)) {
      std::set<std::string> evidence;
      for (const auto& e : l["evidence"]) {
        const std::string input = e["input"];
        evidence.insert(input + ":" +
                        std::to_string(row_in_template[input].at(e["row"].get<int64_t>())));
      }
      std::string key = l["rule"].get<std::string>() + " | " + l["subject"].get<std::string>() +
                        " | " + l.value("title", std::string());
      for (const auto& e : evidence) key += " " + e;
      expected.insert(key);
    }
    auto leads = run({"leads", ws(), "--model", c.model_id, "--format", "json"});
    ASSERT_EQ(leads.exit_code, 0) << leads.err;
    for (const auto& l : nlohmann::json::parse(leads.out)) {
      if (!l["detected"].get<bool>()) continue;  // an earlier case's lead, no longer detected
      std::set<std::string> evidence;
      for (const auto& e : l["evidence"]) {
        EXPECT_EQ(e["source"], filled.string());
        EXPECT_EQ(e["dataset"], prefix + "." + e["input"].get<std::string>());
        evidence.insert(e["input"].get<std::string>() + ":" +
                        std::to_string(e["row"].get<int64_t>()));
      }
      std::string key = l["rule"].get<std::string>() + " | " + l["subject"].get<std::string>() +
                        " | " + l["title"].get<std::string>();
      for (const auto& e : evidence) key += " " + e;
      actual.insert(key);
    }
    EXPECT_FALSE(expected.empty());
    EXPECT_EQ(actual, expected);
  }
  for (const auto& model : fs::directory_iterator(kModels)) {
    if (!model.is_directory()) continue;
    EXPECT_TRUE(models.count(model.path().filename().string())) << model.path();
  }
}

// A filled penalty template: one overdue, unpaid, unenforced fine (a lead with as_of 2024-06-30).
std::vector<XlsxSheet> filled_penalty_template(
    const std::map<std::string, std::vector<RecordedRow>>& t,
    const std::vector<std::string>& order) {
  std::vector<XlsxSheet> book;
  for (const std::string& name : order) {
    XlsxSheet s{name, {}, {}};
    for (const RecordedRow& r : t.at(name)) {
      s.rows.resize(static_cast<size_t>(r.source_row));
      for (const auto& c : r.cells) s.rows.back().emplace_back(c);
    }
    book.push_back(std::move(s));
  }
  for (XlsxSheet& s : book) {
    if (s.name == "行政处罚决定") {
      s.rows.push_back({std::string("杭西环罚〔2023〕3号"), std::string("杭州某某化工有限公司"),
                        std::string("91330106MA27XY123U"), std::string("伍万元"),
                        std::string("2023年1月31日"), std::string("杭州市西湖区生态环境分局")});
    }
  }
  return book;
}

XlsxSheet& sheet_named(std::vector<XlsxSheet>& book, const std::string& name) {
  for (XlsxSheet& s : book) {
    if (s.name == name) return s;
  }
  throw std::runtime_error("no sheet " + name);
}

TEST_F(TemplateCliTest, AFilledTemplateRunsAndRunningItAgainAddsVersions) {
  const auto t = export_template("admin-penalty-enforcement", path("t.xlsx"));
  write_xlsx(path("filled.xlsx"), filled_penalty_template(t, sheet_order(path("t.xlsx"))));
  const std::vector<std::string> args = {"run",
                                         ws(),
                                         "admin-penalty-enforcement",
                                         "--template",
                                         path("filled.xlsx").string(),
                                         "--param",
                                         "as_of=2024-06-30"};
  auto r = run(args);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("工作表 sheet “行政处罚决定” → 数据集 dataset "
                       "admin-penalty-enforcement.penalties@1：1 行 rows"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("跳过第 2 行要素说明"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("忽略工作表 ignored sheet “说明”"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("检出 1 条线索"), std::string::npos) << r.out;
  auto again = run(args);
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find("admin-penalty-enforcement.penalties@2"), std::string::npos);
  EXPECT_NE(again.out.find("新增 0 条"), std::string::npos) << again.out;
  // The import report of the sheet names the skipped element row.
  auto ds = run({"datasets", ws(), "--json"});
  ASSERT_EQ(ds.exit_code, 0);
  EXPECT_NE(ds.out.find("admin-penalty-enforcement.applications"), std::string::npos);
}

TEST_F(TemplateCliTest, BadTemplatesAreRefusedAndTheWorkspaceIsUnchanged) {
  const auto t = export_template("admin-penalty-enforcement", path("t.xlsx"));
  const auto good = filled_penalty_template(t, sheet_order(path("t.xlsx")));
  struct Bad {
    std::string name;
    std::function<void(std::vector<XlsxSheet>&)> change;
    std::vector<std::string> words;  // in the message
  };
  const std::vector<Bad> bad = {
      {"missing-sheet",
       [](auto& b) {
         std::erase_if(b, [](const XlsxSheet& s) { return s.name == "法院强制执行申请"; });
       },
       {"法院强制执行申请", "工作表", "说明、行政处罚决定、罚款缴纳记录"}},
      {"missing-column",
       [](auto& b) {
         for (auto& r : sheet_named(b, "罚款缴纳记录").rows) r.erase(r.begin() + 1);
       },
       {"缺少必填字段“缴款人证件号码”", "工作表 罚款缴纳记录", "第 1 行"}},
      {"renamed-header",
       [](auto& b) { sheet_named(b, "行政处罚决定").rows[0][3] = std::string("罚款金额（元）"); },
       {"表头“罚款金额（元）”不是模版中的字段名称，应为“罚款金额”", "工作表 行政处罚决定",
        "第 1 行", "第 4 列"}},
      {"element-row",
       [](auto& b) {
         sheet_named(b, "行政处罚决定").rows[1][0] = std::string("杭西环罚〔2023〕1号");
       },
       {"第 2 行是要素说明行", "第 2 行", "第 1 列"}},
  };
  for (const Bad& b : bad) {
    SCOPED_TRACE(b.name);
    auto book = good;
    b.change(book);
    const fs::path file = path(b.name + ".xlsx");
    write_xlsx(file, book);
    WorkspaceSnapshot before;
    {
      auto w = store::Workspace::open(ws()).value();
      before = snapshot(*w);
    }
    auto r = run({"run", ws(), "admin-penalty-enforcement", "--template", file.string(), "--param",
                  "as_of=2024-06-30"});
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_EQ(r.err.rfind("错误：", 0), 0u) << r.err;
    EXPECT_NE(r.err.find("\nError: "), std::string::npos) << r.err;
    EXPECT_NE(r.err.find(file.string()), std::string::npos) << r.err;
    for (const auto& w : b.words) EXPECT_NE(r.err.find(w), std::string::npos) << w << "\n" << r.err;
    auto w = store::Workspace::open(ws()).value();
    EXPECT_EQ(snapshot(*w), before);
  }
  // A run refused for its parameters imports nothing either.
  write_xlsx(path("good.xlsx"), good);
  auto r = run({"run", ws(), "admin-penalty-enforcement", "--template", path("good.xlsx").string(),
                "--param", "as_of=不是日期"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  auto w = store::Workspace::open(ws()).value();
  EXPECT_TRUE(snapshot(*w).versions.empty());
}

TEST_F(TemplateCliTest, TemplateOptionsAreExclusiveAndExplained) {
  EXPECT_EQ(run({"run", ws(), "admin-penalty-enforcement", "--template", "t.xlsx", "--input",
                 "penalties=x"})
                .exit_code,
            2);
  EXPECT_EQ(run({"run", ws(), "admin-penalty-enforcement", "--template", "t.xlsx", "--map",
                 "penalties.amount=x"})
                .exit_code,
            2);
  EXPECT_EQ(run({"run", ws(), "admin-penalty-enforcement", "--dataset-prefix", "p"}).exit_code, 2);
  // A dry run leaves the workspace as it was; a template is imported as datasets: not together.
  const auto dry =
      run({"run", ws(), "admin-penalty-enforcement", "--template", "t.xlsx", "--dry-run"});
  EXPECT_EQ(dry.exit_code, 2);
  EXPECT_NE(dry.err.find("--dry-run"), std::string::npos) << dry.err;
  auto help = run({"model", "template", "--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("要素模版"), std::string::npos) << help.out;
  EXPECT_NE(help.out.find("--out"), std::string::npos);
  help = run({"run", "--help"});
  EXPECT_NE(help.out.find("--template"), std::string::npos);
  EXPECT_NE(help.out.find("--dataset-prefix"), std::string::npos);
  help = run({"suggest-mapping", "--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("置信度"), std::string::npos) << help.out;
  auto missing = run(
      {"model", "template", ws(), "admin-penalty-enforcment", "--out", path("x.xlsx").string()});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("admin-penalty-enforcement"), std::string::npos) << missing.err;
  EXPECT_FALSE(fs::exists(path("x.xlsx")));
}

TEST_F(TemplateCliTest, SuggestMappingForLocalHeaders) {
  std::ofstream(path("本地.csv"))
      << "序号,当事人名称,证件号码,处罚决定书文号,罚款金额（元）,决定日期,列7\n"
         "1,张三,11010119900307002X,杭西环罚〔2023〕3号,5000,2023-01-31,杭州市西湖区城市管理局\n"
         "2,李四,330106198506120031,杭西环罚〔2023〕4号,伍仟元整,2023-02-01,"
         "杭州市西湖区城市管理局\n";
  ASSERT_EQ(run({"import", ws(), "本地处罚台账", path("本地.csv").string()}).exit_code, 0);
  auto r = run({"suggest-mapping", ws(), "admin-penalty-enforcement", "--input",
                "penalties=本地处罚台账", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["model"], "admin-penalty-enforcement");
  std::map<std::string, nlohmann::json> f;
  for (const auto& x : j["inputs"][0]["fields"]) f[x["name"]] = x;
  EXPECT_EQ(f["decision_no"]["column"], "处罚决定书文号");
  EXPECT_EQ(f["party_name"]["column"], "当事人名称");
  EXPECT_EQ(f["party_id"]["column"], "证件号码");
  EXPECT_EQ(f["amount"]["column"], "罚款金额（元）");
  EXPECT_EQ(f["decision_date"]["column"], "决定日期");
  EXPECT_EQ(f["agency"]["column"], "列7");  // by its values: names of agencies
  EXPECT_LT(f["agency"]["confidence"].get<double>(), 0.6);
  EXPECT_EQ(j["inputs"][1]["dataset"], nullptr);

  auto text = run(
      {"suggest-mapping", ws(), "admin-penalty-enforcement", "--input", "penalties=本地处罚台账"});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("请核对 check"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("仅凭内容判断"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("没有数据集"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("--map=penalties.amount=罚款金额（元）"), std::string::npos) << text.out;
  auto bad = run({"suggest-mapping", ws(), "admin-penalty-enforcement", "--input", "penalty=x"});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.err.find("penalties"), std::string::npos) << bad.err;
}

}  // namespace
}  // namespace shanhai
