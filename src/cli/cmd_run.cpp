// `shanhai run WORKSPACE MODEL_ID [--input NAME=DATASET[@V]]... [--map INPUT.FIELD=COLUMN]...
//  [--param K=V]... [--version X.Y.Z] [--dry-run] [--json]`.

#include <pwd.h>
#include <unistd.h>

#include <ctime>
#include <iostream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/terminal_progress.h"
#include "engine/run.h"
#include "normalize/date.h"

namespace shanhai::cli {

namespace {

struct Args {
  std::string workspace, model, version;
  std::vector<std::string> inputs, maps, params;
  bool dry_run = false, json = false;
  unsigned threads = 0;
};

std::string os_user() {
  if (const passwd* pw = getpwuid(geteuid())) return pw->pw_name;
  return "";
}

int32_t local_today() {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  localtime_r(&t, &tm);
  return normalize::days_from_civil(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

Status run(const Args& a) {
  engine::RunRequest request;
  for (const auto& s : a.inputs) {
    auto c = engine::parse_input_choice(s);
    if (!c) return c.take_error();
    request.inputs.push_back(c.value());
  }
  for (const auto& s : a.maps) {
    auto c = engine::parse_field_choice(s);
    if (!c) return c.take_error();
    request.fields.push_back(c.value());
  }
  for (const auto& s : a.params) {
    auto p = engine::parse_param_option(s);
    if (!p) return p.take_error();
    request.params.push_back(p.value());
  }
  if (!a.version.empty()) request.version = a.version;
  request.run_by = os_user();
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
                               f.column ? b.version.columns[*f.column].name : "—", f.how);
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
  cmd->add_option("--input", a->inputs,
                  "输入名=数据集[@版本]，默认绑定同名数据集 / NAME=DATASET[@VERSION]; an input "
                  "without one binds the dataset of its own name");
  cmd->add_option("--map", a->maps,
                  "输入名.字段=列名；默认按字段名或中文标签匹配列 / INPUT.FIELD=COLUMN; fields "
                  "otherwise bind the column named like the field or its Chinese label");
  cmd->add_option("--param", a->params,
                  "参数名=值，如 as_of=2024-06-30 / NAME=VALUE, e.g. as_of=2024-06-30");
  cmd->add_option("--version", a->version,
                  "模型版本，默认最高版本 / model version (default: the "
                  "highest installed)");
  cmd->add_flag("--dry-run", a->dry_run,
                "只计算不记录 / compute the leads without recording a run");
  cmd->add_flag("--json", a->json, "以 JSON 输出运行摘要 / print the run summary as JSON");
  cmd->add_option("--threads", a->threads, "线程数，0 为全部核心 / threads (0: every core)")
      ->capture_default_str();
  cmd->callback([a, &exit_code] {
    Status s = run(*a);
    if (!s.ok()) exit_code = report(s.error());
  });
}

}  // namespace shanhai::cli
