// `shanhai models WORKSPACE [--json]` and `shanhai model add WORKSPACE PATH`.

#include <iostream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "model/installer.h"
#include "store/model_catalog.h"

namespace shanhai::cli {

namespace {

nlohmann::json model_json(const store::ModelRecord& m) {
  return {{"id", m.model_id},
          {"version", m.version},
          {"name", m.name},
          {"category", m.category},
          {"author_org", m.author_org},
          {"legal_basis", m.legal_basis},
          {"description", m.description},
          {"builtin", m.builtin},
          {"source", m.source},
          {"installed_at", m.installed_at}};
}

}  // namespace

void add_models_command(CLI::App& app, int& exit_code) {
  auto* list = app.add_subcommand("models", "列出已安装的模型 / list installed models");
  auto dir = std::make_shared<std::string>();
  auto json = std::make_shared<bool>(false);
  list->add_option("WORKSPACE", *dir, "工作区目录 / workspace directory")->required();
  list->add_flag("--json", *json, "以 JSON 输出 / print JSON");
  list->callback([dir, json, &exit_code] {
    auto ws = store::Workspace::open(*dir);
    if (!ws) {
      exit_code = report(ws.error());
      return;
    }
    auto models = store::list_models(*ws.value());
    if (!models) {
      exit_code = report(models.error());
      return;
    }
    if (*json) {
      nlohmann::json out = nlohmann::json::array();
      for (const auto& m : models.value()) out.push_back(model_json(m));
      std::cout << out.dump(2) << std::endl;
      return;
    }
    if (models.value().empty()) {
      std::cout << "工作区中还没有模型。用 shanhai model add 安装。\n"
                   "No models yet. Install one with `shanhai model add`.\n";
      return;
    }
    std::cout << fmt::format("共 {} 个模型版本 / {} model version(s)\n", models.value().size(),
                             models.value().size());
    for (const auto& m : models.value()) {
      std::cout << fmt::format("\n■ {}  {}  v{}{}\n", m.model_id, m.name, m.version,
                               m.builtin ? "  内置 built-in" : "");
      if (!m.category.empty()) std::cout << fmt::format("    类别 category: {}\n", m.category);
      for (const auto& b : m.legal_basis) std::cout << fmt::format("    依据 legal basis: {}\n", b);
    }
  });
}

void add_model_command(CLI::App& app, int& exit_code) {
  auto* model = app.add_subcommand("model", "模型管理 / model management");
  model->require_subcommand(1);
  auto* add = model->add_subcommand(
      "add", "从模型目录安装模型（须有 model.yaml 或 model.json）/ install a model from a folder");
  auto dir = std::make_shared<std::string>();
  auto path = std::make_shared<std::string>();
  add->add_option("WORKSPACE", *dir, "工作区目录 / workspace directory")->required();
  add->add_option("PATH", *path, "模型目录 / model folder")->required();
  add->callback([dir, path, &exit_code] {
    auto ws = store::Workspace::open(*dir);
    if (!ws) {
      exit_code = report(ws.error());
      return;
    }
    auto installed = model::install_model_folder(*ws.value(), *path);
    if (!installed) {
      exit_code = report(installed.error());
      return;
    }
    const auto& m = installed.value();
    std::cout << fmt::format("已安装模型“{}”（{}）{} 版\nInstalled model \"{}\" version {}\n",
                             m.name, m.model_id, m.version, m.model_id, m.version);
  });
}

}  // namespace shanhai::cli
