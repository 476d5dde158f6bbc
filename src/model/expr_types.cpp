#include "model/expr_types.h"

#include <unicode/parseerr.h>
#include <unicode/regex.h>
#include <unicode/unistr.h>
#include <unicode/utypes.h>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "model/expr_lexer.h"
#include "model/expr_parser.h"
#include "model/name_suggestion.h"

namespace shanhai::model {
namespace {

std::string zh(Type t) { return type_label_zh(t); }
std::string en(Type t) { return to_string(t); }

bool is_numeric(Type t) { return t.is_numeric(); }

Error type_error(const Expr& at, std::string zh_text, std::string en_text) {
  return expression_error("expr.type", std::move(zh_text), std::move(en_text), at.span.column,
                          at.span.text);
}

// A value known before any row is read that may stand for an amount of money: an integer or
// decimal literal (possibly negated) or a numeric parameter.
bool is_numeric_constant(const Expr& e) {
  if (e.kind == ExprKind::literal) {
    return e.literal.kind == LiteralKind::integer || e.literal.kind == LiteralKind::decimal;
  }
  if (e.kind == ExprKind::unary && e.unary_op == UnaryOp::negate) {
    return is_numeric_constant(*e.children[0]);
  }
  return e.kind == ExprKind::param && is_numeric(e.type);
}

bool is_list_constant(const Expr& e) {
  if (e.kind == ExprKind::literal) return e.literal.kind != LiteralKind::null;
  if (e.kind == ExprKind::unary && e.unary_op == UnaryOp::negate) {
    const Expr& operand = *e.children[0];
    return operand.kind == ExprKind::literal && (operand.literal.kind == LiteralKind::integer ||
                                                 operand.literal.kind == LiteralKind::decimal);
  }
  return e.kind == ExprKind::param;
}

bool looks_like_iso_date(const Expr& e) {
  if (e.kind != ExprKind::literal || e.literal.kind != LiteralKind::text) return false;
  const std::string& v = e.literal.text;
  return v.size() == 10 && v[4] == '-' && v[7] == '-';
}

std::string names_list(const std::vector<std::string>& names, std::string_view separator,
                       std::string_view prefix = "") {
  constexpr size_t kMaxListed = 20;
  std::string out;
  for (size_t i = 0; i < names.size() && i < kMaxListed; ++i) {
    if (i > 0) out += separator;
    out += prefix;
    out += names[i];
  }
  if (names.size() > kMaxListed) out += separator == "、" ? "……" : ", …";
  return out;
}

struct Signature {
  Function function;
  std::vector<Type> params;  // empty for coalesce and is_valid (checked specially)
  Type result;
};

const std::map<std::string, Signature, std::less<>>& functions() {
  static const std::map<std::string, Signature, std::less<>> table = {
      {"contains", {Function::contains, {TypeKind::text, TypeKind::text}, TypeKind::boolean}},
      {"contains_any",
       {Function::contains_any,
        {TypeKind::text, Type::list_of(TypeKind::text)},
        TypeKind::boolean}},
      {"starts_with", {Function::starts_with, {TypeKind::text, TypeKind::text}, TypeKind::boolean}},
      {"matches", {Function::matches, {TypeKind::text, TypeKind::text}, TypeKind::boolean}},
      {"length", {Function::length, {TypeKind::text}, TypeKind::integer}},
      {"extract_bac", {Function::extract_bac, {TypeKind::text}, TypeKind::decimal}},
      {"coalesce", {Function::coalesce, {}, TypeKind::unknown}},
      {"is_valid", {Function::is_valid, {}, TypeKind::boolean}},
      {"year", {Function::year, {TypeKind::date}, TypeKind::integer}},
      {"month", {Function::month, {TypeKind::date}, TypeKind::integer}},
      {"days_between",
       {Function::days_between, {TypeKind::date, TypeKind::date}, TypeKind::integer}},
      {"lower", {Function::lower, {TypeKind::text}, TypeKind::text}},
      {"upper", {Function::upper, {TypeKind::text}, TypeKind::text}},
  };
  return table;
}

std::string regex_reason_zh(UErrorCode code) {
  switch (code) {
    case U_REGEX_MISMATCHED_PAREN:
      return "括号不配对";
    case U_REGEX_MISSING_CLOSE_BRACKET:
      return "缺少“]”";
    case U_REGEX_BAD_ESCAPE_SEQUENCE:
      return "无效的转义序列";
    case U_REGEX_INVALID_RANGE:
      return "无效的字符范围";
    case U_REGEX_BAD_INTERVAL:
    case U_REGEX_MAX_LT_MIN:
      return "无效的重复次数 {m,n}";
    case U_REGEX_RULE_SYNTAX:
      return "语法错误";
    default:
      return u_errorName(code);
  }
}

std::string regex_reason_en(UErrorCode code) {
  switch (code) {
    case U_REGEX_MISMATCHED_PAREN:
      return "mismatched parentheses";
    case U_REGEX_MISSING_CLOSE_BRACKET:
      return "missing ']'";
    case U_REGEX_BAD_ESCAPE_SEQUENCE:
      return "bad escape sequence";
    case U_REGEX_INVALID_RANGE:
      return "invalid character range";
    case U_REGEX_BAD_INTERVAL:
    case U_REGEX_MAX_LT_MIN:
      return "bad repetition count {m,n}";
    case U_REGEX_RULE_SYNTAX:
      return "syntax error";
    default:
      return u_errorName(code);
  }
}

// Checks bottom-up. Every function returns false after an error, which is kept in error_ (the
// first one wins). The functions on the recursive path keep their frames small and leave the
// message building to out-of-line helpers, so deep trees fit comfortably in a thread's stack.
class Checker {
 public:
  explicit Checker(const TypeEnvironment& env) : env_(env) {}

