#include "model/expr_parser.h"

#include <algorithm>
#include <charconv>
#include <optional>
#include <string>

#include <fmt/format.h>

#include "model/expr_lexer.h"
#include "model/name_suggestion.h"
#include "normalize/date.h"

namespace shanhai::model {
namespace {

enum class Keyword { none, and_, or_, not_, in, is, null, true_, false_ };

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

Keyword keyword_of(const Token& t) {
  if (t.kind != TokenKind::identifier) return Keyword::none;
  if (t.text == "且") return Keyword::and_;
  if (t.text == "或") return Keyword::or_;
  if (t.text == "非") return Keyword::not_;
  if (t.text.size() > 5) return Keyword::none;
  const std::string w = ascii_lower(t.text);
  if (w == "and") return Keyword::and_;
  if (w == "or") return Keyword::or_;
  if (w == "not") return Keyword::not_;
  if (w == "in") return Keyword::in;
  if (w == "is") return Keyword::is;
  if (w == "null") return Keyword::null;
  if (w == "true") return Keyword::true_;
  if (w == "false") return Keyword::false_;
  return Keyword::none;
}

std::optional<DurationUnit> unit_of(const Token& t) {
  if (t.kind != TokenKind::identifier) return std::nullopt;
  if (t.text == "天" || t.text == "日") return DurationUnit::day;
  if (t.text == "周") return DurationUnit::week;
  if (t.text == "个月" || t.text == "月") return DurationUnit::month;
  if (t.text == "年") return DurationUnit::year;
  if (t.text.size() > 6) return std::nullopt;
  const std::string w = ascii_lower(t.text);
  if (w == "day" || w == "days") return DurationUnit::day;
  if (w == "week" || w == "weeks") return DurationUnit::week;
  if (w == "month" || w == "months") return DurationUnit::month;
  if (w == "year" || w == "years") return DurationUnit::year;
  return std::nullopt;
}

const std::vector<std::string>& unit_words() {
  static const std::vector<std::string> words = {"days", "weeks", "months", "years",
                                                 "day",  "week",  "month",  "year"};
  return words;
}

BinaryOp comparison_op(TokenKind k) {
  switch (k) {
    case TokenKind::eq:
      return BinaryOp::eq;
    case TokenKind::ne:
      return BinaryOp::ne;
    case TokenKind::lt:
      return BinaryOp::lt;
    case TokenKind::le:
      return BinaryOp::le;
    case TokenKind::gt:
      return BinaryOp::gt;
    default:
      return BinaryOp::ge;
  }
}

// A parsed subtree with the byte extent it covers (including enclosing parentheses, which the
// node's own span leaves out) and its depth.
struct Node {
  ExprPtr expr;
  size_t begin = 0;
  size_t end = 0;
  int depth = 1;
};

// Parsing functions return a Node whose expr is null after an error; the first error is kept in
// Parser::error_. (Small return values keep deep nesting cheap on the stack.)
#define SHANHAI_PARSE(var, call) \
  Node var = (call);             \
  if (!var.expr) return {        \
    }

// Binding strength of the operators, lowest first (see the grammar in expr_parser.h).
enum Precedence : int {
  kOr = 1,
  kAnd,
  kNot,
  kComparison,
  kSum,
  kProduct,
  kUnary,
};

// The binary operator (or comparison keyword) a token starts, with its precedence; 0 when none.
int precedence_of(const Token& t) {
  switch (t.kind) {
    case TokenKind::plus:
    case TokenKind::minus:
      return kSum;
    case TokenKind::star:
    case TokenKind::slash:
    case TokenKind::percent:
      return kProduct;
    case TokenKind::eq:
    case TokenKind::ne:
    case TokenKind::lt:
    case TokenKind::le:
    case TokenKind::gt:
    case TokenKind::ge:
      return kComparison;
    case TokenKind::identifier:
      switch (keyword_of(t)) {
        case Keyword::or_:
          return kOr;
        case Keyword::and_:
          return kAnd;
        case Keyword::in:
        case Keyword::is:
        case Keyword::not_:  // "not in"; checked where it is used
          return kComparison;
        default:
          return 0;
      }
    default:
      return 0;
  }
}

BinaryOp binary_op_of(const Token& t) {
  switch (t.kind) {
    case TokenKind::plus:
      return BinaryOp::add;
    case TokenKind::minus:
      return BinaryOp::sub;
    case TokenKind::star:
      return BinaryOp::mul;
    case TokenKind::slash:
      return BinaryOp::div;
    case TokenKind::percent:
      return BinaryOp::mod;
    case TokenKind::identifier:
      return keyword_of(t) == Keyword::or_ ? BinaryOp::logical_or : BinaryOp::logical_and;
    default:
      return comparison_op(t.kind);
  }
}

// A precedence-climbing parser. The functions on the recursive path (parse_expr, parse_operand,
// parse_primary and the bracketed forms) keep their frames small, and everything that builds an
// error message is out of line, so the nesting limits fit comfortably in a thread's stack.
class Parser {
 public:
  Parser(std::string_view text, std::vector<Token> tokens)
      : text_(text), tokens_(std::move(tokens)), columns_(text) {}

