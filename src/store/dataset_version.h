#pragma once
// Layout of a dataset version directory and read access to a committed version.
//
//   manifest.json       columns, types, source, import report, size + XXH3 of every file
//   rows.i64            source row number (1-based line/row in the source file) of each row
//   c<i>.raw.dat/.off   raw text of column i, exactly as read (every cell, always)
//   c<i>.i64            integer, date (days since 1970-01-01) or money (fen) values of column i
//   c<i>.f64            decimal values of column i
//   c<i>.norm.dat/.off  canonical values of an element-typed column (normalize layer)
//   rejects.tsv         row, column, raw value, reason of every cell kept raw but not typed
// Typed files hold kNull for empty or unparseable cells; the raw text is always kept.

#include <cstdint>
#include <limits>
#include <string>

#include "common/error.h"
#include "store/catalog.h"
#include "store/column_file.h"
#include "store/workspace.h"

namespace shanhai::store {

inline constexpr int64_t kNullInt = std::numeric_limits<int64_t>::min();

inline std::string raw_column_file(size_t column) { return "c" + std::to_string(column) + ".raw"; }
inline std::string int_column_file(size_t column) { return "c" + std::to_string(column) + ".i64"; }
inline std::string decimal_column_file(size_t column) {
  return "c" + std::to_string(column) + ".f64";
}
inline std::string canonical_column_file(size_t column) {
  return "c" + std::to_string(column) + ".norm";
}
inline constexpr const char* kRowNumbersFile = "rows.i64";
inline constexpr const char* kRejectsFile = "rejects.tsv";
inline constexpr const char* kManifestFile = "manifest.json";

class DatasetVersion {
 public:
  // Opens a committed version (as listed by the catalog) for reading.
  static Result<DatasetVersion> open(const Workspace& ws, VersionInfo info);

  const VersionInfo& info() const { return info_; }
  const std::filesystem::path& dir() const { return dir_; }
  int64_t row_count() const { return info_.row_count; }

  // Recomputes the checksum of the manifest (against the catalog) and of every file (against
  // the manifest). Errors name the corrupt file.
  Status verify() const;

  Result<StringColumnReader> raw(size_t column) const;
  Result<FixedColumnReader<int64_t>> row_numbers() const;
  Result<FixedColumnReader<int64_t>> int_values(size_t column) const;
  Result<FixedColumnReader<double>> decimal_values(size_t column) const;
  Result<StringColumnReader> canonical(size_t column) const;

 private:
  VersionInfo info_;
  std::filesystem::path dir_;
};

}  // namespace shanhai::store
