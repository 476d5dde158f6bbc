// The built-in models of models/ run on small hand-made inputs, both by the engine and by SQLite
// executing the generated SQL (tests/support/sqlite_oracle.h): every step must give the same rows
// and lineage. The inputs are chosen for the edges: nulls in keys and dates, duplicates,
// alternative key sets with their where conditions, month ends, windows exactly at their bounds.
// Each test also pins the lead step's rows, worked out by hand, on the SQL side.
#include <gtest/gtest.h>

#include <algorithm>

#include "model/spec_loader.h"
#include "support/sqlite_oracle.h"
#include "support/table_builder.h"

namespace shanhai::testing {
namespace {

using model::TypeKind;
using std::nullopt;

const std::filesystem::path kModels = std::filesystem::path(SHANHAI_SOURCE_DIR) / "models";

struct BuiltinModel {
  model::ModelSpec spec;
  model::ValidatedSpec validated;
  std::map<std::string, engine::Table> inputs;
  engine::Parameters params;

  explicit BuiltinModel(const std::string& id) {
    auto s = model::load_spec_file(kModels / id / "model.yaml");
    EXPECT_TRUE(s.ok()) << s.error().message();
    spec = std::move(s.value());
    auto v = model::validate_spec(spec);
    EXPECT_TRUE(v.ok()) << v.error().message();
    validated = std::move(v.value());
  }

  uint32_t index(const std::string& input) const {
    for (size_t i = 0; i < spec.inputs.size(); ++i) {
      if (spec.inputs[i].name.text == input) return static_cast<uint32_t>(i);
    }
    ADD_FAILURE() << "no input " << input;
    return 0;
  }

  void input(const std::string& name, std::vector<std::pair<std::string, engine::Column>> columns) {
    inputs[name] = make_table(index(name), std::move(columns));
  }

