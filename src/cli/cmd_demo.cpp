// `shanhai demo`: a workspace filled from the sample files in the repository (samples/demo.json),
// so a new user sees Shanhai working in one command. Idempotent: datasets already in the
// workspace are left as they are.

#include <filesystem>
#include <fstream>
#include <iostream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "access/organisations.h"
#include "access/password.h"
#include "access/users.h"
#include "cli/commands.h"
#include "cli/dataset_view.h"
#include "cli/serve.h"
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
    request.org = manifest.value("org", "");
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

// The demo's organisations, pairings and accounts (demo.json). Every account gets a freshly
// generated password each time the demo starts, printed once: there is no default password.
Result<std::vector<std::pair<nlohmann::json, std::string>>> setup_accounts(
    store::Workspace& ws, const nlohmann::json& manifest) {
  auto orgs = access::list_organisations(ws);
  if (!orgs) return orgs.take_error();
  for (const auto& o : manifest.value("organisations", nlohmann::json::array())) {
    const std::string code = o.at("code");
    const bool present =
        std::any_of(orgs->begin(), orgs->end(), [&](const auto& x) { return x.code == code; });
    if (present) continue;
    auto added = access::add_organisation(ws, code, o.at("name"), o.value("parent", ""));
    if (!added) return added.take_error();
  }
  auto pairings = access::list_pairings(ws);
  if (!pairings) return pairings.take_error();
  for (const auto& p : manifest.value("pairings", nlohmann::json::array())) {
    const bool present = std::any_of(pairings->begin(), pairings->end(), [&](const auto& x) {
      return x.assisting == p.at("assisting") && x.assisted == p.at("assisted");
    });
    if (present) continue;
    auto added = access::add_pairing(ws, p.at("assisting"), p.at("assisted"), p.at("starts_on"),
                                     p.at("ends_on"));
    if (!added) return added.take_error();
  }
  std::vector<std::pair<nlohmann::json, std::string>> accounts;
  for (const auto& u : manifest.value("users", nlohmann::json::array())) {
    const std::string password = access::generate_password();
    auto role = access::parse_role(u.at("role").get<std::string>());
    if (!role) {
      return Error("demo.bad_samples", "演示样例清单中的角色无效",
                   "a role in the demo list is invalid",
                   Location::of_value(u.at("role").get<std::string>()));
    }
    if (access::find_user(ws, u.at("username"))) {
      access::UserChanges ch;
      ch.password = password;
      auto changed = access::update_user(ws, u.at("username"), ch);
      if (!changed) return changed.take_error();
    } else {
      auto added = access::add_user(
          ws, {u.at("username"), u.value("display_name", ""), u.at("org"), *role, password});
      if (!added) return added.take_error();
    }
    accounts.emplace_back(u, password);
  }
  return accounts;
}

void print_accounts(const std::vector<std::pair<nlohmann::json, std::string>>& accounts,
                    const std::string& url) {
  std::cout << fmt::format(
      "\n打开浏览器访问 open {}\n演示账号（本次启动新生成的密码）/ demo accounts "
      "(passwords generated for this start):\n",
      url);
  for (const auto& [u, password] : accounts) {
    const auto role = access::parse_role(u.at("role").get<std::string>());
    std::cout << fmt::format("    {:<12} {:<16} {}  {}\n", u.at("username").get<std::string>(),
                             password, role ? access::role_label_zh(*role) : "",
                             u.value("display_name", ""));
  }
  std::cout << std::flush;
}

Status run_demo(const fs::path& dir, const fs::path& samples, const ServeArgs* serve_args) {
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
    SHANHAI_TRY(store::set_dataset_org(*ws.value(), name, manifest.value("org", "")));
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
  auto accounts = setup_accounts(*ws.value(), manifest);
  if (!accounts) return accounts.take_error();
  SHANHAI_TRY(run_demo_models(*ws.value(), manifest));
  std::cout << fmt::format(
      "\n查看线索 / list leads:        shanhai leads {}\n"
      "查看模型 / list models:        shanhai models {}\n"
      "查看数据集 / list datasets:  shanhai datasets {}\n"
      "导入自己的文件 / import a file: shanhai import {} 数据集名称 文件.csv\n",
      ws.value()->root().string(), ws.value()->root().string(), ws.value()->root().string(),
      ws.value()->root().string());
  if (serve_args == nullptr) {
    print_accounts(accounts.value(), "（未启动网页服务 / not serving: --no-serve）");
    return Status::Ok();
  }
  ServeArgs args = *serve_args;
  args.workspace = ws.value()->root().string();
  ws.value().reset();
  const auto list = accounts.value();
  return serve(args, [&list](const std::string& url) { print_accounts(list, url); });
}

}  // namespace

void add_demo_command(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("demo",
                                 "用仓库中的样例文件创建演示工作区并启动网页服务 / create the demo "
                                 "workspace from the sample files and serve it");
  auto dir = std::make_shared<std::string>("demo-workspace");
  auto samples = std::make_shared<std::string>(std::string(SHANHAI_SOURCE_DIR) + "/samples");
  cmd->add_option("WORKSPACE", *dir, "工作区目录（默认 demo-workspace）/ workspace directory")
      ->capture_default_str();
  cmd->add_option("--samples", *samples, "样例目录 / folder holding demo.json and the samples")
      ->capture_default_str();
  auto serve_args = std::make_shared<ServeArgs>();
  auto no_serve = std::make_shared<bool>(false);
  cmd->add_option("--host", serve_args->host, "监听地址 / address to listen on")
      ->capture_default_str();
  cmd->add_option("--port", serve_args->port, "端口 / port")->capture_default_str();
  cmd->add_option("--web", serve_args->web_dir, "网页应用目录 / built web app (default: web/dist)");
  cmd->add_flag("--no-serve", *no_serve,
                "只准备工作区，不启动网页服务 / prepare the workspace only");
  cmd->callback([dir, samples, serve_args, no_serve, &exit_code] {
    Status s = run_demo(*dir, *samples, *no_serve ? nullptr : serve_args.get());
    if (!s.ok()) exit_code = report(s.error());
  });
}

}  // namespace shanhai::cli
