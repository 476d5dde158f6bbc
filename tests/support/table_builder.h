#pragma once
// Engine input tables written by hand in tests, directly in the engine's representation
// (engine/table.h): texts, integers, decimals × 10^6, money in fen, dates in days.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "engine/table.h"
#include "normalize/date.h"

namespace shanhai::testing {

// A column of texts; nullopt is null.
inline engine::Column text_column(const std::vector<std::optional<std::string>>& cells) {
  engine::Column c;
  c.type = model::TypeKind::text;
  for (const auto& cell : cells) {
    c.present.push_back(cell ? 1 : 0);
    c.texts.push_back(cell.value_or(""));
  }
  return c;
}

// A column of a fixed-width type (bool, integer, decimal, money, date); nullopt is null.
inline engine::Column value_column(model::TypeKind kind,
                                   const std::vector<std::optional<int64_t>>& cells) {
  engine::Column c;
  c.type = kind;
  for (const auto& cell : cells) {
    c.present.push_back(cell ? 1 : 0);
    c.values.push_back(cell.value_or(0));
  }
  return c;
}

// Days since 1970-01-01 of "YYYY-MM-DD".
inline int64_t day(const std::string& iso) { return *normalize::parse_date_days(iso); }

// Marks which non-null cells passed their element's checks (is_valid); nulls are never valid.
inline engine::Column with_validity(engine::Column c, const std::vector<bool>& valid) {
  c.element_valid.clear();
  for (size_t r = 0; r < c.size(); ++r) {
    c.element_valid.push_back(c.present[r] != 0 && r < valid.size() && valid[r] ? 1 : 0);
  }
  return c;
}

// A table of input `input` (its index in ModelSpec::inputs): row r's lineage is input:r.
inline engine::Table make_table(uint32_t input,
                                std::vector<std::pair<std::string, engine::Column>> columns) {
  engine::Table t;
  const size_t rows = columns.empty() ? 0 : columns.front().second.size();
  for (auto& [name, column] : columns) {
    t.columns.push_back({name, std::make_shared<const engine::Column>(std::move(column))});
  }
  for (size_t r = 0; r < rows; ++r) {
    t.lineage.append_single({input, static_cast<uint32_t>(r)});
  }
  return t;
}

// The rows of t, `times` over (row r of copy c is row c × t.rows() + r of input `input`): large
// inputs from small hand-made ones.
inline engine::Table repeated(const engine::Table& t, uint32_t input, size_t times) {
  engine::Table out;
  for (const engine::NamedColumn& named : t.columns) {
    engine::Column c;
    c.type = named.column->type;
    c.reserve(t.rows() * times);
    for (size_t copy = 0; copy < times; ++copy) {
      for (size_t r = 0; r < t.rows(); ++r) c.append_from(*named.column, r);
    }
    out.columns.push_back({named.name, std::make_shared<const engine::Column>(std::move(c))});
  }
  for (size_t r = 0; r < t.rows() * times; ++r) {
    out.lineage.append_single({input, static_cast<uint32_t>(r)});
  }
  return out;
}

// A one-row column: the value of a parameter.
inline engine::Column parameter_value(model::TypeKind kind, std::optional<int64_t> v) {
  return value_column(kind, {v});
}
inline engine::Column parameter_text(std::optional<std::string> v) { return text_column({v}); }

}  // namespace shanhai::testing
