#include "model/expr_ast.h"

#include <algorithm>

namespace shanhai::model {
namespace {

std::string_view kind_name(TypeKind kind) {
  switch (kind) {
    case TypeKind::unknown:
      return "unknown";
    case TypeKind::boolean:
      return "bool";
    case TypeKind::integer:
      return "integer";
    case TypeKind::decimal:
      return "decimal";
    case TypeKind::money:
      return "money";
    case TypeKind::date:
      return "date";
    case TypeKind::text:
      return "text";
    case TypeKind::null:
      return "null";
    case TypeKind::list:
      return "list";
    case TypeKind::duration:
      return "duration";
  }
  return "unknown";
}

std::string_view kind_label_zh(TypeKind kind) {
  switch (kind) {
    case TypeKind::unknown:
      return "未知类型";
    case TypeKind::boolean:
      return "布尔";
    case TypeKind::integer:
      return "整数";
    case TypeKind::decimal:
      return "小数";
    case TypeKind::money:
      return "金额";
    case TypeKind::date:
      return "日期";
    case TypeKind::text:
      return "文本";
    case TypeKind::null:
      return "空值";
    case TypeKind::list:
      return "列表";
    case TypeKind::duration:
      return "时长";
  }
  return "未知类型";
}

// A string literal in single quotes; \ ' and newline escaped.
std::string quote(std::string_view s) {
  std::string out = "'";
  for (char c : s) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '\'':
        out += "\\'";
        break;
      case '\n':
        out += "\\n";
        break;
      default:
        out += c;
    }
  }
  out += '\'';
  return out;
}

void print(const Expr& e, std::string& out);

void print_list(const std::vector<ExprPtr>& items, std::string& out) {
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += ", ";
    print(*items[i], out);
  }
}

void print(const Expr& e, std::string& out) {
  switch (e.kind) {
    case ExprKind::literal:
      switch (e.literal.kind) {
        case LiteralKind::null:
          out += "null";
          break;
        case LiteralKind::boolean:
          out += e.literal.boolean ? "true" : "false";
          break;
        case LiteralKind::integer:
          out += std::to_string(e.literal.integer);
          break;
        case LiteralKind::decimal:
          out += e.literal.text;
          break;
        case LiteralKind::text:
          out += quote(e.literal.text);
          break;
        case LiteralKind::date:
          out += "date ";
          out += quote(e.literal.text);
          break;
      }
      break;
    case ExprKind::field:
      out += e.qualified_name();
      break;
    case ExprKind::param:
      out += '$';
      out += e.name;
      break;
    case ExprKind::unary:
      out += e.unary_op == UnaryOp::negate ? "(-" : "(not ";
      print(*e.children[0], out);
      out += ')';
      break;
    case ExprKind::binary:
      out += '(';
      print(*e.children[0], out);
      out += ' ';
      out += binary_op_symbol(e.binary_op);
      out += ' ';
      print(*e.children[1], out);
      out += ')';
      break;
    case ExprKind::call:
      out += e.name;
      out += '(';
      print_list(e.children, out);
      out += ')';
      break;
    case ExprKind::list:
      out += '[';
      print_list(e.children, out);
      out += ']';
      break;
    case ExprKind::duration: {
      const Expr& count = *e.children[0];
      print(count, out);
      out += ' ';
      out += duration_unit_name(e.unit);
      const bool one = count.kind == ExprKind::literal &&
                       count.literal.kind == LiteralKind::integer && count.literal.integer == 1;
      if (!one) out += 's';
      break;
    }
    case ExprKind::is_null:
      out += '(';
      print(*e.children[0], out);
      out += e.negated ? " is not null)" : " is null)";
      break;
    case ExprKind::in_list:
      out += '(';
      print(*e.children[0], out);
      out += e.negated ? " not in " : " in ";
      print(*e.children[1], out);
      out += ')';
      break;
  }
}