  std::optional<Error>& error() { return error_; }

  // Checks a node that must be a value: lists and durations are refused here (their legal
  // places check them directly).
  bool check(Expr& e) {
    switch (e.kind) {
      case ExprKind::literal:
        e.type = literal_type(e.literal.kind);
        return true;
      case ExprKind::field:
        return check_field(e);
      case ExprKind::param:
        return check_param(e);
      case ExprKind::unary:
        return check_unary(e);
      case ExprKind::binary:
        switch (e.binary_op) {
          case BinaryOp::logical_and:
          case BinaryOp::logical_or:
            return check_logical(e);
          case BinaryOp::eq:
          case BinaryOp::ne:
          case BinaryOp::lt:
          case BinaryOp::le:
          case BinaryOp::gt:
          case BinaryOp::ge:
            return check_comparison(e);
          default:
            return check_arithmetic(e);
        }
      case ExprKind::call:
        return check_call(e);
      case ExprKind::list:
      case ExprKind::duration:
        return misplaced(e);
      case ExprKind::is_null:
        if (!check(*e.children[0])) return false;
        e.type = TypeKind::boolean;
        return true;
      case ExprKind::in_list:
        return check_in_list(e);
    }
    return true;
  }

 private:
  // ---- Error helpers (out of line). ----

  [[gnu::noinline, gnu::cold]] bool fail(Error e) {
    if (!error_) error_ = std::move(e);
    return false;
  }

  [[gnu::noinline, gnu::cold]] bool fail_type(const Expr& at, std::string zh_text,
                                              std::string en_text) {
    return fail(type_error(at, std::move(zh_text), std::move(en_text)));
  }

  [[gnu::noinline, gnu::cold]] bool misplaced(const Expr& e) {
    if (e.kind == ExprKind::list) {
      return fail_type(e, "列表只能用作函数参数或 in 的右侧",
                       "a list can only be a function argument or the right side of in");
    }
    return fail_type(e, "时长只能用在日期的加减中，且在运算符右侧（如 decision_date + 9 months）",
                     "a duration can only be the right operand of + or - on a date "
                     "(decision_date + 9 months)");
  }

