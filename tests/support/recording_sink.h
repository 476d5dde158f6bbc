#pragma once
// Sinks that remember what readers and the shaper emit, for assertions.

#include <string>
#include <vector>

#include "ingest/sinks.h"

namespace shanhai::testing {

struct RecordedRow {
  int64_t source_row;
  std::vector<std::string> cells;
};

class RecordingGrid final : public ingest::GridSink {
 public:
  void set_merged_ranges(std::vector<ingest::MergedRange> r) override { merged = std::move(r); }
  Status row(int64_t source_row, int64_t, std::span<const std::string_view> cells) override {
    rows.push_back({source_row, {cells.begin(), cells.end()}});
    return Status::Ok();
  }
  std::vector<ingest::MergedRange> merged;
  std::vector<RecordedRow> rows;
};

class RecordingTable final : public ingest::TableSink {
 public:
  Status start(const std::vector<std::string>& c) override {
    columns = c;
    return Status::Ok();
  }
  Status add_column(const std::string& name) override {
    columns.push_back(name);
    for (auto& r : rows) r.cells.emplace_back();
    return Status::Ok();
  }
  Status row(int64_t source_row, std::span<const std::string_view> cells) override {
    rows.push_back({source_row, {cells.begin(), cells.end()}});
    return Status::Ok();
  }
  std::vector<std::string> columns;
  std::vector<RecordedRow> rows;
};

inline std::vector<std::string> cells(std::initializer_list<const char*> l) {
  return {l.begin(), l.end()};
}

}  // namespace shanhai::testing
