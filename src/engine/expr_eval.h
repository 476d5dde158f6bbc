#pragma once
// Vectorised evaluation of checked model expressions (model/expr_types.h) over a range of rows,
// column at a time, with SQL's null rules (docs/model-expressions.md, "空值 / Null") and the
// exact arithmetic of arithmetic.h. Constant subexpressions ($as_of - 180 days) are computed once.

#include <map>
#include <string>
#include <string_view>

#include "engine/parameters.h"
#include "engine/table.h"
#include "model/expr_ast.h"

namespace shanhai::engine {

// The columns an expression may read, by the names the type checker knew them by (bare and
// qualified aliases may point at the same column), and the run's parameters.
struct Frame {
  std::map<std::string, const Column*, std::less<>> fields;
  const Parameters* params = nullptr;

  void add(std::string name, const Column* column) { fields[std::move(name)] = column; }
  // Every column of table under its own name.
  void add_table(const Table& table);
};

// Evaluates a checked expression on rows [begin, end) of the frame's columns. The result has
// end - begin rows and type expr.type (a bare null literal gives a text column of nulls). An
// expression that reads a field the frame lacks yields nulls for it (the column was not loaded).
Column evaluate(const model::Expr& expr, const Frame& frame, size_t begin, size_t end);

// Rows of [begin, end) where a condition is true (not false, not null), as row numbers.
void select_true(const model::Expr& condition, const Frame& frame, size_t begin, size_t end,
                 std::vector<uint32_t>& out);

}  // namespace shanhai::engine
