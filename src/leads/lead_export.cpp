#include "leads/lead_export.h"

#include <xlsxwriter.h>

#include <fmt/format.h>

namespace shanhai::leads {

namespace {

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace

const std::vector<std::string>& export_headers() {
  static const std::vector<std::string> headers = {
      "模型 model",        "规则 rule",     "线索标题 title", "线索对象 subject", "状态 status",
      "仍被检出 detected", "类别 category", "证据 evidence",  "指纹 fingerprint"};
  return headers;
}

std::vector<std::string> export_cells(const Lead& l) {
  std::string evidence;
  for (const EvidenceRow& e : l.evidence) {
    if (!evidence.empty()) evidence += "；";
    evidence += fmt::format("{}@{} 文件 {}{} 第 {} 行", e.dataset, e.version, e.source,
                            e.sheet.empty() ? "" : " 工作表 " + e.sheet, e.row);
  }
  return {l.model_id, l.rule,   l.title,      l.subject, l.status, l.detected ? "是" : "否",
          l.category, evidence, l.fingerprint};
}

void write_leads_csv(std::ostream& out, const std::vector<Lead>& leads) {
  out << "\xEF\xBB\xBF";
  auto line = [&out](const std::vector<std::string>& cells) {
    for (size_t i = 0; i < cells.size(); ++i) out << (i ? "," : "") << csv_field(cells[i]);
    out << "\r\n";
  };
  line(export_headers());
  for (const Lead& l : leads) line(export_cells(l));
}

Status write_leads_xlsx(const std::filesystem::path& path, const std::vector<Lead>& leads) {
  auto fail = [&path](const std::string& detail) {
    return Error("leads.export", fmt::format("无法写入 XLSX 文件：{}", detail),
                 fmt::format("cannot write the XLSX file: {}", detail),
                 Location::in_file(path.string()));
  };
  lxw_workbook* wb = workbook_new(path.c_str());
  if (wb == nullptr) return fail("workbook_new");
  lxw_worksheet* ws = workbook_add_worksheet(wb, "线索");
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);
  const auto& headers = export_headers();
  for (size_t c = 0; c < headers.size(); ++c) {
    worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), headers[c].c_str(), bold);
  }
  lxw_row_t row = 1;
  for (const Lead& l : leads) {
    const auto cells = export_cells(l);
    for (size_t c = 0; c < cells.size(); ++c) {
      worksheet_write_string(ws, row, static_cast<lxw_col_t>(c), cells[c].c_str(), nullptr);
    }
    ++row;
  }
  const lxw_error err = workbook_close(wb);
  if (err != LXW_NO_ERROR) return fail(lxw_strerror(err));
  return Status::Ok();
}

}  // namespace shanhai::leads
