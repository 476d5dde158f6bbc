#pragma once
// Type checker of the model expression language (docs/model-expressions.md, "类型 / Types").
//
// check_expression walks a parsed tree bottom-up, resolves every name against a
// TypeEnvironment, resolves function calls, validates regular expressions, and records the type
// of every node in Expr::type. A tree that checks can be evaluated without further type tests;
// one that does not is refused with the first error in reading order.
//
// Typing rules in brief (numbers = integer or decimal; a numeric constant is an integer or
// decimal literal, possibly negated, or a parameter of type integer or decimal):
//   and or not      bool operands → bool
//   = != < <= > >=  numbers with numbers; money with money or a numeric constant; date with
//                   date; text with text; bool with bool (= and != only) → bool.
//                   A null literal on either side is an error (use is null).
//   + -             integer ± integer → integer; numbers → decimal; money ± money → money;
//                   money ± numeric constant → money; date ± duration → date.
//                   date - date is an error (use days_between).
//   *               integer * integer → integer; numbers → decimal; money * number → money
//                   (either side); money * money is an error.
//   /               numbers → decimal (7 / 2 = 3.5); money / number → money;
//                   money / money → decimal.
//   %               integer % integer → integer.
//   unary -         integer, decimal, money → the same type.
//   x in [..]       x comparable by = with the list's element type → bool.
//   x is [not] null any x except a list or duration → bool.
//   durations       only as the right operand of + or - whose left operand is a date; the count
//                   must be integer.
//   lists           only as a function argument or right of in; items are constants (literals,
//                   negated numeric literals, parameters), all of one type after integer →
//                   decimal promotion; list<T>.
//   null literal    only in coalesce (as a fallback), is null, and as a whole expression.
//
// Null at run time (for the engine): every type may hold null (an empty or unparseable cell, a
// missing join partner, extract_bac of text without a measurement). The rules are SQL's: null
// propagates through arithmetic and functions (except coalesce, is_valid and is null), a
// comparison or in with a null operand yields null ("unknown"), and / or / not use three-valued
// logic, and a filter keeps a row only when its condition is true. The static type of a
// comparison is still bool.

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"
#include "model/expr_ast.h"

namespace shanhai::model {

// What names mean while checking one expression.
struct TypeEnvironment {
  // Field name → type. Unqualified names ("amount") are looked up as written; qualified names
  // ("penalties.amount") too, so list a field both ways when both spellings may be used. The
  // input names of qualified keys are what an unknown "input.field" is checked against.
  std::map<std::string, Type, std::less<>> fields;
  // Parameter name without '$' ("as_of") → type.
  std::map<std::string, Type, std::less<>> params;
};

// Checks expr against env and sets Expr::type on every node (and Expr::function on calls).
// Returns the type of the whole expression, which may be bool, integer, decimal, money, date,
// text or null (a bare null literal); callers decide which they accept (a filter needs bool).
//
// Errors (Location::column is the character column in the expression text, Location::value the
// offending node's text):
//   expr.unknown_name  unknown field, input, parameter or function, with a suggestion when a known
//                      name is close (name_suggestion.h): 未知字段“decison_date”，是否应为
//                      “decision_date”？ / unknown field "decison_date"; did you mean
//                      "decision_date"?
//   expr.type          any type mismatch; the message names the operator or function, the expected
//                      and the actual types. Points at the offending operand or argument when one
//                      is to blame, else at the whole operation.
//   expr.bad_regex     the pattern of matches() does not compile (ICU syntax); points at the
//                      string literal
// On error the tree is left partly typed and must not be evaluated.
Result<Type> check_expression(Expr& expr, const TypeEnvironment& env);

// A parsed and checked expression.
struct TypedExpr {
  std::string text;  // the expression as written
  ExprPtr root;      // every node typed
  Type type;         // = root->type
};

// parse_expression then check_expression; the errors of both.
Result<TypedExpr> compile_expression(std::string_view text, const TypeEnvironment& env);

}  // namespace shanhai::model
