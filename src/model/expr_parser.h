#pragma once
// Parser of the model expression language: text → syntax tree (expr_ast.h). The grammar, from
// lowest to highest precedence (docs/model-expressions.md has the full reference):
//
//   expr       := and_expr { (or | 或) and_expr }
//   and_expr   := not_expr { (and | 且) not_expr }
//   not_expr   := (not | 非) not_expr | comparison
//   comparison := sum [ cmp_op sum | [not] in list | is [not] null ]      (not chainable)
//   sum        := product { (+ | -) product }
//   product    := unary { (* | / | %) unary }
//   unary      := - unary | postfix
//   postfix    := primary [ duration_unit ]          (9 months, $n 天)
//   primary    := integer | decimal | string | true | false | null | date string
//               | name [. name] | name ( [expr {, expr}] ) | $name | ( expr ) | list
//   list       := [ expr {, expr} ]
//
// Keywords (and or not in is null true false date and the units) are matched case-insensitively;
// 且 / 或 / 非 must stand alone (a run of letters is one name, so 金额且 is a single name).

#include <string_view>

#include "common/error.h"
#include "model/expr_ast.h"

namespace shanhai::model {

// Deepest tree, and deepest nesting (parentheses, unary operators, calls, lists) accepted; more
// is refused with expr.too_complex rather than risking the stack. The nesting limit is twice the
// depth limit because the canonical printed form (to_string) adds at most two levels per node, so
// every accepted tree prints to text that parses again. At these limits parsing and checking
// need under 200 KB of stack (measured at -O2).
inline constexpr int kMaxExpressionDepth = 128;
inline constexpr int kMaxExpressionNesting = 2 * kMaxExpressionDepth;

// Parses one expression. On success every node has kind, span and its kind's members set; types
// are unknown until check_expression. Function names are not checked here (a call to an unknown
// function parses; the checker refuses it).
//
// Errors (Location::column is the 1-based character column in text, Location::value the
// offending text; both unset parts are left empty):
//   expr.syntax        lexical errors (see tokenize) and grammar errors, saying what was expected
//                      ("期望“)”" / "expected ')'"); at the end of the text the column is one past
//                      the last character and there is no value
//   expr.bad_number    an integer literal beyond the 64-bit range
//   expr.bad_date      date '…' that is not an existing YYYY-MM-DD date (points at the string)
//   expr.too_complex   nesting or tree depth over the limits above
Result<ExprPtr> parse_expression(std::string_view text);

// True for the words the parser reserves (case-insensitive): and or not in is null true false,
// and 且 或 非. Such a word can never be a field name.
bool is_reserved_word(std::string_view word);

}  // namespace shanhai::model
