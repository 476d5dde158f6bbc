// The executor on small hand-made inputs: the semantics docs/engine.md promises, one behaviour
// per test (the SQLite oracle tests compare whole models; these pin down the decisions).
#include "engine/executor.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "engine/input_column.h"
#include "support/small_model.h"

namespace shanhai::engine {
namespace {

using Rows = std::vector<std::vector<std::string>>;

// A model with the given inputs/steps YAML and one lead on `lead_step`.
struct Fixture : shanhai::testing::SmallModel {
  std::map<std::string, Table> inputs;
  Parameters params;

  Fixture(const std::string& body, const std::string& lead_step, const std::string& subject) {
    shanhai::testing::load_small_model(*this, body, lead_step, subject);
  }

  void input(const std::string& name, const Rows& rows) {
    for (size_t i = 0; i < spec.inputs.size(); ++i) {
      const model::Input& in = spec.inputs[i];
      if (in.name.text != name) continue;
      Table t;
      for (size_t f = 0; f < in.fields.size(); ++f) {
        const auto element = normalize::element_from_name(in.fields[f].element.text).value();
        Column c = normalise_cells(element, rows.size(),
                                   [&](size_t r) { return std::string_view(rows[r][f]); });
        t.columns.push_back({in.fields[f].name.text, std::make_shared<const Column>(c)});
      }
      for (size_t r = 0; r < rows.size(); ++r) {
        t.lineage.append_single({static_cast<uint32_t>(i), static_cast<uint32_t>(r)});
      }
      inputs[name] = std::move(t);
    }
  }

  void param(const std::string& name, const std::string& value) { given.emplace_back(name, value); }
  std::vector<std::pair<std::string, std::string>> given;

  // Rows of `step`, each as "cell|cell|… @input:row,input:row".
  std::vector<std::string> run(const std::string& step, unsigned threads = 1) {
    auto p = resolve_parameters(spec, given, 19723);  // 2024-01-01
    EXPECT_TRUE(p.ok()) << p.error().message();
    ExecutionOptions o;
    o.threads = threads;
    auto out = execute(spec, validated, inputs, p.value(), o);
    EXPECT_TRUE(out.ok()) << out.error().message();
    const Table& t = out.value().at(step);
    std::vector<std::string> rows;
    for (size_t r = 0; r < t.rows(); ++r) {
      std::string line;
      for (const auto& c : t.columns) {
        line +=
            (line.empty() ? "" : "|") + (c.column->is_null(r) ? "∅" : format_cell(*c.column, r));
      }
      line += " @";
      for (const RowRef& ref : t.lineage.of(r)) {
        line += std::to_string(ref.input) + ":" + std::to_string(ref.row) + ",";
      }
      rows.push_back(line);
    }
    std::sort(rows.begin(), rows.end());
    return rows;
  }
};

using ::testing::ElementsAre;

TEST(Executor, MonthsClampToTheEndOfAShorterMonth) {
  Fixture f(R"y(inputs:
  a: {fields: {d: {element: date}}}
steps:
  - {id: s, kind: derive, from: a, fields: {m: "d + 1 month", y: "d + 1 year", back: "d - 1 month"}}
)y",
            "s", "d");
  f.input("a", {{"2023-01-31"}, {"2024-02-29"}, {"2024-03-31"}, {""}});
  EXPECT_THAT(f.run("s"),
              ElementsAre("2023-01-31|2023-02-28|2024-01-31|2022-12-31 @0:0,",
                          "2024-02-29|2024-03-29|2025-02-28|2024-01-29 @0:1,",
                          "2024-03-31|2024-04-30|2025-03-31|2024-02-29 @0:2,", "∅|∅|∅|∅ @0:3,"));
}

TEST(Executor, MoneyArithmeticIsExactAndRoundsHalfAwayFromZeroToFen) {
  Fixture f(R"y(inputs:
  a: {fields: {m: {element: money}}}
steps:
  - {id: s, kind: derive, from: a, fields: {third: "m / 3", tenth: "m * 0.1", ratio: "m / m", plus: "m + 0.5"}}
)y",
            "s", "m");
  f.input("a", {{"0.05"}, {"伍仟元整"}, {"0.5万元"}, {"-0.05"}, {"0"}});
  EXPECT_THAT(f.run("s"),
              ElementsAre("-0.05|-0.02|-0.01|1|0.45 @0:3,", "0.05|0.02|0.01|1|0.55 @0:0,",
                          "0|0|0|∅|0.5 @0:4,", "5000|1666.67|500|1|5000.5 @0:1,",
                          "5000|1666.67|500|1|5000.5 @0:2,"));
}

