#pragma once
// Turns the rows of a sheet into a table: finds the header row below any title rows, names the
// columns (two-row headers under merged cells become "当事人姓名"), refuses empty or duplicate
// names, skips blank rows, and evens out ragged rows without losing a cell: a short row is
// padded, a row wider than the header adds a column named 列N.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "ingest/sinks.h"

namespace shanhai::ingest {

struct ShaperOptions {
  std::string file;   // for messages
  std::string sheet;  // for messages
  // The first row is the header (JSON keys); no title detection.
  bool header_is_first_row = false;
  // Rows of a delimited file are expected to have exactly as many fields as the header; a
  // difference is reported. Spreadsheets leave trailing empty cells out, so it is not.
  bool report_ragged = false;
  // Source rows below the header that are neither header nor data, such as the element row
  // (row 2) of an element template: dropped and listed in the report as "skipped_rows".
  std::vector<int64_t> skip_rows;
};

class TableShaper final : public GridSink {
 public:
  TableShaper(ShaperOptions options, TableSink& sink) : options_(std::move(options)), sink_(sink) {}

  void set_merged_ranges(std::vector<MergedRange> ranges) override { merged_ = std::move(ranges); }
  Status row(int64_t source_row, int64_t grid_row,
             std::span<const std::string_view> cells) override;
  // Call after the reader's last row. Fails when there was no header at all (empty sheet).
  Status finish();

  int64_t header_row() const { return header_source_row_; }
  int64_t data_rows() const { return data_rows_; }
  int64_t ragged_rows() const { return ragged_rows_; }
  // What the shaper did, for the import report: title rows skipped, blank rows, ragged rows.
  nlohmann::json report() const;

 private:
  struct BufferedRow {
    int64_t source_row;
    int64_t grid_row;
    std::vector<std::string> cells;
  };
  static constexpr size_t kProbeRows = 20;

  Status decide_header();
  Status emit(int64_t source_row, std::span<const std::string_view> cells);
  std::string merged_value(size_t buffered_index, size_t col) const;
  const MergedRange* merge_at(int64_t grid_row, int64_t col) const;

  ShaperOptions options_;
  TableSink& sink_;
  std::vector<MergedRange> merged_;
  std::vector<BufferedRow> buffer_;
  bool decided_ = false;
  std::vector<std::string> columns_;
  std::vector<std::string_view> scratch_;
  int64_t header_source_row_ = 0;
  size_t expected_fields_ = 0;  // fields in the header row as read
  int64_t data_rows_ = 0;
  int64_t blank_rows_ = 0;
  int64_t ragged_rows_ = 0;
  nlohmann::json title_rows_ = nlohmann::json::array();
  nlohmann::json ragged_samples_ = nlohmann::json::array();
  nlohmann::json added_columns_ = nlohmann::json::array();
  nlohmann::json skipped_rows_ = nlohmann::json::array();
};

// Header cell text as a column name: surrounding white space (including full-width and
// no-break spaces) trimmed, line breaks inside removed.
std::string clean_column_name(std::string_view raw);

}  // namespace shanhai::ingest
