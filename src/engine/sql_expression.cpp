#include "engine/sql_expression.h"

#include <string>
#include <vector>

#include <fmt/format.h>

#include "engine/arithmetic.h"

namespace shanhai::engine {

using model::BinaryOp;
using model::Expr;
using model::ExprKind;
using model::Function;
using model::LiteralKind;
using model::TypeKind;

namespace {

constexpr int64_t kMicro = 1'000'000;
constexpr int64_t kMicroPerFen = 10'000;

std::string to_text(i128 v) {
  if (v == 0) return "0";
  const bool negative = v < 0;
  std::string digits;
  while (v != 0) {
    const int d = static_cast<int>(v % 10);
    digits.insert(digits.begin(), static_cast<char>('0' + (d < 0 ? -d : d)));
    v /= 10;
  }
  return negative ? "-" + digits : digits;
}

// An SQL integer literal; negative values parenthesised so that "x - -1" cannot arise.
std::string integer_literal(i128 v) { return v < 0 ? "(" + to_text(v) + ")" : to_text(v); }

bool is_number(TypeKind k) { return k == TypeKind::integer || k == TypeKind::decimal; }

// A value known before any row is read: a numeric literal, its negation, or a parameter. The
// value in micro-units of its kind (micro-yuan for money); null for a null parameter.
struct Constant {
  bool null = false;
  i128 micro = 0;
};

class Compiler {
 public:
  Compiler(const SqlFields& fields, const Parameters& params) : fields_(fields), params_(params) {}

  std::optional<Error>& error() { return error_; }

  std::string value(const Expr& e) {
    switch (e.kind) {
      case ExprKind::literal:
        return literal(e);
      case ExprKind::field:
        return field(e).value;
      case ExprKind::param: {
        const Column* p = param(e.name);
        return p == nullptr ? "NULL" : parameter_literal(*p);
      }
      case ExprKind::unary:
        if (e.unary_op == model::UnaryOp::logical_not) return "(NOT " + value(*e.children[0]) + ")";
        return "(-" + value(*e.children[0]) + ")";
      case ExprKind::binary:
        switch (e.binary_op) {
          case BinaryOp::logical_and:
            return "(" + value(*e.children[0]) + " AND " + value(*e.children[1]) + ")";
          case BinaryOp::logical_or:
            return "(" + value(*e.children[0]) + " OR " + value(*e.children[1]) + ")";
          case BinaryOp::eq:
          case BinaryOp::ne:
          case BinaryOp::lt:
          case BinaryOp::le:
          case BinaryOp::gt:
          case BinaryOp::ge:
            return comparison(e);
          default:
            return arithmetic(e);
        }
      case ExprKind::call:
        return call(e);
      case ExprKind::is_null:
        return "(" + value(*e.children[0]) + (e.negated ? " IS NOT NULL)" : " IS NULL)");
      case ExprKind::in_list:
        return in_list(e);
      case ExprKind::list:
      case ExprKind::duration:
        return unsupported(e);
    }
    return unsupported(e);
  }

 private:
  std::string unsupported(const Expr& e) {
    if (!error_) {
      error_ = Error("sql.unsupported", fmt::format("表达式“{}”无法转换为 SQL", e.span.text),
                     fmt::format("expression \"{}\" cannot be written as SQL", e.span.text));
    }
    return "NULL";
  }

  std::string literal(const Expr& e) {
    switch (e.literal.kind) {
      case LiteralKind::null:
        return "NULL";
      case LiteralKind::boolean:
        return e.literal.boolean ? "1" : "0";
      case LiteralKind::integer:
        return integer_literal(e.literal.integer);
      case LiteralKind::decimal: {
        const auto micro = parse_decimal_micro(e.literal.text);
        return micro ? integer_literal(*micro) : unsupported(e);
      }
      case LiteralKind::text:
        return quote_text(e.literal.text);
      case LiteralKind::date:
        return integer_literal(e.literal.days);
    }
    return unsupported(e);
  }

  SqlField field(const Expr& e) {
    const auto it = fields_.find(e.qualified_name());
    if (it != fields_.end()) return it->second;
    if (!error_) {
      error_ = Error("sql.unknown_name", fmt::format("SQL 中没有字段“{}”", e.qualified_name()),
                     fmt::format("no field \"{}\" for SQL", e.qualified_name()));
    }
    return {"NULL", "0"};
  }