  Result<ExprPtr> run() {
    if (peek().kind == TokenKind::end) {
      return expression_error("expr.syntax", "表达式为空", "the expression is empty", 1, "");
    }
    Node root = parse_expr(kOr);
    if (root.expr && peek().kind != TokenKind::end) fail_trailing(peek());
    if (error_) return std::move(*error_);
    return std::move(root.expr);
  }

 private:
  const Token& peek(size_t ahead = 0) const {
    return tokens_[std::min(pos_ + ahead, tokens_.size() - 1)];
  }
  const Token& advance() {
    const Token& t = tokens_[pos_];
    if (pos_ + 1 < tokens_.size()) ++pos_;
    return t;
  }

  // ---- Errors: each records the first error and returns the empty Node callers pass up. ----

  [[gnu::noinline, gnu::cold]] Node fail(Error e) {
    if (!error_) error_ = std::move(e);
    return {};
  }

  [[gnu::noinline, gnu::cold]] Node fail_syntax(const Token& t, std::string_view zh,
                                                std::string_view en) {
    return fail(
        expression_error("expr.syntax", std::string(zh), std::string(en), t.column, t.text));
  }

  // "期望<zh>，而不是“x”" / "expected <en>, not 'x'", or the end-of-text variant.
  [[gnu::noinline, gnu::cold]] Node fail_expected(const Token& t, std::string_view zh,
                                                  std::string_view en) {
    if (t.kind == TokenKind::end) {
      return fail_syntax(t, fmt::format("表达式意外结束，期望{}", zh),
                         fmt::format("unexpected end of expression; expected {}", en));
    }
    return fail_syntax(t, fmt::format("期望{}，而不是“{}”", zh, t.text),
                       fmt::format("expected {}, not '{}'", en, t.text));
  }

  [[gnu::noinline, gnu::cold]] Node fail_keyword(const Token& t) {
    return fail_syntax(t, fmt::format("期望一个值，而不是关键字“{}”", t.text),
                       fmt::format("expected a value, not the keyword '{}'", t.text));
  }

  [[gnu::noinline, gnu::cold]] Node fail_trailing(const Token& t) {
    if (t.kind == TokenKind::rparen) {
      return fail_syntax(t, "多余的“)”，没有与之配对的“(”", "unmatched ')'");
    }
    if (t.kind == TokenKind::rbracket) {
      return fail_syntax(t, "多余的“]”，没有与之配对的“[”", "unmatched ']'");
    }
    if (t.kind == TokenKind::identifier && keyword_of(t) == Keyword::none && !unit_of(t)) {
      const std::optional<std::string> unit = closest_name(ascii_lower(t.text), unit_words());
      if (unit) {
        return fail_syntax(
            t, fmt::format("期望运算符或表达式结束，而不是“{}”{}", t.text, did_you_mean_zh(unit)),
            fmt::format("expected an operator or the end of the expression, not '{}'{}", t.text,
                        did_you_mean_en(unit)));
      }
    }
    return fail_expected(t, "运算符或表达式结束", "an operator or the end of the expression");
  }

