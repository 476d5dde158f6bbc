// Engine bugs the SQLite oracle found, each reduced to its smallest model and kept as a
// regression test. The SQL side is the documented semantics (see each comment).
#include <gtest/gtest.h>

#include "model/spec_loader.h"
#include "support/sqlite_oracle.h"
#include "support/table_builder.h"

namespace shanhai::testing {
namespace {

using model::TypeKind;

// Found by oracle_random_test (seeds 413458, 416319, 416921, 430871, 433195 with
// SHANHAI_ORACLE_FIRST=400000). A list item of contains_any can be null only through a parameter
// without a value (resolve_parameters never makes one, but Parameters may hold one).
// docs/model-expressions.md: functions give null on a null operand, and contains_any is "contains
// any word of the list", i.e. contains(t, w1) or contains(t, w2) … in three-valued logic: true
// when some word is contained, else null when some word is null, else false — what the engine
// already does for `t in ['x', $w]`. The engine skipped the null word and gave false (fixed in
// commit 8af363c).
TEST(OracleEngineBugTest, ContainsAnyWithANullWordIsUnknownLikeIn) {
  const std::string yaml = R"yaml(id: t
version: 1.0.0
name: t
legal_basis: [x]
parameters:
  w: {type: text, default: b}
inputs:
  a:
    fields:
      t: {element: text}
steps:
  - id: f
    kind: derive
    from: a
    fields:
      any: "contains_any(t, ['x', $w])"
      listed: "t in ['x', $w]"
leads:
  - {step: f, rule: r, subject: t, title: t}
)yaml";
  auto spec = model::load_spec_text(yaml, "t.yaml");
  ASSERT_TRUE(spec.ok()) << spec.error().message();
  auto validated = model::validate_spec(spec.value());
  ASSERT_TRUE(validated.ok()) << validated.error().message();
  std::map<std::string, engine::Table> inputs;
  inputs["a"] = make_table(0, {{"t", text_column({"a", "x"})}});
  engine::Parameters params;
  params.emplace("w", parameter_text(std::nullopt));

  // Expected (SQLite): "a" → any null, listed null; "x" → any true, listed true.
  auto oracle = SqliteOracle::open(spec.value(), validated.value(), inputs);
  ASSERT_TRUE(oracle.ok());
  auto rows = oracle.value().run_step(spec.value(), validated.value(), params, "f");
  ASSERT_TRUE(rows.ok()) << rows.error().message();
  const std::string null(kNullCell);
  ASSERT_EQ(rows.value().rows.size(), 2u);
  EXPECT_EQ(rows.value().rows[0].cells, (std::vector<std::string>{"a", null, null}));
  EXPECT_EQ(rows.value().rows[1].cells, (std::vector<std::string>{"x", "true", "true"}));

  EXPECT_EQ(compare_engine_with_sql(spec.value(), validated.value(), inputs, params), "")
      << "contains_any must not skip a null word: a miss is then unknown";
}

}  // namespace
}  // namespace shanhai::testing