  const Column* param(const std::string& name) {
    const auto it = params_.find(name);
    if (it != params_.end() && it->second.size() == 1) return &it->second;
    if (!error_) {
      error_ = Error("sql.unknown_name", fmt::format("参数“${}”没有值", name),
                     fmt::format("parameter \"${}\" has no value", name));
    }
    return nullptr;
  }

  // The numeric constant e (see Constant); kind is e's type (money only for money parameters).
  Constant constant(const Expr& e) {
    if (e.kind == ExprKind::unary) {
      Constant c = constant(*e.children[0]);
      c.micro = -c.micro;
      return c;
    }
    if (e.kind == ExprKind::literal) {
      if (e.literal.kind == LiteralKind::integer) return {false, i128(e.literal.integer) * kMicro};
      if (e.literal.kind == LiteralKind::decimal) {
        const auto micro = parse_decimal_micro(e.literal.text);
        if (!micro) unsupported(e);
        return {false, micro.value_or(0)};
      }
    }
    if (e.kind == ExprKind::param) {
      const Column* p = param(e.name);
      if (p == nullptr || p->is_null(0)) return {true, 0};
      const int64_t v = p->values[0];
      switch (p->type.kind) {
        case TypeKind::integer:
          return {false, i128(v) * kMicro};
        case TypeKind::money:
          return {false, i128(v) * kMicroPerFen};
        default:
          return {false, v};
      }
    }
    unsupported(e);
    return {true, 0};
  }

  // A numeric constant as money: yuan rounded to fen.
  std::string constant_fen(const Expr& e) {
    const Constant c = constant(e);
    return c.null ? "NULL" : integer_literal(div_round(c.micro, kMicroPerFen));
  }

  // A numeric constant in micro-units.
  std::string constant_micro(const Expr& e) {
    const Constant c = constant(e);
    return c.null ? "NULL" : integer_literal(c.micro);
  }

  // A number as a decimal (integers × 10^6).
  std::string as_decimal(const Expr& e) {
    const std::string v = value(e);
    return e.type.kind == TypeKind::integer ? "(" + v + " * 1000000)" : v;
  }

  std::string comparison(const Expr& e) {
    static const std::map<BinaryOp, std::string_view> kSymbols = {
        {BinaryOp::eq, "="},  {BinaryOp::ne, "<>"}, {BinaryOp::lt, "<"},
        {BinaryOp::le, "<="}, {BinaryOp::gt, ">"},  {BinaryOp::ge, ">="}};
    const std::string_view op = kSymbols.at(e.binary_op);
    const Expr& l = *e.children[0];
    const Expr& r = *e.children[1];
    const TypeKind lk = l.type.kind;
    const TypeKind rk = r.type.kind;
    std::string a;
    std::string b;
    if (lk == rk) {
      a = value(l);
      b = value(r);
    } else if (lk == TypeKind::money) {  // money with a numeric constant
      a = micro_sql(lk, value(l));
      b = constant_micro(r);
    } else if (rk == TypeKind::money) {
      a = constant_micro(l);
      b = micro_sql(rk, value(r));
    } else {  // integer with decimal
      a = micro_sql(lk, value(l));
      b = micro_sql(rk, value(r));
    }
    return fmt::format("({} {} {})", a, op, b);
  }

  std::string arithmetic(const Expr& e) {
    const Expr& l = *e.children[0];
    const Expr& r = *e.children[1];
    if (r.kind == ExprKind::duration) return shifted_date(e);
    const TypeKind lk = l.type.kind;
    const TypeKind rk = r.type.kind;
    const TypeKind result = e.type.kind;
    switch (e.binary_op) {
      case BinaryOp::add:
      case BinaryOp::sub: {
        const std::string_view op = e.binary_op == BinaryOp::add ? "+" : "-";
        if (result == TypeKind::decimal) {
          return fmt::format("({} {} {})", as_decimal(l), op, as_decimal(r));
        }
        if (result == TypeKind::money && lk != rk) {
          const std::string a = lk == TypeKind::money ? value(l) : constant_fen(l);
          const std::string b = rk == TypeKind::money ? value(r) : constant_fen(r);
          return fmt::format("({} {} {})", a, op, b);
        }
        return fmt::format("({} {} {})", value(l), op, value(r));
      }
      case BinaryOp::mul: {
        const std::string a = value(l);
        const std::string b = value(r);
        // A decimal factor is × 10^6: the product with another scaled value (decimal or money)
        // is rescaled, rounded; with an integer it is exact.
        if (rk == TypeKind::decimal && lk != TypeKind::integer) return scaled_product_sql(a, b);
        if (lk == TypeKind::decimal && rk != TypeKind::integer) return scaled_product_sql(b, a);
        return fmt::format("({} * {})", a, b);
      }
      case BinaryOp::div: {
        if (result == TypeKind::decimal && is_number(lk)) {
          const std::string n = as_decimal(l);
          if (rk == TypeKind::integer) return rounded_division_sql(n, value(r));
          return scaled_division_sql(n, "1000000", value(r));
        }
        // money / integer → fen; money / decimal → fen; money / money → decimal.
        const std::string a = value(l);
        if (rk == TypeKind::integer) return rounded_division_sql(a, value(r));
        return scaled_division_sql(a, "1000000", value(r));
      }
      case BinaryOp::mod:
        return fmt::format("({} % {})", value(l), value(r));
      default:
        return unsupported(e);
    }
  }