  [[gnu::noinline, gnu::cold]] Node fail_chained() {
    return fail_syntax(peek(), "比较运算不能连写，请用 and 连接（如 a < b and b < c）",
                       "comparisons cannot be chained; join them with and (a < b and b < c)");
  }

  [[gnu::noinline, gnu::cold]] Node fail_too_deep(const Token& t) {
    return fail(expression_error(
        "expr.too_complex",
        fmt::format("表达式嵌套过深（超过 {} 层括号、函数或运算符）", kMaxExpressionNesting),
        fmt::format("the expression is nested too deeply (more than {} levels)",
                    kMaxExpressionNesting),
        t.column, t.text));
  }

  [[gnu::noinline, gnu::cold]] Node fail_too_complex(const Expr& e) {
    return fail(expression_error(
        "expr.too_complex", fmt::format("表达式过于复杂（语法树超过 {} 层）", kMaxExpressionDepth),
        fmt::format("the expression is too complex (its tree is deeper than {} levels)",
                    kMaxExpressionDepth),
        e.span.column, e.span.text));
  }

  // Counts one level of nesting; false (with the error recorded) past the limit.
  bool enter(const Token& t) {
    if (++nesting_ <= kMaxExpressionNesting) return true;
    fail_too_deep(t);
    return false;
  }
  void leave() { --nesting_; }

  // ---- Building nodes. ----

  [[gnu::noinline]] Node make(ExprKind kind, size_t begin, size_t end, Node* first = nullptr,
                              Node* second = nullptr) {
    Node n;
    n.expr = std::make_unique<Expr>();
    n.expr->kind = kind;
    n.expr->span.column = columns_.column(begin);
    n.expr->span.text = std::string(text_.substr(begin, end - begin));
    n.begin = begin;
    n.end = end;
    int depth = 0;
    for (Node* child : {first, second}) {
      if (child == nullptr) continue;
      depth = std::max(depth, child->depth);
      n.expr->children.push_back(std::move(child->expr));
    }
    n.depth = depth + 1;
    if (n.depth > kMaxExpressionDepth) return fail_too_complex(*n.expr);
    return n;
  }

  // A node whose children are a list (call arguments, list items).
  [[gnu::noinline]] Node make_many(ExprKind kind, size_t begin, size_t end,
                                   std::vector<Node>& children) {
    SHANHAI_PARSE(n, make(kind, begin, end));
    int depth = 0;
    for (Node& child : children) {
      depth = std::max(depth, child.depth);
      n.expr->children.push_back(std::move(child.expr));
    }
    n.depth = depth + 1;
    if (n.depth > kMaxExpressionDepth) return fail_too_complex(*n.expr);
    return n;
  }

  static size_t end_of(const Token& t) { return t.offset + t.text.size(); }

  [[gnu::noinline]] Node binary(BinaryOp op, const Token& op_token, Node& left, Node& right) {
    SHANHAI_PARSE(n, make(ExprKind::binary, left.begin, right.end, &left, &right));
    n.expr->binary_op = op;
    n.expr->operator_column = op_token.column;
    return n;
  }

  [[gnu::noinline]] Node unary(UnaryOp op, const Token& op_token, Node& operand) {
    SHANHAI_PARSE(n, make(ExprKind::unary, op_token.offset, operand.end, &operand));
    n.expr->unary_op = op;
    n.expr->operator_column = op_token.column;
    return n;
  }

