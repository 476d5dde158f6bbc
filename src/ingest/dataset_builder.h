#pragma once
// Builds the columns of a new dataset version from the rows of a table.
//
// Pass 1 (streaming, as rows arrive): every cell's raw text is appended to its column file and
// counted towards type inference. Pass 2 (finish, one task per column on the workspace's
// threads): the column type is decided — integer, decimal, date or text, or the type of the
// element named with --element — typed values are written beside the raw text, element
// columns get their canonical values, and every cell that does not fit is listed in
// rejects.tsv. No cell is ever dropped: the raw text stays.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/progress.h"
#include "ingest/sinks.h"
#include "normalize/element.h"
#include "normalize/region.h"
#include "store/version_writer.h"

namespace shanhai::ingest {

struct ElementOverride {
  std::string column;   // column name as in the header
  std::string element;  // element name (DESIGN.md), e.g. id_number
};

struct BuilderOptions {
  std::string file;   // for messages
  std::string sheet;  // for messages
  std::vector<ElementOverride> elements;
  unsigned threads = 2;
  // The workspace's division table for `region` columns; null: the compiled-in table.
  std::shared_ptr<const normalize::RegionTable> regions;
};

// Parses "COLUMN=ELEMENT". Errors name the argument and list valid elements.
Result<ElementOverride> parse_element_override(std::string_view arg);

class DatasetBuilder final : public TableSink {
 public:
  DatasetBuilder(store::VersionWriter& writer, BuilderOptions options);
  ~DatasetBuilder() override;

  Status start(const std::vector<std::string>& columns) override;
  Status add_column(const std::string& name) override;
  Status row(int64_t source_row, std::span<const std::string_view> cells) override;

  // Runs pass 2 and fills the column part of the manifest (names, types, elements, rejected
  // and invalid counts, rejected-cell samples in the report).
  Status finish(store::VersionManifest& manifest, ProgressSink* progress);

 private:
  struct Column;
  Status finish_column(size_t index);

  store::VersionWriter& writer_;
  BuilderOptions options_;
  std::vector<std::unique_ptr<Column>> columns_;
  std::unique_ptr<store::FixedColumnWriter<int64_t>> row_numbers_;
  std::vector<int64_t> source_rows_;
  int64_t rows_ = 0;
};

}  // namespace shanhai::ingest