  // The cells of `field` in the SQL output of `step`, sorted (null as kNullCell).
  std::vector<std::string> sql_cells(const std::string& step, const std::string& field) {
    auto oracle = SqliteOracle::open(spec, validated, inputs);
    EXPECT_TRUE(oracle.ok()) << oracle.error().message();
    auto rows = oracle.value().run_step(spec, validated, params, step);
    EXPECT_TRUE(rows.ok()) << rows.error().message();
    if (!rows.ok()) return {};
    const auto& columns = rows.value().columns;
    const size_t at =
        static_cast<size_t>(std::find(columns.begin(), columns.end(), field) - columns.begin());
    std::vector<std::string> cells;
    for (const CanonicalRow& r : rows.value().rows) cells.push_back(r.cells.at(at));
    std::sort(cells.begin(), cells.end());
    return cells;
  }
};

const std::string kNull(kNullCell);

void fill_admin_penalty_enforcement(BuiltinModel& m) {
  m.params.emplace("as_of", parameter_value(TypeKind::date, day("2024-06-30")));
  const auto money = [](std::vector<std::optional<int64_t>> v) {
    return value_column(TypeKind::money, v);
  };
  const auto dates = [](std::vector<std::optional<std::string>> v) {
    std::vector<std::optional<int64_t>> days;
    for (const auto& d : v) days.push_back(d ? std::optional<int64_t>(day(*d)) : nullopt);
    return value_column(TypeKind::date, days);
  };
  // Row by row: 0 paid by number; 1 exactly 9 months on the as_of day (not overdue); 2 paid by
  // party and amount; 3 a payment of another amount, and one with a number (its where fails):
  // a lead; 4 enforced through the party; 5 no number, unpaid, unenforced: a lead; 6 no party,
  // enforced by number; 7 no date; 8 a duplicate of 3; 9 paid twice; 10 paid by party and amount.
  m.input("penalties",
          {{"decision_no",
            with_validity(
                text_column({"林罚决字〔2023〕1号", "林罚决字〔2023〕2号", "林罚决字〔2023〕3号",
                             "林罚决字〔2023〕4号", "林罚决字〔2023〕5号", nullopt,
                             "林罚决字〔2023〕7号", "林罚决字〔2023〕8号", "林罚决字〔2023〕4号",
                             "林罚决字〔2023〕10号", "林罚决字〔2023〕11号"}),
                {true, true, true, false, true, true, true, true, false, true, true})},
           {"party_name", text_column({"张三", "李四", "王五", "赵六", nullopt, "孙七", "周八",
                                       "冯九", "赵六", "吴九", "郑十"})},
           {"party_id",
            text_column({"P1", "P2", "P3", "P4", "P5", "P6", nullopt, "P8", "P4", "P9", "P10"})},
           {"amount",
            money({500000, 100000, 200000, 300000, 50050, 100000, 70000, 1000, 300000, 1, 990000})},
           {"decision_date",
            dates({"2023-01-31", "2023-09-30", "2023-09-29", "2023-05-31", "2022-12-31",
                   "2023-01-01", "2023-02-28", nullopt, "2023-05-31", "2023-08-31", "2023-03-31"})},
           {"agency", text_column({"林业局", nullopt, "林业局", "林业局", "自然资源局", "林业局",
                                   "林业局", "林业局", "林业局", "林业局", ""})}});
  m.input("payments",
          {{"decision_no", text_column({"林罚决字〔2023〕1号", nullopt, nullopt, "其他", nullopt,
                                        "林罚决字〔2023〕10号", "林罚决字〔2023〕10号", nullopt})},
           {"party_id", text_column({"P1", "P3", "P4", "P4", nullopt, "P9", "P9", "P10"})},
           {"amount", money({500000, 200000, 299999, 300000, 70000, 1, 1, 990000})},
           {"paid_date", dates({"2023-02-10", "2023-10-01", "2023-06-01", "2023-06-01",
                                "2023-03-01", nullopt, "2023-09-01", "2023-04-01"})}});
  m.input("applications",
          {{"decision_no", text_column({"林罚决字〔2023〕99号", nullopt, "林罚决字〔2023〕7号"})},
           {"party_id", text_column({"P5", nullopt, "P7x"})},
           {"filed_date", dates({"2024-01-01", nullopt, "2024-02-02"})}});
}

TEST(OracleBuiltinTest, AdminPenaltyEnforcement) {
  BuiltinModel m("admin-penalty-enforcement");
  fill_admin_penalty_enforcement(m);
  EXPECT_EQ(m.sql_cells("overdue", "decision_no").size(), 9u);
  EXPECT_EQ(m.sql_cells("unenforced", "decision_no"),
            (std::vector<std::string>{kNull, "林罚决字〔2023〕4号", "林罚决字〔2023〕4号"}));
  EXPECT_EQ(compare_engine_with_sql(m.spec, m.validated, m.inputs, m.params), "");
}

void fill_ancient_trees_protection(BuiltinModel& m) {
  const auto dates = [](std::vector<std::optional<std::string>> v) {
    std::vector<std::optional<int64_t>> days;
    for (const auto& d : v) days.push_back(d ? std::optional<int64_t>(day(*d)) : nullopt);
    return value_column(TypeKind::date, days);
  };
  m.input("census",
          {{"tree_no", text_column({"T1", "T2", "T3", "T4", "T5", "T6"})},
           {"county",
            with_validity(text_column({"临安区", "临安区", "淳安县", nullopt, "建德市", "建德市"}),
                          {true, true, true, false, false, false})},
           {"town", text_column({"镇A", nullopt, "镇B", nullopt, "镇C", "镇C"})},
           {"species", text_column({"银杏", "香樟", "银杏", "松", "柏", "柏"})},
           {"grade", text_column({"一级", "二级", "一级", "三级", "一级", "一级"})}});
  m.input("funds", {{"county", text_column({"临安区", "淳安县", nullopt, "建德市"})},
                    {"purpose", text_column({"古树名木保护专项", "道路维修", "名木养护", nullopt})},
                    {"amount", value_column(TypeKind::money, {1000000, 500000, 100, 100})},
                    {"date", dates({"2023-03-01", "2023-03-02", nullopt, "2023-01-01"})}});
  // Inspection 0 is punished exactly 180 days later, 2 a day too late (and once before), 3 has no
  // date, 4 no tree number, 5 a penalty without a date, 6 a penalty the same day.
  m.input("inspections", {{"tree_no", text_column({"T1", "T2", "T3", "T3", nullopt, "T5", "T1"})},
                          {"problem", text_column({"树皮被剥皮", "正常", "根系裸露", "堆放柴草",
                                                   "缠绕铁丝", "寄生植物", "缠绕铁丝"})},
                          {"date", dates({"2023-01-31", "2023-02-01", "2023-03-01", nullopt,
                                          "2023-04-01", "2023-06-30", "2023-08-31"})}});
  m.input("penalties",
          {{"tree_no", text_column({"T1", "T3", "T3", "T5", nullopt, "T1"})},
           {"location", text_column({"某村", nullopt, "某镇", "某地", "某地", "某村"})},
           {"date", dates({"2023-07-30", "2023-08-29", "2023-02-28", nullopt, "2023-04-02",
                           "2023-08-31"})}});
}

TEST(OracleBuiltinTest, AncientTreesProtection) {
  BuiltinModel m("ancient-trees-protection");
  fill_ancient_trees_protection(m);
  EXPECT_EQ(m.sql_cells("counties", "county"),
            (std::vector<std::string>{kNull, "临安区", "建德市", "淳安县"}));
  EXPECT_EQ(m.sql_cells("unfunded_counties", "county"),
            (std::vector<std::string>{kNull, "建德市", "淳安县"}));
  EXPECT_EQ(m.sql_cells("unpunished_damage", "problem"),
            (std::vector<std::string>{"堆放柴草", "寄生植物", "根系裸露", "缠绕铁丝"}));
  EXPECT_EQ(m.sql_cells("never_inspected", "tree_no"), (std::vector<std::string>{"T4", "T6"}));
  EXPECT_EQ(compare_engine_with_sql(m.spec, m.validated, m.inputs, m.params), "");
}

void fill_dui_licence_not_revoked(BuiltinModel& m) {
  m.params.emplace("threshold", parameter_value(TypeKind::decimal, 80'000'000));
  const std::string id1 = "330101199001011234";
  const std::string id2 = "330101199002021238";
  const std::string id3 = "33010119900303123X";
  const std::string id4 = "330101199004041230";
  m.input(
      "judgments",
      {{"case_number",
        text_column({"(2023)浙0101刑初1号", "(2023)浙0101刑初2号", "(2023)浙0101刑初3号",
                     "(2023)浙0101刑初4号", "(2023)浙0101刑初5号", "(2023)浙0101刑初6号",
                     "(2023)浙0101刑初7号", "(2023)浙0101刑初8号"})},
       {"defendant_name",
        text_column({"张三", "李四", "王五", "赵六", "孙七", "周八", "张三", "郑十"})},
       {"defendant_id", with_validity(text_column({id1, id2, id3, id4, "id5", "id6", id1, nullopt}),
                                      {true, true, true, true, false, false, true, false})},
       {"judgment_date",
        value_column(TypeKind::date,
                     {day("2023-03-01"), day("2023-03-31"), nullopt, day("2024-02-29"),
                      day("2023-01-01"), day("2023-01-02"), day("2023-12-31"), day("2023-06-30")})},
       {"charge", text_column({"危险驾驶罪", "危险驾驶罪", nullopt, "危险驾驶罪", "危险驾驶罪",
                               "危险驾驶罪", "危险驾驶罪", ""})},
       {"bac_text",
        text_column({"经检验，血液中乙醇含量为186.5mg/100ml", "80mg/100ml", "79.9mg/100ml",
                     "1.865g/L", nullopt, "未检出", "0.8mg/ml", "200毫克/100毫升"})}});
  m.input("licences",
          {{"holder_name", text_column({"张三", "张三", "李四", "赵六", nullopt, "王五", "赵六"})},
           {"holder_id", text_column({id1, id1, id2, id4, nullopt, id3, id4})},
           {"status", text_column({"正常", "吊销", "正常", "注销", "正常", "正常", "正常"})},
           {"status_date",
            value_column(TypeKind::date, {day("2020-01-01"), day("2023-05-01"), nullopt,
                                          day("2024-03-01"), nullopt, nullopt, nullopt})}});
}

TEST(OracleBuiltinTest, DuiLicenceNotRevoked) {
  BuiltinModel m("dui-licence-not-revoked");
  fill_dui_licence_not_revoked(m);
  EXPECT_EQ(m.sql_cells("with_bac", "bac"),
            (std::vector<std::string>{"0", "186.5", "186.5", "200", "79.9", "80", "80", kNull}));
  EXPECT_EQ(m.sql_cells("licensed", "case_number"),
            (std::vector<std::string>{"(2023)浙0101刑初1号", "(2023)浙0101刑初2号",
                                      "(2023)浙0101刑初4号", "(2023)浙0101刑初7号"}));
  EXPECT_EQ(m.sql_cells("not_revoked", "case_number"),
            (std::vector<std::string>{"(2023)浙0101刑初2号"}));
  EXPECT_EQ(compare_engine_with_sql(m.spec, m.validated, m.inputs, m.params), "");
}

// Every input repeated past the engine's batch size (65,536 rows), run on four threads: the
// parallel paths must give what SQLite gives.
TEST(OracleBuiltinTest, ManyRowsOnFourThreads) {
  const std::vector<std::pair<std::string, void (*)(BuiltinModel&)>> models = {
      {"admin-penalty-enforcement", fill_admin_penalty_enforcement},
      {"ancient-trees-protection", fill_ancient_trees_protection},
      {"dui-licence-not-revoked", fill_dui_licence_not_revoked}};
  for (const auto& [id, fill] : models) {
    BuiltinModel m(id);
    fill(m);
    // The first input (what every lead is about) is large; the others are joined against it, so
    // they stay small enough for SQLite's nested loops.
    const std::string& first = m.spec.inputs.front().name.text;
    engine::Table& big = m.inputs.at(first);
    big = repeated(big, 0, 70'000 / big.rows() + 1);
    ASSERT_GT(big.rows(), 65'536u);
    EXPECT_EQ(compare_engine_with_sql(m.spec, m.validated, m.inputs, m.params, nullptr, 4), "")
        << id;
  }
}

}  // namespace
}  // namespace shanhai::testing
