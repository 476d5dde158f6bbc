#include "ingest/table_shaper.h"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "common/error.h"

namespace shanhai::ingest {

namespace {

constexpr size_t kMaxSamples = 20;

// Spaces a cell may hold without holding anything: ASCII white space, the full-width space
// U+3000, the no-break space U+00A0 and a stray BOM.
constexpr std::string_view kSpaces[] = {" ",        "\t",          "\r", "\n", "\xE3\x80\x80",
                                        "\xC2\xA0", "\xEF\xBB\xBF"};

size_t space_prefix(std::string_view s) {
  for (std::string_view sp : kSpaces) {
    if (s.substr(0, sp.size()) == sp) return sp.size();
  }
  return 0;
}

size_t space_suffix(std::string_view s) {
  for (std::string_view sp : kSpaces) {
    if (s.size() >= sp.size() && s.substr(s.size() - sp.size()) == sp) return sp.size();
  }
  return 0;
}

bool is_blank(std::string_view s) {
  while (!s.empty()) {
    const size_t n = space_prefix(s);
    if (n == 0) return false;
    s.remove_prefix(n);
  }
  return true;
}

}  // namespace

std::string clean_column_name(std::string_view raw) {
  std::string s;
  s.reserve(raw.size());
  for (char c : raw) {
    if (c != '\r' && c != '\n') s += c;
  }
  std::string_view v = s;
  for (size_t n = space_prefix(v); n > 0; n = space_prefix(v)) v.remove_prefix(n);
  for (size_t n = space_suffix(v); n > 0; n = space_suffix(v)) v.remove_suffix(n);
  return std::string(v);
}

const MergedRange* TableShaper::merge_at(int64_t grid_row, int64_t col) const {
  for (const MergedRange& m : merged_) {
    if (grid_row >= m.first_row && grid_row <= m.last_row && col >= m.first_col &&
        col <= m.last_col) {
      return &m;
    }
  }
  return nullptr;
}

// The value a merged cell shows: that of the range's top-left cell, when it is buffered.
std::string TableShaper::merged_value(size_t index, size_t col) const {
  const BufferedRow& r = buffer_[index];
  const MergedRange* m = merge_at(r.grid_row, static_cast<int64_t>(col));
  if (m == nullptr) return col < r.cells.size() ? r.cells[col] : std::string();
  for (const BufferedRow& b : buffer_) {
    if (b.grid_row == m->first_row) {
      const size_t c0 = static_cast<size_t>(m->first_col);
      return c0 < b.cells.size() ? b.cells[c0] : std::string();
    }
  }
  return {};
}

Status TableShaper::row(int64_t source_row, int64_t grid_row,
                        std::span<const std::string_view> cells) {
  if (decided_) return emit(source_row, cells);
  BufferedRow b{source_row, grid_row, {}};
  b.cells.assign(cells.begin(), cells.end());
  buffer_.push_back(std::move(b));
  if (buffer_.size() >= kProbeRows) return decide_header();
  return Status::Ok();
}

Status TableShaper::decide_header() {
  decided_ = true;
  // Each buffered row as displayed, merged cells filled with their range's value.
  std::vector<std::vector<std::string>> shown(buffer_.size());
  size_t max_width = 0;
  for (size_t i = 0; i < buffer_.size(); ++i)
    max_width = std::max(max_width, buffer_[i].cells.size());
  for (size_t i = 0; i < buffer_.size(); ++i) {
    for (size_t c = 0; c < max_width; ++c) shown[i].push_back(merged_value(i, c));
  }
  size_t header = 0;
  if (!options_.header_is_first_row) {
    // Filled cells per row; a merged range counts once (a title merged across the sheet is
    // one cell, not a full row).
    std::vector<size_t> filled(buffer_.size(), 0);
    for (size_t i = 0; i < buffer_.size(); ++i) {
      const BufferedRow& r = buffer_[i];
      for (size_t c = 0; c < r.cells.size(); ++c) {
        const MergedRange* m = merge_at(r.grid_row, static_cast<int64_t>(c));
        const bool top_left =
            m == nullptr || (m->first_row == r.grid_row && m->first_col == static_cast<int64_t>(c));
        if (top_left && !is_blank(r.cells[c])) ++filled[i];
      }
    }
    const size_t most = filled.empty() ? 0 : *std::max_element(filled.begin(), filled.end());
    // The header is the first row filled at least 60% as much as the fullest row; rows above it
    // are titles ("XX县林业行政处罚台账", "制表单位：…").
    const size_t need = most <= 1 ? 1 : std::max<size_t>(2, (most * 6 + 9) / 10);
    while (header < filled.size() && filled[header] < need) ++header;
  }
  if (header >= shown.size()) {
    Location where;
    where.file = options_.file;
    where.sheet = options_.sheet;
    return Error("import.empty_file", "文件（或工作表）中没有任何数据，连表头也没有",
                 "the file (or sheet) holds no data, not even a header row", where);
  }
  for (size_t i = 0; i < header; ++i) {
    std::string text;
    for (const auto& c : buffer_[i].cells) {
      if (is_blank(c)) continue;
      if (!text.empty()) text += " ";
      text += c;
    }
    if (!text.empty()) title_rows_.push_back({{"row", buffer_[i].source_row}, {"text", text}});
  }
  header_source_row_ = buffer_[header].source_row;
  expected_fields_ = buffer_[header].cells.size();
  std::vector<std::string> names;
  for (const auto& c : shown[header]) names.push_back(clean_column_name(c));

  // Two-row header: cells merged across columns in the header row with labels below them.
  size_t data_start = header + 1;
  if (header + 1 < buffer_.size()) {
    const int64_t grid = buffer_[header].grid_row;
    bool two_rows = false;
    for (const MergedRange& m : merged_) {
      if (m.first_row != grid || m.last_row != grid || m.last_col == m.first_col) continue;
      for (int64_t c = m.first_col; c <= m.last_col; ++c) {
        const auto& below = buffer_[header + 1].cells;
        if (static_cast<size_t>(c) < below.size() && !is_blank(below[static_cast<size_t>(c)])) {
          two_rows = true;
        }
      }
    }
    if (two_rows) {
      const auto& below = buffer_[header + 1].cells;
      for (size_t c = 0; c < names.size(); ++c) {
        const MergedRange* m = merge_at(grid, static_cast<int64_t>(c));
        const bool horizontal = m != nullptr && m->last_row == grid && m->last_col > m->first_col;
        const std::string sub = c < below.size() ? clean_column_name(below[c]) : std::string();
        if (sub.empty() || merge_at(buffer_[header + 1].grid_row, static_cast<int64_t>(c)))
          continue;
        names[c] = horizontal ? names[c] + sub : (names[c].empty() ? sub : names[c]);
      }
      data_start = header + 2;
    }
  }

  // The header ends at its last named cell; anything to the right is data in a ragged row.
  while (!names.empty() && names.back().empty()) names.pop_back();
  if (names.empty()) {
    Location where;
    where.file = options_.file;
    where.sheet = options_.sheet;
    where.row = header_source_row_;
    return Error("import.empty_header", "表头行中没有任何列名", "the header row names no column",
                 where);
  }
  std::map<std::string, size_t> seen;
  for (size_t c = 0; c < names.size(); ++c) {
    Location where;
    where.file = options_.file;
    where.sheet = options_.sheet;
    where.row = header_source_row_;
    where.column = static_cast<int64_t>(c) + 1;
    where.value = names[c];
    if (names[c].empty()) {
      return Error("import.empty_header", "表头中有空列名，请为每一列填写名称",
                   "the header has an empty column name; give every column a name", where);
    }
    auto [it, inserted] = seen.emplace(names[c], c);
    if (!inserted) {
      where.column_name = names[c];
      return Error("import.duplicate_header",
                   fmt::format("表头列名重复：与第 {} 列同名，请修改其中一个", it->second + 1),
                   fmt::format("duplicate column name: the same as column {}; rename one of them",
                               it->second + 1),
                   where);
    }
  }
  columns_ = names;
  SHANHAI_TRY(sink_.start(columns_));
  std::vector<std::string_view> views;
  for (size_t i = data_start; i < buffer_.size(); ++i) {
    views.assign(buffer_[i].cells.begin(), buffer_[i].cells.end());
    SHANHAI_TRY(emit(buffer_[i].source_row, views));
  }
  buffer_.clear();
  buffer_.shrink_to_fit();
  return Status::Ok();
}

Status TableShaper::emit(int64_t source_row, std::span<const std::string_view> cells) {
  const auto& skip = options_.skip_rows;
  if (!skip.empty() && std::find(skip.begin(), skip.end(), source_row) != skip.end()) {
    std::string text;
    for (std::string_view c : cells) {
      if (is_blank(c)) continue;
      if (!text.empty()) text += " ";
      text += c;
    }
    skipped_rows_.push_back({{"row", source_row}, {"text", text}});
    return Status::Ok();
  }
  size_t used = cells.size();
  while (used > 0 && is_blank(cells[used - 1])) --used;
  if (used == 0) {
    ++blank_rows_;
    return Status::Ok();
  }
  const bool wider = used > columns_.size();
  if (wider || (options_.report_ragged && cells.size() != expected_fields_)) {
    ++ragged_rows_;
    if (ragged_samples_.size() < kMaxSamples) {
      ragged_samples_.push_back(
          {{"row", source_row}, {"fields", cells.size()}, {"expected", expected_fields_}});
    }
  }
  while (used > columns_.size()) {
    std::string name = fmt::format("列{}", columns_.size() + 1);
    while (std::find(columns_.begin(), columns_.end(), name) != columns_.end()) name += "_";
    SHANHAI_TRY(sink_.add_column(name));
    columns_.push_back(name);
    added_columns_.push_back({{"name", name}, {"first_row", source_row}});
  }
  scratch_.assign(cells.begin(),
                  cells.begin() + static_cast<ptrdiff_t>(std::min(cells.size(), columns_.size())));
  scratch_.resize(columns_.size());
  ++data_rows_;
  return sink_.row(source_row, scratch_);
}

Status TableShaper::finish() {
  if (!decided_) return decide_header();
  return Status::Ok();
}

nlohmann::json TableShaper::report() const {
  return {{"header_row", header_source_row_},  {"title_rows", title_rows_},
          {"blank_rows_skipped", blank_rows_}, {"ragged_rows", ragged_rows_},
          {"ragged_samples", ragged_samples_}, {"added_columns", added_columns_},
          {"skipped_rows", skipped_rows_}};
}

}  // namespace shanhai::ingest
