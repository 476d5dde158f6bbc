#pragma once
// The two streams of an import:
//   reader ──GridSink──▶ TableShaper ──TableSink──▶ DatasetBuilder
// A reader emits every row of the chosen sheet as it stands in the file (titles included). The
// TableShaper finds the header, names the columns and evens out ragged rows, then emits data
// rows of a fixed width to the TableSink.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"

namespace shanhai::ingest {

// A merged cell range of a spreadsheet, 0-based inclusive, in grid coordinates.
struct MergedRange {
  int64_t first_row = 0, last_row = 0;
  int64_t first_col = 0, last_col = 0;
};

class GridSink {
 public:
  virtual ~GridSink() = default;
  // Merged ranges of the sheet, given before the first row when the format has them. Grid row
  // indexes count rows in the order they are emitted (0-based), see row().
  virtual void set_merged_ranges(std::vector<MergedRange> ranges) = 0;
  // One row as read. source_row is the 1-based row (line) number the user sees in the source;
  // grid_row is the 0-based index of the row in the sheet. Cell views are valid only during
  // the call.
  virtual Status row(int64_t source_row, int64_t grid_row,
                     std::span<const std::string_view> cells) = 0;
};

class TableSink {
 public:
  virtual ~TableSink() = default;
  // Called once, before any row, with the final column names.
  virtual Status start(const std::vector<std::string>& columns) = 0;
  // A row was wider than the header: a column is appended, empty for the rows so far.
  virtual Status add_column(const std::string& name) = 0;
  // One data row; cells.size() equals the current number of columns.
  virtual Status row(int64_t source_row, std::span<const std::string_view> cells) = 0;
};

}  // namespace shanhai::ingest
