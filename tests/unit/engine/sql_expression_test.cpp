// Expressions compiled to SQL and run by SQLite on one row, against values worked out by hand
// from docs/model-expressions.md and the representation of engine/table.h.
#include "engine/sql_expression.h"

#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <optional>
#include <variant>

#include "engine/sqlite_functions.h"
#include "model/expr_types.h"
#include "normalize/date.h"

namespace shanhai::engine {
namespace {

using model::TypeKind;

// Null, an integer (every fixed type) or a text.
using Value = std::variant<std::monostate, int64_t, std::string>;

int64_t days(int y, int m, int d) { return normalize::days_from_civil(y, m, d); }

Column one(TypeKind kind, std::optional<int64_t> v) {
  Column c;
  c.type = kind;
  c.values.push_back(v.value_or(0));
  c.present.push_back(v ? 1 : 0);
  return c;
}

class SqlExpressionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(register_sql_functions(db_.getHandle()).ok());
    // A misspelt column must be an error, not a string literal.
    sqlite3_db_config(db_.getHandle(), SQLITE_DBCONFIG_DQS_DML, 0, nullptr);
    sqlite3_db_config(db_.getHandle(), SQLITE_DBCONFIG_DQS_DDL, 0, nullptr);
    db_.exec(
        "CREATE TABLE t (i INTEGER, n INTEGER, x INTEGER, amount INTEGER, m INTEGER, d INTEGER, "
        "s TEXT, z TEXT, \"_valid_s\" INTEGER, \"_valid_z\" INTEGER)");
    SQLite::Statement insert(db_,
                             "INSERT INTO t VALUES (7, NULL, 1250000, 500050, NULL, ?, "
                             "'Abc中文', NULL, 0, 0)");
    insert.bind(1, static_cast<int64_t>(days(2023, 1, 31)));
    insert.exec();
    env_.fields = {{"i", TypeKind::integer},    {"n", TypeKind::integer}, {"x", TypeKind::decimal},
                   {"amount", TypeKind::money}, {"m", TypeKind::money},   {"d", TypeKind::date},
                   {"s", TypeKind::text},       {"z", TypeKind::text}};
    env_.params = {
        {"limit", TypeKind::money}, {"k", TypeKind::integer}, {"half", TypeKind::decimal}};
    for (const auto& [name, type] : env_.fields) {
      const std::string column = quote_identifier(name);
      fields_[name] = SqlField{column, "(" + column + " IS NOT NULL)"};
    }
    fields_["s"].valid = quote_identifier("_valid_s");
    fields_["z"].valid = quote_identifier("_valid_z");
    params_.emplace("limit", one(TypeKind::money, 500000));
    params_.emplace("k", one(TypeKind::integer, 3));
    params_.emplace("half", one(TypeKind::decimal, 500000));
  }

  Value eval(const std::string& text) {
    auto typed = model::compile_expression(text, env_);
    EXPECT_TRUE(typed.ok()) << text << ": " << (typed.ok() ? "" : typed.error().message());
    if (!typed.ok()) return {};
    auto sql = expression_sql(*typed.value().root, fields_, params_);
    EXPECT_TRUE(sql.ok()) << text;
    if (!sql.ok()) return {};
    SQLite::Statement q(db_, "SELECT " + sql.value() + " FROM t");
    EXPECT_TRUE(q.executeStep());
    const SQLite::Column c = q.getColumn(0);
    if (c.isNull()) return {};
    if (c.getType() == SQLITE_INTEGER) return c.getInt64();
    if (c.getType() == SQLITE_TEXT) return c.getString();
    ADD_FAILURE() << text << " gives an SQL value of type " << c.getType();
    return {};
  }

  SQLite::Database db_{":memory:", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE};
  model::TypeEnvironment env_;
  SqlFields fields_;
  Parameters params_;
};

const Value kNull = std::monostate{};
Value I(int64_t v) { return v; }
Value T(std::string v) { return v; }

