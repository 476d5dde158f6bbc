#include "engine/link_labels.h"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <iterator>
#include <map>
#include <optional>
#include <span>

#include <fmt/format.h>

#include "ingest/csv_reader.h"
#include "ingest/encoding.h"
#include "ingest/importer.h"
#include "ingest/sinks.h"
#include "ingest/table_shaper.h"
#include "ingest/xls_reader.h"
#include "ingest/xlsx_reader.h"

namespace shanhai::engine {

namespace {

// Every row of the sheet with its source row number; labels files are small.
class RowCollector final : public ingest::GridSink {
 public:
  struct Row {
    int64_t line = 0;
    std::vector<std::string> cells;
  };
  void set_merged_ranges(std::vector<ingest::MergedRange>) override {}
  Status row(int64_t source_row, int64_t, std::span<const std::string_view> cells) override {
    rows.push_back({source_row, std::vector<std::string>(cells.begin(), cells.end())});
    return Status::Ok();
  }
  std::vector<Row> rows;
};

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

const std::vector<std::string> kLeftHeaders = {"左表行号", "左行号", "left_row", "left"};
const std::vector<std::string> kRightHeaders = {"右表行号", "右行号", "right_row", "right"};
const std::vector<std::string> kLabelHeaders = {"是否同一人", "是否匹配", "标注",
                                                "label",      "is_match", "match"};

std::optional<bool> parse_label(std::string_view raw) {
  static const std::map<std::string, bool, std::less<>> kValues = {
      {"1", true},         {"是", true},         {"match", true},      {"true", true},
      {"yes", true},       {"y", true},          {"匹配", true},       {"同一人", true},
      {"0", false},        {"否", false},        {"non-match", false}, {"non_match", false},
      {"nonmatch", false}, {"false", false},     {"no", false},        {"n", false},
      {"不匹配", false},   {"不是同一人", false}};
  const std::string key = ascii_lower(ingest::clean_column_name(raw));
  const auto it = kValues.find(key);
  if (it == kValues.end()) return std::nullopt;
  return it->second;
}

// A positive integer, also written as Excel writes whole numbers ("12.0").
std::optional<int64_t> parse_row_number(std::string_view raw) {
  std::string text = ingest::clean_column_name(raw);
  const size_t dot = text.find('.');
  if (dot != std::string::npos) {
    if (text.find_first_not_of('0', dot + 1) != std::string::npos) return std::nullopt;
    text.resize(dot);
  }
  int64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || value <= 0) {
    return std::nullopt;
  }
  return value;
}

Result<std::vector<RowCollector::Row>> read_rows(const std::filesystem::path& path,
                                                 const std::string& display, std::string* sheet) {
  auto format = ingest::detect_format(path);
  if (!format) return format.take_error();
  RowCollector rows;
  if (format.value() == "xlsx") {
    SHANHAI_TRY(ingest::read_xlsx(path, display, "", rows, sheet, {}));
  } else if (format.value() == "xls") {
    SHANHAI_TRY(ingest::read_xls(path, display, "", rows, sheet, {}));
  } else if (format.value() == "csv") {
    std::ifstream in(path, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (!in.good() && !in.eof()) {
      return Error("link_eval.labels_file", "无法读取标注文件", "cannot read the labels file",
                   Location::in_file(display));
    }
    auto decoded = ingest::decode_text(bytes, ingest::EncodingChoice::automatic, display);
    if (!decoded) return decoded.take_error();
    const std::string_view text = decoded.value().text;
    SHANHAI_TRY(ingest::read_delimited(text, ingest::sniff_delimiter(text), display, rows, {}));
  } else {
    return Error("link_eval.labels_file", "标注文件须为 CSV 或 Excel（XLSX、XLS）文件",
                 "the labels file must be a CSV or Excel (XLSX, XLS) file",
                 Location::in_file(display));
  }
  return std::move(rows.rows);
}

bool blank(const std::vector<std::string>& cells) {
  return std::all_of(cells.begin(), cells.end(),
                     [](const std::string& c) { return ingest::clean_column_name(c).empty(); });
}

std::string joined(const std::vector<std::string>& names, std::string_view separator) {
  std::string out;
  for (const std::string& n : names) out += (out.empty() ? "" : std::string(separator)) + n;
  return out;
}

}  // namespace

Location label_cell(const LinkLabels& labels, const LinkLabel& label, bool left) {
  Location where = Location::in_file(labels.file, labels.sheet);
  where.row = label.line;
  where.column = left ? labels.left_column : labels.right_column;
  where.column_name = left ? labels.left_header : labels.right_header;
  where.value = std::to_string(left ? label.left_row : label.right_row);
  return where;
}

Result<LinkLabels> read_link_labels(const std::filesystem::path& path,
                                    const std::string& display_name, bool unordered) {
  LinkLabels out;
  out.file = display_name;
  auto rows = read_rows(path, display_name, &out.sheet);
  if (!rows) return rows.take_error();
  auto first = std::find_if(rows.value().begin(), rows.value().end(),
                            [](const RowCollector::Row& r) { return !blank(r.cells); });
  if (first == rows.value().end()) {
    return Error("link_eval.labels_empty", "标注文件是空的：没有表头和标注",
                 "the labels file is empty: no header and no labels",
                 Location::in_file(out.file, out.sheet));
  }

  // Columns by header.
  std::vector<std::string> headers;
  for (const std::string& c : first->cells) headers.push_back(ingest::clean_column_name(c));
  struct Wanted {
    const std::vector<std::string>& accepted;
    int64_t* column;
    std::string* header;
    const char* zh;
    const char* en;
  };
  const Wanted wanted[] = {
      {kLeftHeaders, &out.left_column, &out.left_header, "左表行号", "left row"},
      {kRightHeaders, &out.right_column, &out.right_header, "右表行号", "right row"},
      {kLabelHeaders, &out.label_column, &out.label_header, "标注", "label"}};
  for (const Wanted& w : wanted) {
    for (const std::string& name : w.accepted) {
      for (size_t c = 0; c < headers.size() && *w.column == 0; ++c) {
        if (ascii_lower(headers[c]) == ascii_lower(name)) {
          *w.column = static_cast<int64_t>(c) + 1;
          *w.header = headers[c];
        }
      }
    }
    if (*w.column == 0) {
      Location where = Location::in_file(out.file, out.sheet);
      where.row = first->line;
      return Error("link_eval.labels_column",
                   fmt::format("标注文件缺少{}列（表头可写：{}）；表头为：{}", w.zh,
                               joined(w.accepted, "、"), joined(headers, "、")),
                   fmt::format("the labels file has no {} column (headers accepted: {}); its "
                               "headers are: {}",
                               w.en, joined(w.accepted, ", "), joined(headers, ", ")),
                   where);
    }
  }

  const auto cell = [](const RowCollector::Row& r, int64_t column) -> std::string_view {
    const auto c = static_cast<size_t>(column - 1);
    return c < r.cells.size() ? std::string_view(r.cells[c]) : std::string_view();
  };
  const auto at = [&](const RowCollector::Row& r, int64_t column, const std::string& header,
                      std::string_view value) {
    Location where = Location::in_file(out.file, out.sheet);
    where.row = r.line;
    where.column = column;
    where.column_name = header;
    where.value = std::string(value);
    return where;
  };
  std::map<std::pair<int64_t, int64_t>, size_t> seen;  // pair → index in out.pairs
  for (auto it = std::next(first); it != rows.value().end(); ++it) {
    const RowCollector::Row& r = *it;
    if (blank(r.cells)) continue;
    LinkLabel label;
    label.line = r.line;
    for (const bool left : {true, false}) {
      const int64_t column = left ? out.left_column : out.right_column;
      const std::string& header = left ? out.left_header : out.right_header;
      const std::string_view raw = cell(r, column);
      const auto number = parse_row_number(raw);
      if (!number) {
        return Error("link_eval.row_number",
                     fmt::format("{}须为正整数（数据集源文件中的行号）", header),
                     fmt::format("{} must be a positive whole number (the row number in the "
                                 "dataset's source file)",
                                 header),
                     at(r, column, header, raw));
      }
      (left ? label.left_row : label.right_row) = *number;
    }
    const std::string_view raw_label = cell(r, out.label_column);
    const auto is_match = parse_label(raw_label);
    if (!is_match) {
      return Error(
          "link_eval.label_value",
          "无法识别的标注；同一人写 1、是、match、true，不是同一人写 0、否、non-match、false",
          "unknown label; write 1, 是, match or true for the same person and 0, 否, non-match "
          "or false for different people",
          at(r, out.label_column, out.label_header, raw_label));
    }
    label.is_match = *is_match;
    if (unordered && label.left_row == label.right_row) {
      return Error("link_eval.same_row", "查重步骤的标注不能把一行与它自己配对（两个行号相同）",
                   "a deduplication label cannot pair a row with itself (both row numbers are "
                   "the same)",
                   label_cell(out, label, false));
    }
    std::pair<int64_t, int64_t> key{label.left_row, label.right_row};
    if (unordered && key.second < key.first) std::swap(key.first, key.second);
    const auto [found, added] = seen.emplace(key, out.pairs.size());
    if (added) {
      out.pairs.push_back(label);
      continue;
    }
    const LinkLabel& earlier = out.pairs[found->second];
    if (earlier.is_match == label.is_match) {
      ++out.repeated;
      continue;
    }
    return Error(
        "link_eval.contradictory",
        fmt::format("同一对记录（左表第 {} 行，右表第 {} 行）的标注矛盾：第 {} 行标为{}，第 {} "
                    "行标为{}",
                    earlier.left_row, earlier.right_row, earlier.line,
                    earlier.is_match ? "同一人" : "不是同一人", label.line,
                    label.is_match ? "同一人" : "不是同一人"),
        fmt::format("contradictory labels for the same pair (left row {}, right row {}): row {} "
                    "says {}, row {} says {}",
                    earlier.left_row, earlier.right_row, earlier.line,
                    earlier.is_match ? "match" : "non-match", label.line,
                    label.is_match ? "match" : "non-match"),
        at(r, out.label_column, out.label_header, raw_label));
  }
  if (out.pairs.empty()) {
    return Error("link_eval.labels_empty", "标注文件只有表头，没有标注的记录对",
                 "the labels file has a header but no labelled pairs",
                 Location::in_file(out.file, out.sheet));
  }
  return out;
}

}  // namespace shanhai::engine