  [[gnu::noinline, gnu::cold]] bool unknown_field(const Expr& e) {
    const std::string name = e.qualified_name();
    std::vector<std::string> candidates;
    if (!e.input.empty()) {
      // Is the input known at all?
      std::vector<std::string> inputs;
      for (const auto& [key, type] : env_.fields) {
        const size_t dot = key.find('.');
        if (dot == std::string::npos) continue;
        std::string input = key.substr(0, dot);
        if (inputs.empty() || inputs.back() != input) inputs.push_back(std::move(input));
        if (key.compare(0, dot, e.input) == 0) candidates.push_back(key);
      }
      if (candidates.empty()) {
        const std::optional<std::string> s = closest_name(e.input, inputs);
        std::string zh_text = fmt::format("未知输入“{}”{}", e.input, did_you_mean_zh(s));
        std::string en_text = fmt::format("unknown input \"{}\"{}", e.input, did_you_mean_en(s));
        if (!s && !inputs.empty()) {
          zh_text += fmt::format("（可用输入：{}）", names_list(inputs, "、"));
          en_text += fmt::format(" (known inputs: {})", names_list(inputs, ", "));
        }
        return fail(expression_error("expr.unknown_name", std::move(zh_text), std::move(en_text),
                                     e.span.column, e.input));
      }
    } else {
      for (const auto& [key, type] : env_.fields) {
        if (key.find('.') == std::string::npos) candidates.push_back(key);
      }
      if (candidates.empty()) {
        for (const auto& [key, type] : env_.fields) candidates.push_back(key);
      }
    }
    const std::optional<std::string> s = closest_name(name, candidates);
    std::string zh_text = fmt::format("未知字段“{}”{}", name, did_you_mean_zh(s));
    std::string en_text = fmt::format("unknown field \"{}\"{}", name, did_you_mean_en(s));
    if (!s && !candidates.empty()) {
      zh_text += fmt::format("（可用字段：{}）", names_list(candidates, "、"));
      en_text += fmt::format(" (known fields: {})", names_list(candidates, ", "));
    }
    return fail(expression_error("expr.unknown_name", std::move(zh_text), std::move(en_text),
                                 e.span.column, e.span.text));
  }

  [[gnu::noinline, gnu::cold]] bool unknown_param(const Expr& e) {
    std::vector<std::string> names;
    for (const auto& [key, type] : env_.params) names.push_back(key);
    std::optional<std::string> s = closest_name(e.name, names);
    if (s) s = "$" + *s;
    std::string zh_text = fmt::format("未知参数“${}”{}", e.name, did_you_mean_zh(s));
    std::string en_text = fmt::format("unknown parameter \"${}\"{}", e.name, did_you_mean_en(s));
    if (!s) {
      if (names.empty()) {
        zh_text += "（模型没有定义参数）";
        en_text += " (the model defines no parameters)";
      } else {
        zh_text += fmt::format("（可用参数：{}）", names_list(names, "、", "$"));
        en_text += fmt::format(" (known parameters: {})", names_list(names, ", ", "$"));
      }
    }
    return fail(expression_error("expr.unknown_name", std::move(zh_text), std::move(en_text),
                                 e.span.column, e.span.text));
  }

  [[gnu::noinline, gnu::cold]] bool unknown_function(const Expr& e) {
    const std::string_view written = std::string_view(e.span.text).substr(0, e.name.size());
    if (e.name == "today" || e.name == "now") {
      return fail(expression_error(
          "expr.unknown_name",
          fmt::format("没有 {}() 函数：模型的结果不能依赖运行的日期，请使用参数 $as_of", e.name),
          fmt::format("there is no {}() function: a model must not depend on the day it runs; "
                      "use the parameter $as_of",
                      e.name),
          e.span.column, written));
    }
    std::vector<std::string> names;
    for (const auto& [name, sig] : functions()) names.push_back(name);
    const std::optional<std::string> s = closest_name(e.name, names);
    std::string zh_text = fmt::format("未知函数“{}”{}", written, did_you_mean_zh(s));
    std::string en_text = fmt::format("unknown function \"{}\"{}", written, did_you_mean_en(s));
    if (!s) {
      zh_text += fmt::format("（可用函数：{}）", names_list(names, "、"));
      en_text += fmt::format(" (known functions: {})", names_list(names, ", "));
    }
    return fail(expression_error("expr.unknown_name", std::move(zh_text), std::move(en_text),
                                 e.span.column, written));
  }

  [[gnu::noinline, gnu::cold]] bool not_operand(const Expr& operand) {
    const Type t = operand.type;
    return fail_type(operand, fmt::format("“not”的操作数应为布尔值，实际为{}", zh(t)),
                     fmt::format("the operand of 'not' must be bool, got {}", en(t)));
  }

  [[gnu::noinline, gnu::cold]] bool negate_operand(const Expr& operand) {
    const Type t = operand.type;
    return fail_type(operand, fmt::format("负号“-”只能用于整数、小数或金额，实际为{}", zh(t)),
                     fmt::format("unary '-' needs an integer, decimal or money, got {}", en(t)));
  }

