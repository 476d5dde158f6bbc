// `shanhai models WORKSPACE [--json]` and `shanhai model add WORKSPACE PATH` (a model folder or
// a signed .shmodel package); `model export` and `model diff` are in cmd_model_sharing.cpp.

#include <iostream>
#include <map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "access/audit.h"
#include "cli/commands.h"
#include "package/package_installer.h"
#include "store/model_catalog.h"

namespace shanhai::cli {

namespace {

namespace fs = std::filesystem;

void print_versions(const std::vector<const store::ModelRecord*>& versions) {
  const store::ModelRecord& m = *versions.back();
  std::string all;
  for (const auto* v : versions) all += (all.empty() ? "" : ", ") + v->version;
  std::cout << fmt::format("\n■ {}  {}  v{}{}\n", m.model_id, m.name, m.version,
                           m.builtin ? "  内置 built-in" : "");
  if (versions.size() > 1) {
    std::cout << fmt::format("    已安装 {} 个版本 {} versions installed: {}\n", versions.size(),
                             versions.size(), all);
  }
  for (const auto* v : versions) {
    if (v->status == store::kModelUnverified) {
      std::cout << fmt::format(
          "    ⚠ v{} 未验证 UNVERIFIED：安装时自测未通过，运行前请核查 / its "
          "own tests failed on install\n",
          v->version);
    } else if (v->status == store::kModelVerified && v == versions.back()) {
      std::cout << "    状态 status: 已通过自测 verified\n";
    }
  }
  if (!m.signer.empty()) {
    std::cout << fmt::format("    签名单位 signed by: {}（指纹 fingerprint {}…）\n", m.signer_org,
                             m.signer.substr(0, 16));
  }
  if (!m.category.empty()) std::cout << fmt::format("    类别 category: {}\n", m.category);
  for (const auto& b : m.legal_basis) std::cout << fmt::format("    依据 legal basis: {}\n", b);
}

void print_self_test(const engine::SelfTestReport& report) {
  if (report.cases.empty()) {
    std::cout << "模型没有样例测试（tests/*/case.yaml），状态为“未测试”\n"
                 "The model has no test cases; its status is \"untested\"\n";
    return;
  }
  size_t passed = 0;
  for (const auto& c : report.cases) passed += c.passed ? 1 : 0;
  std::cout << fmt::format("自测 self-test: {} / {} 个样例通过 cases passed\n", passed,
                           report.cases.size());
  for (const auto& c : report.cases) {
    std::cout << fmt::format("    {} {}（预期 expected {} 条，产生 produced {} 条）\n",
                             c.passed ? "✓" : "✗", c.name, c.expected_leads, c.produced_leads);
  }
  if (!report.passed()) {
    std::cerr << "警告：自测未通过，模型已安装但标记为“未验证”。\n"
                 "Warning: the self-test failed; the model is installed but marked unverified.\n";
    for (const auto& c : report.cases) {
      if (!c.passed) std::cerr << fmt::format("[{}]\n{}\n", c.name, c.problem);
    }
  }
}

Status add_model(const std::string& dir, const std::string& path) {
  auto ws = store::Workspace::open(dir);
  if (!ws) return ws.take_error();
  std::error_code ec;
  const bool package = fs::is_regular_file(path, ec);
  auto installed = package ? package::install_package(*ws.value(), path)
                           : package::install_folder(*ws.value(), path);
  if (!installed) return installed.take_error();
  const auto& i = installed.value();
  const auto& m = i.record;
  if (i.signer) {
    std::cout << fmt::format("签名有效：{}（{}）{}\nSignature valid: signed by {} ({})\n",
                             i.signer->name, i.signer->org, i.signer->own ? "，本工作区的单位" : "",
                             i.signer->name, i.signer->org);
  }
  print_self_test(i.self_test);
  std::cout << fmt::format("已安装模型“{}”（{}）{} 版\nInstalled model \"{}\" version {}\n", m.name,
                           m.model_id, m.version, m.model_id, m.version);
  if (package) {
    SHANHAI_TRY(access::audit_cli_change(*ws.value(), "model:" + m.model_id + "@" + m.version,
                                         {{"change", "install_package"},
                                          {"source", m.source},
                                          {"signer", m.signer},
                                          {"signer_org", m.signer_org},
                                          {"status", m.status}}));
  }
  return Status::Ok();
}

}  // namespace

void add_models_command(CLI::App& app, int& exit_code) {
  auto* list = app.add_subcommand("models", "列出已安装的模型 / list installed models");
  auto dir = std::make_shared<std::string>();
  auto json = std::make_shared<bool>(false);
  list->add_option("WORKSPACE", *dir, "工作区目录 / workspace directory")->required();
  list->add_flag("--json", *json, "以 JSON 输出（每个版本一项）/ print JSON (one item a version)");
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
      for (const auto& m : models.value()) out.push_back(store::model_json(m));
      std::cout << out.dump(2) << std::endl;
      return;
    }
    if (models.value().empty()) {
      std::cout << "工作区中还没有模型。用 shanhai model add 安装。\n"
                   "No models yet. Install one with `shanhai model add`.\n";
      return;
    }
    // Versions of one model in installation order: the last is the highest.
    std::map<std::string, std::vector<const store::ModelRecord*>> by_id;
    for (const auto& m : models.value()) by_id[m.model_id].push_back(&m);
    std::cout << fmt::format("共 {} 个模型、{} 个版本 / {} model(s), {} version(s)\n", by_id.size(),
                             models.value().size(), by_id.size(), models.value().size());
    for (const auto& [id, versions] : by_id) print_versions(versions);
  });
}

void add_model_command(CLI::App& app, int& exit_code) {
  auto* model = app.add_subcommand("model", "模型管理 / model management");
  model->require_subcommand(1);
  auto* add = model->add_subcommand(
      "add",
      "安装模型：模型目录（须有 model.yaml 或 model.json）或签名的 .shmodel "
      "模型包；先运行模型自带的样例测试 / "
      "install a model from a folder or a signed .shmodel package, running its own tests first");
  auto dir = std::make_shared<std::string>();
  auto path = std::make_shared<std::string>();
  add->add_option("WORKSPACE", *dir, "工作区目录 / workspace directory")->required();
  add->add_option("PATH", *path, "模型目录或 .shmodel 模型包 / model folder or package")
      ->required();
  add->callback([dir, path, &exit_code] {
    if (Status s = add_model(*dir, *path); !s) exit_code = report(s.error());
  });
  add_model_sharing_commands(*model, exit_code);
}

}  // namespace shanhai::cli
