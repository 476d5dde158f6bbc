#pragma once
// Import of one file into a new version of a dataset: the user job at the heart of Shanhai's
// foundation. Chooses the reader by the file's content (ZIP → XLSX, OLE2 → XLS) and extension
// (.json/.jsonl → JSON; anything else → delimited text), shapes the table, builds the columns
// and commits atomically. On any error the workspace is exactly as before.

#include <filesystem>
#include <memory>
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
  // What messages and the version's provenance call the file ("处罚决定.csv" for an upload
  // saved under a temporary name); empty: the file's path.
  std::string source_name;
  // The first row of the sheet is the header: no search for title rows (element templates).
  bool header_is_first_row = false;
  // Source rows below the header to drop as neither data nor rejects (a template's element
  // row); listed in the report's "table.skipped_rows".
  std::vector<int64_t> skip_rows;
};

struct ImportResult {
  store::CommittedVersion version;
  store::VersionManifest manifest;
};

// An import read and written aside but not yet visible: commit it with commit_staged (or several
// together with store::VersionWriter::commit_all); dropping it removes what was written.
struct StagedImport {
  std::unique_ptr<store::VersionWriter> writer;
  store::VersionManifest manifest;
};

// The reader a file would get: "csv", "xlsx", "xls" or "json". Errors for unreadable files.
Result<std::string> detect_format(const std::filesystem::path& file);

Result<ImportResult> import_file(store::Workspace& ws, const ImportRequest& request,
                                 ProgressSink* progress = nullptr);

// The first half of import_file: everything but making the version visible. Errors as for
// import_file; the workspace is unchanged either way.
Result<StagedImport> stage_import(store::Workspace& ws, const ImportRequest& request,
                                  ProgressSink* progress = nullptr);

}  // namespace shanhai::ingest
