#pragma once
// The syntax tree of a model expression (docs/model-expressions.md), and the types the checker
// gives its nodes.
//
// parse_expression (expr_parser.h) builds the tree; check_expression (expr_types.h) fills in
// Expr::type on every node (and Expr::function on calls). The engine evaluates only checked trees.
//
// One node struct for every kind keeps the tree easy to walk; which members are meaningful
// depends on Expr::kind (see the comments on each member).

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace shanhai::model {

// ---- Types -----------------------------------------------------------------------------------

// bool, integer, decimal, money, date, text and null are the types a user sees. list and
// duration exist only inside expressions (a list literal, "9 months"). unknown marks a node that
// has not been type-checked yet.
enum class TypeKind : uint8_t {
  unknown,
  boolean,
  integer,
  decimal,
  money,
  date,
  text,
  null,
  list,
  duration
};

struct Type {
  TypeKind kind = TypeKind::unknown;
  TypeKind element = TypeKind::unknown;  // the element type of a list; unknown otherwise

  constexpr Type() = default;
  constexpr Type(TypeKind k) : kind(k) {}  // NOLINT: implicit on purpose (Type t = TypeKind::text)
  static constexpr Type list_of(TypeKind element_kind) {
    Type t(TypeKind::list);
    t.element = element_kind;
    return t;
  }

  bool is_numeric() const { return kind == TypeKind::integer || kind == TypeKind::decimal; }
  friend bool operator==(const Type&, const Type&) = default;
};

// "bool", "integer", "decimal", "money", "date", "text", "null", "list<text>", "duration".
std::string to_string(Type type);
// Chinese names for messages: "布尔", "整数", "小数", "金额", "日期", "文本", "空值", "文本列表",
// "时长".
std::string type_label_zh(Type type);
// "bool" (also "boolean"), "integer", "decimal", "money", "date", "text" → the type; anything
// else (including "null", "list", "duration") → unknown. Exact, lower-case. For spec files that
// declare parameter and field types.
Type type_from_name(std::string_view name);

// ---- Nodes -----------------------------------------------------------------------------------

enum class ExprKind : uint8_t {
  literal,   // 80, 80.5, '醉酒', true, null, date '2023-01-01'
  field,     // bac, penalties.amount
  param,     // $threshold
  unary,     // -x, not x
  binary,    // x + y, x >= y, x and y
  call,      // contains(charge, '过失')
  list,      // ['剥皮', '缠绕铁丝'] (function argument or right of in)
  duration,  // 9 months, $n days (right operand of + or - on a date)
  is_null,   // x is null, x is not null
  in_list    // x in [...], x not in [...]
};

enum class LiteralKind : uint8_t { null, boolean, integer, decimal, text, date };

enum class UnaryOp : uint8_t { negate, logical_not };

enum class BinaryOp : uint8_t {
  logical_or,
  logical_and,
  eq,  // = and ==
  ne,  // != and <>
  lt,
  le,
  gt,
  ge,
  add,
  sub,
  mul,
  div,
  mod
};

enum class DurationUnit : uint8_t { day, week, month, year };

// The built-in functions; none until the checker resolves a call's name.
enum class Function : uint8_t {
  none,
  contains,
  contains_any,
  starts_with,
  matches,
  length,
  extract_bac,
  coalesce,
  is_valid,
  year,
  month,
  days_between,
  lower,
  upper
};

// A literal's value.
struct Literal {
  LiteralKind kind = LiteralKind::null;
  bool boolean = false;  // boolean
  int64_t integer = 0;   // integer
  int32_t days = 0;      // date: days since 1970-01-01
  // text: the string value, escapes decoded. decimal: the digits as written ("80.5", "0.10");
  // exact, the engine parses it to its own decimal representation. date: "YYYY-MM-DD".
  std::string text;
};

// Where a node is in the expression text.
struct SourceSpan {
  int64_t column = 0;  // 1-based column, counted in characters (code points), of the first char
  std::string text;    // the node's text as written ("decision_date + 9 months")
};

struct Expr;
using ExprPtr = std::unique_ptr<Expr>;

struct Expr {
  ExprKind kind = ExprKind::literal;
  SourceSpan span;
  // Set by check_expression: the value type of this node. For comparisons, logical operators,
  // is_null and in_list it is bool; for list nodes list<T>; for duration nodes duration.
  Type type;

  Literal literal;  // literal

  // field: the input of a qualified name ("penalties" in penalties.amount), else empty.
  std::string input;
  // field: the field name; param: the name without '$'; call: the function name in lower case.
  std::string name;

  UnaryOp unary_op = UnaryOp::negate;     // unary
  BinaryOp binary_op = BinaryOp::eq;      // binary
  DurationUnit unit = DurationUnit::day;  // duration
  bool negated = false;                   // is_null: "is not null"; in_list: "not in"
  Function function = Function::none;     // call (set by check_expression)
  int64_t operator_column = 0;            // unary/binary/is_null/in_list: the operator's column;
                                          // call: the function name's column (= span.column)

  // unary: [operand]; binary: [left, right]; call: arguments; list: items; duration: [count];
  // is_null: [operand]; in_list: [operand, list].
  std::vector<ExprPtr> children;

  // field: "penalties.amount" or "bac".
  std::string qualified_name() const { return input.empty() ? name : input + "." + name; }
};

// A deep copy (types included).
ExprPtr clone(const Expr& expr);

// Canonical fully-parenthesised form, for tests and debugging; parses back to the same tree:
// ((bac >= $threshold) and (not contains(charge, '过失'))). Every unary, binary, is_null and
// in_list node is wrapped in parentheses; keywords are lower-case English (且 → and, == → =,
// <> → !=); strings use single quotes; function names are lower-case.
std::string to_string(const Expr& expr);

// Fields the expression reads ("bac", "penalties.amount"), each once, in order of first use.
std::vector<std::string> referenced_fields(const Expr& expr);
// Parameters the expression reads, without '$' ("threshold"), each once, in order of first use.
std::vector<std::string> referenced_params(const Expr& expr);

// "or", "and", "=", "!=", "<", "<=", ">", ">=", "+", "-", "*", "/", "%".
std::string_view binary_op_symbol(BinaryOp op);
// "contains", "coalesce", …; "" for Function::none.
std::string_view function_name(Function f);
// "day", "week", "month", "year".
std::string_view duration_unit_name(DurationUnit unit);

}  // namespace shanhai::model
