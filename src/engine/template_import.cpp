#include "engine/template_import.h"

#include <algorithm>
#include <map>
#include <optional>

#include <fmt/format.h>

#include "engine/element_template.h"
#include "ingest/importer.h"
#include "ingest/table_shaper.h"
#include "ingest/xlsx_reader.h"
#include "model/name_suggestion.h"
#include "normalize/text.h"
#include "store/catalog.h"
#include "store/version_writer.h"

namespace shanhai::engine {

namespace fs = std::filesystem;

namespace {

// Reading stops once row 2 has been seen: only the head of a sheet is checked.
constexpr std::string_view kEnough = "template.head_read";

// Rows 1 and 2 of a sheet, as cleaned cell texts; whether anything came before row 1 is moot
// (rows are numbered as in the sheet).
class SheetHead final : public ingest::GridSink {
 public:
  void set_merged_ranges(std::vector<ingest::MergedRange>) override {}
  Status row(int64_t source_row, int64_t, std::span<const std::string_view> cells) override {
    if (source_row > 2) return Error(std::string(kEnough), "", "");
    auto& target = source_row == 1 ? row1 : row2;
    for (std::string_view c : cells) target.push_back(std::string(c));
    return Status::Ok();
  }
  std::vector<std::string> row1, row2;
};

std::string join(const std::vector<std::string>& names, const char* separator = "、") {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : separator) + n;
  return out;
}

Location at(const std::string& file, const std::string& sheet, int64_t row, int64_t column = 0,
            const std::string& value = {}) {
  Location where = Location::in_file(file, sheet);
  where.row = row;
  where.column = column;
  if (!value.empty()) {
    where.column_name = value;
    where.value = value;
  }
  return where;
}

// The header of row 1 that a missing field's header was probably renamed to: the closest of
// the headers that are no field, or one containing (or contained in) the field's header.
std::optional<size_t> renamed_to(const std::string& header, const std::vector<std::string>& headers,
                                 const std::vector<bool>& is_field) {
  std::vector<std::string> unknown;
  std::vector<size_t> where;
  for (size_t i = 0; i < headers.size(); ++i) {
    if (is_field[i] || headers[i].empty()) continue;
    unknown.push_back(headers[i]);
    where.push_back(i);
  }
  if (auto near = model::closest_name(header, unknown)) {
    return where[static_cast<size_t>(std::find(unknown.begin(), unknown.end(), *near) -
                                     unknown.begin())];
  }
  for (size_t k = 0; k < unknown.size(); ++k) {
    const std::string& u = unknown[k];
    const bool contains = u.find(header) != std::string::npos;
    const bool contained = u.size() >= 6 && header.find(u) != std::string::npos;  // ≥ 2 Han
    if (contains || contained) return where[k];
  }
  return std::nullopt;
}

// Checks one input's sheet; fills `out` and appends the input's field choices.
Status check_sheet(const TemplateSheet& layout, const model::Input& in, const fs::path& path,
                   const std::string& display, const std::string& sheet, TemplateInput& out,
                   std::vector<FieldChoice>& fields) {
  SheetHead head;
  std::string chosen;
  Status read = ingest::read_xlsx(path, display, sheet, head, &chosen, {});
  if (!read.ok() && read.error().code() != kEnough) return read.take_error();

  std::vector<std::string> headers;
  for (const auto& c : head.row1) headers.push_back(ingest::clean_column_name(c));
  while (!headers.empty() && headers.back().empty()) headers.pop_back();
  if (headers.empty()) {
    return Error("template.no_header",
                 "第 1 行应为字段名称（模版原有的表头），实为空行；请勿在表头上方插入行",
                 "row 1 should hold the field names (the template's header) but is empty; do "
                 "not insert rows above the header",
                 at(display, sheet, 1));
  }
  // Which header is which field's: the template's header, or the field's label or name.
  std::vector<bool> is_field(headers.size(), false);
  std::vector<std::optional<size_t>> column_of(layout.columns.size());
  for (size_t k = 0; k < layout.columns.size(); ++k) {
    const TemplateColumn& c = layout.columns[k];
    const model::Field& f = in.fields[k];
    for (size_t i = 0; i < headers.size(); ++i) {
      if (headers[i] != c.header && headers[i] != f.label && headers[i] != f.name.text) continue;
      if (column_of[k]) {
        return Error(
            "template.duplicate_header",
            fmt::format("表头“{}”出现了两次（第 {} 列和第 {} 列），请删除或改名其中一列",
                        headers[i], *column_of[k] + 1, i + 1),
            fmt::format("the header \"{}\" appears twice (columns {} and {}); remove or rename "
                        "one of them",
                        headers[i], *column_of[k] + 1, i + 1),
            at(display, sheet, 1, static_cast<int64_t>(i) + 1, headers[i]));
      }
      column_of[k] = i;
      is_field[i] = true;
    }
  }
  for (size_t k = 0; k < layout.columns.size(); ++k) {
    if (column_of[k]) continue;
    const TemplateColumn& c = layout.columns[k];
    const std::string name = in.name.text + "." + c.field;
    if (auto renamed = renamed_to(c.header, headers, is_field)) {
      const std::string& h = headers[*renamed];
      return Error("template.renamed_header",
                   fmt::format("表头“{}”不是模版中的字段名称，应为“{}”（字段 {}）；请恢复模版原有的"
                               "表头，其他列可以加在右侧",
                               h, c.header, name),
                   fmt::format("the header \"{}\" is not a field of the template; it should read "
                               "\"{}\" (field {}). Restore the template's header; other columns "
                               "may be added on the right",
                               h, c.header, name),
                   at(display, sheet, 1, static_cast<int64_t>(*renamed) + 1, h));
    }
    if (c.required) {
      return Error("template.missing_column",
                   fmt::format("缺少必填字段“{}”（{}）的列。第 1 行的表头：{}", c.header, name,
                               join(headers)),
                   fmt::format("the column of required field \"{}\" ({}) is missing. The headers "
                               "in row 1 are: {}",
                               c.header, name, join(headers, ", ")),
                   at(display, sheet, 1));
    }
    out.missing_optional.push_back(c.field);
  }
  for (size_t i = 0; i < headers.size(); ++i) {
    if (!is_field[i] && !headers[i].empty()) out.extra_columns.push_back(headers[i]);
  }

  // Row 2: the element row when its cells under the fields are notes; data when none is.
  std::optional<size_t> note_column, data_column;
  for (size_t k = 0; k < layout.columns.size(); ++k) {
    if (!column_of[k] || *column_of[k] >= head.row2.size()) continue;
    const std::string& cell = head.row2[*column_of[k]];
    if (normalize::is_blank(cell)) continue;
    if (is_template_note(cell)) {
      if (!note_column) note_column = *column_of[k];
    } else if (!data_column) {
      data_column = *column_of[k];
    }
  }
  if (note_column && data_column) {
    const std::string& v = head.row2[*data_column];
    return Error(
        "template.element_row",
        fmt::format("第 2 行是要素说明行（第 {} 列为“{}”），但第 {} 列填有数据；请保留模版第 2 "
                    "行的说明，从第 3 行起填写数据",
                    *note_column + 1, display_value(head.row2[*note_column]), *data_column + 1),
        fmt::format("row 2 is the element row (column {} reads \"{}\") but column {} holds data; "
                    "keep the template's row 2 as it is and fill in data from row 3",
                    *note_column + 1, display_value(head.row2[*note_column]), *data_column + 1),
        at(display, sheet, 2, static_cast<int64_t>(*data_column) + 1, v));
  }
  out.element_row = note_column ? 2 : 0;
  for (size_t k = 0; k < layout.columns.size(); ++k) {
    if (column_of[k])
      fields.push_back({in.name.text, layout.columns[k].field, headers[*column_of[k]]});
  }
  return Status::Ok();
}

std::string display_name(const TemplateImportRequest& r) {
  return r.source_name.empty() ? r.file.string() : r.source_name;
}

}  // namespace

