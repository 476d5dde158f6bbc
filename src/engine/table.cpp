#include "engine/table.h"

#include <algorithm>

#include "engine/arithmetic.h"
#include "normalize/date.h"

namespace shanhai::engine {

TextArena TextArena::select(const std::vector<uint32_t>& rows) const {
  TextArena t;
  t.keep = keep;
  t.borrowed_bytes = borrowed_bytes;
  t.borrowed_offsets = borrowed_offsets;
  t.borrowed_rows = borrowed_rows;
  t.selected = true;
  t.selection.resize(rows.size());
  for (size_t i = 0; i < rows.size(); ++i) {
    const uint32_t r = rows[i];
    t.selection[i] = r == kNoSelection ? kNoSelection : selected ? selection[r] : r;
  }
  return t;
}

void Column::append_from(const Column& from, size_t row) {
  present.push_back(from.present[row]);
  if (is_text()) {
    texts.push_back(from.texts.at(row));
  } else {
    values.push_back(from.values[row]);
  }
  if (!from.element_valid.empty()) {
    if (element_valid.size() + 1 < present.size()) {
      // Earlier rows came from a column without element validity: valid means present.
      element_valid.assign(present.begin(), present.end() - 1);
    }
    element_valid.push_back(from.element_valid[row]);
  } else if (!element_valid.empty()) {
    element_valid.push_back(from.present[row]);
  }
}

void Column::append_null() {
  present.push_back(0);
  if (is_text()) {
    texts.push_back({});
  } else {
    values.push_back(0);
  }
  if (!element_valid.empty()) element_valid.push_back(0);
}

void Column::reserve(size_t rows) {
  present.reserve(rows);
  if (is_text()) {
    texts.offsets.reserve(rows + 1);
  } else {
    values.reserve(rows);
  }
}

namespace {

// Merges two sorted unique ranges into out.
void merge_into(std::vector<RowRef>& out, const RowRef* a, const RowRef* a_end, const RowRef* b,
                const RowRef* b_end) {
  while (a != a_end || b != b_end) {
    if (b == b_end || (a != a_end && *a < *b)) {
      out.push_back(*a++);
    } else if (a == a_end || *b < *a) {
      out.push_back(*b++);
    } else {
      out.push_back(*a++);
      ++b;
    }
  }
}

}  // namespace

Lineage Lineage::identity(uint32_t input, size_t rows) {
  Lineage l;
  l.identity_input_ = input;
  l.rows_ = rows;
  l.width_ = 1;
  return l;
}

Lineage::Range Lineage::range(size_t r, RowRef& scratch) const {
  if (identity_input_ >= 0) {
    scratch = {static_cast<uint32_t>(identity_input_), static_cast<uint32_t>(r)};
    return {&scratch, &scratch + 1};
  }
  if (uniform_) return {refs_.data() + r * width_, refs_.data() + (r + 1) * width_};
  return {refs_.data() + offsets_[r], refs_.data() + offsets_[r + 1]};
}

std::vector<RowRef> Lineage::of(size_t row) const {
  RowRef scratch;
  const Range r = range(row, scratch);
  return {r.begin, r.end};
}

void Lineage::reserve(size_t rows, size_t refs) {
  refs_.reserve(refs);
  if (!uniform_) offsets_.reserve(rows + 1);
}

void Lineage::close_row(size_t start) {
  const size_t n = refs_.size() - start;
  if (uniform_) {
    if (rows_ == 0) {
      width_ = n;
    } else if (n != width_) {
      // Rows differ in width from now on: switch to offsets.
      uniform_ = false;
      offsets_.resize(rows_ + 1);
      for (size_t i = 0; i <= rows_; ++i) offsets_[i] = i * width_;
    }
  }
  ++rows_;
  if (!uniform_) offsets_.push_back(refs_.size());
}

void Lineage::append_single(RowRef ref) {
  const size_t start = refs_.size();
  refs_.push_back(ref);
  close_row(start);
}

void Lineage::append_union(const Lineage& a, size_t row_a, const Lineage* b, size_t row_b) {
  const size_t start = refs_.size();
  RowRef sa, sb;
  const Range ra = a.range(row_a, sa);
  if (b == nullptr) {
    refs_.insert(refs_.end(), ra.begin, ra.end);
  } else {
    const Range rb = b->range(row_b, sb);
    merge_into(refs_, ra.begin, ra.end, rb.begin, rb.end);
  }
  close_row(start);
}

void Lineage::append_union_of(const Lineage& a, const uint32_t* rows, size_t count) {
  if (count == 1) {
    append_union(a, rows[0]);
    return;
  }
  const size_t start = refs_.size();
  RowRef scratch;
  for (size_t i = 0; i < count; ++i) {
    const Range r = a.range(rows[i], scratch);
    refs_.insert(refs_.end(), r.begin, r.end);
  }
  auto first = refs_.begin() + static_cast<ptrdiff_t>(start);
  std::sort(first, refs_.end());
  refs_.erase(std::unique(first, refs_.end()), refs_.end());
  close_row(start);
}

const Column* Table::find(std::string_view name) const {
  for (const NamedColumn& c : columns) {
    if (c.name == name) return c.column.get();
  }
  return nullptr;
}

std::string format_cell(const Column& column, size_t row) {
  if (column.is_null(row)) return "";
  switch (column.type.kind) {
    case model::TypeKind::text:
      return std::string(column.texts.at(row));
    case model::TypeKind::boolean:
      return column.values[row] != 0 ? "true" : "false";
    case model::TypeKind::decimal:
      return format_decimal(column.values[row]);
    case model::TypeKind::money:
      return format_money(column.values[row]);
    case model::TypeKind::date:
      return normalize::format_date(static_cast<int32_t>(column.values[row]));
    default:
      return std::to_string(column.values[row]);
  }
}

}  // namespace shanhai::engine
