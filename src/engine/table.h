#pragma once
// The engine's in-memory data: typed columns, tables of them, and the lineage that ties every
// output row back to the input rows it came from (the evidence of a lead).
//
// Value representation (one int64 per cell for every fixed type, so that joins and hashing work
// on plain integers):
//   bool     0 / 1
//   integer  the value
//   decimal  the value × 10^6 (kDecimalScale): exact to six decimal places; * and / round half
//            away from zero to six places
//   money    fen (分)
//   date     days since 1970-01-01
//   text     UTF-8 bytes in an arena (TextArena: owned, or borrowed from a mapped file and
//            possibly selected by row numbers), compared byte-wise (= code point order)
// Null is a cleared byte in Column::present. A value is never read where present is 0.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "model/expr_ast.h"

namespace shanhai::engine {

inline constexpr int64_t kDecimalScale = 1'000'000;
inline constexpr int64_t kFenPerYuan = 100;

// Text values of a column, back to back: owned (data + offsets), or borrowed in place from a
// mapped column file (canonical values of an input), which push_back must not be called on.
// A borrowed arena may also be selected: row r is then row selection[r] of the mapped file
// (kNoSelection: the empty text), so that taking rows of an input's text column (filters, joins)
// copies one 4-byte row number per row instead of the bytes ("late materialisation").
struct TextArena {
  static constexpr uint32_t kNoSelection = UINT32_MAX;
  std::string data;
  std::vector<uint64_t> offsets{0};  // size() + 1 entries
  std::shared_ptr<const void> keep;  // set when borrowed: keeps the mapping alive
  const char* borrowed_bytes = nullptr;
  const uint64_t* borrowed_offsets = nullptr;
  size_t borrowed_rows = 0;  // rows of the mapped file
  bool selected = false;
  std::vector<uint32_t> selection;  // when selected: the mapped row of every row

  bool borrowed() const { return keep != nullptr; }
  size_t size() const {
    if (!borrowed()) return offsets.size() - 1;
    return selected ? selection.size() : borrowed_rows;
  }
  std::string_view at(size_t row) const {
    if (borrowed()) {
      if (selected) {
        row = selection[row];
        if (row == kNoSelection) return {};
      }
      return {borrowed_bytes + borrowed_offsets[row],
              borrowed_offsets[row + 1] - borrowed_offsets[row]};
    }
    return std::string_view(data).substr(offsets[row], offsets[row + 1] - offsets[row]);
  }
  void push_back(std::string_view v) {
    data.append(v);
    offsets.push_back(data.size());
  }
  void reserve(size_t rows, size_t bytes) {
    offsets.reserve(rows + 1);
    data.reserve(bytes);
  }
  // Rows `rows` of a borrowed arena (UINT32_MAX: the empty text), borrowing the same mapping.
  TextArena select(const std::vector<uint32_t>& rows) const;
};

struct Column {
  model::Type type;              // boolean, integer, decimal, money, date or text
  std::vector<int64_t> values;   // every type but text; one per row
  TextArena texts;               // text only
  std::vector<uint8_t> present;  // 1 = not null; one per row
  // For input columns normalised as an element: 1 when the value passed the element's checks
  // (is_valid). Empty for computed columns, where is_valid means "not null".
  std::vector<uint8_t> element_valid;
  // The element an input column was normalised as ("region", …); empty for computed columns.
  // Kept by steps that pass the column on unchanged (filter, joins, grouping keys).
  std::string element;

  size_t size() const { return present.size(); }
  bool is_null(size_t row) const { return present[row] == 0; }
  bool is_text() const { return type.kind == model::TypeKind::text; }
  // Appends row `row` of `from` (same type).
  void append_from(const Column& from, size_t row);
  void append_null();
  void reserve(size_t rows);
};

// One input row: which input of the model (its index in ModelSpec::inputs) and which row of the
// bound dataset version (0-based).
struct RowRef {
  uint32_t input = 0;
  uint32_t row = 0;
  friend bool operator==(const RowRef&, const RowRef&) = default;
  friend auto operator<=>(const RowRef&, const RowRef&) = default;
};

// The input rows behind every row of a table: row r's references, sorted and without repeats.
// Stored compactly: an input table is "identity" (row r is {input, r}; nothing stored); while
// every row has the same number k of references (filters, joins of input tables) they are
// refs[r*k .. r*k+k) without offsets; otherwise compressed-row style,
// refs[offsets[r] .. offsets[r+1]).
class Lineage {
 public:
  Lineage() = default;
  // Rows 0..rows-1 of one input.
  static Lineage identity(uint32_t input, size_t rows);

  size_t size() const { return rows_; }
  std::vector<RowRef> of(size_t row) const;

  // Appends a row whose references are the (sorted, unique) union of the given rows' refs.
  void append_union(const Lineage& a, size_t row_a, const Lineage* b = nullptr, size_t row_b = 0);
  // Appends a row with the union of a's references for every row in rows.
  void append_union_of(const Lineage& a, const std::vector<uint32_t>& rows) {
    append_union_of(a, rows.data(), rows.size());
  }
  void append_union_of(const Lineage& a, const uint32_t* rows, size_t count);
  void append_single(RowRef ref);
  void reserve(size_t rows, size_t refs);

 private:
  struct Range {
    const RowRef* begin;
    const RowRef* end;
  };
  // Row r's references; `scratch` holds the one reference of an identity row.
  Range range(size_t r, RowRef& scratch) const;
  // Records that a row with refs_.size() - start references was appended.
  void close_row(size_t start);

  int64_t identity_input_ = -1;  // >= 0: identity lineage of that input
  size_t rows_ = 0;
  size_t width_ = 0;  // references per row while uniform (offsets_ empty)
  bool uniform_ = true;
  std::vector<uint64_t> offsets_;  // rows_ + 1 entries once not uniform
  std::vector<RowRef> refs_;
};

struct NamedColumn {
  std::string name;  // "decision_no", or "payments.amount" for the other side of a match
  std::shared_ptr<const Column> column;
};

struct LinkPairDetail;  // link_step.h

struct Table {
  std::vector<NamedColumn> columns;
  Lineage lineage;
  // Output of a link step: why each row's two source rows were linked (one per row); null for
  // every other step.
  std::shared_ptr<const std::vector<LinkPairDetail>> links;

  size_t rows() const { return lineage.size(); }
  // nullptr when there is no such column.
  const Column* find(std::string_view name) const;
};

// A cell as text, the same way for every type, for lead titles, subjects and tests:
// null → "" ; bool → "true"/"false"; integer → "42"; decimal → "186.5" (no trailing zeros,
// "80" for a whole number); money → yuan "5000" or "5000.5"; date → "2023-01-31"; text as is.
std::string format_cell(const Column& column, size_t row);

}  // namespace shanhai::engine