  [[gnu::noinline, gnu::cold]] bool logical_operand(const Expr& e, const Expr& operand) {
    const std::string_view op = binary_op_symbol(e.binary_op);
    const std::string_view op_zh = e.binary_op == BinaryOp::logical_and ? "且" : "或";
    return fail_type(
        operand, fmt::format("“{}”（{}）的操作数应为布尔值，实际为{}", op, op_zh, zh(operand.type)),
        fmt::format("the operands of '{}' must be bool, got {}", op, en(operand.type)));
  }

  [[gnu::noinline, gnu::cold]] bool duration_on_non_date(const Expr& e) {
    const std::string_view sym = binary_op_symbol(e.binary_op);
    const Type l = e.children[0]->type;
    return fail_type(e,
                     fmt::format("时长只能加到日期上或从日期中减去，而“{}”的左侧为{}", sym, zh(l)),
                     fmt::format("a duration can only be added to or subtracted from a date; "
                                 "the left operand of '{}' is {}",
                                 sym, en(l)));
  }

  [[gnu::noinline, gnu::cold]] bool duration_count(const Expr& count) {
    return fail_type(
        count, fmt::format("时长的数量应为整数，实际为{}", zh(count.type)),
        fmt::format("the count of a duration must be an integer, got {}", en(count.type)));
  }

  // Explains a refused arithmetic operation: operator, actual types, what would work.
  [[gnu::noinline, gnu::cold]] bool arithmetic_error(const Expr& e) {
    const BinaryOp op = e.binary_op;
    const std::string_view sym = binary_op_symbol(op);
    const Type l = e.children[0]->type;
    const Type r = e.children[1]->type;
    if (l.kind == TypeKind::null || r.kind == TypeKind::null) {
      return fail_type(
          e, fmt::format("null 不能参与运算“{}”；需要默认值时请用 coalesce", sym),
          fmt::format("null cannot be an operand of '{}'; use coalesce for a default", sym));
    }
    const bool money_l = l.kind == TypeKind::money;
    const bool money_r = r.kind == TypeKind::money;
    std::string hint_zh;
    std::string hint_en;
    if (op == BinaryOp::sub && l.kind == TypeKind::date && r.kind == TypeKind::date) {
      hint_zh = "；两个日期不能相减，相差天数请用 days_between(开始日期, 结束日期)";
      hint_en = "; dates cannot be subtracted, use days_between(start, end) for the days between";
    } else if ((op == BinaryOp::add || op == BinaryOp::sub) && l.kind == TypeKind::date &&
               is_numeric(r)) {
      hint_zh = fmt::format("；日期加减数字须写明单位，如 {} 9 days 或 {} 9 months", sym, sym);
      hint_en = fmt::format(
          "; a number added to or subtracted from a date needs a unit, as in {} 9 days or {} 9 "
          "months",
          sym, sym);
    } else if ((op == BinaryOp::add || op == BinaryOp::sub) &&
               ((money_l && is_numeric(r)) || (money_r && is_numeric(l)))) {
      hint_zh = "；金额只能与金额或数值常量相加减";
      hint_en = "; money adds only to money or a numeric constant";
    }
    std::string_view expected_zh;
    std::string_view expected_en;
    switch (op) {
      case BinaryOp::add:
      case BinaryOp::sub:
        expected_zh = "数值与数值、金额与金额或数值常量、日期与时长";
        expected_en =
            "numbers with numbers, money with money or a numeric constant, a date with a "
            "duration";
        break;
      case BinaryOp::mul:
        expected_zh = "数值与数值、金额与数值";
        expected_en = "numbers with numbers, money with a number";
        break;
      case BinaryOp::div:
        expected_zh = "数值除以数值、金额除以数值或金额";
        expected_en = "a number by a number, money by a number or by money";
        break;
      default:
        expected_zh = "整数与整数";
        expected_en = "integers";
        break;
    }
    return fail_type(e,
                     fmt::format("运算符“{}”不能用于{}和{}（可用：{}）{}", sym, zh(l), zh(r),
                                 expected_zh, hint_zh),
                     fmt::format("operator '{}' cannot be applied to {} and {} (expected {}){}",
                                 sym, en(l), en(r), expected_en, hint_en));
  }

