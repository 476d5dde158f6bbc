#include "engine/element_template.h"

#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <fstream>
#include <random>
#include <sstream>

#include <fmt/format.h>

#include "common/utf8.h"
#include "normalize/element_hint.h"
#include "normalize/text.h"

namespace shanhai::engine {

namespace fs = std::filesystem;

namespace {

constexpr size_t kMaxSheetName = 31;  // Excel's limit, in characters

// The first n code points of s.
std::string first_code_points(std::string_view s, size_t n) {
  size_t i = 0;
  for (size_t k = 0; k < n && i < s.size(); ++k) normalize::next_code_point(s, i);
  return std::string(s.substr(0, i));
}

std::string ascii_lower(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

// A name Excel accepts for a sheet: no []:*?/\, not starting or ending with an apostrophe.
std::string excel_sheet_name(std::string_view wanted) {
  std::string out;
  for (char c : wanted) {
    out += std::string_view("[]:*?/\\").find(c) == std::string_view::npos ? c : '_';
  }
  while (!out.empty() && out.front() == '\'') out.erase(0, 1);
  while (!out.empty() && out.back() == '\'') out.pop_back();
  return out.empty() ? std::string("Sheet") : out;
}

// Elements whose values are codes or numbers Excel would mangle if it read them as numbers.
bool keep_as_text(normalize::Element e) {
  using normalize::Element;
  switch (e) {
    case Element::money:
    case Element::integer:
    case Element::decimal:
    case Element::date:
    case Element::datetime:
    case Element::boolean:
      return false;
    default:
      return true;
  }
}

// Display width of a header in Excel character units: a Han character is two.
double column_width(const TemplateColumn& c) {
  size_t width = 0;
  for (size_t i = 0; i < c.header.size();) {
    const char32_t cp = normalize::next_code_point(c.header, i);
    width += cp < 0x80 ? 1 : 2;
  }
  return static_cast<double>(std::clamp<size_t>(width + 4, 16, 40));
}

Error write_error(const fs::path& out, std::string_view detail) {
  return Error("template.write", fmt::format("无法写入要素模版：{}", detail),
               fmt::format("cannot write the element template: {}", detail),
               Location::in_file(out.string()));
}

void write_guide(lxw_workbook* wb, const model::ModelSpec& spec,
                 const std::vector<TemplateSheet>& sheets) {
  lxw_worksheet* ws = workbook_add_worksheet(wb, std::string(kTemplateGuideSheet).c_str());
  lxw_format* title = workbook_add_format(wb);
  format_set_bold(title);
  format_set_font_size(title, 14);
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);
  lxw_format* wrap = workbook_add_format(wb);
  format_set_text_wrap(wrap);
  format_set_align(wrap, LXW_ALIGN_VERTICAL_TOP);
  worksheet_set_column(ws, 0, 0, 18, nullptr);
  worksheet_set_column(ws, 1, 1, 24, nullptr);
  worksheet_set_column(ws, 2, 2, 24, nullptr);
  worksheet_set_column(ws, 3, 3, 60, nullptr);
  worksheet_set_column(ws, 4, 4, 8, nullptr);

  lxw_row_t r = 0;
  auto line = [&](const std::string& a, const std::string& b, lxw_format* fa = nullptr) {
    worksheet_write_string(ws, r, 0, a.c_str(), fa != nullptr ? fa : bold);
    if (!b.empty()) worksheet_write_string(ws, r, 1, b.c_str(), nullptr);
    ++r;
  };
  worksheet_write_string(
      ws, r++, 0,
      fmt::format("《{}》要素模版", spec.name.empty() ? spec.id.text : spec.name).c_str(), title);
  ++r;
  line("模型标识", spec.id.text);
  line("模型版本", spec.version.text);
  if (!spec.category.empty()) line("类别", spec.category);
  if (!spec.author_org.empty()) line("建模单位", spec.author_org);
  for (const auto& basis : spec.legal_basis) line("法律依据", basis);
  ++r;
  worksheet_write_string(ws, r++, 0, "填写说明", bold);
  const std::vector<std::string> steps = {
      "1. 每个数据输入一张工作表，请勿修改工作表名称；本“说明”工作表导入时忽略。",
      "2. 第 1 行是字段名称，请勿修改；可以调整列的顺序，也可以在右侧增加其他列（导入但不使用）。",
      "3. 第 2 行是要素说明，标“【必填】”的列必须保留；导入时跳过本行，请勿在本行填写数据。",
      "4. 从第 3 行起，每行填写一条记录。证件号码、案号等列已设为文本格式，请勿改为数值格式。",
      fmt::format("5. 填好后运行：shanhai run 工作区 {} --template 本文件.xlsx", spec.id.text)};
  for (const std::string& s : steps) worksheet_write_string(ws, r++, 0, s.c_str(), nullptr);
  ++r;
  const char* heads[] = {"工作表", "数据输入", "字段", "要素说明", "必填"};
  for (lxw_col_t c = 0; c < 5; ++c) worksheet_write_string(ws, r, c, heads[c], bold);
  ++r;
  for (const TemplateSheet& s : sheets) {
    for (const TemplateColumn& c : s.columns) {
      worksheet_write_string(ws, r, 0, s.sheet.c_str(), nullptr);
      worksheet_write_string(ws, r, 1, s.input.c_str(), nullptr);
      worksheet_write_string(ws, r, 2, fmt::format("{}（{}）", c.header, c.field).c_str(), nullptr);
      worksheet_write_string(ws, r, 3, std::string(normalize::element_hint_zh(c.element)).c_str(),
                             wrap);
      worksheet_write_string(ws, r, 4, c.required ? "是" : "否", nullptr);
      ++r;
    }
  }
}

void write_input_sheet(lxw_workbook* wb, const TemplateSheet& s, lxw_format* header,
                       lxw_format* note, lxw_format* text) {
  lxw_worksheet* ws = workbook_add_worksheet(wb, s.sheet.c_str());
  for (size_t i = 0; i < s.columns.size(); ++i) {
    const TemplateColumn& c = s.columns[i];
    const auto col = static_cast<lxw_col_t>(i);
    worksheet_set_column(ws, col, col, column_width(c), keep_as_text(c.element) ? text : nullptr);
    worksheet_write_string(ws, 0, col, c.header.c_str(), header);
    worksheet_write_string(ws, 1, col, c.note.c_str(), note);
  }
  worksheet_set_row(ws, 1, 48, nullptr);
  worksheet_freeze_panes(ws, 2, 0);
}

}  // namespace

std::vector<TemplateSheet> template_layout(const model::ModelSpec& spec) {
  std::vector<TemplateSheet> out;
  std::vector<std::string> taken = {ascii_lower(std::string(kTemplateGuideSheet))};
  for (const model::Input& in : spec.inputs) {
    TemplateSheet s;
    s.input = in.name.text;
    const std::string base = first_code_points(
        excel_sheet_name(in.label.empty() ? in.name.text : in.label), kMaxSheetName);
    std::string name = base;
    for (int n = 2; std::find(taken.begin(), taken.end(), ascii_lower(name)) != taken.end(); ++n) {
      const std::string suffix = fmt::format("({})", n);
      name = first_code_points(base, kMaxSheetName - utf8_length(suffix)) + suffix;
    }
    taken.push_back(ascii_lower(name));
    s.sheet = name;
    std::vector<std::string> headers;
    for (const model::Field& f : in.fields) {
      TemplateColumn c;
      c.field = f.name.text;
      c.header = f.label.empty() ? f.name.text : f.label;
      if (std::find(headers.begin(), headers.end(), c.header) != headers.end()) {
        c.header += fmt::format("（{}）", f.name.text);
      }
      headers.push_back(c.header);
      c.element = normalize::element_from_name(f.element.text).value_or(normalize::Element::text);
      c.required = f.required;
      c.note = std::string(f.required ? kRequiredMark : kOptionalMark) +
               std::string(normalize::element_hint_zh(c.element));
      s.columns.push_back(std::move(c));
    }
    out.push_back(std::move(s));
  }
  return out;
}

bool is_template_note(std::string_view cell) {
  const std::string_view t = normalize::trim(cell);
  return t.rfind(kRequiredMark, 0) == 0 || t.rfind(kOptionalMark, 0) == 0;
}

Status write_element_template(const model::ModelSpec& spec, const fs::path& out) {
  std::random_device rd;
  const fs::path aside = out.parent_path() / fmt::format(".{}.{:x}-{:08x}.tmp",
                                                         out.filename().string(), ::getpid(), rd());
  const std::vector<TemplateSheet> sheets = template_layout(spec);
  lxw_workbook* wb = workbook_new(aside.c_str());
  if (wb == nullptr) return write_error(out, "无法创建文件 / cannot create the file");
  lxw_format* header = workbook_add_format(wb);
  format_set_bold(header);
  format_set_bg_color(header, 0xDDEBF7);
  format_set_border(header, LXW_BORDER_THIN);
  format_set_align(header, LXW_ALIGN_CENTER);
  format_set_align(header, LXW_ALIGN_VERTICAL_CENTER);
  format_set_num_format_index(header, 49);  // "@": text
  lxw_format* note = workbook_add_format(wb);
  format_set_italic(note);
  format_set_font_color(note, 0x808080);
  format_set_bg_color(note, 0xF2F2F2);
  format_set_border(note, LXW_BORDER_THIN);
  format_set_text_wrap(note);
  format_set_align(note, LXW_ALIGN_VERTICAL_TOP);
  format_set_num_format_index(note, 49);  // "@": text
  lxw_format* text = workbook_add_format(wb);
  format_set_num_format_index(text, 49);  // "@": text

  write_guide(wb, spec, sheets);
  for (const TemplateSheet& s : sheets) write_input_sheet(wb, s, header, note, text);
  const lxw_error err = workbook_close(wb);
  std::error_code ec;
  if (err != LXW_NO_ERROR) {
    fs::remove(aside, ec);
    return write_error(out, lxw_strerror(err));
  }
  fs::rename(aside, out, ec);
  if (ec) {
    fs::remove(aside, ec);
    return write_error(out, ec.message());
  }
  return Status::Ok();
}

Result<std::string> element_template_bytes(const model::ModelSpec& spec) {
  std::error_code ec;
  fs::path dir = fs::temp_directory_path(ec);
  if (ec) dir = "/tmp";
  std::random_device rd;
  const fs::path file = dir / fmt::format("shanhai-template-{:x}-{:08x}.xlsx", ::getpid(), rd());
  SHANHAI_TRY(write_element_template(spec, file));
  std::ifstream in(file, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  const bool read = in.good() || in.eof();
  in.close();
  fs::remove(file, ec);
  if (!read) return write_error(file, "无法读回文件 / cannot read the file back");
  return bytes.str();
}

std::string template_file_name(const model::ModelSpec& spec) {
  std::string name = spec.name.empty() ? spec.id.text : spec.name;
  for (char& c : name) {
    if (std::string_view("/\\:*?\"<>|").find(c) != std::string_view::npos ||
        static_cast<unsigned char>(c) < 0x20) {
      c = '_';
    }
  }
  return name + "-要素模版.xlsx";
}

}  // namespace shanhai::engine