void collect(const Expr& e, ExprKind kind, std::vector<std::string>& out) {
  if (e.kind == kind) {
    std::string name = kind == ExprKind::field ? e.qualified_name() : e.name;
    if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(std::move(name));
  }
  for (const ExprPtr& child : e.children) collect(*child, kind, out);
}

}  // namespace

std::string to_string(Type type) {
  if (type.kind == TypeKind::list) {
    return "list<" + std::string(kind_name(type.element)) + ">";
  }
  return std::string(kind_name(type.kind));
}

std::string type_label_zh(Type type) {
  if (type.kind == TypeKind::list) {
    if (type.element == TypeKind::unknown) return "列表";
    return std::string(kind_label_zh(type.element)) + "列表";
  }
  return std::string(kind_label_zh(type.kind));
}

Type type_from_name(std::string_view name) {
  if (name == "bool" || name == "boolean") return TypeKind::boolean;
  if (name == "integer") return TypeKind::integer;
  if (name == "decimal") return TypeKind::decimal;
  if (name == "money") return TypeKind::money;
  if (name == "date") return TypeKind::date;
  if (name == "text") return TypeKind::text;
  return TypeKind::unknown;
}

ExprPtr clone(const Expr& expr) {
  auto copy = std::make_unique<Expr>();
  copy->kind = expr.kind;
  copy->span = expr.span;
  copy->type = expr.type;
  copy->literal = expr.literal;
  copy->input = expr.input;
  copy->name = expr.name;
  copy->unary_op = expr.unary_op;
  copy->binary_op = expr.binary_op;
  copy->unit = expr.unit;
  copy->negated = expr.negated;
  copy->function = expr.function;
  copy->operator_column = expr.operator_column;
  copy->children.reserve(expr.children.size());
  for (const ExprPtr& child : expr.children) copy->children.push_back(clone(*child));
  return copy;
}

std::string to_string(const Expr& expr) {
  std::string out;
  print(expr, out);
  return out;
}

std::vector<std::string> referenced_fields(const Expr& expr) {
  std::vector<std::string> out;
  collect(expr, ExprKind::field, out);
  return out;
}

std::vector<std::string> referenced_params(const Expr& expr) {
  std::vector<std::string> out;
  collect(expr, ExprKind::param, out);
  return out;
}

std::string_view binary_op_symbol(BinaryOp op) {
  switch (op) {
    case BinaryOp::logical_or:
      return "or";
    case BinaryOp::logical_and:
      return "and";
    case BinaryOp::eq:
      return "=";
    case BinaryOp::ne:
      return "!=";
    case BinaryOp::lt:
      return "<";
    case BinaryOp::le:
      return "<=";
    case BinaryOp::gt:
      return ">";
    case BinaryOp::ge:
      return ">=";
    case BinaryOp::add:
      return "+";
    case BinaryOp::sub:
      return "-";
    case BinaryOp::mul:
      return "*";
    case BinaryOp::div:
      return "/";
    case BinaryOp::mod:
      return "%";
  }
  return "?";
}

std::string_view function_name(Function f) {
  switch (f) {
    case Function::none:
      return "";
    case Function::contains:
      return "contains";
    case Function::contains_any:
      return "contains_any";
    case Function::starts_with:
      return "starts_with";
    case Function::matches:
      return "matches";
    case Function::length:
      return "length";
    case Function::extract_bac:
      return "extract_bac";
    case Function::coalesce:
      return "coalesce";
    case Function::is_valid:
      return "is_valid";
    case Function::year:
      return "year";
    case Function::month:
      return "month";
    case Function::days_between:
      return "days_between";
    case Function::lower:
      return "lower";
    case Function::upper:
      return "upper";
  }
  return "";
}

std::string_view duration_unit_name(DurationUnit unit) {
  switch (unit) {
    case DurationUnit::day:
      return "day";
    case DurationUnit::week:
      return "week";
    case DurationUnit::month:
      return "month";
    case DurationUnit::year:
      return "year";
  }
  return "day";
}

}  // namespace shanhai::model