TEST_F(SqlExpressionTest, MonthsClampToTheEndOfAShorterMonth) {
  EXPECT_EQ(eval("date '2023-01-31' + 1 month"), I(days(2023, 2, 28)));
  EXPECT_EQ(eval("date '2024-01-31' + 1 month"), I(days(2024, 2, 29)));
  EXPECT_EQ(eval("date '2024-02-29' + 1 year"), I(days(2025, 2, 28)));
  EXPECT_EQ(eval("date '2023-03-31' - 1 month"), I(days(2023, 2, 28)));
  EXPECT_EQ(eval("date '2023-05-15' + (-3) months"), I(days(2023, 2, 15)));
  EXPECT_EQ(eval("date '1969-12-31' + 2 months"), I(days(1970, 2, 28)));
  EXPECT_EQ(eval("date '2023-12-31' + 14 months"), I(days(2025, 2, 28)));
  EXPECT_EQ(eval("d + 1 month"), I(days(2023, 2, 28)));
  EXPECT_EQ(eval("d + $k months"), I(days(2023, 4, 30)));
  EXPECT_EQ(eval("d + (n) months"), kNull);
  EXPECT_EQ(eval("d - 2 weeks"), I(days(2023, 1, 17)));
  EXPECT_EQ(eval("d + 1 day"), I(days(2023, 2, 1)));
  // The engine's calendar is years 1–9999.
  EXPECT_EQ(eval("date '0001-02-28' - 1 month"), I(days(1, 1, 28)));
  EXPECT_EQ(eval("date '0001-01-31' - 1 month"), kNull);
  EXPECT_EQ(eval("date '2023-12-31' - 2023 years"), kNull);
  EXPECT_EQ(eval("date '9999-12-31' - 0 months"), I(days(9999, 12, 31)));
  EXPECT_EQ(eval("date '9999-12-31' + 1 month"), kNull);
}

TEST_F(SqlExpressionTest, DateFunctions) {
  EXPECT_EQ(eval("year(date '2024-02-29')"), I(2024));
  EXPECT_EQ(eval("month(date '2024-02-29')"), I(2));
  EXPECT_EQ(eval("month(date '1969-12-31')"), I(12));
  EXPECT_EQ(eval("days_between(date '2023-01-01', date '2023-03-01')"), I(59));
  EXPECT_EQ(eval("days_between(date '2023-03-01', date '2023-01-01')"), I(-59));
}

