#include "engine/expr_eval.h"

#include <memory>

#include <unicode/regex.h>
#include <unicode/unistr.h>

#include "common/utf8.h"
#include "engine/arithmetic.h"
#include "normalize/bac.h"
#include "normalize/date.h"

namespace shanhai::engine {

using model::BinaryOp;
using model::Expr;
using model::ExprKind;
using model::Function;
using model::TypeKind;

void Frame::add_table(const Table& table) {
  for (const NamedColumn& c : table.columns) fields[c.name] = c.column.get();
}

namespace {

// An evaluated node: a view of a frame column, or a column the evaluation owns. A constant has
// one row that applies to every row.
struct Vals {
  model::Type type;
  const Column* col = nullptr;
  size_t offset = 0;
  bool constant = false;
  std::shared_ptr<Column> owned;

  size_t at(size_t i) const { return constant ? 0 : offset + i; }
  bool present(size_t i) const { return col->present[at(i)] != 0; }
  int64_t value(size_t i) const { return col->values[at(i)]; }
  std::string_view text(size_t i) const { return col->texts.at(at(i)); }
};

Vals own(Column c, bool constant) {
  Vals v;
  v.type = c.type;
  v.owned = std::make_shared<Column>(std::move(c));
  v.col = v.owned.get();
  v.constant = constant;
  return v;
}

Column make_column(model::Type type, size_t n) {
  Column c;
  c.type = type;
  c.present.assign(n, 0);
  if (type.kind == TypeKind::text) {
    c.texts.offsets.reserve(n + 1);
  } else {
    c.values.assign(n, 0);
  }
  return c;
}

Column null_column(size_t n) {
  Column c = make_column(TypeKind::text, n);
  for (size_t i = 0; i < n; ++i) c.texts.push_back({});
  return c;
}

void set(Column& c, size_t i, std::optional<int64_t> v) {
  if (v) {
    c.values[i] = *v;
    c.present[i] = 1;
  }
}

// Money from a numeric constant in yuan.
int64_t yuan_to_fen(TypeKind kind, int64_t v, bool& ok) {
  ok = true;
  if (kind == TypeKind::money) return v;
  auto f = fit(kind == TypeKind::integer ? static_cast<i128>(v) * 100 : div_round(v, 10'000));
  ok = f.has_value();
  return f.value_or(0);
}

// v (of kind `from`) as a value of kind `to` (coalesce and list promotion).
std::optional<int64_t> convert(TypeKind from, int64_t v, TypeKind to) {
  if (from == to) return v;
  if (to == TypeKind::decimal) return fit(to_micro(from, v));
  if (to == TypeKind::money) {
    bool ok = false;
    const int64_t fen = yuan_to_fen(from, v, ok);
    return ok ? std::optional<int64_t>(fen) : std::nullopt;
  }
  return v;
}

// -1, 0, 1 comparing two non-null values of comparable kinds.
int compare_values(const Vals& a, size_t i, const Vals& b, size_t j) {
  if (a.type.kind == TypeKind::text) {
    const int c = a.text(i).compare(b.text(j));
    return (c > 0) - (c < 0);
  }
  const int64_t x = a.value(i);
  const int64_t y = b.value(j);
  if (a.type.kind == b.type.kind) return (x > y) - (x < y);
  const i128 mx = to_micro(a.type.kind, x);
  const i128 my = to_micro(b.type.kind, y);
  return (mx > my) - (mx < my);
}

bool holds(BinaryOp op, int c) {
  switch (op) {
    case BinaryOp::eq:
      return c == 0;
    case BinaryOp::ne:
      return c != 0;
    case BinaryOp::lt:
      return c < 0;
    case BinaryOp::le:
      return c <= 0;
    case BinaryOp::gt:
      return c > 0;
    default:
      return c >= 0;
  }
}

std::optional<int64_t> arithmetic(BinaryOp op, TypeKind result, TypeKind lk, int64_t a, TypeKind rk,
                                  int64_t b) {
  switch (result) {
    case TypeKind::integer: {
      int64_t r = 0;
      bool overflow = false;
      if (op == BinaryOp::add) overflow = __builtin_add_overflow(a, b, &r);
      if (op == BinaryOp::sub) overflow = __builtin_sub_overflow(a, b, &r);
      if (op == BinaryOp::mul) overflow = __builtin_mul_overflow(a, b, &r);
      if (op == BinaryOp::mod) {
        if (b == 0) return std::nullopt;
        r = b == -1 ? 0 : a % b;
      }
      if (overflow) return std::nullopt;
      return r;
    }
    case TypeKind::decimal: {
      if (op == BinaryOp::div) {
        if (lk == TypeKind::money && rk == TypeKind::money) {
          if (b == 0) return std::nullopt;
          return fit(div_round(static_cast<i128>(a) * 1'000'000, b));
        }
        const i128 y = to_micro(rk, b);
        if (y == 0) return std::nullopt;
        i128 x = 0;
        if (__builtin_mul_overflow(to_micro(lk, a), static_cast<i128>(1'000'000), &x)) {
          return std::nullopt;
        }
        return fit(div_round(x, y));
      }
      const i128 x = to_micro(lk, a);
      const i128 y = to_micro(rk, b);
      if (op == BinaryOp::add) return fit(x + y);
      if (op == BinaryOp::sub) return fit(x - y);
      i128 p = 0;
      if (__builtin_mul_overflow(x, y, &p)) return std::nullopt;
      return fit(div_round(p, 1'000'000));
    }
    case TypeKind::money: {
      if (op == BinaryOp::add || op == BinaryOp::sub) {
        bool ok_a = false, ok_b = false;
        const int64_t x = yuan_to_fen(lk, a, ok_a);
        const int64_t y = yuan_to_fen(rk, b, ok_b);
        if (!ok_a || !ok_b) return std::nullopt;
        int64_t r = 0;
        const bool overflow = op == BinaryOp::add ? __builtin_add_overflow(x, y, &r)
                                                  : __builtin_sub_overflow(x, y, &r);
        return overflow ? std::nullopt : std::optional<int64_t>(r);
      }
      if (op == BinaryOp::mul) {
        const bool money_left = lk == TypeKind::money;
        const int64_t fen = money_left ? a : b;
        const i128 factor = money_left ? to_micro(rk, b) : to_micro(lk, a);
        i128 p = 0;
        if (__builtin_mul_overflow(static_cast<i128>(fen), factor, &p)) return std::nullopt;
        return fit(div_round(p, 1'000'000));
      }
      // money / number
      const i128 y = to_micro(rk, b);
      if (y == 0) return std::nullopt;
      return fit(div_round(static_cast<i128>(a) * 1'000'000, y));
    }
    default:
      return std::nullopt;
  }
}

class Evaluator {
 public:
  Evaluator(const Frame& frame, size_t begin, size_t end)
      : frame_(frame), begin_(begin), n_(end - begin) {}

  Vals eval(const Expr& e) {
    switch (e.kind) {
      case ExprKind::literal:
        return literal(e);
      case ExprKind::field: {
        const auto it = frame_.fields.find(e.qualified_name());
        if (it == frame_.fields.end() || it->second == nullptr) {
          return own(null_column(1), true);
        }
        Vals v;
        v.type = it->second->type;
        v.col = it->second;
        v.offset = begin_;
        return v;
      }
      case ExprKind::param: {
        Vals v;
        const auto it = frame_.params->find(e.name);
        v.type = it->second.type;
        v.col = &it->second;
        v.constant = true;
        return v;
      }
      case ExprKind::unary:
        return unary(e);
      case ExprKind::binary:
        return binary(e);
      case ExprKind::call:
        return call(e);
      case ExprKind::is_null: {
        Vals x = eval(*e.children[0]);
        const size_t n = x.constant ? 1 : n_;
        Column c = make_column(TypeKind::boolean, n);
        for (size_t i = 0; i < n; ++i) {
          c.present[i] = 1;
          c.values[i] = (x.present(i) ? 0 : 1) ^ (e.negated ? 1 : 0);
        }
        return own(std::move(c), x.constant);
      }
      case ExprKind::in_list:
        return in_list(e);
      default:
        // Lists and durations are read by their parents.
        return own(null_column(1), true);
    }
  }

 private:
  Vals literal(const Expr& e) {
    const model::Literal& l = e.literal;
    Column c;
    switch (l.kind) {
      case model::LiteralKind::null:
        return own(null_column(1), true);
      case model::LiteralKind::text:
        c = make_column(TypeKind::text, 1);
        c.texts.push_back(l.text);
        c.present[0] = 1;
        return own(std::move(c), true);
      case model::LiteralKind::boolean:
        c = make_column(TypeKind::boolean, 1);
        set(c, 0, l.boolean ? 1 : 0);
        return own(std::move(c), true);
      case model::LiteralKind::integer:
        c = make_column(TypeKind::integer, 1);
        set(c, 0, l.integer);
        return own(std::move(c), true);
      case model::LiteralKind::decimal:
        c = make_column(TypeKind::decimal, 1);
        set(c, 0, parse_decimal_micro(l.text));
        return own(std::move(c), true);
      case model::LiteralKind::date:
        c = make_column(TypeKind::date, 1);
        set(c, 0, l.days);
        return own(std::move(c), true);
    }
    return own(null_column(1), true);
  }

  Vals unary(const Expr& e) {
    Vals x = eval(*e.children[0]);
    const size_t n = x.constant ? 1 : n_;
    Column c = make_column(e.type, n);
    for (size_t i = 0; i < n; ++i) {
      if (!x.present(i)) continue;
      if (e.unary_op == model::UnaryOp::logical_not) {
        set(c, i, x.value(i) == 0 ? 1 : 0);
      } else if (x.value(i) != INT64_MIN) {
        set(c, i, -x.value(i));
      }
    }
    return own(std::move(c), x.constant);
  }

  Vals logical(const Expr& e) {
    Vals a = eval(*e.children[0]);
    Vals b = eval(*e.children[1]);
    const bool constant = a.constant && b.constant;
    const size_t n = constant ? 1 : n_;
    const bool is_and = e.binary_op == BinaryOp::logical_and;
    Column c = make_column(TypeKind::boolean, n);
    for (size_t i = 0; i < n; ++i) {
      const bool ap = a.present(i), bp = b.present(i);
      const bool av = ap && a.value(i) != 0, bv = bp && b.value(i) != 0;
      if (is_and) {
        if ((ap && !av) || (bp && !bv)) {
          set(c, i, 0);
        } else if (ap && bp) {
          set(c, i, 1);
        }
      } else {
        if (av || bv) {
          set(c, i, 1);
        } else if (ap && bp) {
          set(c, i, 0);
        }
      }
    }
    return own(std::move(c), constant);
  }

  Vals binary(const Expr& e) {
    const BinaryOp op = e.binary_op;
    if (op == BinaryOp::logical_and || op == BinaryOp::logical_or) return logical(e);
    const Expr& right = *e.children[1];
    if (right.kind == ExprKind::duration) return date_shift(e);
    Vals a = eval(*e.children[0]);
    Vals b = eval(right);
    const bool constant = a.constant && b.constant;
    const size_t n = constant ? 1 : n_;
    Column c = make_column(e.type, n);
    if (op >= BinaryOp::eq && op <= BinaryOp::ge) {
      for (size_t i = 0; i < n; ++i) {
        if (a.present(i) && b.present(i)) set(c, i, holds(op, compare_values(a, i, b, i)) ? 1 : 0);
      }
      return own(std::move(c), constant);
    }
    const TypeKind lk = a.type.kind, rk = b.type.kind, result = e.type.kind;
    for (size_t i = 0; i < n; ++i) {
      if (a.present(i) && b.present(i)) {
        set(c, i, arithmetic(op, result, lk, a.value(i), rk, b.value(i)));
      }
    }
    return own(std::move(c), constant);
  }

  // date ± N days/weeks/months/years.
  Vals date_shift(const Expr& e) {
    const Expr& duration = *e.children[1];
    Vals d = eval(*e.children[0]);
    Vals count = eval(*duration.children[0]);
    const bool constant = d.constant && count.constant;
    const size_t n = constant ? 1 : n_;
    const int64_t sign = e.binary_op == BinaryOp::sub ? -1 : 1;
    const bool by_month =
        duration.unit == model::DurationUnit::month || duration.unit == model::DurationUnit::year;
    const int64_t per = duration.unit == model::DurationUnit::week   ? 7
                        : duration.unit == model::DurationUnit::year ? 12
                                                                     : 1;
    Column c = make_column(TypeKind::date, n);
    for (size_t i = 0; i < n; ++i) {
      if (!d.present(i) || !count.present(i)) continue;
      int64_t steps = 0;
      if (__builtin_mul_overflow(count.value(i), per * sign, &steps)) continue;
      if (by_month) {
        set(c, i, add_months(d.value(i), steps));
      } else {
        int64_t r = 0;
        if (!__builtin_add_overflow(d.value(i), steps, &r) && r >= -719162 && r <= 2932896) {
          set(c, i, r);  // years 1–9999
        }
      }
    }
    return own(std::move(c), constant);
  }

  Vals in_list(const Expr& e) {
    Vals x = eval(*e.children[0]);
    std::vector<Vals> items;
    for (const auto& item : e.children[1]->children) items.push_back(eval(*item));
    const size_t n = x.constant ? 1 : n_;
    Column c = make_column(TypeKind::boolean, n);
    for (size_t i = 0; i < n; ++i) {
      if (!x.present(i)) continue;
      bool found = false;
      bool unknown = false;
      for (const Vals& item : items) {
        if (!item.present(0)) {
          unknown = true;
        } else if (compare_values(x, i, item, 0) == 0) {
          found = true;
          break;
        }
      }
      if (found) {
        set(c, i, e.negated ? 0 : 1);
      } else if (!unknown) {
        set(c, i, e.negated ? 1 : 0);
      }
    }
    return own(std::move(c), x.constant);
  }

  Vals call(const Expr& e) {
    if (e.function == Function::is_valid) {
      const Expr& f = *e.children[0];
      const auto it = frame_.fields.find(f.qualified_name());
      Column c = make_column(TypeKind::boolean, n_);
      if (it == frame_.fields.end() || it->second == nullptr) {
        for (size_t i = 0; i < n_; ++i) set(c, i, 0);
        return own(std::move(c), false);
      }
      const Column& col = *it->second;
      const auto& flags = col.element_valid.empty() ? col.present : col.element_valid;
      for (size_t i = 0; i < n_; ++i) set(c, i, flags[begin_ + i] != 0 ? 1 : 0);
      return own(std::move(c), false);
    }
    std::vector<Vals> args;
    bool constant = true;
    for (const auto& child : e.children) {
      if (child->kind == ExprKind::list) {
        args.emplace_back();  // the list is read from the node's children below
        continue;
      }
      args.push_back(eval(*child));
      constant = constant && args.back().constant;
    }
    const size_t n = constant ? 1 : n_;
    Column c = make_column(e.type, n);
    switch (e.function) {
      case Function::contains:
      case Function::starts_with:
        for (size_t i = 0; i < n; ++i) {
          if (!args[0].present(i) || !args[1].present(i)) continue;
          const std::string_view t = args[0].text(i), w = args[1].text(i);
          const bool hit = e.function == Function::contains ? t.find(w) != std::string_view::npos
                                                            : t.substr(0, w.size()) == w;
          set(c, i, hit ? 1 : 0);
        }
        break;
      case Function::contains_any: {
        std::vector<Vals> words;
        for (const auto& item : e.children[1]->children) words.push_back(eval(*item));
        for (size_t i = 0; i < n; ++i) {
          if (!args[0].present(i)) continue;
          // Like `or` over contains(t, w): a null word makes a miss unknown.
          const std::string_view t = args[0].text(i);
          bool hit = false, unknown = false;
          for (const Vals& w : words) {
            if (!w.present(0)) {
              unknown = true;
            } else if (t.find(w.text(0)) != std::string_view::npos) {
              hit = true;
              break;
            }
          }
          if (hit || !unknown) set(c, i, hit ? 1 : 0);
        }
        break;
      }
      case Function::matches:
        regex(e, args[0], n, c);
        break;
      case Function::length:
        for (size_t i = 0; i < n; ++i) {
          if (args[0].present(i)) set(c, i, static_cast<int64_t>(utf8_length(args[0].text(i))));
        }
        break;
      case Function::lower:
      case Function::upper:
        for (size_t i = 0; i < n; ++i) {
          if (!args[0].present(i)) {
            c.texts.push_back({});
            continue;
          }
          std::string s(args[0].text(i));
          for (char& ch : s) {
            if (e.function == Function::lower && ch >= 'A' && ch <= 'Z') ch = char(ch - 'A' + 'a');
            if (e.function == Function::upper && ch >= 'a' && ch <= 'z') ch = char(ch - 'a' + 'A');
          }
          c.texts.push_back(s);
          c.present[i] = 1;
        }
        break;
      case Function::extract_bac:
        for (size_t i = 0; i < n; ++i) {
          if (!args[0].present(i)) continue;
          if (auto milli = normalize::parse_bac_milli(args[0].text(i))) {
            set(c, i, fit(static_cast<i128>(*milli) * 1000));
          }
        }
        break;
      case Function::coalesce:
        for (size_t i = 0; i < n; ++i) {
          for (const Vals& a : args) {
            if (a.type.kind == TypeKind::null || !a.present(i)) continue;
            if (e.type.kind == TypeKind::text) {
              c.texts.push_back(a.text(i));
              c.present[i] = 1;
            } else {
              set(c, i, convert(a.type.kind, a.value(i), e.type.kind));
            }
            break;
          }
          if (e.type.kind == TypeKind::text && c.present[i] == 0) c.texts.push_back({});
        }
        break;
      case Function::year:
      case Function::month:
        for (size_t i = 0; i < n; ++i) {
          if (!args[0].present(i)) continue;
          int y = 0, m = 0, d = 0;
          normalize::civil_from_days(static_cast<int32_t>(args[0].value(i)), y, m, d);
          set(c, i, e.function == Function::year ? y : m);
        }
        break;
      case Function::days_between:
        for (size_t i = 0; i < n; ++i) {
          if (args[0].present(i) && args[1].present(i)) {
            set(c, i, args[1].value(i) - args[0].value(i));
          }
        }
        break;
      default:
        break;
    }
    if (c.type.kind == TypeKind::text && c.texts.size() < n) {
      while (c.texts.size() < n) c.texts.push_back({});
    }
    return own(std::move(c), constant);
  }

  void regex(const Expr& e, const Vals& text, size_t n, Column& c) {
    UErrorCode status = U_ZERO_ERROR;
    const std::string& pattern = e.children[1]->literal.text;
    std::unique_ptr<icu::RegexPattern> p(
        icu::RegexPattern::compile(icu::UnicodeString::fromUTF8(pattern), 0, status));
    if (U_FAILURE(status)) return;
    std::unique_ptr<icu::RegexMatcher> m(p->matcher(status));
    if (U_FAILURE(status)) return;
    for (size_t i = 0; i < n; ++i) {
      if (!text.present(i)) continue;
      const icu::UnicodeString u = icu::UnicodeString::fromUTF8(
          icu::StringPiece(text.text(i).data(), static_cast<int32_t>(text.text(i).size())));
      m->reset(u);
      status = U_ZERO_ERROR;
      set(c, i, m->find(0, status) ? 1 : 0);
    }
  }

  const Frame& frame_;
  size_t begin_;
  size_t n_;
};

}  // namespace

Column evaluate(const Expr& expr, const Frame& frame, size_t begin, size_t end) {
  Evaluator ev(frame, begin, end);
  Vals v = ev.eval(expr);
  const size_t n = end - begin;
  if (v.owned && !v.constant && v.offset == 0) return std::move(*v.owned);
  // Expand a constant or copy a view.
  Column c;
  c.type = v.type;
  c.reserve(n);
  for (size_t i = 0; i < n; ++i) c.append_from(*v.col, v.at(i));
  if (!v.constant && !v.col->element_valid.empty()) {
    c.element_valid.assign(v.col->element_valid.begin() + static_cast<ptrdiff_t>(v.offset),
                           v.col->element_valid.begin() + static_cast<ptrdiff_t>(v.offset + n));
  } else {
    c.element_valid.clear();
  }
  return c;
}

void select_true(const Expr& condition, const Frame& frame, size_t begin, size_t end,
                 std::vector<uint32_t>& out) {
  const Column c = evaluate(condition, frame, begin, end);
  for (size_t i = 0; i < c.size(); ++i) {
    if (c.present[i] != 0 && c.values[i] != 0) out.push_back(static_cast<uint32_t>(begin + i));
  }
}

}  // namespace shanhai::engine
