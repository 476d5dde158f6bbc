// `shanhai demo`: a workspace filled from the sample files in the repository (samples/demo.json),
// so a new user sees Shanhai working in one command. Idempotent: datasets already in the
// workspace are left as they are.

#include <filesystem>
#include <fstream>
#include <iostream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/dataset_view.h"
#include "cli/terminal_progress.h"
#include "cli/workspace_setup.h"
#include "engine/run.h"
#include "ingest/importer.h"
#include "store/catalog.h"
#include "store/model_catalog.h"

namespace shanhai::cli {

namespace fs = std::filesystem;

namespace {

// Runs the models listed under "runs" in demo.json on the demo datasets (re-running is
// idempotent: the leads stay, with their status).
Status run_demo_models(store::Workspace& ws, const nlohmann::json& manifest) {
  const nlohmann::json runs = manifest.value("runs", nlohmann::json::array());
  for (const auto& entry : runs) {
    engine::RunRequest request;
    const nlohmann::json inputs = entry.value("inputs", nlohmann::json::object());
    const nlohmann::json maps = entry.value("map", nlohmann::json::object());
    const nlohmann::json params = entry.value("params", nlohmann::json::object());
    for (const auto& [input, dataset] : inputs.items()) {
      request.inputs.push_back({input, dataset.get<std::string>(), std::nullopt});
    }
    for (const auto& [field, column] : maps.items()) {
      auto choice = engine::parse_field_choice(field + "=" + column.get<std::string>());
      if (!choice) return choice.take_error();
      request.fields.push_back(choice.value());
    }
    for (const auto& [name, value] : params.items()) {
      request.params.emplace_back(name, value.get<std::string>());
    }
    request.run_by = "demo";
    auto outcome = engine::run_model(ws, entry.at("model").get<std::string>(), request);
    if (!outcome) return outcome.take_error();
    const auto& o = outcome.value();
    std::cout << fmt::format(
        "\n运行模型 ran model {}：检出 {} 条线索（新增 {} 条）/ {} lead(s), {} new\n", o.model_id,
        o.summary.total, o.summary.added, o.summary.total, o.summary.added);
    for (const auto& lead : o.leads) std::cout << "    ■ " << lead.title << "\n";
  }
  return Status::Ok();
}

Status run_demo(const fs::path& dir, const fs::path& samples) {
  const fs::path manifest_path = samples / "demo.json";
  std::ifstream in(manifest_path);
  if (!in) {
    Location where;
    where.file = manifest_path.string();
    return Error("demo.no_samples", "找不到演示样例清单，请用 --samples 指定样例目录",
                 "cannot find the demo sample list; name the samples folder with --samples", where);
  }
  nlohmann::json manifest;
  try {
    manifest = nlohmann::json::parse(in);
  } catch (const std::exception& e) {
    Location where;
    where.file = manifest_path.string();
    return Error("demo.bad_samples", fmt::format("演示样例清单格式错误：{}", e.what()),
                 fmt::format("the demo sample list is malformed: {}", e.what()), where);
  }

  std::error_code ec;
  const bool exists = fs::exists(dir / "catalog.db", ec);
  Result<std::unique_ptr<store::Workspace>> ws = Error("", "", "");
  if (exists) {
    ws = store::Workspace::open(dir);
  } else {
    auto created = create_workspace(dir);
    if (!created) return created.take_error();
    ws = std::move(created.value().workspace);
  }
  if (!ws) return ws.take_error();
  std::cout << fmt::format("演示工作区 demo workspace: {}\n", ws.value()->root().string());

  auto existing = store::list_datasets(*ws.value());
  if (!existing) return existing.take_error();
  for (const auto& entry : manifest.at("datasets")) {
    const std::string name = entry.at("dataset");
    const bool present = std::any_of(existing.value().begin(), existing.value().end(),
                                     [&](const auto& d) { return d.name == name; });
    if (present) {
      std::cout << fmt::format("\n数据集“{}”已存在，跳过 / dataset \"{}\" exists, skipped\n", name,
                               name);
      continue;
    }
    ingest::ImportRequest req;
    req.file = samples / entry.at("file").get<std::string>();
    req.dataset = name;
    const nlohmann::json elements = entry.value("elements", nlohmann::json::object());
    for (const auto& [column, element] : elements.items()) {
      req.elements.push_back({column, element.get<std::string>()});
    }
    TerminalProgress progress(stderr_is_terminal());
    auto result = ingest::import_file(*ws.value(), req, &progress);
    if (!result) return result.take_error();
    auto info = store::find_version(*ws.value(), name, result.value().version.version);
    if (!info) return info.take_error();
    std::cout << "\n";
    print_import(std::cout, info.value(), result.value().manifest);
  }
  auto all = store::list_datasets(*ws.value());
  if (!all) return all.take_error();
  std::cout << "\n";
  print_datasets(std::cout, all.value());
  auto models = store::list_models(*ws.value());
  if (!models) return models.take_error();
  std::cout << fmt::format("\n已安装模型 {} 个 / {} model(s) installed:\n", models.value().size(),
                           models.value().size());
  for (const auto& m : models.value()) {
    std::cout << fmt::format("    {}  {}  v{}\n", m.model_id, m.name, m.version);
  }
  SHANHAI_TRY(run_demo_models(*ws.value(), manifest));
  std::cout << fmt::format(
      "\n查看线索 / list leads:        shanhai leads {}\n"
      "查看模型 / list models:        shanhai models {}\n"
      "查看数据集 / list datasets:  shanhai datasets {}\n"
      "导入自己的文件 / import a file: shanhai import {} 数据集名称 文件.csv\n",
      ws.value()->root().string(), ws.value()->root().string(), ws.value()->root().string(),
      ws.value()->root().string());
  return Status::Ok();
}

}  // namespace

void add_demo_command(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand(
      "demo", "用仓库中的样例文件创建演示工作区 / create the demo workspace from the sample files");
  auto dir = std::make_shared<std::string>("demo-workspace");
  auto samples = std::make_shared<std::string>(std::string(SHANHAI_SOURCE_DIR) + "/samples");
  cmd->add_option("WORKSPACE", *dir, "工作区目录（默认 demo-workspace）/ workspace directory")
      ->capture_default_str();
  cmd->add_option("--samples", *samples, "样例目录 / folder holding demo.json and the samples")
      ->capture_default_str();
  cmd->callback([dir, samples, &exit_code] {
    Status s = run_demo(*dir, *samples);
    if (!s.ok()) exit_code = report(s.error());
  });
}

}  // namespace shanhai::cli
