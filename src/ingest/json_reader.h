#pragma once
// JSON arrays of objects and JSON Lines (one object per line). Columns are the keys in order of
// first appearance; a key missing from a record is an empty cell. Nested values are kept as
// JSON text. Rows are numbered by line for JSON Lines and by record (1-based) for arrays.

#include <functional>
#include <string>
#include <string_view>

#include "ingest/sinks.h"

namespace shanhai::ingest {

// Emits a header row of keys (source row 0) and then one row per record.
Status read_json(std::string_view text, const std::string& file, GridSink& sink,
                 const std::function<void(uint64_t)>& progress);

}  // namespace shanhai::ingest
