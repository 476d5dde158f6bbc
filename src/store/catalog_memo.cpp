#include "store/catalog_memo.h"

#include <sqlite3.h>

namespace shanhai::store {

CatalogMemo::Generation CatalogMemo::generation_of(SQLite::Database& db) {
  return {db.execAndGet("PRAGMA data_version").getInt64(),
          static_cast<int64_t>(sqlite3_total_changes(db.getHandle()))};
}

void CatalogMemo::sync(SQLite::Database& db) {
  const Generation now = generation_of(db);
  if (!(now == generation_)) {
    values_.clear();
    generation_ = now;
  }
}

std::optional<int64_t> CatalogMemo::find(SQLite::Database& db, const std::string& key) {
  sync(db);
  const auto it = values_.find(key);
  if (it == values_.end()) return std::nullopt;
  return it->second;
}

void CatalogMemo::store(SQLite::Database& db, std::string key, int64_t value) {
  sync(db);
  if (values_.size() >= kMaxEntries) values_.clear();
  values_[std::move(key)] = value;
}

}  // namespace shanhai::store