Result<TemplateImport> check_template(const model::ModelSpec& spec,
                                      const TemplateImportRequest& request) {
  const std::string display = display_name(request);
  auto format = ingest::detect_format(request.file);
  if (!format) return format.take_error();
  if (format.value() != "xlsx") {
    return Error("template.not_xlsx",
                 "要素模版应为 .xlsx 工作簿（请用 shanhai model template 导出的模版填写）",
                 "an element template must be an .xlsx workbook (fill in the one "
                 "`shanhai model template` writes)",
                 Location::in_file(display));
  }
  auto sheets = ingest::xlsx_sheet_names(request.file, display);
  if (!sheets) return sheets.take_error();
  const std::vector<std::string>& names = sheets.value();

  TemplateImport plan;
  const std::string prefix = request.dataset_prefix.empty() ? spec.id.text : request.dataset_prefix;
  const std::vector<TemplateSheet> layout = template_layout(spec);
  std::vector<std::string> used;
  for (size_t i = 0; i < spec.inputs.size(); ++i) {
    const model::Input& in = spec.inputs[i];
    TemplateInput ti;
    ti.input = in.name.text;
    // The template's sheet; a sheet named after the input's label or name also serves.
    for (const std::string& wanted : {layout[i].sheet, in.label, in.name.text}) {
      if (wanted.empty() || !ti.sheet.empty()) continue;
      if (std::find(names.begin(), names.end(), wanted) != names.end()) ti.sheet = wanted;
    }
    if (ti.sheet.empty()) {
      return Error("template.missing_sheet",
                   fmt::format("要素模版中没有输入“{}”（{}）的工作表“{}”。工作簿中的工作表：{}",
                               in.label.empty() ? in.name.text : in.label, in.name.text,
                               layout[i].sheet, join(names)),
                   fmt::format("the template has no sheet \"{}\" for input \"{}\". The workbook's "
                               "sheets are: {}",
                               layout[i].sheet, in.name.text, join(names, ", ")),
                   Location::in_file(display, layout[i].sheet));
    }
    used.push_back(ti.sheet);
    ti.dataset = prefix + "." + in.name.text;
    SHANHAI_TRY(store::validate_dataset_name(ti.dataset));
    SHANHAI_TRY(
        check_sheet(layout[i], in, request.file, display, ti.sheet, ti, plan.field_choices));
    plan.input_choices.push_back({ti.input, ti.dataset, std::nullopt});
    plan.inputs.push_back(std::move(ti));
  }
  for (const std::string& n : names) {
    if (std::find(used.begin(), used.end(), n) == used.end()) plan.ignored_sheets.push_back(n);
  }
  return plan;
}

