#pragma once
// Numbering the distinct values of a column once, so that later steps compare and count
// integers instead of strings (equal names, equal phones, how common a name is).

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace shanhai::linkage {

inline constexpr uint32_t kNoValue = UINT32_MAX;

struct ValueDictionary {
  std::vector<uint32_t> ids;             // per input value; kNoValue for ""
  std::vector<std::string_view> values;  // per id: the value (a view of the first input)
  std::vector<uint32_t> counts;          // per id: how many inputs carry it

  size_t size() const { return values.size(); }
};

// Numbers the distinct non-empty values. The numbering depends only on the input, never on the
// number of threads (ids are grouped by hash partition, then in order of first appearance).
ValueDictionary build_value_dictionary(std::span<const std::string_view> values, unsigned threads);

}  // namespace shanhai::linkage
