#include "support/random_expression.h"

#include <fmt/format.h>

#include <algorithm>

namespace shanhai::testing {

using model::TypeKind;

namespace {

const std::vector<std::string> kDecimalLiterals = {
    "0.5", "1.25", "2.0", "0.333333", "0.1", "80", "5.0", "0.005", "2.0000005", "1.9999995"};
// ICU patterns, as written inside an expression's quotes (a doubled backslash is one).
const std::vector<std::string> kPatterns = {"^a",    "b$", "\\\\d",      "中|乙", "^$",
                                            "[A-Z]", "y",  "\\\\p{Han}", "^.b$"};

// An expression text literal: 'x\'y'.
std::string text_literal(std::string_view text) {
  std::string out = "'";
  for (const char c : text) {
    if (c == '\'' || c == '\\') out += '\\';
    out += c;
  }
  return out + "'";
}

}  // namespace

const std::vector<std::string>& random_dates() {
  static const std::vector<std::string> dates = {
      "2023-01-31", "2023-02-28", "2024-02-29", "2023-03-31", "2023-04-30", "2023-05-31",
      "2023-06-15", "2023-07-30", "2023-08-31", "2023-12-31", "2024-01-01", "2024-01-31"};
  return dates;
}

const std::vector<std::string>& random_texts() {
  static const std::vector<std::string> texts = {"a",    "b", "A",   "ab",   "中",
                                                 "甲乙", "",  "x'y", "Ab中", "𠀀b"};
  return texts;
}

bool nameable(const std::string& field) { return std::count(field.begin(), field.end(), '.') <= 1; }

std::vector<std::string> RandomExpressions::of_type(const RandomFields& env, TypeKind t) const {
  std::vector<std::string> out;
  for (const RandomField& f : env) {
    if (f.type == t && nameable(f.name)) out.push_back(f.name);
  }
  return out;
}

std::string RandomExpressions::leaf(TypeKind t, const RandomFields& env) {
  const auto fields = of_type(env, t);
  if (!fields.empty() && c_.chance(0.6)) return c_.one_of(fields);
  switch (t) {
    case TypeKind::integer:
      return c_.chance(0.2) ? "$p_int" : std::to_string(c_.pick(-2, 5));
    case TypeKind::decimal:
      return c_.chance(0.2) ? "$p_dec" : (c_.chance(0.2) ? "-" : "") + c_.one_of(kDecimalLiterals);
    case TypeKind::money:
      return "$p_money";
    case TypeKind::date:
      return c_.chance(0.3) ? "$p_date" : "date '" + c_.one_of(random_dates()) + "'";
    case TypeKind::text:
      return c_.chance(0.2) ? "$p_text" : text_literal(c_.one_of(random_texts()));
    case TypeKind::boolean:
      return c_.chance(0.3) ? "$p_bool" : (c_.chance(0.5) ? "true" : "false");
    default:
      return "null";
  }
}

// An integer or decimal literal (maybe negated) or numeric parameter: money's yuan constants.
std::string RandomExpressions::numeric_constant() {
  switch (c_.pick(0, 4)) {
    case 0:
      return std::to_string(c_.pick(0, 5));
    case 1:
      return "-" + std::to_string(c_.pick(1, 3));
    case 2:
      return (c_.chance(0.3) ? "-" : "") + c_.one_of(kDecimalLiterals);
    case 3:
      return "$p_int";
    default:
      return "$p_dec";
  }
}

TypeKind RandomExpressions::any_type() {
  static const std::vector<TypeKind> kTypes = {TypeKind::integer, TypeKind::decimal,
                                               TypeKind::money,   TypeKind::date,
                                               TypeKind::text,    TypeKind::boolean};
  return c_.one_of(kTypes);
}

std::string RandomExpressions::expression(TypeKind t, int depth, const RandomFields& env) {
  if (depth <= 0 || c_.chance(0.25)) return leaf(t, env);
  switch (t) {
    case TypeKind::boolean:
      return boolean(depth, env);
    case TypeKind::integer:
      return integer(depth, env);
    case TypeKind::decimal:
      return decimal(depth, env);
    case TypeKind::money:
      return money(depth, env);
    case TypeKind::date:
      return date(depth, env);
    default:
      return text(depth, env);
  }
}

std::string RandomExpressions::comparison_op(bool ordering) {
  static const std::vector<std::string> kAll = {"=", "==", "!=", "<>", "<", "<=", ">", ">="};
  static const std::vector<std::string> kEquality = {"=", "!=", "<>"};
  return ordering ? c_.one_of(kAll) : c_.one_of(kEquality);
}

std::string RandomExpressions::list_of(TypeKind t) {
  std::vector<std::string> items;
  const int n = c_.pick(1, 3);
  for (int i = 0; i < n; ++i) {
    switch (t) {
      case TypeKind::text:
        items.push_back(c_.chance(0.2) ? "$p_text" : text_literal(c_.one_of(random_texts())));
        break;
      case TypeKind::date:
        items.push_back(c_.chance(0.2) ? "$p_date" : "date '" + c_.one_of(random_dates()) + "'");
        break;
      case TypeKind::boolean:
        items.push_back(c_.chance(0.5) ? "true" : "false");
        break;
      default:
        items.push_back(numeric_constant());
    }
  }
  std::string out = "[";
  for (size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + items[i];
  return out + "]";
}

std::string RandomExpressions::boolean(int depth, const RandomFields& env) {
  const int d = depth - 1;
  switch (c_.pick(0, 16)) {
    case 0: {
      const TypeKind a = c_.chance(0.5) ? TypeKind::integer : TypeKind::decimal;
      const TypeKind b = c_.chance(0.5) ? TypeKind::integer : TypeKind::decimal;
      return fmt::format("({} {} {})", expression(a, d, env), comparison_op(true),
                         expression(b, d, env));
    }
    case 1: {
      const std::string m = expression(TypeKind::money, d, env);
      const std::string other =
          c_.chance(0.5) ? expression(TypeKind::money, d, env) : numeric_constant();
      return c_.chance(0.5) ? fmt::format("({} {} {})", m, comparison_op(true), other)
                            : fmt::format("({} {} {})", other, comparison_op(true), m);
    }
    case 2:
      return fmt::format("({} {} {})", expression(TypeKind::date, d, env), comparison_op(true),
                         expression(TypeKind::date, d, env));
    case 3:
      return fmt::format("({} {} {})", expression(TypeKind::text, d, env), comparison_op(true),
                         expression(TypeKind::text, d, env));
    case 4:
      return fmt::format("({} {} {})", expression(TypeKind::boolean, d, env), comparison_op(false),
                         expression(TypeKind::boolean, d, env));
    case 5:
    case 6:
      return fmt::format("({} {} {})", expression(TypeKind::boolean, d, env),
                         c_.one_of(std::vector<std::string>{"and", "or", "且", "或", "AND"}),
                         expression(TypeKind::boolean, d, env));
    case 7:
      return fmt::format("({} {})", c_.chance(0.8) ? "not" : "非",
                         expression(TypeKind::boolean, d, env));
    case 8: {
      const std::string operand = c_.chance(0.05) ? "null" : expression(any_type(), d, env);
      return fmt::format("({} is {}null)", operand, c_.chance(0.5) ? "not " : "");
    }
    case 9: {
      const TypeKind t = any_type();
      return fmt::format("({} {}in {})", expression(t, d, env), c_.chance(0.3) ? "not " : "",
                         t == TypeKind::money && c_.chance(0.3) ? "[$p_money]" : list_of(t));
    }
    case 10:
      return fmt::format("contains({}, {})", expression(TypeKind::text, d, env),
                         expression(TypeKind::text, d, env));
    case 11:
      return fmt::format("contains_any({}, {})", expression(TypeKind::text, d, env),
                         list_of(TypeKind::text));
    case 12:
      return fmt::format("starts_with({}, {})", expression(TypeKind::text, d, env),
                         expression(TypeKind::text, d, env));
    case 13:
      return fmt::format("matches({}, '{}')", expression(TypeKind::text, d, env),
                         c_.one_of(kPatterns));
    case 14: {
      std::vector<std::string> names;
      for (const RandomField& f : env) {
        if (nameable(f.name)) names.push_back(f.name);
      }
      if (names.empty()) return leaf(TypeKind::boolean, env);
      return "is_valid(" + c_.one_of(names) + ")";
    }
    default:
      return leaf(TypeKind::boolean, env);
  }
}

std::string RandomExpressions::integer(int depth, const RandomFields& env) {
  const int d = depth - 1;
  switch (c_.pick(0, 9)) {
    case 0:
    case 1:
      return fmt::format("({} {} {})", expression(TypeKind::integer, d, env),
                         c_.one_of(std::vector<std::string>{"+", "-", "*", "%"}),
                         expression(TypeKind::integer, d, env));
    case 2:
      return fmt::format("(- {})", expression(TypeKind::integer, d, env));
    case 3:
      return fmt::format("length({})", expression(TypeKind::text, d, env));
    case 4:
      return fmt::format("year({})", expression(TypeKind::date, d, env));
    case 5:
      return fmt::format("month({})", expression(TypeKind::date, d, env));
    case 6:
      return fmt::format("days_between({}, {})", expression(TypeKind::date, d, env),
                         expression(TypeKind::date, d, env));
    case 7:
      return fmt::format("coalesce({}, {})", expression(TypeKind::integer, d, env),
                         c_.chance(0.2) ? "null" : expression(TypeKind::integer, d, env));
    default:
      return leaf(TypeKind::integer, env);
  }
}

std::string RandomExpressions::decimal(int depth, const RandomFields& env) {
  const int d = depth - 1;
  switch (c_.pick(0, 8)) {
    case 0:
    case 1: {
      // At least one decimal operand, so that the result is a decimal.
      std::string a = expression(TypeKind::decimal, d, env);
      std::string b = expression(c_.chance(0.5) ? TypeKind::integer : TypeKind::decimal, d, env);
      if (c_.chance(0.5)) std::swap(a, b);
      return fmt::format("({} {} {})", a, c_.one_of(std::vector<std::string>{"+", "-", "*"}), b);
    }
    case 2:
      return fmt::format(
          "({} / {})", expression(c_.chance(0.5) ? TypeKind::integer : TypeKind::decimal, d, env),
          expression(c_.chance(0.5) ? TypeKind::integer : TypeKind::decimal, d, env));
    case 3:
      return fmt::format("({} / {})", expression(TypeKind::money, d, env),
                         expression(TypeKind::money, d, env));
    case 4:
      return fmt::format("extract_bac({})", expression(TypeKind::text, d, env));
    case 5:
      return fmt::format(
          "coalesce({}, {})", expression(TypeKind::decimal, d, env),
          expression(c_.chance(0.5) ? TypeKind::integer : TypeKind::decimal, d, env));
    case 6:
      return fmt::format("(- {})", expression(TypeKind::decimal, d, env));
    default:
      return leaf(TypeKind::decimal, env);
  }
}

std::string RandomExpressions::money(int depth, const RandomFields& env) {
  const int d = depth - 1;
  const TypeKind number = c_.chance(0.5) ? TypeKind::integer : TypeKind::decimal;
  switch (c_.pick(0, 9)) {
    case 0:
      return fmt::format("({} {} {})", expression(TypeKind::money, d, env),
                         c_.chance(0.5) ? "+" : "-", expression(TypeKind::money, d, env));
    case 1:
      return fmt::format("({} {} {})", expression(TypeKind::money, d, env),
                         c_.chance(0.5) ? "+" : "-", numeric_constant());
    case 2:
      return fmt::format("({} {} {})", numeric_constant(), c_.chance(0.5) ? "+" : "-",
                         expression(TypeKind::money, d, env));
    case 3:
      return fmt::format("({} * {})", expression(TypeKind::money, d, env),
                         expression(number, d, env));
    case 4:
      return fmt::format("({} * {})", expression(number, d, env),
                         expression(TypeKind::money, d, env));
    case 5:
      return fmt::format("({} / {})", expression(TypeKind::money, d, env),
                         expression(number, d, env));
    case 6:
      return fmt::format("(- {})", expression(TypeKind::money, d, env));
    case 7:
      return fmt::format("coalesce({}, {})", expression(TypeKind::money, d, env),
                         numeric_constant());
    default:
      return leaf(TypeKind::money, env);
  }
}

std::string RandomExpressions::duration(const RandomFields& env) {
  static const std::vector<std::string> kUnits = {"day",   "days",   "天",   "week", "weeks", "周",
                                                  "month", "months", "个月", "year", "years", "年"};
  std::string count;
  switch (c_.pick(0, 4)) {
    case 0:
      count = fmt::format("(-{})", c_.pick(1, 14));
      break;
    case 1:
      count = "$p_int";
      break;
    case 2:
      count = "(" + expression(TypeKind::integer, 0, env) + ")";  // small: a field or a literal
      break;
    default:
      count = std::to_string(c_.pick(0, 40));
  }
  return count + " " + c_.one_of(kUnits);
}

std::string RandomExpressions::date(int depth, const RandomFields& env) {
  const int d = depth - 1;
  switch (c_.pick(0, 4)) {
    case 0:
    case 1:
      return fmt::format("({} {} {})", expression(TypeKind::date, d, env),
                         c_.chance(0.5) ? "+" : "-", duration(env));
    case 2:
      return fmt::format("coalesce({}, {})", expression(TypeKind::date, d, env),
                         expression(TypeKind::date, d, env));
    default:
      return leaf(TypeKind::date, env);
  }
}

std::string RandomExpressions::text(int depth, const RandomFields& env) {
  const int d = depth - 1;
  switch (c_.pick(0, 4)) {
    case 0:
      return fmt::format("lower({})", expression(TypeKind::text, d, env));
    case 1:
      return fmt::format("upper({})", expression(TypeKind::text, d, env));
    case 2:
      return fmt::format(
          "coalesce({}, {}, {})", c_.chance(0.3) ? "null" : expression(TypeKind::text, d, env),
          expression(TypeKind::text, d, env), text_literal(c_.one_of(random_texts())));
    default:
      return leaf(TypeKind::text, env);
  }
}

}  // namespace shanhai::testing
