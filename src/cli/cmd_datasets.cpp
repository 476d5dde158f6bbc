#include <iostream>

#include "cli/commands.h"
#include "cli/dataset_view.h"
#include "store/catalog.h"

namespace shanhai::cli {

void add_datasets_command(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand(
      "datasets",
      "列出数据集、版本、行数、列与类型 / list datasets, versions, rows, columns, types");
  auto dir = std::make_shared<std::string>();
  auto json = std::make_shared<bool>(false);
  cmd->add_option("WORKSPACE", *dir, "工作区目录 / workspace directory")->required();
  cmd->add_flag("--json", *json, "以 JSON 输出（稳定格式）/ print JSON (a stable contract)");
  cmd->callback([dir, json, &exit_code] {
    auto ws = store::Workspace::open(*dir);
    if (!ws) {
      exit_code = report(ws.error());
      return;
    }
    auto list = store::list_datasets(*ws.value());
    if (!list) {
      exit_code = report(list.error());
      return;
    }
    if (*json) {
      std::cout << store::datasets_json(list.value()).dump(2) << std::endl;
    } else {
      print_datasets(std::cout, list.value());
    }
  });
}

}  // namespace shanhai::cli
