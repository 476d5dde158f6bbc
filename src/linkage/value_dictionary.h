#pragma once
// Numbering the distinct values of a column once, so that later steps compare and count
// integers instead of strings (equal names, equal phones, how common a name is).

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace shanhai::linkage {

inline constexpr uint32_t kNoValue = UINT32_MAX;

// A column of values in up to two parts, one after the other (the left rows, then the right
// ones), read in place.
class StringColumn {
 public:
  StringColumn(std::span<const std::string_view> first,
               std::span<const std::string_view> second = {})
      : first_(first), second_(second) {}
  StringColumn(const std::vector<std::string_view>& values)  // NOLINT: a column of one part
      : first_(values) {}

  size_t size() const { return first_.size() + second_.size(); }
  std::string_view operator[](size_t i) const { return *view_at(i); }
  // Where value i's view lies (to prefetch it).
  const std::string_view* view_at(size_t i) const {
    return i < first_.size() ? &first_[i] : &second_[i - first_.size()];
  }

 private:
  std::span<const std::string_view> first_, second_;
};

struct ValueDictionary {
  std::vector<uint32_t> ids;             // per input value; kNoValue for ""
  std::vector<std::string_view> values;  // per id: the value (a view of the first input)
  std::vector<uint32_t> counts;          // per id: how many inputs carry it

  size_t size() const { return values.size(); }
};

// Texts one after the other in one buffer, numbered from 0: the values of a dictionary's ids,
// kept after the input they were read from is gone.
class TextArena {
 public:
  TextArena() = default;
  // Copies the values (threads: for the copy).
  TextArena(std::span<const std::string_view> values, unsigned threads);

  size_t size() const { return ends_.size(); }
  std::string_view operator[](size_t i) const {
    const size_t begin = i == 0 ? 0 : ends_[i - 1];
    return std::string_view(chars_.data() + begin, ends_[i] - begin);
  }

 private:
  std::vector<char> chars_;
  std::vector<size_t> ends_;  // per text: where it ends in chars_
};

// Numbers the distinct non-empty values. The numbering depends only on the input, never on the
// number of threads (ids are grouped by hash partition, then in order of first appearance).
ValueDictionary build_value_dictionary(const StringColumn& values, unsigned threads);

}  // namespace shanhai::linkage