TEST(Executor, IntegerOverflowAndDivisionByZeroAreNull) {
  Fixture f(R"y(inputs:
  a: {fields: {n: {element: integer}}}
steps:
  - {id: s, kind: derive, from: a, fields: {big: "n * 9223372036854775807", half: "n / 2", z: "n % 0"}}
)y",
            "s", "n");
  f.input("a", {{"2"}, {"1"}, {"0"}});
  EXPECT_THAT(f.run("s"),
              ElementsAre("0|0|0|∅ @0:2,", "1|9223372036854775807|0.5|∅ @0:1,", "2|∅|1|∅ @0:0,"));
}

TEST(Executor, FilterKeepsOnlyTrueUnderThreeValuedLogic) {
  Fixture f(R"y(inputs:
  a: {fields: {t: {element: text}, n: {element: integer}}}
steps:
  - {id: s, kind: filter, from: a, where: "not contains(t, '过失') or n > 5"}
)y",
            "s", "t");
  f.input("a", {{"醉酒驾驶", "1"}, {"过失", "9"}, {"过失", "1"}, {"", "1"}, {"", "9"}, {"", ""}});
  EXPECT_THAT(f.run("s"), ElementsAre("∅|9 @0:4,", "过失|9 @0:1,", "醉酒驾驶|1 @0:0,"));
}

TEST(Executor, AbsenceWithAlternativeKeySetsAndAKeySetCondition) {
  Fixture f(R"y(inputs:
  p: {fields: {no: {element: case_number}, id: {element: text}, amount: {element: money}}}
  q: {fields: {no: {element: case_number, required: false}, id: {element: text}, amount: {element: money}}}
steps:
  - id: s
    kind: absence
    from: p
    against: q
    match_any:
      - on: {no: no}
      - on: {id: id, amount: amount}
        where: "q.no is null"
)y",
            "s", "no");
  f.input("p", {{"林罚决字〔2023〕1号", "A", "100"},
                {"林罚决字〔2023〕2号", "B", "200"},
                {"林罚决字〔2023〕3号", "C", "300"},
                {"林罚决字〔2023〕4号", "D", "400"}});
  f.input("q", {{"林罚决字[2023]1号", "X", "1"},      // same number, other brackets
                {"", "B", "200"},                     // no number: id and amount
                {"林罚决字〔2023〕9号", "C", "300"},  // has a (different) number: no fallback
                {"", "D", "401"}});                   // amount differs
  EXPECT_THAT(f.run("s"),
              ElementsAre("林罚决字(2023)3号|C|300 @0:2,", "林罚决字(2023)4号|D|400 @0:3,"));
}

TEST(Executor, PresenceAddsEveryMatchingRowToTheLineage) {
  Fixture f(R"y(inputs:
  j: {fields: {id: {element: id_number}}}
  l: {fields: {id: {element: id_number}, status: {element: text}}}
steps:
  - {id: s, kind: presence, from: j, against: l, match_any: [{on: {id: id}}]}
)y",
            "s", "id");
  f.input("j", {{"11010519491231002X"}, {"110105199001010011"}});
  f.input("l", {{"110105491231002", "正常"}, {"11010519491231002x", "暂扣"}, {"", "正常"}});
  EXPECT_THAT(f.run("s"), ElementsAre("11010519491231002X @0:0,1:0,1:1,"));
}

TEST(Executor, LeftMatchKeepsUnmatchedRowsAndInnerMatchOutputsAPairOnce) {
  Fixture f(R"y(inputs:
  a: {fields: {k: {element: integer}, v: {element: text}}}
  b: {fields: {k: {element: decimal}, w: {element: text}}}
steps:
  - {id: inner, kind: match, from: a, with: b, match_any: [{on: {k: k}}, {on: {v: w}}]}
  - {id: outer, kind: match, join: left, from: a, with: b, match_any: [{on: {k: k}}]}
)y",
            "inner", "k");
  f.input("a", {{"5", "x"}, {"6", "y"}, {"", "z"}});
  f.input("b", {{"5.0", "x"}, {"7", "z"}});
  EXPECT_THAT(f.run("inner"), ElementsAre("5|x|5|x @0:0,1:0,", "∅|z|7|z @0:2,1:1,"));
  EXPECT_THAT(f.run("outer"), ElementsAre("5|x|5|x @0:0,1:0,", "6|y|∅|∅ @0:1,", "∅|z|∅|∅ @0:2,"));
}

TEST(Executor, TimeWindowAfterCountsDayZeroToDayN) {
  Fixture f(R"y(inputs:
  a: {fields: {k: {element: text}, d: {element: date}}}
  b: {fields: {k: {element: text}, d: {element: date}}}
steps:
  - id: s
    kind: time_window
    from: a
    with: b
    mode: absence
    match_any: [{on: {k: k}}]
    window: {left: d, right: d, after: 180 days}
)y",
            "s", "k");
  f.input("a",
          {{"T1", "2023-01-01"}, {"T2", "2023-01-01"}, {"T3", "2023-01-01"}, {"T4", "2023-01-01"}});
  f.input("b", {{"T1", "2023-06-30"},  // day 180: in the window
                {"T2", "2023-07-01"},  // day 181: too late
                {"T3", "2022-12-31"},  // before: not after
                {"T4", ""}});
  EXPECT_THAT(f.run("s"),
              ElementsAre("T2|2023-01-01 @0:1,", "T3|2023-01-01 @0:2,", "T4|2023-01-01 @0:3,"));
}