  // date ± duration.
  std::string shifted_date(const Expr& e) {
    const Expr& duration = *e.children[1];
    const std::string date = value(*e.children[0]);
    const std::string count = value(*duration.children[0]);
    const bool add = e.binary_op == BinaryOp::add;
    const std::string_view op = add ? "+" : "-";
    switch (duration.unit) {
      case model::DurationUnit::day:
        return fmt::format("({} {} {})", date, op, count);
      case model::DurationUnit::week:
        return fmt::format("({} {} {} * 7)", date, op, count);
      case model::DurationUnit::month:
        return add_months_sql(date, add ? count : "(-" + count + ")");
      case model::DurationUnit::year:
        return add_months_sql(date, fmt::format("({}{} * 12)", add ? "" : "-", count));
    }
    return unsupported(e);
  }

  std::string in_list(const Expr& e) {
    const Expr& x = *e.children[0];
    const Expr& list = *e.children[1];
    const TypeKind xk = x.type.kind;
    // Numbers of another type than x (an integer item in a list of decimals, a yuan constant
    // against money) compare in micro-units.
    bool micro = false;
    if (is_number(xk) || xk == TypeKind::money) {
      for (const auto& item : list.children) micro = micro || item->type.kind != xk;
    }
    std::string items;
    for (const auto& item : list.children) {
      if (!items.empty()) items += ", ";
      items += micro ? constant_micro(*item) : value(*item);
    }
    const std::string left = micro ? micro_sql(xk, value(x)) : value(x);
    return fmt::format("({} {}IN ({}))", left, e.negated ? "NOT " : "", items);
  }

  std::string call(const Expr& e) {
    const auto arg = [&](size_t i) { return value(*e.children[i]); };
    switch (e.function) {
      case Function::contains:
        return fmt::format("(instr({}, {}) > 0)", arg(0), arg(1));
      case Function::contains_any: {
        const std::string text = arg(0);
        std::string any;
        for (const auto& word : e.children[1]->children) {
          if (!any.empty()) any += " OR ";
          any += fmt::format("instr({}, {}) > 0", text, value(*word));
        }
        return "(" + any + ")";
      }
      case Function::starts_with: {
        const std::string prefix = arg(1);
        return fmt::format("(substr({}, 1, length({})) = {})", arg(0), prefix, prefix);
      }
      case Function::matches:
        return fmt::format("regexp({}, {})", arg(1), arg(0));
      case Function::length:
        return fmt::format("length({})", arg(0));
      case Function::lower:
        return fmt::format("lower({})", arg(0));
      case Function::upper:
        return fmt::format("upper({})", arg(0));
      case Function::extract_bac:
        return fmt::format("extract_bac({})", arg(0));
      case Function::coalesce:
        return coalesce(e);
      case Function::is_valid:
        return field(*e.children[0]).valid;
      case Function::year:
        return fmt::format("CAST(strftime('%Y', {} * 86400, 'unixepoch') AS INTEGER)", arg(0));
      case Function::month:
        return fmt::format("CAST(strftime('%m', {} * 86400, 'unixepoch') AS INTEGER)", arg(0));
      case Function::days_between:
        return fmt::format("({} - {})", arg(1), arg(0));
      case Function::none:
        break;
    }
    return unsupported(e);
  }

