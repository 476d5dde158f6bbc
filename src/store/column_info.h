#pragma once
// What the catalog and a version's manifest record about one column.

#include <cstdint>
#include <string>

namespace shanhai::store {

struct ColumnInfo {
  std::string name;
  std::string type;      // text, integer, decimal, date, money
  std::string element;   // element named by the user ('' when the type was inferred)
  int64_t rejected = 0;  // cells that do not parse as the type (kept raw)
  int64_t invalid = 0;   // cells the element's normaliser rejects (kept raw)
};

}  // namespace shanhai::store
