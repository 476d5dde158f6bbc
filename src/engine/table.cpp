#include "engine/table.h"

#include <algorithm>

#include "engine/arithmetic.h"
#include "normalize/date.h"

namespace shanhai::engine {

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

void Lineage::append_union(const Lineage& a, size_t row_a, const Lineage* b, size_t row_b) {
  const RowRef* pa = a.refs.data() + a.offsets[row_a];
  const RowRef* pa_end = a.refs.data() + a.offsets[row_a + 1];
  if (b == nullptr) {
    refs.insert(refs.end(), pa, pa_end);
  } else {
    merge_into(refs, pa, pa_end, b->refs.data() + b->offsets[row_b],
               b->refs.data() + b->offsets[row_b + 1]);
  }
  offsets.push_back(refs.size());
}

void Lineage::append_union_of(const Lineage& a, const uint32_t* rows, size_t count) {
  const size_t start = refs.size();
  if (count == 1) {
    append_union(a, rows[0]);
    return;
  }
  for (size_t i = 0; i < count; ++i) {
    const uint32_t r = rows[i];
    refs.insert(refs.end(), a.refs.begin() + static_cast<ptrdiff_t>(a.offsets[r]),
                a.refs.begin() + static_cast<ptrdiff_t>(a.offsets[r + 1]));
  }
  auto first = refs.begin() + static_cast<ptrdiff_t>(start);
  std::sort(first, refs.end());
  refs.erase(std::unique(first, refs.end()), refs.end());
  offsets.push_back(refs.size());
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
