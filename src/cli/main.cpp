// shanhai — command line of the Shanhai 山海 legal supervision platform.

#include <unistd.h>

#include <cstdio>
#include <iostream>

#include "cli/commands.h"
#include "common/memory.h"

namespace shanhai::cli {

int report(const Error& err) {
  std::cerr << err.message() << std::endl;
  return 1;
}

bool stderr_is_terminal() { return ::isatty(STDERR_FILENO) == 1; }

}  // namespace shanhai::cli

int main(int argc, char** argv) {
  shanhai::configure_memory();
  using namespace shanhai::cli;
  CLI::App app{
      "山海 Shanhai — 大数据法律监督平台 / big-data legal supervision platform.\n"
      "每个命令出错时以非零状态退出，并先后给出中文和英文说明。\n"
      "Every command exits non-zero with a Chinese, then English, message on bad input.",
      "shanhai"};
  app.set_version_flag("--version", SHANHAI_VERSION);
  app.require_subcommand(1);
  int exit_code = 0;
  add_init_command(app, exit_code);
  add_import_command(app, exit_code);
  add_datasets_command(app, exit_code);
  add_demo_command(app, exit_code);
  add_normalize_command(app, exit_code);
  add_regions_command(app, exit_code);
  add_models_command(app, exit_code);
  add_model_command(app, exit_code);
  add_model_template_command(*app.get_subcommand("model"), exit_code);
  add_key_command(app, exit_code);
  add_leads_command(app, exit_code);
  add_run_command(app, exit_code);
  add_link_eval_command(app, exit_code);
  add_suggest_mapping_command(app, exit_code);
  add_org_command(app, exit_code);
  add_user_command(app, exit_code);
  add_serve_command(app, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "错误：命令行参数有误，请用 --help 查看用法。\nError: " << e.what()
              << " (see --help)" << std::endl;
    return 2;
  }
  return exit_code;
}
