// `shanhai regions load WORKSPACE FILE`: a full GB/T 2260 division table for `region` columns.

#include <iostream>

#include <fmt/format.h>

#include "cli/commands.h"
#include "ingest/region_table_loader.h"

namespace shanhai::cli {

void add_regions_command(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("regions", "行政区划表 / administrative division table");
  cmd->require_subcommand(1);
  auto* load = cmd->add_subcommand(
      "load",
      "载入完整的 GB/T 2260 行政区划表（每行“6 位代码<制表符>名称”，UTF-8 或 GBK），"
      "供 region 要素使用 / load a full GB/T 2260 table (code<TAB>name per line) for region "
      "columns");
  auto dir = std::make_shared<std::string>();
  auto file = std::make_shared<std::string>();
  load->add_option("WORKSPACE", *dir, "工作区目录 / workspace directory")->required();
  load->add_option("FILE", *file, "区划表文件 / table file")->required();
  load->callback([dir, file, &exit_code] {
    auto ws = store::Workspace::open(*dir);
    if (!ws) {
      exit_code = report(ws.error());
      return;
    }
    auto n = ingest::load_region_table(*ws.value(), *file);
    if (!n) {
      exit_code = report(n.error());
      return;
    }
    std::cout << fmt::format(
        "已载入行政区划表：{} 个区划。此后导入的 region 列按此表校验。\n"
        "Loaded the division table: {} divisions. Region columns imported from now on are "
        "checked against it.\n",
        n.value(), n.value());
  });
}

}  // namespace shanhai::cli