  [[gnu::noinline, gnu::cold]] bool comparison_error(const Expr& e) {
    const Expr& left = *e.children[0];
    const Expr& right = *e.children[1];
    const Type l = left.type;
    const Type r = right.type;
    const std::string_view sym = binary_op_symbol(e.binary_op);
    const bool ordering = e.binary_op != BinaryOp::eq && e.binary_op != BinaryOp::ne;
    if (l.kind == TypeKind::null || r.kind == TypeKind::null) {
      const bool ne = e.binary_op == BinaryOp::ne;
      return fail_type(
          e,
          fmt::format("不能用“{}”与 null 比较（结果永远未知），请用 is {}null", sym,
                      ne ? "not " : ""),
          fmt::format("cannot compare with null using '{}' (the result is always unknown); use "
                      "is {}null",
                      sym, ne ? "not " : ""));
    }
    if (l.kind == TypeKind::boolean && r.kind == TypeKind::boolean) {
      return fail_type(e, fmt::format("布尔值不能用“{}”比较大小，只能用 = 或 !=", sym),
                       fmt::format("bool values cannot be ordered with '{}'; use = or !=", sym));
    }
    std::string hint_zh;
    std::string hint_en;
    if ((l.kind == TypeKind::date && looks_like_iso_date(right)) ||
        (r.kind == TypeKind::date && looks_like_iso_date(left))) {
      const Expr& literal = l.kind == TypeKind::date ? right : left;
      hint_zh = fmt::format("；日期常量请写作 date {}", literal.span.text);
      hint_en = fmt::format("; write the date literal as date {}", literal.span.text);
    } else if ((l.kind == TypeKind::money && is_numeric(r)) ||
               (r.kind == TypeKind::money && is_numeric(l))) {
      hint_zh = "；金额只能与金额或数值常量比较";
      hint_en = "; money compares only with money or a numeric constant";
    }
    return fail_type(
        e,
        fmt::format(
            "比较运算符“{}”两侧类型不兼容：{}与{}（可比较：数值与数值、金额与金额或数值常量、"
            "日期与日期、文本与文本{}）{}",
            sym, zh(l), zh(r), ordering ? "" : "、布尔与布尔", hint_zh),
        fmt::format("comparison '{}' needs compatible types, got {} and {} (numbers with numbers, "
                    "money with money or a numeric constant, dates with dates, text with text{}){}",
                    sym, en(l), en(r), ordering ? "" : ", bool with bool", hint_en));
  }

  [[gnu::noinline, gnu::cold]] bool list_item_error(const Expr& item, Type before) {
    if (item.kind == ExprKind::literal && item.literal.kind == LiteralKind::null) {
      return fail_type(item, "列表中不能有 null；判断空值请用 is null",
                       "a list cannot contain null; use is null to test for null");
    }
    if (!is_list_constant(item)) {
      return fail_type(item, "列表元素必须是常量（字面值或参数）",
                       "list items must be constants (literals or parameters)");
    }
    return fail_type(
        item,
        fmt::format("列表元素类型不一致：前面的元素为{}，此元素为{}", zh(before), zh(item.type)),
        fmt::format("list items must have one type: {} before, {} here", en(before),
                    en(item.type)));
  }

  [[gnu::noinline, gnu::cold]] bool in_error(const Expr& e) {
    const std::string_view op = e.negated ? "not in" : "in";
    const Type l = e.children[0]->type;
    const Type r = e.children[1]->type;
    if (l.kind == TypeKind::null) {
      return fail_type(e, fmt::format("null 不能用于“{}”，判断空值请用 is null", op),
                       fmt::format("null cannot be tested with '{}'; use is null", op));
    }
    return fail_type(e, fmt::format("“{}”两侧类型不兼容：左侧为{}，列表为{}", op, zh(l), zh(r)),
                     fmt::format("'{}' needs compatible types, got {} and {}", op, en(l), en(r)));
  }

  [[gnu::noinline, gnu::cold]] bool arity_error(const Expr& e, size_t want) {
    const std::string_view fn = function_name(e.function);
    return fail_type(
        e, fmt::format("函数 {} 需要 {} 个参数，实际为 {} 个", fn, want, e.children.size()),
        fmt::format("function {} takes {} argument{}, got {}", fn, want, want == 1 ? "" : "s",
                    e.children.size()));
  }

