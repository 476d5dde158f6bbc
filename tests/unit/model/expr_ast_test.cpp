// The syntax tree: names it reads (for the validator's unused-input check), copies, printing.

#include "model/expr_ast.h"

#include <gtest/gtest.h>

#include "model/expr_parser.h"
#include "model/expr_types.h"

namespace shanhai::model {
namespace {

ExprPtr parse(std::string_view text) {
  Result<ExprPtr> e = parse_expression(text);
  EXPECT_TRUE(e.ok()) << e.error().message();
  return e.ok() ? std::move(e.value()) : nullptr;
}

struct NamesCase {
  const char* text;
  std::vector<std::string> fields;
  std::vector<std::string> params;
};
std::ostream& operator<<(std::ostream& os, const NamesCase& c) { return os << c.text; }

const NamesCase kNames[] = {
    {"1 + 2", {}, {}},
    {"bac >= $threshold and not contains(charge, '过失')", {"bac", "charge"}, {"threshold"}},
    {"a + b * a > penalties.amount", {"a", "b", "penalties.amount"}, {}},
    {"decision_date + $months months < $as_of", {"decision_date"}, {"months", "as_of"}},
    {"is_valid(party_id) and x in [$a, $b, $a]", {"party_id", "x"}, {"a", "b"}},
    {"coalesce(penalties.amount, payments.amount, 0)", {"penalties.amount", "payments.amount"}, {}},
    {"罚款金额 > 0 且 罚款金额 < $上限", {"罚款金额"}, {"上限"}},
    {"date = date '2023-01-01'", {"date"}, {}},  // the literal is not a field
};

class Names : public ::testing::TestWithParam<NamesCase> {};

TEST_P(Names, AreListedOnceInOrder) {
  const NamesCase& c = GetParam();
  ExprPtr e = parse(c.text);
  ASSERT_TRUE(e);
  EXPECT_EQ(referenced_fields(*e), c.fields);
  EXPECT_EQ(referenced_params(*e), c.params);
}

INSTANTIATE_TEST_SUITE_P(Table, Names, ::testing::ValuesIn(kNames));

TEST(Ast, CloneIsDeepAndKeepsTypes) {
  TypeEnvironment env;
  env.fields = {{"d", TypeKind::date}, {"x", TypeKind::text}};
  env.params = {{"as_of", TypeKind::date}};
  Result<TypedExpr> typed =
      compile_expression("d + 9 months < $as_of and contains_any(x, ['a', 'b'])", env);
  ASSERT_TRUE(typed.ok()) << typed.error().message();
  ExprPtr copy = clone(*typed->root);
  EXPECT_EQ(to_string(*copy), to_string(*typed->root));
  EXPECT_EQ(copy->type, Type(TypeKind::boolean));
  EXPECT_EQ(copy->children[1]->function, Function::contains_any);
  EXPECT_EQ(copy->children[1]->children[1]->type, Type::list_of(TypeKind::text));
  EXPECT_EQ(copy->children[0]->span.text, "d + 9 months < $as_of");
  EXPECT_NE(copy->children[0].get(), typed->root->children[0].get());
  copy->children[0]->children[0]->children[0]->name = "changed";
  EXPECT_EQ(typed->root->children[0]->children[0]->children[0]->name, "d");
}

TEST(Ast, PrintsHandBuiltTrees) {
  // A literal string with every character that needs escaping.
  Expr s;
  s.kind = ExprKind::literal;
  s.literal.kind = LiteralKind::text;
  s.literal.text = "it's a\\b\nc";
  EXPECT_EQ(to_string(s), R"('it\'s a\\b\nc')");
  Result<ExprPtr> back = parse_expression(to_string(s));
  ASSERT_TRUE(back.ok());
  EXPECT_EQ((*back)->literal.text, s.literal.text);

  Expr n;
  n.kind = ExprKind::literal;
  n.literal.kind = LiteralKind::integer;
  n.literal.integer = -5;
  EXPECT_EQ(to_string(n), "-5");
}

TEST(Ast, SymbolsAndNames) {
  EXPECT_EQ(binary_op_symbol(BinaryOp::logical_or), "or");
  EXPECT_EQ(binary_op_symbol(BinaryOp::ne), "!=");
  EXPECT_EQ(binary_op_symbol(BinaryOp::mod), "%");
  EXPECT_EQ(function_name(Function::days_between), "days_between");
  EXPECT_EQ(function_name(Function::none), "");
  EXPECT_EQ(duration_unit_name(DurationUnit::week), "week");
}

}  // namespace
}  // namespace shanhai::model
