#include <iostream>

#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/dataset_view.h"
#include "cli/terminal_progress.h"
#include "ingest/importer.h"
#include "store/catalog.h"

namespace shanhai::cli {

void add_import_command(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand(
      "import",
      "导入文件为数据集的新版本 / import a file as a new version of a dataset\n"
      "支持 CSV/TSV（UTF-8、GBK/GB18030 自动识别）、XLSX、XLS、JSON、JSON Lines。\n"
      "Reads CSV/TSV (UTF-8 or GBK/GB18030, detected), XLSX, XLS, JSON and JSON Lines.");
  struct Args {
    std::string workspace, dataset, file, sheet, encoding = "auto", org;
    std::vector<std::string> elements;
    bool json = false;
  };
  auto a = std::make_shared<Args>();
  cmd->add_option("WORKSPACE", a->workspace, "工作区目录 / workspace directory")->required();
  cmd->add_option("DATASET", a->dataset, "数据集名称 / dataset name")->required();
  cmd->add_option("FILE", a->file, "要导入的文件 / file to import")->required();
  cmd->add_option("--sheet", a->sheet, "工作表名称（默认第一个）/ sheet name (default: the first)");
  cmd->add_option("--encoding", a->encoding,
                  "文本编码 auto|utf-8|gbk（默认 auto）/ text encoding (default auto)");
  cmd->add_option("--element", a->elements,
                  "指定列的要素，如 身份证号=id_number（可重复）/ COLUMN=ELEMENT (repeatable)");
  cmd->add_flag("--json", a->json, "以 JSON 输出结果 / print the result as JSON");
  cmd->add_option("--org", a->org,
                  "数据归属单位编码（省略则仅顶级单位管理员可见）/ owning organisation code");
  cmd->callback([a, &exit_code] {
    ingest::ImportRequest req;
    req.file = a->file;
    req.dataset = a->dataset;
    req.sheet = a->sheet;
    auto enc = ingest::parse_encoding_choice(a->encoding);
    if (!enc) {
      exit_code = report(enc.error());
      return;
    }
    req.encoding = enc.value();
    for (const auto& e : a->elements) {
      auto o = ingest::parse_element_override(e);
      if (!o) {
        exit_code = report(o.error());
        return;
      }
      req.elements.push_back(o.value());
    }
    auto ws = store::Workspace::open(a->workspace);
    if (!ws) {
      exit_code = report(ws.error());
      return;
    }
    auto owner = store::dataset_org(*ws.value(), a->dataset);
    if (!owner) {
      exit_code = report(owner.error());
      return;
    }
    if (owner.value() && *owner.value() != a->org) {
      exit_code = report(Error(
          "dataset.other_org",
          fmt::format("数据集“{}”属于单位“{}”，不能以单位“{}”导入新版本", a->dataset,
                      *owner.value(), a->org),
          fmt::format("dataset \"{}\" belongs to organisation \"{}\"; a new version cannot be "
                      "imported for \"{}\"",
                      a->dataset, *owner.value(), a->org),
          Location::of_value(a->org)));
      return;
    }
    TerminalProgress progress(stderr_is_terminal());
    auto result = ingest::import_file(*ws.value(), req, &progress);
    progress.finish();
    if (result && !a->org.empty()) {
      if (Status s = store::set_dataset_org(*ws.value(), a->dataset, a->org); !s) {
        exit_code = report(s.error());
        return;
      }
    }
    if (!result) {
      exit_code = report(result.error());
      std::cerr << "工作区未作任何改动。\nThe workspace was left unchanged." << std::endl;
      return;
    }
    auto info = store::find_version(*ws.value(), result.value().version.dataset,
                                    result.value().version.version);
    if (!info) {
      exit_code = report(info.error());
      return;
    }
    if (a->json) {
      nlohmann::json j = store::version_json(info.value());
      j["dataset"] = info.value().dataset;
      j["report"] = result.value().manifest.report;
      std::cout << j.dump(2) << std::endl;
    } else {
      print_import(std::cout, info.value(), result.value().manifest);
    }
  });
}

}  // namespace shanhai::cli
