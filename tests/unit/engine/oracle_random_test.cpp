// Randomly generated small models (tests/support/random_model.h) run by the engine and by SQLite on
// the generated SQL (tests/support/sqlite_oracle.h); every step must agree, rows and lineage.
//
// A failure prints the seed, the model's YAML and the differing rows. To rerun one model:
//   SHANHAI_ORACLE_SEED=1234 shanhai_engine_tests --gtest_filter='OracleRandom*'
// SHANHAI_ORACLE_MODELS=N runs N models instead of the default, seeds SHANHAI_ORACLE_FIRST (1)
// onwards: a long hunt is SHANHAI_ORACLE_FIRST=100000 SHANHAI_ORACLE_MODELS=50000. The test
// stops after SHANHAI_ORACLE_MAX_FAILURES (5) differing models.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <functional>
#include <iostream>
#include <set>

#include <fmt/format.h>

#include "model/spec_loader.h"
#include "support/random_model.h"
#include "support/sqlite_oracle.h"

namespace shanhai::testing {
namespace {

constexpr uint64_t kDefaultModels = 1000;
constexpr uint64_t kMaxReported = 5;

// What the generated models exercised, so that the test knows it covered the language.
struct Coverage {
  std::set<std::string> seen;

  void expression(const model::Expr& e) {
    switch (e.kind) {
      case model::ExprKind::binary:
        seen.insert(fmt::format("op {}", model::binary_op_symbol(e.binary_op)));
        break;
      case model::ExprKind::unary:
        seen.insert(e.unary_op == model::UnaryOp::negate ? "op negate" : "op not");
        break;
      case model::ExprKind::call:
        seen.insert(fmt::format("fn {}", model::function_name(e.function)));
        break;
      case model::ExprKind::duration:
        seen.insert(fmt::format("unit {}", model::duration_unit_name(e.unit)));
        break;
      case model::ExprKind::is_null:
        seen.insert(e.negated ? "is not null" : "is null");
        break;
      case model::ExprKind::in_list:
        seen.insert(e.negated ? "not in" : "in");
        break;
      default:
        break;
    }
    for (const auto& c : e.children) expression(*c);
  }