  [[gnu::noinline, gnu::cold]] bool argument_error(const Expr& e, size_t i, Type expected) {
    const std::string_view fn = function_name(e.function);
    const Expr& arg = *e.children[i];
    std::string hint_zh;
    std::string hint_en;
    if (expected.kind == TypeKind::list && arg.type.kind == TypeKind::text) {
      hint_zh = fmt::format("；只有一个词时请用 contains，或写作列表 [{}]", arg.span.text);
      hint_en = fmt::format("; for one word use contains, or write a list [{}]", arg.span.text);
    } else if (expected.kind == TypeKind::text && arg.type.kind == TypeKind::list) {
      hint_zh = "；要匹配列表中任一个词请用 contains_any";
      hint_en = "; use contains_any to match any word of a list";
    }
    return fail_type(arg,
                     fmt::format("函数 {} 的第 {} 个参数应为{}，实际为{}{}", fn, i + 1,
                                 zh(expected), zh(arg.type), hint_zh),
                     fmt::format("function {} expects {} as argument {}, got {}{}", fn,
                                 en(expected), i + 1, en(arg.type), hint_en));
  }

  [[gnu::noinline, gnu::cold]] bool coalesce_error(const Expr& e, size_t i, Type before) {
    const Expr& arg = *e.children[i];
    return fail_type(arg,
                     fmt::format("函数 coalesce 的参数类型应一致：前面的参数为{}，第 {} 个参数为{}",
                                 zh(before), i + 1, zh(arg.type)),
                     fmt::format("the arguments of coalesce must have one type: {} before, {} as "
                                 "argument {}",
                                 en(before), en(arg.type), i + 1));
  }

  // ---- Names. ----

  static Type literal_type(LiteralKind kind) {
    switch (kind) {
      case LiteralKind::null:
        return TypeKind::null;
      case LiteralKind::boolean:
        return TypeKind::boolean;
      case LiteralKind::integer:
        return TypeKind::integer;
      case LiteralKind::decimal:
        return TypeKind::decimal;
      case LiteralKind::text:
        return TypeKind::text;
      case LiteralKind::date:
        return TypeKind::date;
    }
    return TypeKind::unknown;
  }

  bool check_field(Expr& e) {
    const auto it = e.input.empty() ? env_.fields.find(e.name) : find_qualified(e);
    if (it == env_.fields.end()) return unknown_field(e);
    e.type = it->second;
    return true;
  }

  [[gnu::noinline]] std::map<std::string, Type, std::less<>>::const_iterator find_qualified(
      const Expr& e) const {
    return env_.fields.find(e.qualified_name());
  }

  bool check_param(Expr& e) {
    const auto it = env_.params.find(e.name);
    if (it == env_.params.end()) return unknown_param(e);
    e.type = it->second;
    return true;
  }

  // ---- Operators. ----

  bool check_unary(Expr& e) {
    Expr& operand = *e.children[0];
    if (!check(operand)) return false;
    const Type t = operand.type;
    if (e.unary_op == UnaryOp::logical_not) {
      if (t.kind != TypeKind::boolean) return not_operand(operand);
      e.type = TypeKind::boolean;
      return true;
    }
    if (!is_numeric(t) && t.kind != TypeKind::money) return negate_operand(operand);
    e.type = t;
    return true;
  }

  bool check_logical(Expr& e) {
    for (ExprPtr& child : e.children) {
      if (!check(*child)) return false;
      if (child->type.kind != TypeKind::boolean) return logical_operand(e, *child);
    }
    e.type = TypeKind::boolean;
    return true;
  }

  // The type of left op right, or unknown when the operation is refused.
  static Type arithmetic_type(BinaryOp op, const Expr& left, const Expr& right) {
    const Type l = left.type;
    const Type r = right.type;
    const bool money_l = l.kind == TypeKind::money;
    const bool money_r = r.kind == TypeKind::money;
    switch (op) {
      case BinaryOp::add:
      case BinaryOp::sub:
        if (is_numeric(l) && is_numeric(r)) return l == r ? l : Type(TypeKind::decimal);
        if (money_l && money_r) return TypeKind::money;
        if ((money_l && is_numeric(r) && is_numeric_constant(right)) ||
            (money_r && is_numeric(l) && is_numeric_constant(left))) {
          return TypeKind::money;
        }
        return TypeKind::unknown;
      case BinaryOp::mul:
        if (is_numeric(l) && is_numeric(r)) return l == r ? l : Type(TypeKind::decimal);
        if ((money_l && is_numeric(r)) || (is_numeric(l) && money_r)) return TypeKind::money;
        return TypeKind::unknown;
      case BinaryOp::div:
        if (is_numeric(l) && is_numeric(r)) return TypeKind::decimal;
        if (money_l && is_numeric(r)) return TypeKind::money;
        if (money_l && money_r) return TypeKind::decimal;
        return TypeKind::unknown;
      case BinaryOp::mod:
        if (l.kind == TypeKind::integer && r.kind == TypeKind::integer) return l;
        return TypeKind::unknown;
      default:
        return TypeKind::unknown;
    }
  }

