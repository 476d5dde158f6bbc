// `shanhai leads WORKSPACE [--model ID] [--format table|json|csv|xlsx] [--out FILE]`.

#include <fstream>
#include <iostream>

#include <fmt/format.h>

#include "cli/commands.h"
#include "leads/lead_export.h"
#include "leads/lead_store.h"

namespace shanhai::cli {

namespace {

struct Args {
  std::string workspace, model, format = "table", out;
};

Status run_leads(const Args& a) {
  if (a.format != "table" && a.format != "json" && a.format != "csv" && a.format != "xlsx") {
    const Location where = Location::of_value(a.format);
    return Error("leads.bad_format", "不支持的导出格式，可用：table、json、csv、xlsx",
                 "unsupported format; use table, json, csv or xlsx", where);
  }
  if (a.format == "xlsx" && a.out.empty()) {
    return Error("leads.needs_out", "导出 XLSX 须用 --out 指定文件",
                 "an XLSX export needs --out FILE");
  }
  auto ws = store::Workspace::open(a.workspace);
  if (!ws) return ws.take_error();
  auto leads = leads::list_leads(
      *ws.value(), a.model.empty() ? std::nullopt : std::optional<std::string>(a.model));
  if (!leads) return leads.take_error();
  if (a.format == "xlsx") return leads::write_leads_xlsx(a.out, leads.value());

  std::ofstream file;
  if (!a.out.empty()) {
    file.open(a.out, std::ios::binary | std::ios::trunc);
    if (!file) {
      return Error("leads.export", "无法写入导出文件", "cannot write the export file",
                   Location::in_file(a.out));
    }
  }
  std::ostream& out = a.out.empty() ? std::cout : file;
  if (a.format == "json") {
    nlohmann::json j = nlohmann::json::array();
    for (const auto& l : leads.value()) j.push_back(leads::lead_json(l));
    out << j.dump(2) << "\n";
  } else if (a.format == "csv") {
    leads::write_leads_csv(out, leads.value());
  } else if (leads.value().empty()) {
    out << "还没有线索：运行模型后，线索会出现在这里。\nNo leads yet: they appear once a model has "
           "run.\n";
  } else {
    out << fmt::format("共 {} 条线索 / {} lead(s)\n", leads.value().size(), leads.value().size());
    for (const auto& l : leads.value()) {
      out << fmt::format("\n■ {}\n    {} / {}  对象 subject: {}  状态 status: {}{}\n", l.title,
                         l.model_id, l.rule, l.subject, l.status,
                         l.detected ? "" : "  （已不再检出 no longer detected）");
      for (const auto& e : l.evidence) {
        out << fmt::format("    证据 evidence: {}@{}  {}{}  第 {} 行 row\n", e.dataset, e.version,
                           e.source, e.sheet.empty() ? "" : "  " + e.sheet, e.row);
      }
    }
  }
  if (!a.out.empty()) {
    file.close();
    if (!file) {
      return Error("leads.export", "写入导出文件失败", "writing the export file failed",
                   Location::in_file(a.out));
    }
  }
  return Status::Ok();
}

}  // namespace

void add_leads_command(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("leads", "列出或导出线索 / list or export leads");
  auto a = std::make_shared<Args>();
  cmd->add_option("WORKSPACE", a->workspace, "工作区目录 / workspace directory")->required();
  cmd->add_option("--model", a->model, "只列出该模型的线索 / only this model's leads");
  cmd->add_option("--format", a->format, "table|json|csv|xlsx（默认 table）/ output format")
      ->capture_default_str();
  cmd->add_option("--out", a->out, "写入文件而非标准输出 / write to a file");
  cmd->callback([a, &exit_code] {
    Status s = run_leads(*a);
    if (!s.ok()) exit_code = report(s.error());
  });
}

}  // namespace shanhai::cli
