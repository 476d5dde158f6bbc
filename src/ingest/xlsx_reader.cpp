#include "ingest/xlsx_reader.h"

#include <zip.h>

#include <cstdlib>
#include <map>
#include <memory>
#include <pugixml.hpp>

#include <fmt/format.h>

#include "ingest/sheet_choice.h"
#include "ingest/spreadsheet_values.h"

namespace shanhai::ingest {

namespace {

constexpr uint64_t kMaxEntryBytes = 4ULL << 30;

struct ZipCloser {
  void operator()(zip_t* z) const { zip_discard(z); }
};
using Zip = std::unique_ptr<zip_t, ZipCloser>;

Error corrupt(const std::string& file, const std::string& detail) {
  return Error("import.corrupt_xlsx",
               fmt::format("XLSX 文件已损坏或被截断（{}），请在 Excel 中打开并重新保存", detail),
               fmt::format("the XLSX file is corrupt or truncated ({}); open it in Excel and "
                           "save it again",
                           detail),
               Location::in_file(file));
}

Result<Zip> open_zip(const std::filesystem::path& path, const std::string& file) {
  int err = 0;
  zip_t* z = zip_open(path.c_str(), ZIP_RDONLY | ZIP_CHECKCONS, &err);
  if (z == nullptr) {
    zip_error_t ze;
    zip_error_init_with_code(&ze, err);
    const std::string detail = zip_error_strerror(&ze);
    zip_error_fini(&ze);
    return corrupt(file, "ZIP: " + detail);
  }
  return Zip(z);
}

// Reads a whole entry; a missing entry gives an empty optional-like result (found=false).
Result<std::string> read_entry(zip_t* z, const std::string& name, const std::string& file,
                               bool* found) {
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat(z, name.c_str(), 0, &st) != 0) {
    *found = false;
    return std::string();
  }
  *found = true;
  if (st.size > kMaxEntryBytes) return corrupt(file, name + " too large");
  zip_file_t* f = zip_fopen(z, name.c_str(), 0);
  if (f == nullptr) return corrupt(file, name + ": " + zip_strerror(z));
  std::string data(st.size, '\0');
  zip_int64_t got = 0;
  while (static_cast<uint64_t>(got) < st.size) {
    const zip_int64_t n = zip_fread(f, data.data() + got, st.size - static_cast<uint64_t>(got));
    if (n <= 0) {
      const std::string detail = zip_file_strerror(f);
      zip_fclose(f);
      return corrupt(file, name + ": " + detail);
    }
    got += n;
  }
  zip_fclose(f);
  return data;
}

Result<pugi::xml_document> parse_entry(zip_t* z, const std::string& name, const std::string& file,
                                       bool required) {
  bool found = false;
  auto data = read_entry(z, name, file, &found);
  if (!data) return data.take_error();
  pugi::xml_document doc;
  if (!found) {
    if (required) {
      return Error("import.not_xlsx", fmt::format("文件不是 Excel 工作簿（缺少 {}）", name),
                   fmt::format("not an Excel workbook ({} is missing)", name),
                   Location::in_file(file));
    }
    return doc;
  }
  const auto parsed = doc.load_buffer(data.value().data(), data.value().size(),
                                      pugi::parse_default | pugi::parse_ws_pcdata_single);
  if (!parsed) {
    return corrupt(file, fmt::format("{}: {} @{}", name, parsed.description(), parsed.offset));
  }
  return doc;
}

// Text of a shared string or inline string: every <t> not inside phonetic runs (<rPh>).
std::string string_item_text(const pugi::xml_node& si) {
  std::string out;
  for (pugi::xml_node n : si.children()) {
    const std::string_view name = n.name();
    if (name == "t") {
      out += n.text().get();
    } else if (name == "r") {
      out += n.child("t").text().get();
    }
  }
  return out;
}

struct Workbook {
  std::vector<std::string> sheet_names;
  std::vector<std::string> sheet_paths;
  bool date1904 = false;
};

Result<Workbook> read_workbook(zip_t* z, const std::string& file) {
  auto wb = parse_entry(z, "xl/workbook.xml", file, true);
  if (!wb) return wb.take_error();
  auto rels = parse_entry(z, "xl/_rels/workbook.xml.rels", file, true);
  if (!rels) return rels.take_error();
  std::map<std::string, std::string> targets;
  for (pugi::xml_node r : rels.value().child("Relationships").children("Relationship")) {
    std::string target = r.attribute("Target").value();
    if (!target.empty() && target[0] == '/') {
      target = target.substr(1);
    } else {
      target = "xl/" + target;
    }
    targets[r.attribute("Id").value()] = target;
  }
  Workbook out;
  const pugi::xml_node workbook = wb.value().child("workbook");
  const std::string_view d1904 = workbook.child("workbookPr").attribute("date1904").value();
  out.date1904 = d1904 == "1" || d1904 == "true";
  for (pugi::xml_node s : workbook.child("sheets").children("sheet")) {
    out.sheet_names.push_back(s.attribute("name").value());
    out.sheet_paths.push_back(targets[s.attribute("r:id").value()]);
  }
  return out;
}

// Style index → whether cells with that style show dates.
std::vector<bool> read_date_styles(zip_t* z, const std::string& file, Status* status) {
  std::vector<bool> out;
  auto styles = parse_entry(z, "xl/styles.xml", file, false);
  if (!styles) {
    *status = styles.take_error();
    return out;
  }
  const pugi::xml_node ss = styles.value().child("styleSheet");
  std::map<int, bool> custom;
  for (pugi::xml_node f : ss.child("numFmts").children("numFmt")) {
    custom[f.attribute("numFmtId").as_int()] =
        is_date_format_code(f.attribute("formatCode").value());
  }
  for (pugi::xml_node xf : ss.child("cellXfs").children("xf")) {
    const int id = xf.attribute("numFmtId").as_int();
    const auto it = custom.find(id);
    out.push_back(it != custom.end() ? it->second : is_builtin_date_format(id));
  }
  return out;
}

// "BC12" → column 54 (0-based), row 11 (0-based). Returns false when malformed.
bool parse_ref(std::string_view ref, int64_t* row, int64_t* col) {
  size_t i = 0;
  int64_t c = 0;
  while (i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z') c = c * 26 + (ref[i++] - 'A' + 1);
  int64_t r = 0;
  const size_t digits_start = i;
  while (i < ref.size() && ref[i] >= '0' && ref[i] <= '9') r = r * 10 + (ref[i++] - '0');
  if (c == 0 || i != ref.size() || (i == digits_start && row != nullptr)) return false;
  *col = c - 1;
  if (row != nullptr) *row = r - 1;
  return true;
}

}  // namespace

Result<std::vector<std::string>> xlsx_sheet_names(const std::filesystem::path& path,
                                                  const std::string& display_name) {
  auto z = open_zip(path, display_name);
  if (!z) return z.take_error();
  auto wb = read_workbook(z.value().get(), display_name);
  if (!wb) return wb.take_error();
  return wb.value().sheet_names;
}

Status read_xlsx(const std::filesystem::path& path, const std::string& file,
                 const std::string& sheet, GridSink& sink, std::string* chosen_sheet,
                 const std::function<void(uint64_t, uint64_t)>& progress) {
  auto z = open_zip(path, file);
  if (!z) return z.take_error();
  auto wb = read_workbook(z.value().get(), file);
  if (!wb) return wb.take_error();
  const Workbook& book = wb.value();
  if (book.sheet_names.empty()) {
    return Error("import.empty_file", "工作簿中没有工作表", "the workbook has no sheets",
                 Location::in_file(file));
  }
  auto chosen = choose_sheet(book.sheet_names, sheet, file);
  if (!chosen) return chosen.take_error();
  const size_t index = chosen.value();
  *chosen_sheet = book.sheet_names[index];
  const std::string& sheet_name = *chosen_sheet;

  // Shared strings.
  std::vector<std::string> shared;
  {
    auto sst = parse_entry(z.value().get(), "xl/sharedStrings.xml", file, false);
    if (!sst) return sst.take_error();
    for (pugi::xml_node si : sst.value().child("sst").children("si")) {
      shared.push_back(string_item_text(si));
    }
  }
  Status style_status;
  const std::vector<bool> date_styles = read_date_styles(z.value().get(), file, &style_status);
  if (!style_status.ok()) return style_status;

  auto doc = parse_entry(z.value().get(), book.sheet_paths[index], file, true);
  if (!doc) return doc.take_error();
  const pugi::xml_node ws = doc.value().child("worksheet");

  std::vector<MergedRange> merges;
  for (pugi::xml_node m : ws.child("mergeCells").children("mergeCell")) {
    const std::string ref = m.attribute("ref").value();
    const size_t colon = ref.find(':');
    MergedRange r;
    if (colon == std::string::npos ||
        !parse_ref(std::string_view(ref).substr(0, colon), &r.first_row, &r.first_col) ||
        !parse_ref(std::string_view(ref).substr(colon + 1), &r.last_row, &r.last_col)) {
      continue;
    }
    merges.push_back(r);
  }
  sink.set_merged_ranges(std::move(merges));

  const pugi::xml_node data = ws.child("sheetData");
  uint64_t total_rows = 0;
  for (pugi::xml_node r = data.child("row"); r; r = r.next_sibling("row")) ++total_rows;
  std::vector<std::string> cells;
  std::vector<std::string_view> views;
  int64_t next_row = 0;
  uint64_t done = 0;
  for (pugi::xml_node r = data.child("row"); r; r = r.next_sibling("row")) {
    const int64_t row_index = r.attribute("r") ? r.attribute("r").as_llong() - 1 : next_row;
    next_row = row_index + 1;
    cells.clear();
    int64_t next_col = 0;
    for (pugi::xml_node c = r.child("c"); c; c = c.next_sibling("c")) {
      int64_t col = next_col;
      int64_t ignored_row;
      if (c.attribute("r") && !parse_ref(c.attribute("r").value(), &ignored_row, &col)) {
        Location where;
        where.file = file;
        where.sheet = sheet_name;
        where.row = row_index + 1;
        where.value = c.attribute("r").value();
        return Error("import.corrupt_xlsx", "XLSX 单元格引用无效，文件可能已损坏",
                     "invalid cell reference in the XLSX file; it may be corrupt", where);
      }
      next_col = col + 1;
      if (static_cast<size_t>(col) >= cells.size()) cells.resize(static_cast<size_t>(col) + 1);
      const std::string_view type = c.attribute("t").value();
      const char* v = c.child("v").text().get();
      std::string value;
      if (type == "s") {
        const size_t i = static_cast<size_t>(std::strtoull(v, nullptr, 10));
        value = i < shared.size() ? shared[i] : std::string();
      } else if (type == "inlineStr") {
        value = string_item_text(c.child("is"));
      } else if (type == "b") {
        value = std::string_view(v) == "1" ? "TRUE" : "FALSE";
      } else if (type == "str" || type == "e" || type == "d") {
        value = v;
      } else if (*v != '\0') {
        char* end = nullptr;
        const double d = std::strtod(v, &end);
        const size_t style = static_cast<size_t>(c.attribute("s").as_ullong());
        if (end != nullptr && *end == '\0') {
          value = style < date_styles.size() && date_styles[style]
                      ? excel_serial_to_text(d, book.date1904)
                      : format_number(d);
        } else {
          value = v;
        }
      }
      cells[static_cast<size_t>(col)] = std::move(value);
    }
    views.assign(cells.begin(), cells.end());
    SHANHAI_TRY(sink.row(row_index + 1, row_index, views));
    if ((++done & 0xFFF) == 0 && progress) progress(done, total_rows);
  }
  if (progress) progress(total_rows, total_rows);
  return Status::Ok();
}

}  // namespace shanhai::ingest
