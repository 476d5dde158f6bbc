#pragma once
// Import of one file into a new version of a dataset: the user job at the heart of Shanhai's
// foundation. Chooses the reader by the file's content (ZIP → XLSX, OLE2 → XLS) and extension
// (.json/.jsonl → JSON; anything else → delimited text), shapes the table, builds the columns
// and commits atomically. On any error the workspace is exactly as before.

#include <filesystem>
#include <string>
#include <vector>

#include "common/progress.h"
#include "ingest/dataset_builder.h"
#include "ingest/encoding.h"
#include "store/version_writer.h"
#include "store/workspace.h"

namespace shanhai::ingest {

struct ImportRequest {
  std::filesystem::path file;
  std::string dataset;
  std::string sheet;  // XLSX/XLS only; empty = first sheet
  EncodingChoice encoding = EncodingChoice::automatic;
  std::vector<ElementOverride> elements;
  unsigned threads = 2;
};

struct ImportResult {
  store::CommittedVersion version;
  store::VersionManifest manifest;
};

// The reader a file would get: "csv", "xlsx", "xls" or "json". Errors for unreadable files.
Result<std::string> detect_format(const std::filesystem::path& file);

Result<ImportResult> import_file(store::Workspace& ws, const ImportRequest& request,
                                 ProgressSink* progress = nullptr);

}  // namespace shanhai::ingest
