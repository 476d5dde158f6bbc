#include "ingest/region_table_loader.h"

#include "ingest/encoding.h"
#include "store/column_file.h"
#include "store/region_tables.h"

namespace shanhai::ingest {

Result<size_t> load_region_table(store::Workspace& ws, const std::filesystem::path& file) {
  auto mapped = store::MappedFile::open(file);
  if (!mapped) return mapped.take_error();
  auto decoded = decode_text(mapped.value()->bytes(), EncodingChoice::automatic, file.string());
  if (!decoded) return decoded.take_error();
  auto table = normalize::RegionTable::from_text(decoded.value().text);
  if (!table) {
    Error e = table.take_error();
    e.where().file = file.string();
    return e;
  }
  const size_t divisions = table.value().size();
  if (divisions == 0) {
    Location where;
    where.file = file.string();
    return Error("region.table_empty", "行政区划表中没有任何区划（每行应为“6 位代码<制表符>名称”）",
                 "the division table holds no divisions (each line: 6-digit code<TAB>name)", where);
  }
  SHANHAI_TRY(store::add_region_table(ws, std::filesystem::absolute(file).string(),
                                      static_cast<int64_t>(divisions),
                                      std::string(decoded.value().text)));
  return divisions;
}

Result<std::shared_ptr<const normalize::RegionTable>> workspace_region_table(store::Workspace& ws) {
  auto record = store::latest_region_table(ws);
  if (!record) return record.take_error();
  if (!record.value()) return std::shared_ptr<const normalize::RegionTable>();
  auto table = normalize::RegionTable::from_text(record.value()->content);
  if (!table) return table.take_error();
  return std::shared_ptr<const normalize::RegionTable>(
      std::make_shared<normalize::RegionTable>(std::move(table.value())));
}

}  // namespace shanhai::ingest
