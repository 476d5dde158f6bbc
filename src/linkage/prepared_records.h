#pragma once
// Both sides of a linkage, normalised once per compared field into one row per record: every
// later step (blocking, sampling, training, scoring, explaining) reads these rows and never
// parses text again.
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

// The value of an exact comparison in a row: a code equal for equal normalised values. A value
// of 1 to 18 ASCII digits (phone numbers, most registry codes) is its own code, numbered by
// length, then by value, so that no dictionary is needed; any other value (and every value of a
// field with term frequencies) is kTextCode plus its id in PreparedField::value_texts.
inline constexpr uint64_t kNoCode = UINT64_MAX;  // missing
inline constexpr uint64_t kTextCode = uint64_t{1} << 62;

// The code of a value of 1 to 18 ASCII digits; kNoCode for any other value.
uint64_t digit_code(std::string_view value);
// The digits of a code digit_code returned.
std::string digit_text(uint64_t code);

// Reads a T stored at p (rows are byte arrays; memcpy keeps this within the rules).
template <class T>
inline T load_at(const std::byte* p) {
  T v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

// Where the values of one index sit (PreparedRecords::row): per field by kind an IdNumberForm,
// a NameRef, the day (int32_t), the number (double) or the value code (uint64_t, see kNoCode); and
// for fields with a term-frequency level, the value's term frequency (double), the share of all
// present values that equal it. Comparing a pair reads the two records' rows, one or two cache
// lines each.
struct RowLayout {
  static constexpr size_t kNone = SIZE_MAX;
  size_t stride = 0;                     // bytes per row, a multiple of 64
  std::vector<size_t> value_offset;      // per field
  std::vector<size_t> frequency_offset;  // per field; kNone without term-frequency levels
};

// One comparison: what is shared by all rows (the distinct names, the texts of exact values)
// and its value in every row, read from the rows by kind.
class PreparedField {
 public:
  ComparisonKind kind = ComparisonKind::exact;
  NameTable names;  // person_name: the distinct names, which the rows' NameRefs point into
  // exact: the normalised text of each value id (see kTextCode), how many indices carry each id,
  // and how many carry any (these two only with term frequencies).
  TextArena value_texts;
  std::vector<uint32_t> value_counts;
  uint64_t valued = 0;

  IdNumberForm id(uint32_t index) const { return load_at<IdNumberForm>(at(index)); }
  NameRef name(uint32_t index) const { return load_at<NameRef>(at(index)); }
  int32_t day(uint32_t index) const { return load_at<int32_t>(at(index)); }      // kNoDay: missing
  double number(uint32_t index) const { return load_at<double>(at(index)); }     // NaN: missing
  uint64_t value(uint32_t index) const { return load_at<uint64_t>(at(index)); }  // exact
  // exact: the normalised text of a value(); "" for kNoCode.
  std::string value_text(uint64_t code) const;

  // Inline: blocking asks this of every record for every key.
  bool missing(uint32_t index) const {
    switch (kind) {
      case ComparisonKind::id_number:
        return !id(index).usable();
      case ComparisonKind::person_name:
        return name(index).canonical == kNoValue;
      case ComparisonKind::date:
        return day(index) == kNoDay;
      case ComparisonKind::number:
      case ComparisonKind::money:
        return std::isnan(number(index));
      case ComparisonKind::exact:
        return value(index) == kNoCode;
    }
    return true;
  }

 private:
  friend class PreparedRecords;
  const std::byte* at(uint32_t index) const { return rows_ + size_t{index} * stride_ + offset_; }

  const std::byte* rows_ = nullptr;  // PreparedRecords' rows
  size_t stride_ = 0, offset_ = 0;
};

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

  // The row of an index, and where each field's value sits in it.
  const std::byte* row(uint32_t index) const {
    return reinterpret_cast<const std::byte*>(rows_.get()) + size_t{index} * layout_.stride;
  }
  const RowLayout& layout() const { return layout_; }

 private:
  struct alignas(64) Line {
    std::byte bytes[64];
  };

  bool dedupe_ = false;
  size_t left_rows_ = 0, right_rows_ = 0;
  std::vector<PreparedField> fields_;
  RowLayout layout_;
  std::unique_ptr<Line[]> rows_;  // indices() rows of layout_.stride bytes
};

}  // namespace shanhai::linkage
