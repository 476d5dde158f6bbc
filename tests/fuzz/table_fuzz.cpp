// libFuzzer target: the text-table path of import — encoding detection, delimiter sniffing, the
// RFC 4180 reader, JSON/JSON Lines, header detection and ragged-row shaping. Any input either
// yields a table whose rows all have the table's width, or a bilingual error; never a crash.
#include <cstddef>
#include <cstdint>
#include <string>

#include "ingest/csv_reader.h"
#include "ingest/encoding.h"
#include "ingest/json_reader.h"
#include "ingest/table_shaper.h"

using namespace shanhai;
using namespace shanhai::ingest;

namespace {

class CheckingTable final : public TableSink {
 public:
  Status start(const std::vector<std::string>& columns) override {
    width_ = columns.size();
    if (width_ == 0) __builtin_trap();
    return Status::Ok();
  }
  Status add_column(const std::string& name) override {
    if (name.empty()) __builtin_trap();
    ++width_;
    return Status::Ok();
  }
  Status row(int64_t source_row, std::span<const std::string_view> cells) override {
    if (cells.size() != width_ || source_row < 0) __builtin_trap();
    return Status::Ok();
  }

 private:
  size_t width_ = 0;
};

void check_error(const Status& s) {
  if (!s.ok() && (s.error().zh().empty() || s.error().en().empty())) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto decoded = decode_text(bytes, EncodingChoice::automatic, "fuzz.csv");
  if (!decoded.ok()) {
    check_error(decoded.take_error());
    return 0;
  }
  const std::string_view text = decoded.value().text;
  {
    CheckingTable table;
    TableShaper shaper({"fuzz.csv", "", false, true}, table);
    Status s = read_delimited(text, sniff_delimiter(text), "fuzz.csv", shaper, nullptr);
    if (s.ok()) s = shaper.finish();
    check_error(s);
  }
  {
    CheckingTable table;
    TableShaper shaper({"fuzz.json", "", true, false}, table);
    Status s = read_json(text, "fuzz.json", shaper, nullptr);
    if (s.ok()) s = shaper.finish();
    check_error(s);
  }
  return 0;
}
