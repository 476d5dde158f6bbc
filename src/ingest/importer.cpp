#include "ingest/importer.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>

#include <fmt/format.h>

#include "ingest/csv_reader.h"
#include "ingest/json_reader.h"
#include "ingest/region_table_loader.h"
#include "ingest/table_shaper.h"
#include "ingest/xls_reader.h"
#include "ingest/xlsx_reader.h"
#include "store/column_file.h"

namespace shanhai::ingest {

namespace fs = std::filesystem;

namespace {

std::string lower_extension(const fs::path& p) {
  std::string e = p.extension().string();
  std::transform(e.begin(), e.end(), e.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return e;
}

// Checks the file can be read and returns its first bytes.
Result<std::string> read_head(const fs::path& file) {
  std::error_code ec;
  if (!fs::exists(file, ec)) {
    return Error("import.missing_file", "文件不存在", "the file does not exist",
                 Location::in_file(file.string()));
  }
  if (fs::is_directory(file, ec)) {
    return Error("import.not_a_file", "这是一个目录，不是文件", "this is a directory, not a file",
                 Location::in_file(file.string()));
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    const int err = errno;
    return Error(
        "import.unreadable", fmt::format("无法读取文件：{}（请检查文件权限）", std::strerror(err)),
        fmt::format("cannot read the file: {} (check its permissions)", std::strerror(err)),
        Location::in_file(file.string()));
  }
  std::string head(8, '\0');
  in.read(head.data(), 8);
  head.resize(static_cast<size_t>(in.gcount()));
  if (head.empty()) {
    return Error("import.empty_file", "文件为空（0 字节）", "the file is empty (0 bytes)",
                 Location::in_file(file.string()));
  }
  return head;
}

class ReaderProgress {
 public:
  explicit ReaderProgress(ProgressSink* sink) : sink_(sink) {}
  void operator()(uint64_t done, uint64_t total) const {
    if (sink_ != nullptr) sink_->update("读取 reading", done, total);
  }

 private:
  ProgressSink* sink_;
};

}  // namespace

Result<std::string> detect_format(const fs::path& file) {
  auto head = read_head(file);
  if (!head) return head.take_error();
  const std::string& h = head.value();
  const std::string ext = lower_extension(file);
  const bool zip = h.rfind("PK\x03\x04", 0) == 0;
  const bool ole = h.rfind("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 0) == 0;
  if (zip) return std::string("xlsx");
  if (ole) return std::string("xls");
  if (ext == ".xlsx" || ext == ".xlsm" || ext == ".xls") {
    return Error(
        "import.not_excel",
        fmt::format("文件扩展名为 {}，但内容不是 Excel 工作簿（文件可能已损坏或被改名）", ext),
        fmt::format("the file is named {} but its content is not an Excel workbook "
                    "(it may be corrupt or renamed)",
                    ext),
        Location::in_file(file.string()));
  }
  if (ext == ".json" || ext == ".jsonl" || ext == ".ndjson") return std::string("json");
  return std::string("csv");
}

Result<ImportResult> import_file(store::Workspace& ws, const ImportRequest& req,
                                 ProgressSink* progress) {
  const FinishProgressOnExit finish_progress(progress);

  auto staged = stage_import(ws, req, progress);
  if (!staged) return staged.take_error();
  ImportResult result;
  result.manifest = std::move(staged.value().manifest);
  auto committed = staged.value().writer->commit(result.manifest);
  if (!committed) return committed.take_error();
  result.version = std::move(committed.value());
  return result;
}

Result<StagedImport> stage_import(store::Workspace& ws, const ImportRequest& req,
                                  ProgressSink* progress) {
  const std::string display = req.source_name.empty() ? req.file.string() : req.source_name;
  auto format = detect_format(req.file);
  if (!format) return format.take_error();
  const std::string& fmt_name = format.value();
  if (!req.sheet.empty() && fmt_name != "xlsx" && fmt_name != "xls") {
    return Error("import.sheet_not_applicable",
                 "--sheet 只适用于 Excel 文件（.xlsx/.xls），该文件不是工作簿",
                 "--sheet applies only to Excel files (.xlsx/.xls); this file is not a "
                 "workbook",
                 Location::in_file(req.file.string()));
  }

  auto writer = store::VersionWriter::start(ws, req.dataset);
  if (!writer) return writer.take_error();

  StagedImport staged;
  store::VersionManifest& m = staged.manifest;
  m.source_file = req.source_name.empty() ? fs::absolute(req.file).lexically_normal().string()
                                          : req.source_name;
  m.source_format = fmt_name;

  BuilderOptions bopts{display, req.sheet, req.elements, req.threads, nullptr};
  const bool wants_regions = std::any_of(req.elements.begin(), req.elements.end(),
                                         [](const auto& e) { return e.element == "region"; });
  if (wants_regions) {
    auto regions = workspace_region_table(ws);
    if (!regions) return regions.take_error();
    bopts.regions = regions.value();
  }
  DatasetBuilder builder(*writer.value(), bopts);
  ShaperOptions sopts{display, req.sheet, req.header_is_first_row, false, req.skip_rows};
  const ReaderProgress reader_progress(progress);

  if (fmt_name == "xlsx" || fmt_name == "xls") {
    std::string chosen;
    // The sheet name is known only once the workbook is open, so the shaper learns it late.
    TableShaper shaper(sopts, builder);
    Status s = fmt_name == "xlsx"
                   ? read_xlsx(req.file, display, req.sheet, shaper, &chosen, reader_progress)
                   : read_xls(req.file, display, req.sheet, shaper, &chosen, reader_progress);
    m.source_sheet = chosen;
    if (!s.ok()) {
      Error e = s.take_error();
      if (e.where().sheet.empty()) e.where().sheet = chosen;
      return e;
    }
    Status f = shaper.finish();
    if (!f.ok()) {
      Error e = f.take_error();
      if (e.where().sheet.empty()) e.where().sheet = chosen;
      return e;
    }
    m.header_row = shaper.header_row();
    m.ragged_rows = shaper.ragged_rows();
    m.report["table"] = shaper.report();
  } else {
    auto mapped = store::MappedFile::open(req.file);
    if (!mapped) return mapped.take_error();
    // A converted file (GBK) lives on as UTF-8: the original's pages are let go as the
    // conversion passes them, so peak memory is about the UTF-8 text, not both.
    const store::MappedFile& source = *mapped.value();
    auto decoded = decode_text(source.bytes(), req.encoding, display,
                               [&source](size_t done) { source.release_prefix(done); });
    if (!decoded) return decoded.take_error();
    if (!decoded.value().owned.empty()) mapped.value().reset();
    m.encoding = decoded.value().encoding;
    const std::string_view text = decoded.value().text;
    auto text_progress = [&](uint64_t done) { reader_progress(done, text.size()); };
    if (fmt_name == "json") {
      sopts.header_is_first_row = true;
      TableShaper shaper(sopts, builder);
      SHANHAI_TRY(read_json(text, display, shaper, text_progress));
      SHANHAI_TRY(shaper.finish());
      m.header_row = 0;
      m.report["table"] = shaper.report();
    } else {
      if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
        return Error("import.empty_file", "文件中只有空白，没有数据",
                     "the file holds only white space, no data",
                     Location::in_file(req.file.string()));
      }
      const char delimiter = lower_extension(req.file) == ".tsv" ? '\t' : sniff_delimiter(text);
      m.source_format = delimiter == '\t' ? "tsv" : "csv";
      m.report["delimiter"] = std::string(1, delimiter);
      sopts.report_ragged = true;
      TableShaper shaper(sopts, builder);
      SHANHAI_TRY(read_delimited(text, delimiter, display, shaper, text_progress));
      SHANHAI_TRY(shaper.finish());
      m.header_row = shaper.header_row();
      m.ragged_rows = shaper.ragged_rows();
      m.report["table"] = shaper.report();
    }
  }
  if (is_cancelled(progress)) return cancelled_error();
  SHANHAI_TRY(builder.finish(m, progress));
  if (is_cancelled(progress)) return cancelled_error();
  staged.writer = std::move(writer.value());
  return staged;
}

}  // namespace shanhai::ingest