Result<TemplateImport> import_template(store::Workspace& ws, const model::ModelSpec& spec,
                                       const TemplateImportRequest& request,
                                       ProgressSink* progress) {
  const FinishProgressOnExit finish_progress(progress);

  auto plan = check_template(spec, request);
  if (!plan) return plan.take_error();
  TemplateImport& t = plan.value();
  for (const TemplateInput& ti : t.inputs) {
    auto owner = store::dataset_org(ws, ti.dataset);
    if (!owner) return owner.take_error();
    if (owner.value() && *owner.value() != request.org) {
      return Error("dataset.other_org",
                   fmt::format("数据集“{}”属于单位“{}”，不能以单位“{}”导入新版本；请用 "
                               "--dataset-prefix 另取名称",
                               ti.dataset, *owner.value(), request.org),
                   fmt::format("dataset \"{}\" belongs to organisation \"{}\"; a new version "
                               "cannot be imported for \"{}\". Choose other names with "
                               "--dataset-prefix",
                               ti.dataset, *owner.value(), request.org),
                   Location::of_value(ti.dataset));
    }
  }

  std::vector<ingest::StagedImport> staged;
  for (size_t i = 0; i < t.inputs.size(); ++i) {
    const TemplateInput& ti = t.inputs[i];
    ingest::ImportRequest req;
    req.file = request.file;
    req.dataset = ti.dataset;
    req.sheet = ti.sheet;
    req.threads = request.threads;
    req.source_name = request.source_name;
    req.header_is_first_row = true;
    if (ti.element_row > 0) req.skip_rows.push_back(ti.element_row);
    // Field columns are typed by their elements, so the import report lists invalid values.
    for (const FieldChoice& f : t.field_choices) {
      if (f.input != ti.input) continue;
      for (const model::Field& field : spec.inputs[i].fields) {
        if (field.name.text == f.field && field.element.text != "text") {
          req.elements.push_back({f.column, field.element.text});
        }
      }
    }
    if (is_cancelled(progress)) return cancelled_error();
    auto s = ingest::stage_import(ws, req, progress);
    if (!s) return s.take_error();
    staged.push_back(std::move(s.value()));
  }
  if (is_cancelled(progress)) return cancelled_error();
  std::vector<std::pair<store::VersionWriter*, const store::VersionManifest*>> versions;
  for (const auto& s : staged) versions.emplace_back(s.writer.get(), &s.manifest);
  auto committed = store::VersionWriter::commit_all(versions);
  if (!committed) return committed.take_error();
  for (size_t i = 0; i < t.inputs.size(); ++i) {
    TemplateInput& ti = t.inputs[i];
    ti.version = committed.value()[i].version;
    ti.rows = staged[i].manifest.row_count;
    t.input_choices[i].version = ti.version;
    if (!request.org.empty()) SHANHAI_TRY(store::set_dataset_org(ws, ti.dataset, request.org));
  }
  return std::move(plan.value());
}

}  // namespace shanhai::engine
