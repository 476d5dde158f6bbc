#include <iostream>

#include "cli/commands.h"
#include "cli/workspace_setup.h"

namespace shanhai::cli {

void add_init_command(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("init", "创建新的工作区 / create a new workspace");
  auto dir = std::make_shared<std::string>();
  cmd->add_option("WORKSPACE", *dir,
                  "工作区目录（不存在或为空）/ workspace directory (absent or empty)")
      ->required();
  cmd->callback([dir, &exit_code] {
    auto created = create_workspace(*dir);
    if (!created) {
      exit_code = report(created.error());
      return;
    }
    const std::string root = created.value().workspace->root().string();
    const size_t n = created.value().models.size();
    std::cout << "已创建工作区 " << root << "，安装内置模型 " << n << " 个\nCreated workspace "
              << root << " with " << n << " built-in model(s)" << std::endl;
  });
}

}  // namespace shanhai::cli