  // ---- The recursive path. ----

  // An expression whose operators all bind at least as strongly as min_precedence.
  Node parse_expr(int min_precedence) {
    SHANHAI_PARSE(left, parse_operand(min_precedence));
    bool compared = false;  // left is a comparison: another one would chain
    while (true) {
      const Token& t = peek();
      const int precedence = precedence_of(t);
      if (precedence == 0 || precedence < min_precedence) break;
      if (precedence == kComparison) {
        if (keyword_of(t) == Keyword::not_ && keyword_of(peek(1)) != Keyword::in) {
          advance();
          return fail_expected(peek(), "“in”（写作 x not in [...]）",
                               "'in' (as in x not in [...])");
        }
        if (compared) return fail_chained();
        compared = true;
        if (t.kind == TokenKind::identifier) {
          left = keyword_of(t) == Keyword::is ? parse_is(left) : parse_in(left);
          if (!left.expr) return {};
          continue;
        }
      } else {
        compared = false;
      }
      const Token& op = advance();
      // Left-associative: the right operand binds strictly more strongly.
      SHANHAI_PARSE(right, parse_expr(precedence + 1));
      left = binary(binary_op_of(op), op, left, right);
      if (!left.expr) return {};
    }
    return left;
  }

  // A prefix operator with its operand, or a primary with an optional duration unit.
  Node parse_operand(int min_precedence) {
    const Token& t = peek();
    if (keyword_of(t) == Keyword::not_ && min_precedence <= kNot) {
      advance();
      if (!enter(t)) return {};
      SHANHAI_PARSE(operand, parse_expr(kNot));
      leave();
      return unary(UnaryOp::logical_not, t, operand);
    }
    if (t.kind == TokenKind::minus) {
      advance();
      if (!enter(t)) return {};
      SHANHAI_PARSE(operand, parse_operand(kUnary));
      leave();
      return unary(UnaryOp::negate, t, operand);
    }
    SHANHAI_PARSE(primary, parse_primary());
    if (!unit_of(peek())) return primary;
    return duration(primary);
  }

  Node parse_primary() {
    const Token& t = peek();
    switch (t.kind) {
      case TokenKind::integer:
        return parse_integer();
      case TokenKind::decimal:
      case TokenKind::string:
        return parse_literal();
      case TokenKind::param:
        return parse_param();
      case TokenKind::lparen:
        return parse_parenthesised();
      case TokenKind::lbracket:
        return parse_list();
      case TokenKind::identifier:
        return parse_name();
      case TokenKind::end:
        return fail_expected(t, "一个值", "a value");
      default:
        return fail_expected(t, "一个值（字段、参数、常量、函数调用或括号）",
                             "a value (a field, parameter, literal, function call or parenthesis)");
    }
  }

  Node parse_parenthesised() {
    const Token& open = advance();
    if (!enter(open)) return {};
    SHANHAI_PARSE(inner, parse_expr(kOr));
    leave();
    if (peek().kind != TokenKind::rparen) return fail_expected(peek(), "“)”", "')'");
    const Token& close = advance();
    inner.begin = open.offset;
    inner.end = end_of(close);
    return inner;
  }

  Node parse_name() {
    const Token& t = advance();
    switch (keyword_of(t)) {
      case Keyword::true_:
      case Keyword::false_:
      case Keyword::null:
        return keyword_literal(t);
      case Keyword::none:
        break;
      default:
        return fail_keyword(t);
    }
    const TokenKind next = peek().kind;
    if (next == TokenKind::lparen) return parse_call(t);
    if (next == TokenKind::string && ascii_lower(t.text) == "date") return parse_date(t);
    return field(t);
  }