  bool check_arithmetic(Expr& e) {
    Expr& left = *e.children[0];
    Expr& right = *e.children[1];
    if (!check(left)) return false;
    if ((e.binary_op == BinaryOp::add || e.binary_op == BinaryOp::sub) &&
        right.kind == ExprKind::duration) {
      if (!check_duration(right)) return false;
      if (left.type.kind != TypeKind::date) return duration_on_non_date(e);
      e.type = TypeKind::date;
      return true;
    }
    if (!check(right)) return false;
    const Type t = arithmetic_type(e.binary_op, left, right);
    if (t.kind == TypeKind::unknown) return arithmetic_error(e);
    e.type = t;
    return true;
  }

  bool check_duration(Expr& e) {
    Expr& count = *e.children[0];
    if (!check(count)) return false;
    if (count.type.kind != TypeKind::integer) return duration_count(count);
    e.type = TypeKind::duration;
    return true;
  }

  // Whether values of the two operands can be compared; ordering for < <= > >=.
  static bool comparable(const Expr& left, const Expr& right, bool ordering) {
    const Type l = left.type;
    const Type r = right.type;
    if (is_numeric(l) && is_numeric(r)) return true;
    if (l.kind == TypeKind::money || r.kind == TypeKind::money) {
      if (l == r) return true;
      if (l.kind == TypeKind::money) return is_numeric(r) && is_numeric_constant(right);
      return is_numeric(l) && is_numeric_constant(left);
    }
    if (l != r) return false;
    if (l.kind == TypeKind::date || l.kind == TypeKind::text) return true;
    return l.kind == TypeKind::boolean && !ordering;
  }

  bool check_comparison(Expr& e) {
    if (!check(*e.children[0]) || !check(*e.children[1])) return false;
    const bool ordering = e.binary_op != BinaryOp::eq && e.binary_op != BinaryOp::ne;
    if (!comparable(*e.children[0], *e.children[1], ordering)) return comparison_error(e);
    e.type = TypeKind::boolean;
    return true;
  }

  // Checks a list literal: constant items of one type. Sets list<T>.
  bool check_list(Expr& e) {
    Type element;
    for (ExprPtr& item_ptr : e.children) {
      Expr& item = *item_ptr;
      if (!is_list_constant(item)) return list_item_error(item, element);
      if (!check(item)) return false;
      const Type t = item.type;
      if (t.kind == TypeKind::null) return list_item_error(item, element);
      if (element.kind == TypeKind::unknown || element == t) {
        element = t;
      } else if (is_numeric(element) && is_numeric(t)) {
        element = TypeKind::decimal;
      } else {
        return list_item_error(item, element);
      }
    }
    e.type = Type::list_of(element.kind);
    return true;
  }

  bool check_in_list(Expr& e) {
    if (!check(*e.children[0]) || !check_list(*e.children[1])) return false;
    const Type l = e.children[0]->type;
    const TypeKind k = e.children[1]->type.element;
    bool ok = false;
    if (l.kind == TypeKind::money) {
      ok = k == TypeKind::integer || k == TypeKind::decimal || k == TypeKind::money;
    } else if (is_numeric(l)) {
      ok = k == TypeKind::integer || k == TypeKind::decimal;
    } else {
      ok = l.kind == k && l.kind != TypeKind::null;
    }
    if (!ok) return in_error(e);
    e.type = TypeKind::boolean;
    return true;
  }

  // ---- Calls. ----

  bool check_call(Expr& e) {
    const auto& table = functions();
    const auto it = table.find(e.name);
    if (it == table.end()) return unknown_function(e);
    const Signature& sig = it->second;
    e.function = sig.function;
    if (sig.function == Function::coalesce) return check_coalesce(e);
    if (sig.function == Function::is_valid) return check_is_valid(e);

    const size_t want = sig.params.size();
    if (e.children.size() != want) return arity_error(e, want);
    for (size_t i = 0; i < want; ++i) {
      Expr& arg = *e.children[i];
      if (!(arg.kind == ExprKind::list ? check_list(arg) : check(arg))) return false;
      if (arg.type != sig.params[i]) return argument_error(e, i, sig.params[i]);
    }
    if (sig.function == Function::matches && !check_regex(*e.children[1])) return false;
    e.type = sig.result;
    return true;
  }