TEST(Executor, AggregateGroupsNullsTogetherAndFiltersByHaving) {
  Fixture f(R"y(inputs:
  a: {fields: {k: {element: text}, n: {element: integer}, m: {element: money}}}
steps:
  - id: s
    kind: aggregate
    from: a
    group_by: [k]
    measures: {c: "count()", cn: "count(n)", cd: "count_distinct(n)", s: "sum(n)", avg: "avg(m)", lo: "min(n)", hi: "max(m)"}
    having: "c >= 2"
)y",
            "s", "k");
  f.input("a", {{"x", "1", "1"},
                {"x", "1", "2"},
                {"x", "", "0.01"},
                {"", "4", ""},
                {"", "", ""},
                {"y", "9", "9"}});
  EXPECT_THAT(f.run("s"),
              ElementsAre("x|3|2|1|2|1.003333|1|2 @0:0,0:1,0:2,", "∅|2|1|1|4|∅|4|∅ @0:3,0:4,"));
}

TEST(Executor, AggregateOfNoRowsHasNoGroups) {
  Fixture f(R"y(inputs:
  a: {fields: {n: {element: integer}}}
steps:
  - {id: s, kind: aggregate, from: a, group_by: [n], measures: {c: "count()"}}
)y",
            "s", "c");
  f.input("a", {});
  EXPECT_TRUE(f.run("s").empty());
}

TEST(Executor, DistinctKeepsTheKeyAndEveryRowAsLineage) {
  Fixture f(R"y(inputs:
  a: {fields: {county: {element: text}, tree: {element: text}}}
steps:
  - {id: s, kind: distinct, from: a, on: [county]}
)y",
            "s", "county");
  f.input("a", {{"巴宜区", "1"}, {"米林", "2"}, {"巴宜区", "3"}});
  EXPECT_THAT(f.run("s"), ElementsAre("巴宜区 @0:0,0:2,", "米林 @0:1,"));
}

TEST(Executor, UnionAppendsEverySource) {
  Fixture f(R"y(inputs:
  a: {fields: {k: {element: text}}}
  b: {fields: {k: {element: text}}}
steps:
  - {id: s, kind: union, from: [a, b]}
)y",
            "s", "k");
  f.input("a", {{"1"}, {"2"}});
  f.input("b", {{"2"}});
  EXPECT_THAT(f.run("s"), ElementsAre("1 @0:0,", "2 @0:1,", "2 @1:0,"));
}

TEST(Executor, TwoThreadsGiveTheSameRowsAsOne) {
  Fixture f(R"y(inputs:
  a: {fields: {k: {element: integer}}}
  b: {fields: {k: {element: integer}}}
steps:
  - {id: f, kind: filter, from: a, where: "k % 3 != 0"}
  - {id: s, kind: absence, from: f, against: b, match_any: [{on: {k: k}}]}
)y",
            "s", "k");
  Rows a, b;
  for (int i = 0; i < 200000; ++i) a.push_back({std::to_string(i)});
  for (int i = 0; i < 200000; i += 2) b.push_back({std::to_string(i)});
  f.input("a", a);
  f.input("b", b);
  const auto one = f.run("s", 1);
  EXPECT_EQ(one.size(), 66667u);
  EXPECT_EQ(f.run("s", 2), one);
}

TEST(Executor, ParametersParseLikeCellsAndRejectBadValues) {
  Fixture f(R"y(parameters:
  as_of: {type: date, default: today}
  limit: {type: money, default: 伍仟元}
inputs:
  a: {fields: {d: {element: date}}}
steps:
  - {id: s, kind: filter, from: a, where: "d < $as_of and $limit > 4999"}
)y",
            "s", "d");
  auto p = resolve_parameters(f.spec, {{"as_of", "2024年6月30日"}}, 0);
  ASSERT_TRUE(p.ok()) << p.error().message();
  EXPECT_EQ(parameter_texts(p.value()),
            (std::map<std::string, std::string>{{"as_of", "2024-06-30"}, {"limit", "5000"}}));
  auto bad = resolve_parameters(f.spec, {{"as_of", "明天"}}, 0);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code(), "param.bad_value");
  auto unknown = resolve_parameters(f.spec, {{"as_off", "2024-01-01"}}, 0);
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code(), "param.unknown");
  EXPECT_NE(unknown.error().message().find("as_of"), std::string::npos);
}

}  // namespace
}  // namespace shanhai::engine
