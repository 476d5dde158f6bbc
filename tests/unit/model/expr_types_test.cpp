// Type checking: expression → type against a fixed schema, and every type error with its
// operator or function, expected and actual types, and character column.

#include "model/expr_types.h"

#include <gtest/gtest.h>

#include "model/expr_parser.h"

namespace shanhai::model {
namespace {

TypeEnvironment schema() {
  TypeEnvironment env;
  env.fields = {
      {"bac", TypeKind::decimal},
      {"bac_text", TypeKind::text},
      {"charge", TypeKind::text},
      {"decision_date", TypeKind::date},
      {"decision_no", TypeKind::text},
      {"amount", TypeKind::money},
      {"paid", TypeKind::money},
      {"count", TypeKind::integer},
      {"ratio", TypeKind::decimal},
      {"flag", TypeKind::boolean},
      {"罚款金额", TypeKind::money},
      {"案由", TypeKind::text},
      {"date", TypeKind::date},  // fields named like keywords of other positions
      {"year", TypeKind::integer},
      {"days", TypeKind::integer},
      {"penalties.amount", TypeKind::money},
      {"penalties.decision_date", TypeKind::date},
      {"penalties.decision_no", TypeKind::text},
      {"payments.amount", TypeKind::money},
      {"payments.paid_date", TypeKind::date},
  };
  env.params = {
      {"as_of", TypeKind::date},       {"threshold", TypeKind::decimal},
      {"months", TypeKind::integer},   {"keyword", TypeKind::text},
      {"min_amount", TypeKind::money}, {"limit", TypeKind::integer},
      {"strict", TypeKind::boolean},
  };
  return env;
}

struct TypeCase {
  const char* text;
  const char* type;
};
std::ostream& operator<<(std::ostream& os, const TypeCase& c) { return os << c.text; }

const TypeCase kTypes[] = {
    // Literals and names.
    {"80", "integer"},
    {"80.5", "decimal"},
    {"'醉酒'", "text"},
    {"true", "bool"},
    {"null", "null"},
    {"date '2023-01-01'", "date"},
    {"bac", "decimal"},
    {"罚款金额", "money"},
    {"penalties.amount", "money"},
    {"$as_of", "date"},
    {"date", "date"},
    {"year", "integer"},
    {"days + 1", "integer"},
    // Arithmetic on numbers.
    {"count + 1", "integer"},
    {"count + 1.5", "decimal"},
    {"bac - count", "decimal"},
    {"count * count", "integer"},
    {"bac * 2", "decimal"},
    {"count / 2", "decimal"},
    {"count / count", "decimal"},
    {"count % 2", "integer"},
    {"-count", "integer"},
    {"-bac", "decimal"},
    {"$limit * 2 + count", "integer"},
    // Money.
    {"amount + paid", "money"},
    {"amount - paid", "money"},
    {"amount * 2", "money"},
    {"2 * amount", "money"},
    {"amount * ratio", "money"},
    {"amount * count", "money"},
    {"amount / 2", "money"},
    {"amount / count", "money"},
    {"amount / paid", "decimal"},
    {"amount + 100", "money"},
    {"100 - amount", "money"},
    {"amount - -5", "money"},
    {"amount + $threshold", "money"},
    {"amount + $min_amount", "money"},
    {"-amount", "money"},
    {"罚款金额 * 0.5", "money"},
    {"penalties.amount - payments.amount", "money"},
    // Dates and durations.
    {"decision_date + 9 months", "date"},
    {"decision_date - 180 days", "date"},
    {"$as_of - 1 year", "date"},
    {"decision_date + 2 weeks", "date"},
    {"decision_date + $months months", "date"},
    {"decision_date + (count + 1) days", "date"},
    {"decision_date + 9个月", "date"},
    {"decision_date + 1年", "date"},
    {"decision_date + 30天", "date"},
    {"date '2023-01-01' + 1 day", "date"},
    {"decision_date + 9 months + 1 day", "date"},
    {"decision_date + (-9) months", "date"},
    {"date + 1 day", "date"},
    // Comparisons.
    {"bac >= 80", "bool"},
    {"bac >= $threshold", "bool"},
    {"count = 1.0", "bool"},
    {"count <> 2", "bool"},
    {"amount > 5000", "bool"},
    {"amount >= 0.5", "bool"},
    {"5000 < amount", "bool"},
    {"amount > -1", "bool"},
    {"amount > $threshold", "bool"},
    {"amount > $min_amount", "bool"},
    {"amount = paid", "bool"},
    {"罚款金额 >= 5000", "bool"},
    {"$as_of > decision_date + 9 months", "bool"},
    {"decision_date >= date '2023-01-01'", "bool"},
    {"date < $as_of", "bool"},
    {"charge = '醉酒'", "bool"},
    {"charge < 'b'", "bool"},
    {"案由 == '危险驾驶'", "bool"},
    {"flag = true", "bool"},
    {"flag != $strict", "bool"},
    {"year(decision_date) = year", "bool"},
    // Logic.
    {"flag and bac > 80", "bool"},
    {"flag or not flag", "bool"},
    {"flag 且 非 flag", "bool"},
    {"not (bac > 80 or count < 1)", "bool"},
    {"bac >= $threshold and not contains(charge, '过失')", "bool"},
    // is null, in.
    {"bac is null", "bool"},
    {"charge is not null", "bool"},
    {"penalties.decision_no is null", "bool"},
    {"null is null", "bool"},
    {"bac + 1 is not null", "bool"},
    {"charge in ['醉酒', '危险驾驶']", "bool"},
    {"charge not in ['a']", "bool"},
    {"count in [1, 2, 3]", "bool"},
    {"bac in [1, 2.5]", "bool"},
    {"count in [1.5, 2]", "bool"},
    {"amount in [100, 200.5]", "bool"},
    {"amount in [$min_amount]", "bool"},
    {"decision_date in [date '2023-01-01', $as_of]", "bool"},
    {"flag in [true]", "bool"},
    {"count in [$limit, 3]", "bool"},
    {"bac not in [-1]", "bool"},
    // Functions.
    {"contains(charge, '醉酒')", "bool"},
    {"contains(charge, $keyword)", "bool"},
    {"CONTAINS(charge, 'a')", "bool"},
    {"contains_any(charge, ['剥皮', '缠绕铁丝'])", "bool"},
    {"starts_with(decision_no, '林罚')", "bool"},
    {"matches(charge, '^醉酒')", "bool"},
    {R"(matches(decision_no, '\d{4}'))", "bool"},
    {"matches(decision_no, '(\\\\(|（)\\\\d+')", "bool"},
    {"length(charge)", "integer"},
    {"length(charge) > 10", "bool"},
    {"extract_bac(bac_text)", "decimal"},
    {"extract_bac(bac_text) >= 80", "bool"},
    {"coalesce(bac, 0)", "decimal"},
    {"coalesce(count, 0)", "integer"},
    {"coalesce(count, bac)", "decimal"},
    {"coalesce(count, 0.5)", "decimal"},
    {"coalesce(amount, 0)", "money"},
    {"coalesce(0, amount)", "money"},
    {"coalesce(amount, paid, 0)", "money"},
    {"coalesce(charge, '')", "text"},
    {"coalesce(null, charge)", "text"},
    {"coalesce(decision_date, $as_of)", "date"},
    {"coalesce(flag, false)", "bool"},
    {"is_valid(charge)", "bool"},
    {"is_valid(penalties.amount)", "bool"},
    {"year(decision_date)", "integer"},
    {"month($as_of)", "integer"},
    {"days_between(decision_date, $as_of)", "integer"},
    {"days_between(decision_date, $as_of) > 270", "bool"},
    {"lower(charge)", "text"},
    {"upper('a')", "text"},
    {"upper(lower(案由)) = 'X'", "bool"},
    {"length(charge) * 2 + count", "integer"},
};

class CheckType : public ::testing::TestWithParam<TypeCase> {};

// Every node of a checked tree has a type.
void expect_typed(const Expr& e) {
  EXPECT_NE(e.type.kind, TypeKind::unknown) << to_string(e);
  if (e.kind == ExprKind::call) {
    EXPECT_NE(e.function, Function::none) << to_string(e);
  }
  for (const ExprPtr& child : e.children) expect_typed(*child);
}

TEST_P(CheckType, Types) {
  const CheckType::ParamType& c = GetParam();
  Result<TypedExpr> typed = compile_expression(c.text, schema());
  ASSERT_TRUE(typed.ok()) << typed.error().message();
  EXPECT_EQ(to_string(typed->type), c.type);
  EXPECT_EQ(typed->root->type, typed->type);
  EXPECT_EQ(typed->text, c.text);
  expect_typed(*typed->root);
}

INSTANTIATE_TEST_SUITE_P(Table, CheckType, ::testing::ValuesIn(kTypes));

struct ErrorCase {
  const char* text;
  const char* code;
  int64_t column;
  const char* value;
  const char* zh;  // a part of the Chinese message
  const char* en;  // a part of the English message
};
std::ostream& operator<<(std::ostream& os, const ErrorCase& c) { return os << c.text; }

const ErrorCase kErrors[] = {
    // Unknown names.
    {"decison_date > $as_of", "expr.unknown_name", 1, "decison_date",
     "未知字段“decison_date”，是否应为“decision_date”？",
     "unknown field \"decison_date\"; did you mean \"decision_date\"?"},
    {"xyz = 1", "expr.unknown_name", 1, "xyz", "可用字段：", "known fields: "},
    {"count > 1 and 罚款金 > 1", "expr.unknown_name", 15, "罚款金", "是否应为“罚款金额”",
     "did you mean \"罚款金额\""},
    {"penaltes.amount > 0", "expr.unknown_name", 1, "penaltes",
     "未知输入“penaltes”，是否应为“penalties”？", "unknown input \"penaltes\"; did you mean"},
    {"zzz.amount > 0", "expr.unknown_name", 1, "zzz", "可用输入：payments、penalties",
     "known inputs: payments, penalties"},
    {"penalties.amont > 0", "expr.unknown_name", 1, "penalties.amont",
     "未知字段“penalties.amont”，是否应为“penalties.amount”？",
     "did you mean \"penalties.amount\""},
    {"$threshhold > 1", "expr.unknown_name", 1, "$threshhold",
     "未知参数“$threshhold”，是否应为“$threshold”？",
     "unknown parameter \"$threshhold\"; did you mean \"$threshold\"?"},
    {"bac > $zzz", "expr.unknown_name", 7, "$zzz", "可用参数：$as_of", "known parameters: $as_of"},
    {"contain(charge, 'a')", "expr.unknown_name", 1, "contain",
     "未知函数“contain”，是否应为“contains”？", "did you mean \"contains\""},
    {"Contain(charge, 'a')", "expr.unknown_name", 1, "Contain", "未知函数“Contain”",
     "unknown function \"Contain\""},
    {"frobnicate(charge)", "expr.unknown_name", 1, "frobnicate", "可用函数：", "known functions:"},
    {"$as_of > today()", "expr.unknown_name", 10, "today", "$as_of", "$as_of"},
    {"is_valid(zzz)", "expr.unknown_name", 10, "zzz", "未知字段“zzz”", "unknown field"},
    // Logic.
    {"bac and flag", "expr.type", 1, "bac", "“and”（且）的操作数应为布尔值，实际为小数",
     "the operands of 'and' must be bool, got decimal"},
    {"flag or 1", "expr.type", 9, "1", "“or”（或）的操作数应为布尔值，实际为整数",
     "the operands of 'or' must be bool, got integer"},
    {"案由 = 'x' 且 bac", "expr.type", 12, "bac", "操作数应为布尔值", "must be bool"},
    {"not bac", "expr.type", 5, "bac", "“not”的操作数应为布尔值",
     "the operand of 'not' must be bool"},
    {"flag and null", "expr.type", 10, "null", "实际为空值", "got null"},
    // Unary minus.
    {"-charge", "expr.type", 2, "charge", "负号“-”只能用于整数、小数或金额，实际为文本",
     "unary '-' needs an integer, decimal or money, got text"},
    {"-flag", "expr.type", 2, "flag", "实际为布尔", "got bool"},
    {"-decision_date", "expr.type", 2, "decision_date", "实际为日期", "got date"},
    {"decision_date + -9 months", "expr.type", 18, "9 months", "时长只能用在日期的加减中",
     "a duration can only"},  // -(9 months); write (-9) months
    {"-(9 months)", "expr.type", 3, "9 months", "时长只能用在日期的加减中", "a duration can only"},
    // Arithmetic.
    {"charge + 1", "expr.type", 1, "charge + 1", "运算符“+”不能用于文本和整数",
     "operator '+' cannot be applied to text and integer"},
    {"decision_date - decision_date", "expr.type", 1, "decision_date - decision_date",
     "运算符“-”不能用于日期和日期", "use days_between"},
    {"decision_date + 9", "expr.type", 1, "decision_date + 9", "须写明单位", "date and integer"},
    {"decision_date + bac", "expr.type", 1, "decision_date + bac",
     "运算符“+"
     "”不能用于日期和小数（可用：数值与数值、金额与金额或数值常量、日期与时长）；日期加减数字须写明"
     "单位",
     "operator '+' cannot be applied to date and decimal (expected numbers with numbers, money "
     "with money or a numeric constant, a date with a duration); a number added to or subtracted "
     "from a date needs a unit"},
    {"decision_date - bac", "expr.type", 1, "decision_date - bac", "如 - 9 days 或 - 9 months",
     "as in - 9 days or - 9 months"},
    {"decision_date * 2", "expr.type", 1, "decision_date * 2", "运算符“*”不能用于日期和整数",
     "operator '*' cannot be applied to date and integer"},
    {"amount * paid", "expr.type", 1, "amount * paid", "运算符“*”不能用于金额和金额",
     "operator '*' cannot be applied to money and money"},
    {"2 / amount", "expr.type", 1, "2 / amount", "运算符“/”不能用于整数和金额",
     "operator '/' cannot be applied to integer and money"},
    {"bac % 2", "expr.type", 1, "bac % 2", "运算符“%”不能用于小数和整数", "operator '%'"},
    {"amount % 2", "expr.type", 1, "amount % 2", "运算符“%”", "operator '%'"},
    {"amount + count", "expr.type", 1, "amount + count", "运算符“+”不能用于金额和整数",
     "money and integer"},
    {"count - amount", "expr.type", 1, "count - amount", "金额只能与金额或数值常量相加减",
     "money adds only to money or a numeric constant"},
    {"amount + bac", "expr.type", 1, "amount + bac", "金额与金额或数值常量",
     "money with money or a numeric constant"},
    {"charge + charge", "expr.type", 1, "charge + charge", "文本和文本", "text and text"},
    {"bac + null", "expr.type", 1, "bac + null", "null 不能参与运算“+”", "coalesce"},
    {"flag + 1", "expr.type", 1, "flag + 1", "布尔和整数", "bool and integer"},
    // Durations.
    {"9 months", "expr.type", 1, "9 months", "时长只能用在日期的加减中",
     "a duration can only be the right operand"},
    {"count + 9 months", "expr.type", 1, "count + 9 months", "左侧为整数",
     "the left operand of '+' is integer"},
    {"9 months + decision_date", "expr.type", 1, "9 months", "时长只能用在日期的加减中",
     "right operand"},
    {"decision_date * 9 months", "expr.type", 17, "9 months", "时长", "duration"},
    {"decision_date + 1.5 months", "expr.type", 17, "1.5", "时长的数量应为整数，实际为小数",
     "the count of a duration must be an integer, got decimal"},
    {"decision_date + $as_of days", "expr.type", 17, "$as_of", "实际为日期", "got date"},
    {"decision_date + $threshold 天", "expr.type", 17, "$threshold", "实际为小数", "got decimal"},
    {"length(9 months) > 1", "expr.type", 8, "9 months", "时长", "duration"},
    // Comparisons.
    {"charge = 1", "expr.type", 1, "charge = 1", "比较运算符“=”两侧类型不兼容：文本与整数",
     "comparison '=' needs compatible types, got text and integer"},
    {"amount > count", "expr.type", 1, "amount > count", "金额只能与金额或数值常量比较",
     "money compares only with money or a numeric constant"},
    {"bac < amount", "expr.type", 1, "bac < amount", "小数与金额", "decimal and money"},
    {"amount = '5000'", "expr.type", 1, "amount = '5000'", "金额与文本", "money and text"},
    {"decision_date > '2023-01-01'", "expr.type", 1, "decision_date > '2023-01-01'",
     "日期与文本（可比较：数值与数值、金额与金额或数值常量、日期与日期、文本与文本）；日期常量请写"
     "作 "
     "date '2023-01-01'",
     "comparison '>' needs compatible types, got date and text (numbers with numbers, money with "
     "money or a numeric constant, dates with dates, text with text); write the date literal as "
     "date '2023-01-01'"},
    {"'2023-01-01' <= $as_of", "expr.type", 1, "'2023-01-01' <= $as_of", "日期常量请写作",
     "write the date literal"},
    {"decision_date = 2023", "expr.type", 1, "decision_date = 2023", "日期与整数",
     "date and integer"},
    {"flag < true", "expr.type", 1, "flag < true", "布尔值不能用“<”比较大小", "cannot be ordered"},
    {"flag = 1", "expr.type", 1, "flag = 1", "布尔与整数", "bool and integer"},
    {"contains(charge, 'a') = 1", "expr.type", 1, "contains(charge, 'a') = 1", "布尔与整数",
     "bool and integer"},
    {"bac = null", "expr.type", 1, "bac = null", "请用 is null", "use is null"},
    {"bac != null", "expr.type", 1, "bac != null", "请用 is not null", "use is not null"},
    {"null = null", "expr.type", 1, "null = null", "is null", "is null"},
    {"罚款金额 > '1'", "expr.type", 1, "罚款金额 > '1'", "金额与文本", "money and text"},
    // Lists and in.
    {"[1, 2]", "expr.type", 1, "[1, 2]", "列表只能用作函数参数或 in 的右侧",
     "a list can only be a function argument or the right side of in"},
    {"bac = [1]", "expr.type", 7, "[1]", "列表只能", "a list can only"},
    {"charge in [1, 2]", "expr.type", 1, "charge in [1, 2]",
     "“in”两侧类型不兼容：左侧为文本，列表为整数列表",
     "'in' needs compatible types, got text and list<integer>"},
    {"count not in ['a']", "expr.type", 1, "count not in ['a']", "“not in”两侧类型不兼容",
     "'not in' needs compatible types"},
    {"charge in ['a', 1]", "expr.type", 17, "1",
     "列表元素类型不一致：前面的元素为文本，此元素为整数",
     "list items must have one type: text before, integer here"},
    {"charge in [charge]", "expr.type", 12, "charge", "列表元素必须是常量", "must be constants"},
    {"count in [count + 1]", "expr.type", 11, "count + 1", "列表元素必须是常量",
     "must be constants"},
    {"charge in [null]", "expr.type", 12, "null", "列表中不能有 null", "cannot contain null"},
    {"null in [1]", "expr.type", 1, "null in [1]", "is null", "use is null"},
    {"decision_date in ['2023-01-01']", "expr.type", 1, "decision_date in ['2023-01-01']", "日期",
     "date and list<text>"},
    // Function calls.
    {"contains(charge)", "expr.type", 1, "contains(charge)",
     "函数 contains 需要 2 个参数，实际为 1 个", "function contains takes 2 arguments, got 1"},
    {"length(charge, 1)", "expr.type", 1, "length(charge, 1)",
     "函数 length 需要 1 个参数，实际为 2 个", "function length takes 1 argument, got 2"},
    {"year()", "expr.type", 1, "year()", "需要 1 个参数，实际为 0 个", "got 0"},
    {"contains(charge, 1)", "expr.type", 18, "1", "函数 contains 的第 2 个参数应为文本，实际为整数",
     "function contains expects text as argument 2, got integer"},
    {"contains(bac, 'a')", "expr.type", 10, "bac", "第 1 个参数应为文本，实际为小数",
     "expects text as argument 1, got decimal"},
    {"contains(案由, 1)", "expr.type", 14, "1", "第 2 个参数应为文本", "argument 2"},
    {"contains(charge, null)", "expr.type", 18, "null", "实际为空值", "got null"},
    {"contains_any(charge, 'a')", "expr.type", 22, "'a'", "请用 contains，或写作列表 ['a']",
     "for one word use contains, or write a list ['a']"},
    {"contains(charge, ['a'])", "expr.type", 18, "['a']", "请用 contains_any", "use contains_any"},
    {"contains_any(charge, [1, 2])", "expr.type", 22, "[1, 2]", "应为文本列表，实际为整数列表",
     "expects list<text> as argument 2, got list<integer>"},
    {"contains_any(charge, [charge])", "expr.type", 23, "charge", "列表元素必须是常量",
     "must be constants"},
    {"starts_with(amount, '1')", "expr.type", 13, "amount", "实际为金额", "got money"},
    {"length(bac)", "expr.type", 8, "bac", "函数 length 的第 1 个参数应为文本", "function length"},
    {"extract_bac(bac)", "expr.type", 13, "bac", "函数 extract_bac", "function extract_bac"},
    {"upper(1)", "expr.type", 7, "1", "函数 upper", "function upper"},
    {"lower(flag)", "expr.type", 7, "flag", "函数 lower", "function lower"},
    {"year(charge)", "expr.type", 6, "charge", "第 1 个参数应为日期，实际为文本",
     "expects date as argument 1, got text"},
    {"month(count)", "expr.type", 7, "count", "应为日期", "expects date"},
    {"days_between(decision_date, 1)", "expr.type", 29, "1", "第 2 个参数应为日期",
     "expects date as argument 2"},
    {"matches(charge, $keyword)", "expr.type", 17, "$keyword", "必须是字符串常量",
     "expects a string literal"},
    {"matches(charge, 'a' )  and matches(charge, lower('a'))", "expr.type", 44, "lower('a')",
     "必须是字符串常量", "string literal"},
    {"matches(charge, '(abc')", "expr.bad_regex", 17, "'(abc'", "正则表达式无效",
     "invalid regular expression"},
    {"matches(charge, '[a-')", "expr.bad_regex", 17, "'[a-'", "正则表达式无效", "invalid"},
    {"matches(charge, 'a{2,1}')", "expr.bad_regex", 17, "'a{2,1}'", "重复次数", "repetition"},
    {"matches(charge, '*a')", "expr.bad_regex", 17, "'*a'", "正则表达式无效", "invalid"},
    {"matches(charge, 'a)')", "expr.bad_regex", 17, "'a)'", "括号不配对", "mismatched"},
    {"matches(案由, '醉酒(')", "expr.bad_regex", 13, "'醉酒('", "模式的第 4 个字符",
     "at character 4 of the pattern"},
    {"is_valid('a')", "expr.type", 10, "'a'", "is_valid 的参数必须是字段名", "takes a field name"},
    {"is_valid(bac + 1)", "expr.type", 10, "bac + 1", "字段名", "field name"},
    {"is_valid(charge, bac)", "expr.type", 1, "is_valid(charge, bac)", "需要 1 个参数",
     "takes 1 argument"},
    {"coalesce(bac)", "expr.type", 1, "coalesce(bac)", "至少需要 2 个参数", "at least 2 arguments"},
    {"coalesce(null, null)", "expr.type", 1, "coalesce(null, null)", "不是 null 的参数",
     "not null"},
    {"coalesce(charge, 1)", "expr.type", 18, "1",
     "函数 coalesce 的参数类型应一致：前面的参数为文本，第 2 个参数为整数",
     "the arguments of coalesce must have one type: text before, integer as argument 2"},
    {"coalesce(amount, count)", "expr.type", 18, "count", "金额", "money"},
    {"coalesce(count, amount)", "expr.type", 17, "amount", "第 2 个参数为金额",
     "money as argument 2"},
    {"coalesce(decision_date, '2023-01-01')", "expr.type", 25, "'2023-01-01'", "日期", "date"},
    {"coalesce(charge, [1])", "expr.type", 18, "[1]", "列表只能", "a list can only"},
};

class CheckError : public ::testing::TestWithParam<ErrorCase> {};

TEST_P(CheckError, SaysWhatAndWhere) {
  const ErrorCase& c = GetParam();
  Result<TypedExpr> typed = compile_expression(c.text, schema());
  ASSERT_FALSE(typed.ok()) << to_string(typed->type);
  const Error& err = typed.error();
  EXPECT_EQ(err.code(), c.code) << err.message();
  EXPECT_EQ(err.where().column, c.column) << err.message();
  ASSERT_TRUE(err.where().value.has_value());
  EXPECT_EQ(*err.where().value, c.value);
  EXPECT_NE(err.zh().find(c.zh), std::string::npos) << err.zh();
  EXPECT_NE(err.en().find(c.en), std::string::npos) << err.en();
}

INSTANTIATE_TEST_SUITE_P(Table, CheckError, ::testing::ValuesIn(kErrors));

TEST(Check, UnknownFieldMessageIsExact) {
  Result<TypedExpr> typed = compile_expression("decison_date + 9 months", schema());
  ASSERT_FALSE(typed.ok());
  EXPECT_EQ(typed.error().zh(), "未知字段“decison_date”，是否应为“decision_date”？");
  EXPECT_EQ(typed.error().en(), "unknown field \"decison_date\"; did you mean \"decision_date\"?");
}

TEST(Check, SetsNodeTypesAndFunctions) {
  Result<ExprPtr> parsed = parse_expression("coalesce(amount, 0) * 2 > $min_amount");
  ASSERT_TRUE(parsed.ok());
  Expr& root = **parsed;
  Result<Type> type = check_expression(root, schema());
  ASSERT_TRUE(type.ok()) << type.error().message();
  EXPECT_EQ(*type, Type(TypeKind::boolean));
  const Expr& product = *root.children[0];
  EXPECT_EQ(product.type, Type(TypeKind::money));
  const Expr& call = *product.children[0];
  EXPECT_EQ(call.function, Function::coalesce);
  EXPECT_EQ(call.type, Type(TypeKind::money));
  EXPECT_EQ(call.children[1]->type, Type(TypeKind::integer));  // constants keep their own type
  EXPECT_EQ(root.children[1]->type, Type(TypeKind::money));
}

TEST(Check, ListAndDurationNodeTypes) {
  Result<TypedExpr> typed =
      compile_expression("bac in [1, 2.5] and decision_date + 9 months < $as_of", schema());
  ASSERT_TRUE(typed.ok()) << typed.error().message();
  const Expr& in = *typed->root->children[0];
  EXPECT_EQ(in.children[1]->type, Type::list_of(TypeKind::decimal));
  EXPECT_EQ(to_string(in.children[1]->type), "list<decimal>");
  const Expr& sum = *typed->root->children[1]->children[0];
  EXPECT_EQ(sum.children[1]->type, Type(TypeKind::duration));
  EXPECT_EQ(sum.children[1]->children[0]->type, Type(TypeKind::integer));
}

TEST(Check, QualifiedOnlyEnvironmentSuggestsQualifiedNames) {
  TypeEnvironment env;
  env.fields = {{"penalties.amount", TypeKind::money}};
  Result<TypedExpr> typed = compile_expression("amout > 0", env);
  ASSERT_FALSE(typed.ok());
  EXPECT_EQ(typed.error().code(), "expr.unknown_name");
  EXPECT_NE(typed.error().en().find("known fields: penalties.amount"), std::string::npos)
      << typed.error().en();
}

TEST(Check, NoParametersDefined) {
  Result<TypedExpr> typed = compile_expression("$x", TypeEnvironment{});
  ASSERT_FALSE(typed.ok());
  EXPECT_NE(typed.error().zh().find("模型没有定义参数"), std::string::npos);
}

TEST(Check, ParseErrorsPassThrough) {
  Result<TypedExpr> typed = compile_expression("bac >", schema());
  ASSERT_FALSE(typed.ok());
  EXPECT_EQ(typed.error().code(), "expr.syntax");
  EXPECT_EQ(typed.error().where().column, 6);
}

TEST(Types, Names) {
  EXPECT_EQ(to_string(Type(TypeKind::boolean)), "bool");
  EXPECT_EQ(to_string(Type::list_of(TypeKind::text)), "list<text>");
  EXPECT_EQ(type_label_zh(Type::list_of(TypeKind::text)), "文本列表");
  EXPECT_EQ(type_label_zh(Type(TypeKind::money)), "金额");
  EXPECT_EQ(type_from_name("bool"), Type(TypeKind::boolean));
  EXPECT_EQ(type_from_name("boolean"), Type(TypeKind::boolean));
  EXPECT_EQ(type_from_name("money"), Type(TypeKind::money));
  EXPECT_EQ(type_from_name("null"), Type(TypeKind::unknown));
  EXPECT_EQ(type_from_name("Text"), Type(TypeKind::unknown));
}

}  // namespace
}  // namespace shanhai::model