TEST_F(SqlExpressionTest, DecimalArithmeticIsFixedPointRoundedHalfAwayFromZero) {
  EXPECT_EQ(eval("7 / 2"), I(3'500'000));
  EXPECT_EQ(eval("-7 / 2"), I(-3'500'000));
  EXPECT_EQ(eval("1 / 3"), I(333'333));
  EXPECT_EQ(eval("2 / 3"), I(666'667));
  EXPECT_EQ(eval("-2 / 3"), I(-666'667));
  EXPECT_EQ(eval("0.5 * 0.5"), I(250'000));
  EXPECT_EQ(eval("0.000001 * 0.5"), I(1));
  EXPECT_EQ(eval("-0.000001 * 0.5"), I(-1));
  EXPECT_EQ(eval("0.000001 * 0.4"), I(0));
  EXPECT_EQ(eval("x * 2"), I(2'500'000));
  EXPECT_EQ(eval("x + 1"), I(2'250'000));
  EXPECT_EQ(eval("1.25 / 0.5"), I(2'500'000));
  EXPECT_EQ(eval("i / 0"), kNull);
  EXPECT_EQ(eval("i % 0"), kNull);
  EXPECT_EQ(eval("-7 % 3"), I(-1));
  EXPECT_EQ(eval("i * 3 - 1"), I(20));
  EXPECT_EQ(eval("n + 1"), kNull);
  EXPECT_EQ(eval("x / $half"), I(2'500'000));
  // Large operands whose product before rescaling leaves int64; the result does not.
  EXPECT_EQ(eval("x * 3000000.5"), I(3'750'000'625'000));
  EXPECT_EQ(eval("-3000000.5 * x"), I(-3'750'000'625'000));
  EXPECT_EQ(eval("3000000.5 / 0.000003"), I(1'000'000'166'666'666'667));
  EXPECT_EQ(eval("-7 / 0.000003"), I(-2'333'333'333'333));
}

TEST_F(SqlExpressionTest, MoneyIsInFenAndConstantsAreYuan) {
  EXPECT_EQ(eval("amount > 5000"), I(1));
  EXPECT_EQ(eval("amount = 5000.5"), I(1));
  EXPECT_EQ(eval("amount = 5000.50001"), I(0));
  EXPECT_EQ(eval("5000.51 > amount"), I(1));
  EXPECT_EQ(eval("amount >= $limit"), I(1));
  EXPECT_EQ(eval("amount + 0.005"), I(500'051));
  EXPECT_EQ(eval("amount - 0.004"), I(500'050));
  EXPECT_EQ(eval("100 - amount"), I(10'000 - 500'050));
  EXPECT_EQ(eval("amount * 0.5"), I(250'025));
  EXPECT_EQ(eval("amount * 2"), I(1'000'100));
  EXPECT_EQ(eval("amount / 3"), I(166'683));
  EXPECT_EQ(eval("amount / 0.3"), I(1'666'833));
  EXPECT_EQ(eval("amount / amount"), I(1'000'000));
  EXPECT_EQ(eval("amount / 0.000001"), I(500'050'000'000));
  EXPECT_EQ(eval("amount * 3000000.5"), I(1'500'150'250'025));
  EXPECT_EQ(eval("-amount"), I(-500'050));
  EXPECT_EQ(eval("coalesce(m, 5)"), I(500));
  EXPECT_EQ(eval("coalesce(m, 0.125)"), I(13));
  EXPECT_EQ(eval("amount in [5000.5, 1]"), I(1));
  EXPECT_EQ(eval("amount in [$limit]"), I(0));
  EXPECT_EQ(eval("m in [1]"), kNull);
}

TEST_F(SqlExpressionTest, NumbersCompareByValue) {
  EXPECT_EQ(eval("i = 7.0"), I(1));
  EXPECT_EQ(eval("x < 2"), I(1));
  EXPECT_EQ(eval("i in [7.0, 8.5]"), I(1));
  EXPECT_EQ(eval("x in [1, 2]"), I(0));
  EXPECT_EQ(eval("x not in [1.25]"), I(0));
  EXPECT_EQ(eval("coalesce(n, 2.5)"), I(2'500'000));
  EXPECT_EQ(eval("coalesce(n, i, 1)"), I(7));
}

TEST_F(SqlExpressionTest, TextFunctions) {
  EXPECT_EQ(eval("contains(s, '')"), I(1));
  EXPECT_EQ(eval("contains(s, 'c中')"), I(1));
  EXPECT_EQ(eval("contains(z, '')"), kNull);
  EXPECT_EQ(eval("contains_any(s, ['x', '文'])"), I(1));
  EXPECT_EQ(eval("contains_any(s, ['x', 'y'])"), I(0));
  EXPECT_EQ(eval("starts_with(s, 'Ab')"), I(1));
  EXPECT_EQ(eval("starts_with(s, 'b')"), I(0));
  EXPECT_EQ(eval("starts_with(s, '')"), I(1));
  EXPECT_EQ(eval("length(s)"), I(5));
  EXPECT_EQ(eval("lower(s)"), T("abc中文"));
  EXPECT_EQ(eval("upper('Àbc')"), T("ÀBC"));
  EXPECT_EQ(eval("matches(s, '\\p{Han}{2}$')"), I(1));
  EXPECT_EQ(eval("matches(s, '^bc')"), I(0));
  EXPECT_EQ(eval("matches(z, 'a')"), kNull);
  EXPECT_EQ(eval("extract_bac('血液中乙醇含量为186.5mg/100ml')"), I(186'500'000));
  EXPECT_EQ(eval("extract_bac('1.865g/L')"), I(186'500'000));
  EXPECT_EQ(eval("extract_bac('未检出')"), I(0));
  EXPECT_EQ(eval("extract_bac('无记录')"), kNull);
  EXPECT_EQ(eval("s < 'B'"), I(1));
  EXPECT_EQ(eval("'中' > 'z'"), I(1));
}

TEST_F(SqlExpressionTest, NullsFollowThreeValuedLogic) {
  EXPECT_EQ(eval("n > 1 or true"), I(1));
  EXPECT_EQ(eval("n > 1 and false"), I(0));
  EXPECT_EQ(eval("not (n > 1)"), kNull);
  EXPECT_EQ(eval("n is null"), I(1));
  EXPECT_EQ(eval("is_valid(s)"), I(0));
  EXPECT_EQ(eval("is_valid(i)"), I(1));
  EXPECT_EQ(eval("is_valid(n)"), I(0));
  EXPECT_EQ(eval("coalesce(z, s)"), T("Abc中文"));
}

}  // namespace
}  // namespace shanhai::engine
