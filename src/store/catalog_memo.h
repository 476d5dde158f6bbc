#pragma once
// Counts remembered per catalog connection until the catalog changes.
//
// A list page asks for the number of matching rows every time (GET /api/leads counts tens of
// thousands of index entries); while nothing was written the answer is the same. A memo entry
// holds while the connection's PRAGMA data_version (bumped by another connection's commit) and
// sqlite3_total_changes (this connection's own writes) are what they were when it was stored.
// Bounded: when full, every entry is dropped.

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>

#include <SQLiteCpp/Database.h>

namespace shanhai::store {

class CatalogMemo {
 public:
  static constexpr size_t kMaxEntries = 1024;

  // The value stored under key, if the catalog has not changed since.
  std::optional<int64_t> find(SQLite::Database& db, const std::string& key);
  void store(SQLite::Database& db, std::string key, int64_t value);

 private:
  struct Generation {
    int64_t data_version = -1;
    int64_t total_changes = -1;
    bool operator==(const Generation&) const = default;
  };
  static Generation generation_of(SQLite::Database& db);
  void sync(SQLite::Database& db);

  Generation generation_;
  std::unordered_map<std::string, int64_t> values_;
};

}  // namespace shanhai::store
