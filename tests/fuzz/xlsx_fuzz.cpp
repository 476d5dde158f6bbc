// libFuzzer target: the XLSX reader (ZIP container, workbook, shared strings, styles, sheet XML,
// merged cells) and header detection on whatever it yields. Inputs are written to a file because
// the reader opens workbooks by path, as import does.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <fstream>
#include <string>

#include "ingest/table_shaper.h"
#include "ingest/xlsx_reader.h"

using namespace shanhai;
using namespace shanhai::ingest;

namespace {

class NullTable final : public TableSink {
 public:
  Status start(const std::vector<std::string>&) override { return Status::Ok(); }
  Status add_column(const std::string&) override { return Status::Ok(); }
  Status row(int64_t, std::span<const std::string_view>) override { return Status::Ok(); }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::string path = "/tmp/shanhai-xlsx-fuzz-" + std::to_string(::getpid()) + ".xlsx";
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  NullTable table;
  TableShaper shaper({"fuzz.xlsx", "", false, false}, table);
  std::string sheet;
  Status s = read_xlsx(path, "fuzz.xlsx", "", shaper, &sheet, nullptr);
  if (s.ok()) s = shaper.finish();
  if (!s.ok() && (s.error().zh().empty() || s.error().en().empty())) __builtin_trap();
  return 0;
}
