// Parsing: expression text → canonical fully-parenthesised tree, and every syntax error with its
// character column.

#include "model/expr_parser.h"

#include <gtest/gtest.h>

namespace shanhai::model {
namespace {

struct ParseCase {
  const char* text;
  const char* printed;
};
std::ostream& operator<<(std::ostream& os, const ParseCase& c) { return os << c.text; }

const ParseCase kParses[] = {
    // The example of the design.
    {"bac >= $threshold and not contains(charge, '过失')",
     "((bac >= $threshold) and (not contains(charge, '过失')))"},
    // Literals.
    {"80", "80"},
    {"80.5", "80.5"},
    {"0.10", "0.10"},
    {"'醉酒'", "'醉酒'"},
    {"\"醉酒\"", "'醉酒'"},
    {R"('it\'s')", R"('it\'s')"},
    {R"("say \"hi\"")", R"('say "hi"')"},
    {R"('a\nb')", R"('a\nb')"},
    {R"('\d+')", R"('\\d+')"},
    {"true", "true"},
    {"FALSE", "false"},
    {"Null", "null"},
    {"date '2023-01-01'", "date '2023-01-01'"},
    {"DATE \"2024-02-29\"", "date '2024-02-29'"},
    {"date'2023-12-31'", "date '2023-12-31'"},
    {"['剥皮', '缠绕铁丝']", "['剥皮', '缠绕铁丝']"},
    // Names.
    {"bac", "bac"},
    {"_x1", "_x1"},
    {"罚款金额 > 5000", "(罚款金额 > 5000)"},
    {"penalties.amount > 0", "(penalties.amount > 0)"},
    {"$as_of", "$as_of"},
    {"$阈值", "$阈值"},
    {"date = date '2023-01-01'", "(date = date '2023-01-01')"},  // a field called date
    {"year(d) = year", "(year(d) = year)"},                      // and one called year
    {"days + 1", "(days + 1)"},                                  // a unit word as a field
    // Precedence and associativity.
    {"1 + 2 * 3", "(1 + (2 * 3))"},
    {"(1 + 2) * 3", "((1 + 2) * 3)"},
    {"1 - 2 - 3", "((1 - 2) - 3)"},
    {"a * b / c % d", "(((a * b) / c) % d)"},
    {"a + b * c - d / e", "((a + (b * c)) - (d / e))"},
    {"1 + 2 > 3 - 4", "((1 + 2) > (3 - 4))"},
    {"a or b and c", "(a or (b and c))"},
    {"a and b or c", "((a and b) or c)"},
    {"a or b or c", "((a or b) or c)"},
    {"not a and b", "((not a) and b)"},
    {"not a = b", "(not (a = b))"},
    {"not not a", "(not (not a))"},
    {"-a * b", "((-a) * b)"},
    {"- - a", "(-(-a))"},
    {"a-1", "(a - 1)"},
    {"a--1", "(a - (-1))"},
    {"-a.b", "(-a.b)"},
    {"(((a)))", "a"},
    {"a = 1 or b = 2 and not c is null", "((a = 1) or ((b = 2) and (not (c is null))))"},
    {"x + 1 in [2, 3]", "((x + 1) in [2, 3])"},
    {"not x in ['a']", "(not (x in ['a']))"},
    {"a > b and c <= d or not e", "(((a > b) and (c <= d)) or (not e))"},
    // Every comparison.
    {"a = b", "(a = b)"},
    {"a == b", "(a = b)"},
    {"a != b", "(a != b)"},
    {"a <> b", "(a != b)"},
    {"a < b", "(a < b)"},
    {"a <= b", "(a <= b)"},
    {"a > b", "(a > b)"},
    {"a >= b", "(a >= b)"},
    {"a%2=0", "((a % 2) = 0)"},
    {"x in ['a', 'b']", "(x in ['a', 'b'])"},
    {"x not in [1, 2]", "(x not in [1, 2])"},
    {"x IN ['a']", "(x in ['a'])"},
    {"x NOT IN ['a']", "(x not in ['a'])"},
    {"x in [-1, 2.5]", "(x in [(-1), 2.5])"},
    {"x is null", "(x is null)"},
    {"x is not null", "(x is not null)"},
    {"X IS NOT NULL", "(X is not null)"},
    {"x + 1 is null", "((x + 1) is null)"},
    // Keywords in any case, and in Chinese.
    {"a AND b Or c", "((a and b) or c)"},
    {"a 且 b 或 c", "((a and b) or c)"},
    {"非 a", "(not a)"},
    {"a 且 非 b", "(a and (not b))"},
    {"罚款金额 > 0 且 非 是否缴纳", "((罚款金额 > 0) and (not 是否缴纳))"},
    {"NOT a", "(not a)"},
    // Calls.
    {"contains(x, 'a')", "contains(x, 'a')"},
    {"CONTAINS(x, 'a')", "contains(x, 'a')"},
    {"Extract_Bac(bac_text) >= 80", "(extract_bac(bac_text) >= 80)"},
    {"coalesce(a, b, 0)", "coalesce(a, b, 0)"},
    {"contains_any(x, ['剥皮', '缠绕铁丝'])", "contains_any(x, ['剥皮', '缠绕铁丝'])"},
    {"upper(lower(x))", "upper(lower(x))"},
    {"today()", "today()"},
    {"f ( a , b )", "f(a, b)"},
    {"is_valid(penalties.party_id)", "is_valid(penalties.party_id)"},
    {"days_between(decision_date, $as_of) > 270", "(days_between(decision_date, $as_of) > 270)"},
    // Durations.
    {"decision_date + 9 months", "(decision_date + 9 months)"},
    {"d + 1 year", "(d + 1 year)"},
    {"d - 2 weeks", "(d - 2 weeks)"},
    {"d + 180 days", "(d + 180 days)"},
    {"d + 1 day", "(d + 1 day)"},
    {"d + 1 days", "(d + 1 day)"},
    {"d + 2 year", "(d + 2 years)"},
    {"d + 9 MONTHS", "(d + 9 months)"},
    {"d + 9months", "(d + 9 months)"},
    {"d + 9个月", "(d + 9 months)"},
    {"d + 3 月", "(d + 3 months)"},
    {"d + 1年", "(d + 1 year)"},
    {"d + 30天", "(d + 30 days)"},
    {"d + 30 日", "(d + 30 days)"},
    {"d + 2周", "(d + 2 weeks)"},
    {"d + $months months", "(d + $months months)"},
    {"d + (n + 1) days", "(d + (n + 1) days)"},
    {"d + 9 months + 1 day", "((d + 9 months) + 1 day)"},
    {"$as_of > decision_date + 9 months", "($as_of > (decision_date + 9 months))"},
    {"-9 months", "(-9 months)"},
    // Whitespace.
    {"  a\t=\n1 ", "(a = 1)"},
    {"a\u3000=\u30001", "(a = 1)"},
    {"'' = x", "('' = x)"},
};

class Parse : public ::testing::TestWithParam<ParseCase> {};

TEST_P(Parse, PrintsCanonically) {
  const ParseCase& c = GetParam();
  Result<ExprPtr> e = parse_expression(c.text);
  ASSERT_TRUE(e.ok()) << e.error().message();
  const std::string printed = to_string(**e);
  EXPECT_EQ(printed, c.printed);
  // The printed form parses back to the same tree.
  Result<ExprPtr> again = parse_expression(printed);
  ASSERT_TRUE(again.ok()) << again.error().message();
  EXPECT_EQ(to_string(**again), printed);
}

INSTANTIATE_TEST_SUITE_P(Table, Parse, ::testing::ValuesIn(kParses));

struct ErrorCase {
  const char* text;
  const char* code;
  int64_t column;
  const char* value;  // "" when the error is at the end of the text
  const char* zh;     // a part of the Chinese message
  const char* en;     // a part of the English message
};
std::ostream& operator<<(std::ostream& os, const ErrorCase& c) { return os << c.text; }

const ErrorCase kErrors[] = {
    {"", "expr.syntax", 1, "", "表达式为空", "empty"},
    {"   ", "expr.syntax", 1, "", "表达式为空", "empty"},
    {"a +", "expr.syntax", 4, "", "表达式意外结束，期望一个值", "unexpected end of expression"},
    {"(a + 1", "expr.syntax", 7, "", "期望“)”", "expected ')'"},
    {"(a + 1 b", "expr.syntax", 8, "b", "期望“)”，而不是“b”", "expected ')', not 'b'"},
    {"a + 1)", "expr.syntax", 6, ")", "多余的“)”", "unmatched ')'"},
    {"a]", "expr.syntax", 2, "]", "多余的“]”", "unmatched ']'"},
    {")", "expr.syntax", 1, ")", "期望一个值", "expected a value"},
    {"a b", "expr.syntax", 3, "b", "期望运算符或表达式结束", "expected an operator or the end"},
    {"罚款金额 5000", "expr.syntax", 6, "5000", "期望运算符", "expected an operator"},
    {"d + 9 mnths", "expr.syntax", 7, "mnths", "是否应为“months”", "did you mean \"months\""},
    {"d + 9 months months", "expr.syntax", 14, "months", "期望运算符", "expected an operator"},
    {"contains(a, b", "expr.syntax", 14, "", "期望“,”或“)”", "expected ',' or ')'"},
    {"contains(a b)", "expr.syntax", 12, "b", "期望“,”或“)”", "expected ',' or ')'"},
    {"f(,)", "expr.syntax", 3, ",", "期望一个值", "expected a value"},
    {"f(a,)", "expr.syntax", 5, ")", "期望一个值", "expected a value"},
    {"[1, 2", "expr.syntax", 6, "", "期望“,”或“]”", "expected ',' or ']'"},
    {"x in [1,]", "expr.syntax", 9, "]", "期望一个值", "expected a value"},
    {"[]", "expr.syntax", 2, "]", "列表不能为空", "must not be empty"},
    {"x in 'a'", "expr.syntax", 6, "'a'", "列表", "a list after 'in'"},
    {"x in", "expr.syntax", 5, "", "列表", "a list after 'in'"},
    {"x not 'a'", "expr.syntax", 7, "'a'", "“in”", "'in'"},
    {"x is 1", "expr.syntax", 6, "1", "“null”或“not null”", "'null' or 'not null'"},
    {"x is not 1", "expr.syntax", 10, "1", "期望“null”", "expected 'null'"},
    {"a = b = c", "expr.syntax", 7, "=", "不能连写", "cannot be chained"},
    {"a < b < c", "expr.syntax", 7, "<", "不能连写", "cannot be chained"},
    {"a < b in [1]", "expr.syntax", 7, "in", "不能连写", "cannot be chained"},
    {"a = b is null", "expr.syntax", 7, "is", "不能连写", "cannot be chained"},
    {"a is null = b", "expr.syntax", 11, "=", "不能连写", "cannot be chained"},
    {"a in [1] not in [2]", "expr.syntax", 10, "not", "不能连写", "cannot be chained"},
    {"and a", "expr.syntax", 1, "and", "关键字“and”", "the keyword 'and'"},
    {"a and", "expr.syntax", 6, "", "表达式意外结束", "unexpected end"},
    {"a 且", "expr.syntax", 4, "", "表达式意外结束", "unexpected end"},
    {"a = in", "expr.syntax", 5, "in", "关键字", "keyword"},
    {"not", "expr.syntax", 4, "", "表达式意外结束", "unexpected end"},
    {"-", "expr.syntax", 2, "", "表达式意外结束", "unexpected end"},
    {"(", "expr.syntax", 2, "", "表达式意外结束", "unexpected end"},
    {"a + * b", "expr.syntax", 5, "*", "期望一个值", "expected a value"},
    {"+a", "expr.syntax", 1, "+", "期望一个值", "expected a value"},
    {"penalties.", "expr.syntax", 11, "", "字段名", "a field name after '.'"},
    {"penalties.and", "expr.syntax", 11, "and", "字段名", "a field name after '.'"},
    {"penalties.5", "expr.syntax", 11, "5", "字段名", "a field name"},
    {"a.b.c", "expr.syntax", 4, ".", "期望运算符", "expected an operator"},
    {"1.", "expr.syntax", 2, ".", "期望运算符", "expected an operator"},
    {"'abc", "expr.syntax", 1, "'abc", "缺少结尾的引号", "unterminated"},
    {"“醉酒”", "expr.syntax", 1, "“", "中文引号", "quotation mark"},
    {"罚款金额 ＞ 5000", "expr.syntax", 6, "＞", "全角字符", "full-width"},
    {"a # b", "expr.syntax", 3, "#", "无法识别", "unexpected character"},
    {"9223372036854775807 = 9223372036854775808", "expr.bad_number", 23, "9223372036854775808",
     "整数超出范围", "integer out of range"},
    {"date '2023-02-30'", "expr.bad_date", 6, "'2023-02-30'", "日期“2023-02-30”不存在",
     "does not exist"},
    {"date '2023-02-29'", "expr.bad_date", 6, "'2023-02-29'", "不存在", "does not exist"},
    {"x > date '2023-13-01'", "expr.bad_date", 10, "'2023-13-01'", "不存在", "does not exist"},
    {"x > date '0000-01-01'", "expr.bad_date", 10, "'0000-01-01'", "不存在", "does not exist"},
    {"date '2023-1-1'", "expr.bad_date", 6, "'2023-1-1'", "YYYY-MM-DD", "YYYY-MM-DD"},
    {"date '20230101'", "expr.bad_date", 6, "'20230101'", "YYYY-MM-DD", "YYYY-MM-DD"},
    {"date '2023年1月1日'", "expr.bad_date", 6, "'2023年1月1日'", "YYYY-MM-DD", "YYYY-MM-DD"},
    {"时间 > date '2023/01/01'", "expr.bad_date", 11, "'2023/01/01'", "YYYY-MM-DD", "YYYY-MM-DD"},
};

class ParseError : public ::testing::TestWithParam<ErrorCase> {};

TEST_P(ParseError, SaysWhatAndWhere) {
  const ErrorCase& c = GetParam();
  Result<ExprPtr> e = parse_expression(c.text);
  ASSERT_FALSE(e.ok()) << to_string(**e);
  const Error& err = e.error();
  EXPECT_EQ(err.code(), c.code);
  EXPECT_EQ(err.where().column, c.column);
  if (*c.value == '\0') {
    EXPECT_FALSE(err.where().value.has_value()) << *err.where().value;
  } else {
    ASSERT_TRUE(err.where().value.has_value());
    EXPECT_EQ(*err.where().value, c.value);
  }
  EXPECT_NE(err.zh().find(c.zh), std::string::npos) << err.zh();
  EXPECT_NE(err.en().find(c.en), std::string::npos) << err.en();
}

INSTANTIATE_TEST_SUITE_P(Table, ParseError, ::testing::ValuesIn(kErrors));

std::string repeat(std::string_view s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

TEST(ParseLimits, DeepNestingIsRefused) {
  const std::string deep = repeat("(", 500) + "a" + repeat(")", 500);
  Result<ExprPtr> e = parse_expression(deep);
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(e.error().code(), "expr.too_complex");
  EXPECT_EQ(e.error().where().column, kMaxExpressionNesting + 1);
  EXPECT_EQ(*e.error().where().value, "(");

  const std::string within = repeat("(", 250) + "a" + repeat(")", 250);
  EXPECT_TRUE(parse_expression(within).ok());

  for (const std::string& text :
       {repeat("-", 500) + "a", repeat("not ", 500) + "a",
        repeat("f(", 500) + "a" + repeat(")", 500), repeat("[", 500) + "a" + repeat("]", 500)}) {
    Result<ExprPtr> r = parse_expression(text);
    ASSERT_FALSE(r.ok()) << text;
    EXPECT_EQ(r.error().code(), "expr.too_complex");
  }
}

TEST(ParseLimits, DeepTreesAreRefused) {
  Result<ExprPtr> chain = parse_expression("a" + repeat(" + a", 300));
  ASSERT_FALSE(chain.ok());
  EXPECT_EQ(chain.error().code(), "expr.too_complex");
  EXPECT_EQ(chain.error().where().column, 1);
  EXPECT_TRUE(parse_expression("a" + repeat(" + a", kMaxExpressionDepth - 1)).ok());

  Result<ExprPtr> minus = parse_expression(repeat("-", 300) + "a");
  ASSERT_FALSE(minus.ok());
  EXPECT_EQ(minus.error().code(), "expr.too_complex");
}

TEST(ParseLimits, EveryAcceptedTreePrintsToTextThatParses) {
  // The deepest trees of unary operators and of chains still round-trip through to_string.
  for (const std::string& text :
       {repeat("not ", kMaxExpressionDepth - 1) + "a", repeat("-", kMaxExpressionDepth - 1) + "a",
        "a" + repeat(" + a", kMaxExpressionDepth - 1),
        repeat("f(", kMaxExpressionDepth - 1) + "a" + repeat(")", kMaxExpressionDepth - 1)}) {
    Result<ExprPtr> e = parse_expression(text);
    ASSERT_TRUE(e.ok()) << e.error().message();
    const std::string printed = to_string(**e);
    Result<ExprPtr> again = parse_expression(printed);
    ASSERT_TRUE(again.ok()) << again.error().message();
    EXPECT_EQ(to_string(**again), printed);
  }
}

TEST(Parse, SpansCountCharacters) {
  Result<ExprPtr> e = parse_expression("罚款金额 >= 5000 且 (案由 = '醉酒')");
  ASSERT_TRUE(e.ok());
  const Expr& root = **e;
  EXPECT_EQ(root.kind, ExprKind::binary);
  EXPECT_EQ(root.binary_op, BinaryOp::logical_and);
  EXPECT_EQ(root.span.column, 1);
  EXPECT_EQ(root.span.text, "罚款金额 >= 5000 且 (案由 = '醉酒')");
  EXPECT_EQ(root.operator_column, 14);
  const Expr& left = *root.children[0];
  EXPECT_EQ(left.span.text, "罚款金额 >= 5000");
  EXPECT_EQ(left.operator_column, 6);
  const Expr& right = *root.children[1];
  EXPECT_EQ(right.span.column, 17);  // inside the parentheses
  EXPECT_EQ(right.span.text, "案由 = '醉酒'");
  EXPECT_EQ(right.children[1]->span.column, 22);
  EXPECT_EQ(right.children[1]->literal.text, "醉酒");
}

TEST(Parse, NodeMembers) {
  Result<ExprPtr> e = parse_expression("penalties.decision_date + $n months");
  ASSERT_TRUE(e.ok());
  const Expr& root = **e;
  ASSERT_EQ(root.children.size(), 2u);
  const Expr& field = *root.children[0];
  EXPECT_EQ(field.kind, ExprKind::field);
  EXPECT_EQ(field.input, "penalties");
  EXPECT_EQ(field.name, "decision_date");
  EXPECT_EQ(field.qualified_name(), "penalties.decision_date");
  const Expr& duration = *root.children[1];
  EXPECT_EQ(duration.kind, ExprKind::duration);
  EXPECT_EQ(duration.unit, DurationUnit::month);
  EXPECT_EQ(duration.children[0]->kind, ExprKind::param);
  EXPECT_EQ(duration.children[0]->name, "n");
  EXPECT_EQ(root.type.kind, TypeKind::unknown);  // not checked yet

  Result<ExprPtr> d = parse_expression("date '2023-08-21'");
  ASSERT_TRUE(d.ok());
  EXPECT_EQ((*d)->literal.kind, LiteralKind::date);
  EXPECT_EQ((*d)->literal.days, 19590);
  EXPECT_EQ((*d)->literal.text, "2023-08-21");

  Result<ExprPtr> big = parse_expression("9223372036854775807");
  ASSERT_TRUE(big.ok());
  EXPECT_EQ((*big)->literal.integer, INT64_MAX);
}

TEST(Parse, ReservedWords) {
  for (const char* w :
       {"and", "OR", "Not", "in", "is", "null", "true", "false", "且", "或", "非"}) {
    EXPECT_TRUE(is_reserved_word(w)) << w;
  }
  for (const char* w : {"date", "year", "months", "amount", "非法所得", "或者"}) {
    EXPECT_FALSE(is_reserved_word(w)) << w;
  }
}

}  // namespace
}  // namespace shanhai::model
