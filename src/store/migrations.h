#pragma once
// Numbered catalog schema migrations. Migration N moves PRAGMA user_version from N-1 to N.
// Migrations are append-only: never edit a released one, add the next number instead.

#include <span>
#include <string_view>

#include <SQLiteCpp/Database.h>

#include "common/error.h"

namespace shanhai::store {

struct Migration {
  int number;
  std::string_view description;
  std::string_view sql;
};

// Every migration this build knows, in order (numbers 1..N without gaps).
std::span<const Migration> migrations();

// The schema version this build writes (the last migration's number).
int latest_schema_version();

// Applies the migrations after the database's current user_version, each in its own
// transaction. Fails without change when the database is newer than this build.
Status migrate(SQLite::Database& db, const std::string& path_for_messages);

}  // namespace shanhai::store
