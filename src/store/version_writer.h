#pragma once
// Writes one new immutable version of a dataset, atomically.
//
// All files are written into a private temporary directory (data/.tmp/<id>/). commit() writes
// the manifest, fsyncs, and then — inside one SQLite write transaction — renames the directory
// to data/<dataset>/<version>/ and records it in the catalog. Until that transaction commits,
// nothing is visible; if the process dies at any instant the catalog is unchanged and the
// leftovers are removed the next time the workspace is opened or the dataset written.

#include <filesystem>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/error.h"
#include "store/column_file.h"
#include "store/column_info.h"
#include "store/workspace.h"

namespace shanhai::store {

struct VersionManifest {
  std::string source_file;
  std::string source_format;
  std::string source_sheet;
  std::string encoding;
  int64_t header_row = 0;
  int64_t row_count = 0;
  int64_t rejected_cells = 0;
  int64_t invalid_cells = 0;
  int64_t ragged_rows = 0;
  std::vector<ColumnInfo> columns;
  nlohmann::json report = nlohmann::json::object();  // import report, stored in manifest.json
};

struct CommittedVersion {
  std::string dataset;
  int64_t version = 0;
  std::filesystem::path dir;
};

// Validates a dataset name: 1–64 characters, no '/', '\\', control characters, and not starting
// with '.'. Chinese names are welcome.
Status validate_dataset_name(const std::string& name);

class VersionWriter {
 public:
  // Starts a version of `dataset` (created on commit if new).
  static Result<std::unique_ptr<VersionWriter>> start(Workspace& ws, std::string dataset);
  ~VersionWriter();  // removes the temporary directory unless committed
  VersionWriter(const VersionWriter&) = delete;
  VersionWriter& operator=(const VersionWriter&) = delete;

  const std::filesystem::path& dir() const { return dir_; }
  // Records the digests of files written into dir() so the manifest lists them.
  void add_files(const std::vector<FileDigest>& digests);
  void add_file(const FileDigest& digest) { digests_.push_back(digest); }

  // Makes the version visible (see file comment). On error nothing is visible.
  Result<CommittedVersion> commit(const VersionManifest& manifest);

  // Makes several versions visible together, in one catalog transaction: all of them or, on any
  // error, none (directories already renamed are moved back). Every writer must belong to the
  // same workspace and name a different dataset. Results are in the order given.
  static Result<std::vector<CommittedVersion>> commit_all(
      const std::vector<std::pair<VersionWriter*, const VersionManifest*>>& versions);

 private:
  VersionWriter(Workspace& ws, std::string dataset) : ws_(ws), dataset_(std::move(dataset)) {}

  // The part of a commit done inside the caller's write transaction: manifest, rename into
  // place, catalog rows. *renamed_to is set once the directory has been renamed.
  Result<CommittedVersion> commit_in_transaction(const VersionManifest& manifest,
                                                 const std::string& created_at,
                                                 std::filesystem::path* renamed_to);

  Workspace& ws_;
  std::string dataset_;
  std::filesystem::path dir_;
  std::filesystem::path lock_path_;
  int lock_fd_ = -1;
  bool committed_ = false;
  std::vector<FileDigest> digests_;
};

}  // namespace shanhai::store