  bool check_is_valid(Expr& e) {
    if (e.children.size() != 1) return arity_error(e, 1);
    Expr& arg = *e.children[0];
    if (arg.kind != ExprKind::field) {
      return fail_type(arg, "函数 is_valid 的参数必须是字段名，如 is_valid(party_id)",
                       "function is_valid takes a field name, as in is_valid(party_id)");
    }
    if (!check(arg)) return false;
    e.type = TypeKind::boolean;
    return true;
  }

  [[gnu::noinline]] bool check_regex(const Expr& pattern) {
    if (pattern.kind != ExprKind::literal || pattern.literal.kind != LiteralKind::text) {
      return fail_type(pattern, "函数 matches 的第 2 个参数必须是字符串常量（正则表达式）",
                       "function matches expects a string literal (the regular expression) as "
                       "argument 2");
    }
    const icu::UnicodeString text = icu::UnicodeString::fromUTF8(pattern.literal.text);
    UParseError parse_error{};
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::RegexPattern> compiled(
        icu::RegexPattern::compile(text, 0, parse_error, status));
    if (U_SUCCESS(status)) return true;
    std::string where_zh;
    std::string where_en;
    if (parse_error.offset >= 0 && parse_error.offset <= text.length()) {
      const int32_t chars = text.countChar32(0, parse_error.offset) + 1;
      where_zh = fmt::format("，在模式的第 {} 个字符", chars);
      where_en = fmt::format(" at character {} of the pattern", chars);
    }
    return fail(expression_error(
        "expr.bad_regex", fmt::format("正则表达式无效：{}{}", regex_reason_zh(status), where_zh),
        fmt::format("invalid regular expression: {}{}", regex_reason_en(status), where_en),
        pattern.span.column, pattern.span.text));
  }

  bool check_coalesce(Expr& e) {
    if (e.children.size() < 2) {
      return fail_type(
          e, fmt::format("函数 coalesce 至少需要 2 个参数，实际为 {} 个", e.children.size()),
          fmt::format("function coalesce takes at least 2 arguments, got {}", e.children.size()));
    }
    Type result;
    bool all_constant = true;  // every numeric argument so far is a numeric constant
    for (size_t i = 0; i < e.children.size(); ++i) {
      Expr& arg = *e.children[i];
      if (!check(arg)) return false;
      const Type t = arg.type;
      if (t.kind == TypeKind::null) continue;
      const bool constant = is_numeric_constant(arg);
      if (result.kind == TypeKind::unknown || result == t) {
        result = t;
        all_constant = all_constant && constant;
      } else if (is_numeric(result) && is_numeric(t)) {
        result = TypeKind::decimal;
        all_constant = all_constant && constant;
      } else if (result.kind == TypeKind::money && is_numeric(t) && constant) {
        // a numeric default for an amount
      } else if (is_numeric(result) && all_constant && t.kind == TypeKind::money) {
        result = TypeKind::money;
      } else {
        return coalesce_error(e, i, result);
      }
    }
    if (result.kind == TypeKind::unknown) {
      return fail_type(e, "函数 coalesce 至少需要一个不是 null 的参数",
                       "function coalesce needs at least one argument that is not null");
    }
    e.type = result;
    return true;
  }

  const TypeEnvironment& env_;
  std::optional<Error> error_;
};

}  // namespace

Result<Type> check_expression(Expr& expr, const TypeEnvironment& env) {
  Checker checker(env);
  if (!checker.check(expr)) return std::move(*checker.error());
  return expr.type;
}

Result<TypedExpr> compile_expression(std::string_view text, const TypeEnvironment& env) {
  Result<ExprPtr> parsed = parse_expression(text);
  if (!parsed.ok()) return parsed.take_error();
  TypedExpr out;
  out.text = std::string(text);
  out.root = std::move(parsed.value());
  Result<Type> type = check_expression(*out.root, env);
  if (!type.ok()) return type.take_error();
  out.type = type.value();
  return out;
}

}  // namespace shanhai::model