  // Every argument converted to the result type: integers to decimals, numeric constants to
  // money (yuan → fen).
  std::string coalesce(const Expr& e) {
    const TypeKind result = e.type.kind;
    std::string args;
    for (const auto& child : e.children) {
      const Expr& a = *child;
      const TypeKind k = a.type.kind;
      std::string v;
      if (k == TypeKind::null) {
        v = "NULL";
      } else if (result == TypeKind::decimal && k == TypeKind::integer) {
        v = as_decimal(a);
      } else if (result == TypeKind::money && k != TypeKind::money) {
        v = constant_fen(a);
      } else {
        v = value(a);
      }
      args += (args.empty() ? "" : ", ") + v;
    }
    return "coalesce(" + args + ")";
  }

  const SqlFields& fields_;
  const Parameters& params_;
  std::optional<Error> error_;
};

}  // namespace

std::string quote_identifier(std::string_view name) {
  std::string out = "\"";
  for (const char c : name) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string quote_text(std::string_view text) {
  std::string out = "'";
  for (const char c : text) {
    if (c == '\'') out += '\'';
    out += c;
  }
  return out + "'";
}

std::string parameter_literal(const Column& value) {
  if (value.size() == 0 || value.is_null(0)) return "NULL";
  if (value.is_text()) return quote_text(value.texts.at(0));
  return integer_literal(value.values[0]);
}

std::string rounded_division_sql(std::string_view n, std::string_view d) {
  // t = trunc(2n / d); round half away from zero of n / d = t / 2 + t % 2 (truncating / and %).
  const std::string t = fmt::format("((2 * {}) / {})", n, d);
  return fmt::format("({} / 2 + {} % 2)", t, t);
}

std::string scaled_division_sql(std::string_view a, std::string_view scale, std::string_view d) {
  // a = q × d + r with r of a's sign: a × s / d = q × s + r × s / d, both parts of one sign, so
  // the rounding of the sum is q × s plus the rounding of the second part.
  return fmt::format("(({0} / {2}) * {1} + {3})", a, scale, d,
                     rounded_division_sql(fmt::format("(({} % {}) * {})", a, d, scale), d));
}

std::string scaled_product_sql(std::string_view a, std::string_view b) {
  // b = h × 10^6 + f with f of b's sign: a × b / 10^6 = a × h + a × f / 10^6, both of one sign.
  return fmt::format("({0} * ({1} / 1000000) + {2})", a, b,
                     rounded_division_sql(fmt::format("({} * ({} % 1000000))", a, b), "1000000"));
}

std::string micro_sql(model::TypeKind kind, std::string_view value) {
  switch (kind) {
    case TypeKind::integer:
      return fmt::format("({} * 1000000)", value);
    case TypeKind::money:
      return fmt::format("({} * 10000)", value);
    default:
      return std::string(value);
  }
}

std::string add_months_sql(std::string_view days, std::string_view months) {
  // The first day of the target month plus the day of month less one, but not past the target
  // month's last day. SQLite's date functions take seconds since 1970 with 'unixepoch'; they give
  // NULL after 9999, and a target month before year 1 (-62135596800 s) is made NULL as the engine
  // does, with nullif(max(t, b - 1), b - 1) so that t is written once. The last day of December
  // 9999 is reached through 10000-01-01, which SQLite refuses: it is 9999-12-31 (day 2932896).
  const std::string seconds = fmt::format("{} * 86400", days);
  return fmt::format(
      "min(nullif(max(unixepoch({0}, 'unixepoch', 'start of month', ({1}) || ' months'), "
      "-62135596801), -62135596801) / 86400 + "
      "CAST(strftime('%d', {0}, 'unixepoch') AS INTEGER) - 1, "
      "coalesce(unixepoch({0}, 'unixepoch', 'start of month', ({1} + 1) || ' months', '-1 day') "
      "/ 86400, 2932896))",
      seconds, months);
}

std::string key_equal_sql(std::string_view left, model::TypeKind left_kind, std::string_view right,
                          model::TypeKind right_kind) {
  if (left_kind == right_kind) return fmt::format("({} = {})", left, right);
  return fmt::format("({} = {})", micro_sql(left_kind, left), micro_sql(right_kind, right));
}

Result<std::string> expression_sql(const model::Expr& expr, const SqlFields& fields,
                                   const Parameters& params) {
  Compiler compiler(fields, params);
  std::string sql = compiler.value(expr);
  if (compiler.error()) return std::move(*compiler.error());
  return sql;
}

}  // namespace shanhai::engine