  Node parse_call(const Token& name) {
    const Token& open = advance();
    if (!enter(open)) return {};
    std::vector<Node> args;
    if (peek().kind != TokenKind::rparen) {
      while (true) {
        SHANHAI_PARSE(arg, parse_expr(kOr));
        args.push_back(std::move(arg));
        if (peek().kind == TokenKind::comma) {
          advance();
          continue;
        }
        if (peek().kind == TokenKind::rparen) break;
        return fail_expected(peek(), "“,”或“)”", "',' or ')'");
      }
    }
    leave();
    const Token& close = advance();
    SHANHAI_PARSE(n, make_many(ExprKind::call, name.offset, end_of(close), args));
    n.expr->name = ascii_lower(name.text);
    n.expr->operator_column = name.column;
    return n;
  }

  Node parse_list() {
    const Token& open = advance();
    if (!enter(open)) return {};
    if (peek().kind == TokenKind::rbracket) {
      return fail_syntax(peek(), "列表不能为空", "a list must not be empty");
    }
    std::vector<Node> items;
    while (true) {
      SHANHAI_PARSE(item, parse_expr(kOr));
      items.push_back(std::move(item));
      if (peek().kind == TokenKind::comma) {
        advance();
        continue;
      }
      if (peek().kind == TokenKind::rbracket) break;
      return fail_expected(peek(), "“,”或“]”", "',' or ']'");
    }
    leave();
    const Token& close = advance();
    return make_many(ExprKind::list, open.offset, end_of(close), items);
  }

  // left [not] in [list]; the next token is in or not.
  Node parse_in(Node& left) {
    const Token& op = advance();
    const bool negated = keyword_of(op) == Keyword::not_;
    if (negated) advance();  // in (parse_expr checked it is there)
    if (peek().kind != TokenKind::lbracket) {
      return fail_expected(peek(), "“in”之后的列表，例如 ['a', 'b']",
                           "a list after 'in', as in ['a', 'b']");
    }
    SHANHAI_PARSE(list, parse_list());
    SHANHAI_PARSE(n, make(ExprKind::in_list, left.begin, list.end, &left, &list));
    n.expr->negated = negated;
    n.expr->operator_column = op.column;
    return n;
  }

  // ---- Leaves and other forms off the recursive path. ----

  // left is [not] null; the next token is is.
  [[gnu::noinline]] Node parse_is(Node& left) {
    const Token& op = advance();
    bool negated = false;
    if (keyword_of(peek()) == Keyword::not_) {
      negated = true;
      advance();
    }
    if (keyword_of(peek()) != Keyword::null) {
      return fail_expected(peek(), negated ? "“null”" : "“null”或“not null”",
                           negated ? "'null'" : "'null' or 'not null'");
    }
    const Token& null_token = advance();
    SHANHAI_PARSE(n, make(ExprKind::is_null, left.begin, end_of(null_token), &left));
    n.expr->negated = negated;
    n.expr->operator_column = op.column;
    return n;
  }

  [[gnu::noinline]] Node duration(Node& count) {
    const Token& unit_token = advance();
    SHANHAI_PARSE(n, make(ExprKind::duration, count.begin, end_of(unit_token), &count));
    n.expr->unit = *unit_of(unit_token);
    n.expr->operator_column = unit_token.column;
    return n;
  }

  [[gnu::noinline]] Node leaf_literal(const Token& first, const Token& last, Literal value) {
    SHANHAI_PARSE(n, make(ExprKind::literal, first.offset, end_of(last)));
    n.expr->literal = std::move(value);
    return n;
  }

  [[gnu::noinline]] Node parse_literal() {
    const Token& t = advance();
    Literal v;
    if (t.kind == TokenKind::decimal) {
      v.kind = LiteralKind::decimal;
      v.text = std::string(t.text);
    } else {
      v.kind = LiteralKind::text;
      v.text = t.value;
    }
    return leaf_literal(t, t, std::move(v));
  }