  void model(const model::ModelSpec& spec, const model::ValidatedSpec& validated) {
    for (const model::Step& s : spec.steps) {
      const std::string& kind = s.kind.text;
      seen.insert("step " + kind);
      if (kind == "match") seen.insert("join " + (s.join ? s.join->text : "inner"));
      if (kind == "time_window") {
        seen.insert("window mode " + (s.window_mode ? s.window_mode->text : "presence"));
        seen.insert("window " + s.window_relation->text);
        const bool months = s.window_duration->text.find("day") == std::string::npos &&
                            s.window_duration->text.find("天") == std::string::npos &&
                            s.window_duration->text.find("week") == std::string::npos;
        seen.insert(months ? "window months" : "window days");
      }
      for (const auto& [name, measure] : s.measures) {
        seen.insert("measure " + measure.text.substr(0, measure.text.find('(')));
      }
      if (s.having) seen.insert("having");
      for (const model::KeySet& k : s.match_any) {
        if (k.where) seen.insert("key set where");
      }
      if (s.match_any.size() > 1) seen.insert("alternative key sets");
    }
    for (const auto& [pos, typed] : validated.expressions) expression(*typed.root);
  }
};

uint64_t env_number(const char* name, uint64_t fallback) {
  const char* v = std::getenv(name);
  return v == nullptr || *v == '\0' ? fallback : std::strtoull(v, nullptr, 10);
}

TEST(OracleRandomTest, EngineAgreesWithSqliteOnRandomModels) {
  std::vector<uint64_t> seeds;
  if (const uint64_t one = env_number("SHANHAI_ORACLE_SEED", 0); one != 0) {
    seeds.push_back(one);
  } else {
    const uint64_t n = env_number("SHANHAI_ORACLE_MODELS", kDefaultModels);
    const uint64_t first = env_number("SHANHAI_ORACLE_FIRST", 1);
    for (uint64_t s = first; s < first + n; ++s) seeds.push_back(s);
  }
  const auto start = std::chrono::steady_clock::now();
  Coverage coverage;
  uint64_t failures = 0;
  const uint64_t max_failures = env_number("SHANHAI_ORACLE_MAX_FAILURES", kMaxReported);
  size_t steps = 0;
  OracleStats stats;
  for (const uint64_t seed : seeds) {
    const RandomModel m = make_random_model(seed);
    auto spec = model::load_spec_text(m.yaml, fmt::format("random-{}.yaml", seed));
    ASSERT_TRUE(spec.ok()) << "seed " << seed << ": the generator wrote a spec that does not load: "
                           << spec.error().message() << "\n"
                           << m.yaml;
    auto validated = model::validate_spec(spec.value());
    ASSERT_TRUE(validated.ok()) << "seed " << seed
                                << ": the generator wrote a spec that does not validate: "
                                << validated.error().message() << "\n"
                                << m.yaml;
    for (size_t i = 0; i < spec.value().inputs.size(); ++i) {
      ASSERT_TRUE(m.inputs.count(spec.value().inputs[i].name.text)) << m.yaml;
    }
    coverage.model(spec.value(), validated.value());
    steps += spec.value().steps.size();
    const std::string report =
        compare_engine_with_sql(spec.value(), validated.value(), m.inputs, m.params, &stats);
    if (!report.empty()) {
      ADD_FAILURE() << "seed " << seed << " (rerun with SHANHAI_ORACLE_SEED=" << seed
                    << "): the engine and SQLite differ\n--- model ---\n"
                    << m.yaml << "--- difference ---\n"
                    << report;
      if (++failures >= max_failures) break;
    }
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cout << fmt::format(
      "{} random models, {} steps ({} with rows), {} rows compared, {:.1f} s\n", seeds.size(),
      steps, stats.non_empty_steps, stats.rows, seconds);
  for (const auto& [kind, n] : stats.non_empty_by_kind)
    std::cout << "  " << kind << ": " << n << "\n";
  if (seeds.size() < kDefaultModels) return;  // one seed: no coverage to claim
  for (const std::string kind : {"filter", "derive", "match inner", "match left", "absence",
                                 "presence", "time_window presence", "time_window absence",
                                 "time_window match", "aggregate", "union", "distinct"}) {
    EXPECT_GE(stats.non_empty_by_kind[kind], 10u) << "too few " << kind << " steps with rows";
  }
  const std::vector<std::string> expected = {"step filter",
                                             "step derive",
                                             "step match",
                                             "step absence",
                                             "step presence",
                                             "step time_window",
                                             "step aggregate",
                                             "step union",
                                             "step distinct",
                                             "join inner",
                                             "join left",
                                             "window mode presence",
                                             "window mode absence",
                                             "window mode match",
                                             "window within",
                                             "window after",
                                             "window before",
                                             "window days",
                                             "window months",
                                             "measure count",
                                             "measure count_distinct",
                                             "measure sum",
                                             "measure avg",
                                             "measure min",
                                             "measure max",
                                             "having",
                                             "key set where",
                                             "alternative key sets",
                                             "op or",
                                             "op and",
                                             "op =",
                                             "op !=",
                                             "op <",
                                             "op <=",
                                             "op >",
                                             "op >=",
                                             "op +",
                                             "op -",
                                             "op *",
                                             "op /",
                                             "op %",
                                             "op negate",
                                             "op not",
                                             "is null",
                                             "is not null",
                                             "in",
                                             "not in",
                                             "fn contains",
                                             "fn contains_any",
                                             "fn starts_with",
                                             "fn matches",
                                             "fn length",
                                             "fn extract_bac",
                                             "fn coalesce",
                                             "fn is_valid",
                                             "fn year",
                                             "fn month",
                                             "fn days_between",
                                             "fn lower",
                                             "fn upper",
                                             "unit day",
                                             "unit week",
                                             "unit month",
                                             "unit year"};
  for (const std::string& e : expected) {
    EXPECT_TRUE(coverage.seen.count(e)) << "no random model exercised " << e;
  }
}

}  // namespace
}  // namespace shanhai::testing
