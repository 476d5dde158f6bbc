#include "cli/dataset_view.h"

#include <fmt/format.h>

#include "common/error.h"
#include "common/utf8.h"

namespace shanhai::cli {

namespace {

// Terminal columns a string takes: East Asian wide characters count two.
size_t display_width(std::string_view s) {
  size_t width = 0;
  size_t i = 0;
  while (i < s.size()) {
    const size_t len = utf8_sequence_length(s.substr(i));
    width += len >= 3 ? 2 : 1;
    i += len == 0 ? 1 : len;
  }
  return width;
}

std::string pad(std::string_view s, size_t width) {
  std::string out(s);
  for (size_t w = display_width(s); w < width; ++w) out += ' ';
  return out;
}

std::string type_label(const store::ColumnInfo& c) {
  static const std::pair<const char*, const char*> kLabels[] = {{"text", "文本"},
                                                                {"integer", "整数"},
                                                                {"decimal", "数值"},
                                                                {"date", "日期"},
                                                                {"money", "金额"}};
  std::string label = c.type;
  for (const auto& [en, zh] : kLabels) {
    if (c.type == en) label = fmt::format("{} {}", zh, en);
  }
  if (!c.element.empty() && c.element != c.type) label += fmt::format(" [{}]", c.element);
  return label;
}

void print_columns(std::ostream& out, const std::vector<store::ColumnInfo>& columns) {
  size_t name_width = 8;
  for (const auto& c : columns) name_width = std::max(name_width, display_width(c.name));
  for (const auto& c : columns) {
    std::string line = "    " + pad(c.name, name_width + 2) + pad(type_label(c), 24);
    if (c.rejected > 0) line += fmt::format("  无法解析 rejected {}", c.rejected);
    if (c.invalid > 0) line += fmt::format("  无效 invalid {}", c.invalid);
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out << line << "\n";
  }
}

}  // namespace


void print_datasets(std::ostream& out, const std::vector<store::DatasetInfo>& datasets) {
  if (datasets.empty()) {
    out << "工作区中还没有数据集。用 shanhai import 导入文件。\n"
           "No datasets yet. Import a file with `shanhai import`.\n";
    return;
  }
  out << fmt::format("共 {} 个数据集 / {} dataset(s)\n", datasets.size(), datasets.size());
  for (const auto& d : datasets) {
    const store::VersionInfo& v = d.versions.back();
    out << fmt::format(
        "\n■ {}  第 {} 版 version {}（共 {} 版 versions）  {} 行 rows  {} 列 columns\n", d.name,
        v.version, v.version, d.versions.size(), v.row_count, v.columns.size());
    std::string source = fmt::format("    来源 source: {}", v.source_file);
    if (!v.source_sheet.empty()) source += fmt::format("  工作表 sheet: {}", v.source_sheet);
    if (!v.encoding.empty()) source += fmt::format("  编码 encoding: {}", v.encoding);
    out << source << "\n";
    if (v.rejected_cells > 0 || v.invalid_cells > 0 || v.ragged_rows > 0) {
      out << fmt::format("    无法解析 rejected {}  无效 invalid {}  行宽不齐 ragged rows {}\n",
                         v.rejected_cells, v.invalid_cells, v.ragged_rows);
    }
    print_columns(out, v.columns);
  }
}

void print_import(std::ostream& out, const store::VersionInfo& v, const store::VersionManifest& m) {
  out << fmt::format("已导入数据集“{}”第 {} 版：{} 行，{} 列\n", v.dataset, v.version, v.row_count,
                     v.columns.size());
  out << fmt::format("Imported dataset \"{}\" version {}: {} rows, {} columns\n", v.dataset,
                     v.version, v.row_count, v.columns.size());
  std::string source = fmt::format("    来源 source: {}", v.source_file);
  if (!v.source_sheet.empty()) source += fmt::format("  工作表 sheet: {}", v.source_sheet);
  if (!v.encoding.empty()) source += fmt::format("  编码 encoding: {}", v.encoding);
  if (v.header_row > 0) source += fmt::format("  表头 header row: {}", v.header_row);
  out << source << "\n";
  const auto& table = m.report.value("table", nlohmann::json::object());
  for (const auto& t : table.value("title_rows", nlohmann::json::array())) {
    out << fmt::format("    跳过标题行 skipped title row {}: {}\n", t.at("row").get<int64_t>(),
                       display_value(t.at("text").get<std::string>()));
  }
  for (const auto& t : table.value("skipped_rows", nlohmann::json::array())) {
    out << fmt::format("    跳过要素说明行 skipped element row {}: {}\n",
                       t.at("row").get<int64_t>(), display_value(t.at("text").get<std::string>()));
  }
  if (table.value("blank_rows_skipped", 0) > 0) {
    out << fmt::format("    跳过空行 skipped blank rows: {}\n",
                       table.at("blank_rows_skipped").get<int64_t>());
  }
  if (v.ragged_rows > 0) {
    out << fmt::format(
        "    列数不齐的行 ragged rows: {}（已补齐，未丢失数据 / padded, nothing lost）\n",
        v.ragged_rows);
    for (const auto& s : table.value("ragged_samples", nlohmann::json::array())) {
      out << fmt::format("      第 {} 行 row {}: {} 个字段 fields, 应为 expected {}\n",
                         s.at("row").get<int64_t>(), s.at("row").get<int64_t>(),
                         s.at("fields").get<int64_t>(), s.at("expected").get<int64_t>());
    }
  }
  for (const auto& c : table.value("added_columns", nlohmann::json::array())) {
    out << fmt::format(
        "    新增列 added column “{}”（第 {} 行起超出表头 / row {} is wider than the header）\n",
        c.at("name").get<std::string>(), c.at("first_row").get<int64_t>(),
        c.at("first_row").get<int64_t>());
  }
  print_columns(out, v.columns);
  if (v.rejected_cells > 0 || v.invalid_cells > 0) {
    out << fmt::format(
        "  {} 个单元格无法按列类型解析、{} 个要素值无效，均已按原文保留（详见 {}/c*.rejects.tsv）\n"
        "  {} cell(s) did not parse as the column type and {} element value(s) are invalid; all "
        "are kept as raw text (see {}/c*.rejects.tsv)\n",
        v.rejected_cells, v.invalid_cells, v.dir, v.rejected_cells, v.invalid_cells, v.dir);
    const auto& samples = m.report.value("rejected_samples", nlohmann::json::object());
    for (const auto& [column, list] : samples.items()) {
      size_t shown = 0;
      for (const auto& s : list) {
        if (++shown > 5) break;
        out << fmt::format("    第 {} 行，列“{}”，值“{}”：{} / {}\n", s.at("row").get<int64_t>(),
                           column, display_value(s.at("value").get<std::string>()),
                           s.at("reason_zh").get<std::string>(),
                           s.at("reason_en").get<std::string>());
      }
    }
  }
}

}  // namespace shanhai::cli