  [[gnu::noinline]] Node keyword_literal(const Token& t) {
    Literal v;
    const Keyword k = keyword_of(t);
    v.kind = k == Keyword::null ? LiteralKind::null : LiteralKind::boolean;
    v.boolean = k == Keyword::true_;
    return leaf_literal(t, t, std::move(v));
  }

  [[gnu::noinline]] Node parse_integer() {
    const Token& t = advance();
    Literal v;
    v.kind = LiteralKind::integer;
    const auto [ptr, ec] = std::from_chars(t.text.data(), t.text.data() + t.text.size(), v.integer);
    if (ec != std::errc() || ptr != t.text.data() + t.text.size()) {
      return fail(expression_error("expr.bad_number", "整数超出范围（最大 9223372036854775807）",
                                   "integer out of range (the largest is 9223372036854775807)",
                                   t.column, t.text));
    }
    return leaf_literal(t, t, std::move(v));
  }

  [[gnu::noinline]] Node parse_param() {
    const Token& t = advance();
    SHANHAI_PARSE(n, make(ExprKind::param, t.offset, end_of(t)));
    n.expr->name = t.value;
    return n;
  }

  // A field: name, or input.name.
  [[gnu::noinline]] Node field(const Token& t) {
    if (peek().kind != TokenKind::dot) {
      SHANHAI_PARSE(n, make(ExprKind::field, t.offset, end_of(t)));
      n.expr->name = std::string(t.text);
      return n;
    }
    advance();
    const Token& name = peek();
    if (name.kind != TokenKind::identifier || keyword_of(name) != Keyword::none) {
      return fail_expected(name, "“.”之后的字段名", "a field name after '.'");
    }
    advance();
    SHANHAI_PARSE(n, make(ExprKind::field, t.offset, end_of(name)));
    n.expr->input = std::string(t.text);
    n.expr->name = std::string(name.text);
    return n;
  }

  // date 'YYYY-MM-DD'; the next token is the string.
  [[gnu::noinline]] Node parse_date(const Token& keyword) {
    const Token& s = advance();
    const std::string& v = s.value;
    auto bad = [&](std::string zh, std::string en) -> Node {
      return fail(
          expression_error("expr.bad_date", std::move(zh), std::move(en), s.column, s.text));
    };
    const bool shape =
        v.size() == 10 && v[4] == '-' && v[7] == '-' &&
        std::all_of(v.begin(), v.end(), [](char c) { return c == '-' || (c >= '0' && c <= '9'); });
    if (!shape) {
      return bad(
          fmt::format("日期常量应写作 YYYY-MM-DD（如 date '2023-01-01'），而不是“{}”", v),
          fmt::format("a date literal is written YYYY-MM-DD (date '2023-01-01'), not \"{}\"", v));
    }
    const int year = std::stoi(v.substr(0, 4));
    const int month = std::stoi(v.substr(5, 2));
    const int day = std::stoi(v.substr(8, 2));
    if (year < 1 || !normalize::valid_ymd(year, month, day)) {
      return bad(fmt::format("日期“{}”不存在", v),
                 fmt::format("the date \"{}\" does not exist", v));
    }
    Literal value;
    value.kind = LiteralKind::date;
    value.days = normalize::days_from_civil(year, month, day);
    value.text = v;
    return leaf_literal(keyword, s, std::move(value));
  }

  std::string_view text_;
  std::vector<Token> tokens_;
  ColumnMap columns_;
  size_t pos_ = 0;
  int nesting_ = 0;
  std::optional<Error> error_;
};

#undef SHANHAI_PARSE

}  // namespace

Result<ExprPtr> parse_expression(std::string_view text) {
  Result<std::vector<Token>> tokens = tokenize(text);
  if (!tokens.ok()) return tokens.take_error();
  return Parser(text, std::move(tokens.value())).run();
}

bool is_reserved_word(std::string_view word) {
  Token t;
  t.kind = TokenKind::identifier;
  t.text = word;
  return keyword_of(t) != Keyword::none;
}

}  // namespace shanhai::model
