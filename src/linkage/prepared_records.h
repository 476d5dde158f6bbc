#pragma once
// Both sides of a linkage, normalised once per compared field: every later step (blocking,
// sampling, training, scoring, explaining) reads these arrays and never parses text again.
//
// Rows of the two sides share one index space: left row i is index i, right row j is index
// left_rows() + j. When deduplicating there is one side and right row j is index j.

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "linkage/id_number_form.h"
#include "linkage/link_plan.h"
#include "linkage/name_table.h"
#include "linkage/parallel.h"
#include "linkage/records.h"
#include "linkage/value_dictionary.h"

namespace shanhai::linkage {

inline constexpr int32_t kNoDay = std::numeric_limits<int32_t>::min();

// One comparison's values for every row of both sides; which vectors are filled depends on the
// kind.
struct PreparedField {
  ComparisonKind kind = ComparisonKind::exact;
  ParallelArray<IdNumberForm> ids;  // id_number
  NameTable names;                  // person_name (names.refs() per index)
  std::vector<int32_t> days;        // date: days since 1970-01-01, kNoDay when missing
  std::vector<double> numbers;      // number (as written), money (yuan): NaN when missing
  // exact: id of the normalised value; date: id of the day (for term frequencies).
  std::vector<uint32_t> values;
  // Term frequencies of exact values (exact, date; names use names.plain_count()).
  std::vector<uint32_t> value_counts;
  uint64_t valued = 0;  // indices that have a value

  // Inline: every comparison of every pair asks this first.
  bool missing(uint32_t index) const {
    switch (kind) {
      case ComparisonKind::id_number:
        return !ids[index].usable();
      case ComparisonKind::person_name:
        return names.refs()[index].canonical == kNoValue;
      case ComparisonKind::date:
        return days[index] == kNoDay;
      case ComparisonKind::number:
      case ComparisonKind::money:
        return std::isnan(numbers[index]);
      case ComparisonKind::exact:
        return values[index] == kNoValue;
    }
    return true;
  }
  // The term frequency (share of all present values) of the value at index; 0 when missing.
  double term_frequency(uint32_t index) const;

  // exact: the normalised value of each id.
  TextArena value_texts;
};

// A copy of every field's value of one index, side by side in one row (PreparedRecords::row):
// comparing a pair reads the two records' rows, one or two cache lines each, instead of one line
// per field array. Per field by kind: IdNumberForm, NameRef, the day (int32_t), the number
// (double) or the value id (uint32_t); and for fields with a term-frequency level, the value's
// term frequency (double).
struct RowLayout {
  static constexpr size_t kNone = SIZE_MAX;
  size_t stride = 0;                     // bytes per row, a multiple of 64
  std::vector<size_t> value_offset;      // per field
  std::vector<size_t> frequency_offset;  // per field; kNone without term-frequency levels
};

// Reads a T stored at p (rows are byte arrays; memcpy keeps this within the rules).
template <class T>
inline T load_at(const std::byte* p) {
  T v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

class PreparedRecords {
 public:
  // Normalises every compared column of both sides (threads: plan.threads). right is ignored
  // when plan.dedupe.
  static PreparedRecords prepare(const LinkPlan& plan, const Records& left, const Records& right);
  static PreparedRecords prepare(const LinkPlan& plan, const Records& records);

  bool dedupe() const { return dedupe_; }
  size_t left_rows() const { return left_rows_; }
  size_t right_rows() const { return right_rows_; }
  uint32_t left_index(uint32_t row) const { return row; }
  uint32_t right_index(uint32_t row) const {
    return dedupe_ ? row : static_cast<uint32_t>(left_rows_) + row;
  }
  size_t indices() const { return dedupe_ ? left_rows_ : left_rows_ + right_rows_; }

  const PreparedField& field(size_t comparison) const { return fields_[comparison]; }
  size_t fields() const { return fields_.size(); }

  // The packed row of an index, and where each field's value sits in it.
  const std::byte* row(uint32_t index) const {
    return reinterpret_cast<const std::byte*>(rows_.get()) + size_t{index} * layout_.stride;
  }
  const RowLayout& layout() const { return layout_; }

 private:
  struct alignas(64) Line {
    std::byte bytes[64];
  };
  void pack_rows(const LinkPlan& plan);

  bool dedupe_ = false;
  size_t left_rows_ = 0, right_rows_ = 0;
  std::vector<PreparedField> fields_;
  RowLayout layout_;
  std::unique_ptr<Line[]> rows_;  // indices() rows of layout_.stride bytes
};

}  // namespace shanhai::linkage
