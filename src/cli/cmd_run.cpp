// `shanhai run WORKSPACE MODEL_ID [--input NAME=DATASET[@V]]... [--map INPUT.FIELD=COLUMN]...
//  [--param K=V]... [--version X.Y.Z] [--dry-run] [--json]`, or with a filled element template
//  `shanhai run WORKSPACE MODEL_ID --template FILE.xlsx [--dataset-prefix P] [--param K=V]...`.

#include <pwd.h>
#include <unistd.h>

#include <ctime>
#include <iostream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/binding_options.h"
#include "cli/commands.h"
#include "cli/terminal_progress.h"
#include "common/clock.h"
#include "engine/installed_model.h"
#include "engine/run.h"
#include "engine/template_import.h"
#include "model/spec_validator.h"
#include "normalize/date.h"

namespace shanhai::cli {

namespace {

struct Args {
  std::string workspace, model, version, org, template_file, dataset_prefix;
  std::vector<std::string> inputs, maps, params;
  bool dry_run = false, json = false;
  unsigned threads = 0;
};

std::string os_user() {
  if (const passwd* pw = getpwuid(geteuid())) return pw->pw_name;
  return "";
}

int32_t local_today() {
  const CivilDate d = shanhai::local_today();
  return normalize::days_from_civil(d.year, d.month, d.day);
}

// Imports the filled template for the run. Everything that would refuse the run (the model, its
// spec, the parameters) is checked first, so a refused run imports nothing.
Result<engine::TemplateImport> import_run_template(store::Workspace& ws, const Args& a,
                                                   const engine::RunRequest& request,
                                                   ProgressSink* progress) {
  auto spec = engine::installed_model_spec(ws, a.model, request.version);
  if (!spec) return spec.take_error();
  auto validated = model::validate_spec(spec.value());
  if (!validated) return validated.take_error();
  auto params = engine::resolve_parameters(spec.value(), request.params, request.today);
  if (!params) return params.take_error();
  engine::TemplateImportRequest t;
  t.file = a.template_file;
  t.dataset_prefix = a.dataset_prefix;
  t.org = a.org;
  t.threads = a.threads == 0 ? 2 : a.threads;
  return engine::import_template(ws, spec.value(), t, progress);
}

void print_template_import(const engine::TemplateImport& t) {
  std::cout << "要素模版 element template:\n";
  for (const engine::TemplateInput& in : t.inputs) {
    std::cout << fmt::format("  工作表 sheet “{}” → 数据集 dataset {}@{}：{} 行 rows{}\n", in.sheet,
                             in.dataset, in.version, in.rows,
                             in.element_row > 0
                                 ? fmt::format("（跳过第 {} 行要素说明 / element row {} skipped）",
                                               in.element_row, in.element_row)
                                 : std::string());
    for (const auto& c : in.extra_columns) {
      std::cout << fmt::format(
          "      列“{}”不是模型字段，已导入但不使用 / not a field: imported, "
          "unused\n",
          c);
    }
    for (const auto& f : in.missing_optional) {
      std::cout << fmt::format(
          "      选填字段 {} 没有列，按空值处理 / optional field {} has no "
          "column: null\n",
          f, f);
    }
  }
  for (const auto& s : t.ignored_sheets) {
    std::cout << fmt::format("  忽略工作表 ignored sheet “{}”\n", s);
  }
}

nlohmann::json template_json(const engine::TemplateImport& t) {
  nlohmann::json j = {{"inputs", nlohmann::json::array()}, {"ignored_sheets", t.ignored_sheets}};
  for (const engine::TemplateInput& in : t.inputs) {
    j["inputs"].push_back({{"input", in.input},
                           {"sheet", in.sheet},
                           {"dataset", in.dataset},
                           {"version", in.version},
                           {"rows", in.rows},
                           {"element_row", in.element_row},
                           {"extra_columns", in.extra_columns},
                           {"missing_optional", in.missing_optional}});
  }
  return j;
}

Status run(const Args& a) {
  engine::RunRequest request;
  SHANHAI_TRY(bind_request(request, a.inputs, a.maps, a.params));
  if (!a.version.empty()) request.version = a.version;
  request.run_by = os_user();
  request.org = a.org;
  request.today = local_today();
  request.record = !a.dry_run;
  request.options.threads = a.threads;
  std::unique_ptr<TerminalProgress> progress;
  if (stderr_is_terminal() && !a.json) {
    progress = std::make_unique<TerminalProgress>(true);
    request.options.progress = progress.get();
  }
  auto ws = store::Workspace::open(a.workspace);
  if (!ws) return ws.take_error();
  std::optional<engine::TemplateImport> imported;
  if (!a.template_file.empty()) {
    auto t = import_run_template(*ws.value(), a, request, progress.get());
    if (!t) return t.take_error();
    request.inputs = t.value().input_choices;
    request.fields = t.value().field_choices;
    imported = std::move(t.value());
    if (!a.json) print_template_import(*imported);
  }
  auto outcome = engine::run_model(*ws.value(), a.model, request);
  if (!outcome) return outcome.take_error();
  const engine::RunOutcome& o = outcome.value();
  if (a.json) {
    nlohmann::json j;
    j["model"] = o.model_id;
    j["version"] = o.model_version;
    j["run_id"] = o.summary.run_id;
    j["recorded"] = !a.dry_run;
    j["duration_ms"] = o.duration_ms;
    j["leads"] = {{"total", o.summary.total},
                  {"new", o.summary.added},
                  {"vanished", o.summary.vanished},
                  {"detected", o.leads.size()}};
    for (const auto& [k, v] : engine::parameter_texts(o.params)) j["parameters"][k] = v;
    for (const auto& b : o.binding.inputs) {
      nlohmann::json fields = nlohmann::json::object();
      for (const auto& f : b.fields) {
        fields[f.field] =
            f.column ? nlohmann::json(b.version.columns[*f.column].name) : nlohmann::json(nullptr);
      }
      j["inputs"][b.input] = {
          {"dataset", b.version.dataset}, {"version", b.version.version}, {"fields", fields}};
    }
    for (const auto& [step, rows] : o.step_rows) {
      j["steps"].push_back({{"step", step}, {"rows", rows}});
    }
    if (imported) j["template"] = template_json(*imported);
    std::cout << j.dump(2) << "\n";
    return Status::Ok();
  }
  std::cout << fmt::format("模型 model: {} {}\n", o.model_id, o.model_version);
  for (const auto& b : o.binding.inputs) {
    std::cout << fmt::format("  输入 input {} ← {}@{}（{}）\n", b.input, b.version.dataset,
                             b.version.version, b.version.source_file);
    for (const auto& f : b.fields) {
      if (f.how == "name") continue;  // the obvious case; show only what may surprise
      std::cout << fmt::format("      {} ← {}（{}）\n", f.field,
                               f.column ? b.version.columns[*f.column].name : "—",
                               imported && f.how == "mapped" ? "模版 template" : f.how);
    }
  }
  for (const auto& [k, v] : engine::parameter_texts(o.params)) {
    std::cout << fmt::format("  参数 parameter {} = {}\n", k, v);
  }
  for (const auto& [step, rows] : o.step_rows) {
    std::cout << fmt::format("  步骤 step {:<24} {:>10} 行 rows\n", step, rows);
  }
  if (a.dry_run) {
    std::cout << fmt::format(
        "检出 {} 条线索（试运行，未记录）/ {} lead(s) found (dry run, not "
        "recorded) in {} ms\n",
        o.leads.size(), o.leads.size(), o.duration_ms);
  } else {
    std::cout << fmt::format(
        "运行 #{}：检出 {} 条线索，其中新增 {} 条，{} 条已不再检出；用时 {} 毫秒\n"
        "run #{}: {} lead(s), {} new, {} no longer detected; {} ms\n"
        "查看线索 / see the leads: shanhai leads {} --model {}\n",
        o.summary.run_id, o.summary.total, o.summary.added, o.summary.vanished, o.duration_ms,
        o.summary.run_id, o.summary.total, o.summary.added, o.summary.vanished, o.duration_ms,
        a.workspace, o.model_id);
  }
  return Status::Ok();
}

}  // namespace

void add_run_command(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand(
      "run",
      "在工作区数据上运行模型并记录线索 / run a model on workspace datasets and record its leads");
  auto a = std::make_shared<Args>();
  cmd->add_option("WORKSPACE", a->workspace, "工作区目录 / workspace directory")->required();
  cmd->add_option("MODEL_ID", a->model, "模型标识 / model id (see `shanhai models`)")->required();
  auto* input =
      cmd->add_option("--input", a->inputs,
                      "输入名=数据集[@版本]，默认绑定同名数据集 / NAME=DATASET[@VERSION]; an input "
                      "without one binds the dataset of its own name");
  auto* map =
      cmd->add_option("--map", a->maps,
                      "输入名.字段=列名；默认按字段名或中文标签匹配列 / INPUT.FIELD=COLUMN; fields "
                      "otherwise bind the column named like the field or its Chinese label");
  cmd->add_option("--param", a->params,
                  "参数名=值，如 as_of=2024-06-30 / NAME=VALUE, e.g. as_of=2024-06-30");
  cmd->add_option("--version", a->version,
                  "模型版本，默认最高版本 / model version (default: the "
                  "highest installed)");
  auto* dry =
      cmd->add_flag("--dry-run", a->dry_run,
                    "只计算不记录，工作区不变（不能与 --template 同用：模版须先导入为数据集）/ "
                    "compute the leads without recording a run; the workspace is left as "
                    "it was (not with --template, which imports datasets)");
  cmd->add_flag("--json", a->json, "以 JSON 输出运行摘要 / print the run summary as JSON");
  cmd->add_option(
      "--org", a->org,
      "运行单位编码，线索归属该单位（省略则仅顶级单位管理员可见）/ organisation that runs "
      "the model and owns its leads");
  cmd->add_option("--threads", a->threads, "线程数，0 为全部核心 / threads (0: every core)")
      ->capture_default_str();
  auto* tmpl = cmd->add_option(
      "--template", a->template_file,
      "填好的要素模版（shanhai model template 导出）：每个输入的工作表导入为数据集，按表头自动"
      "对应字段，然后运行 / a filled element template: each input's sheet is imported as a "
      "dataset and bound by its headers, then the model runs");
  tmpl->excludes(input)->excludes(map)->excludes(dry);
  cmd->add_option("--dataset-prefix", a->dataset_prefix,
                  "模版导入的数据集名称前缀，数据集为 前缀.输入名（默认模型标识）/ the template's "
                  "datasets are PREFIX.INPUT (default: the model id)")
      ->needs(tmpl);
  cmd->callback([a, &exit_code] {
    Status s = run(*a);
    if (!s.ok()) exit_code = report(s.error());
  });
}

}  // namespace shanhai::cli
