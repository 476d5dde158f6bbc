#include <iostream>

#include "cli/commands.h"
#include "store/workspace.h"

namespace shanhai::cli {

void add_init_command(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("init", "创建新的工作区 / create a new workspace");
  auto dir = std::make_shared<std::string>();
  cmd->add_option("WORKSPACE", *dir,
                  "工作区目录（不存在或为空）/ workspace directory (absent or empty)")
      ->required();
  cmd->callback([dir, &exit_code] {
    auto ws = store::Workspace::create(*dir);
    if (!ws) {
      exit_code = report(ws.error());
      return;
    }
    std::cout << "已创建工作区 " << ws.value()->root().string() << "\nCreated workspace "
              << ws.value()->root().string() << std::endl;
  });
}

}  // namespace shanhai::cli
