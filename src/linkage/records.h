#pragma once
// The data the linkage layer works on: one dataset as named columns of raw text.
//
// Values are views: the caller keeps the bytes alive for as long as the Records, and anything
// prepared from them, is in use. Raw values are expected; the layer normalises them itself
// (normalize/), so a column may mix spellings (20230821, 2023年8月21日) and invalid values.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"

namespace shanhai::linkage {

struct RecordColumn {
  std::string name;
  std::vector<std::string_view> values;  // one per row; "" is a missing value
};

class Records {
 public:
  // Adds a column. Errors: "linkage.duplicate_column" (the name is taken),
  // "linkage.column_length" (its length differs from the columns added before).
  Status add_column(std::string name, std::vector<std::string_view> values);

  size_t rows() const { return rows_; }
  const std::vector<RecordColumn>& columns() const { return columns_; }
  const RecordColumn& column(size_t index) const { return columns_[index]; }

  // Index of the column called `name`, or nullopt.
  std::optional<size_t> find(std::string_view name) const;

  // Column names in the order they were added.
  std::vector<std::string> names() const;

 private:
  std::vector<RecordColumn> columns_;
  size_t rows_ = 0;
};

}  // namespace shanhai::linkage
