// Model specs: loading YAML and JSON, and every structural error a model author can make, each
// named by file, line and column with a suggestion where one is close.
#include <gtest/gtest.h>

#include "model/spec_loader.h"
#include "model/spec_validator.h"
#include "spec_text.h"

namespace shanhai::model {
namespace {

const std::string kBuiltin =
    std::string(SHANHAI_SOURCE_DIR) + "/models/admin-penalty-enforcement/model.yaml";

// A small valid spec; tests replace one line to make it wrong.
const std::string kSpec = R"(id: dui-check
version: 1.0.0
name: 测试模型
legal_basis: [《道路交通安全法》第九十一条]
parameters:
  threshold: {type: decimal, default: 80}
inputs:
  judgments:
    fields:
      defendant_id: {element: id_number}
      bac_text: {element: text}
  licences:
    fields:
      holder_id: {element: id_number}
      status: {element: text}
steps:
  - id: drunk
    kind: filter
    from: judgments
    where: "extract_bac(bac_text) >= $threshold"
  - id: licensed
    kind: presence
    from: drunk
    against: licences
    match_any:
      - on: {defendant_id: holder_id}
leads:
  - step: licensed
    rule: not-revoked
    subject: defendant_id
    title: "{defendant_id}醉驾未吊销驾驶证"
    evidence: [judgments, licences]
)";

TEST(SpecTest, BuiltinModelLoadsAndValidates) {
  auto spec = load_spec_file(kBuiltin);
  ASSERT_TRUE(spec.ok()) << spec.error().message();
  EXPECT_EQ(spec.value().id.text, "admin-penalty-enforcement");
  EXPECT_EQ(spec.value().inputs.size(), 3u);
  ASSERT_EQ(spec.value().steps.size(), 3u);
  EXPECT_EQ(spec.value().steps[1].match_any.size(), 2u);
  EXPECT_TRUE(spec.value().steps[1].match_any[1].where.has_value());
  auto v = validate_spec(spec.value());
  ASSERT_TRUE(v.ok()) << v.error().message();
  ASSERT_EQ(v.value().order.size(), 3u);
  EXPECT_EQ(v.value().order[2]->id.text, "unenforced");
  EXPECT_EQ(v.value().schemas.at("unenforced").front().name, "decision_no");
  EXPECT_EQ(v.value().schemas.at("unenforced")[3].type.kind, TypeKind::money);
  EXPECT_EQ(v.value().expressions.size(), 2u);  // the filter and the second key set's condition
}

TEST(SpecTest, SmallSpecValidatesAndRecordsPositions) {
  auto spec = load_spec_text(kSpec, "model.yaml");
  ASSERT_TRUE(spec.ok()) << spec.error().message();
  EXPECT_EQ(spec.value().steps[0].where->pos.line, 20);
  EXPECT_EQ(spec.value().steps[0].where->pos.column, 12);
  EXPECT_TRUE(validate_spec(spec.value()).ok());
}

// An error inside an expression points at its character in the file: the filter expression
// starts after the quote at line 20, column 12.
TEST(SpecTest, ExpressionErrorsPointIntoTheFile) {
  const Error e = first_error(replace(kSpec, "extract_bac(bac_text)", "extract_bac(bactext)"));
  EXPECT_EQ(e.where().row, 20);
  EXPECT_EQ(e.where().column, 13 + 12);  // "bactext" is the 13th character of the expression
  EXPECT_EQ(e.where().value, "bactext");
}

TEST(SpecTest, AggregateMeasuresAndHavingAreTyped) {
  const std::string spec = R"(id: a
version: 1.0.0
name: 同一原告一年内多次起诉
legal_basis: [x]
parameters:
  threshold: {type: integer, default: 5}
inputs:
  suits:
    fields:
      plaintiff: {element: org_name}
      amount: {element: money}
      filed: {element: date}
steps:
  - id: by_plaintiff
    kind: aggregate
    from: suits
    group_by: [plaintiff]
    measures: {n: count(), total: sum(amount), last: max(filed)}
    having: "n > $threshold and total > 100000"
leads:
  - step: by_plaintiff
    rule: frequent
    subject: plaintiff
    title: "{plaintiff}一年内起诉{n}次"
)";
  auto loaded = load_spec_text(spec, "a.yaml");
  ASSERT_TRUE(loaded.ok()) << loaded.error().message();
  auto v = validate_spec(loaded.value());
  ASSERT_TRUE(v.ok()) << v.error().message();
  const Schema& out = v.value().schemas.at("by_plaintiff");
  ASSERT_EQ(out.size(), 4u);
  EXPECT_EQ(out[1].type.kind, TypeKind::integer);
  EXPECT_EQ(out[2].type.kind, TypeKind::money);
  EXPECT_EQ(out[3].type.kind, TypeKind::date);
  auto bad = load_spec_text(replace(spec, "sum(amount)", "sum(plaintiff)"), "a.yaml");
  EXPECT_EQ(validate_spec(bad.value()).error().code(), "spec.bad_measure");
}

TEST(SpecTest, JsonFormIsEquivalent) {
  const std::string json = R"({"id": "j", "version": "1.0.0", "name": "J", "legal_basis": ["x"],
    "inputs": {"a": {"fields": {"k": {"element": "text"}}}},
    "steps": [{"id": "s", "kind": "distinct", "from": "a", "on": ["k"]}],
    "leads": [{"step": "s", "rule": "r", "subject": "k", "title": "{k}"}]})";
  auto spec = load_spec_text(json, "model.json");
  ASSERT_TRUE(spec.ok()) << spec.error().message();
  EXPECT_EQ(spec.value().steps[0].on[0].text, "k");
  EXPECT_TRUE(validate_spec(spec.value()).ok());
}

struct BadSpec {
  const char* what;
  std::string text;
  const char* code;
  int line;
  const char* message_part;  // in the Chinese or English sentence
};

std::ostream& operator<<(std::ostream& os, const BadSpec& b) { return os << b.what; }

class BadSpecTest : public ::testing::TestWithParam<BadSpec> {};

TEST_P(BadSpecTest, IsRefusedWithPlaceAndReason) {
  const BadSpec& b = GetParam();
  const Error e = first_error(b.text);
  EXPECT_EQ(e.code(), b.code) << e.message();
  EXPECT_EQ(e.where().file, "model.yaml");
  EXPECT_EQ(e.where().row, b.line) << e.message();
  EXPECT_NE(e.message().find(b.message_part), std::string::npos) << e.message();
  EXPECT_EQ(e.message().rfind("错误：", 0), 0u);
}

INSTANTIATE_TEST_SUITE_P(
    Table, BadSpecTest,
    ::testing::Values(
        BadSpec{"yaml syntax", replace(kSpec, "name: 测试模型", "name: [测试模型"), "spec.syntax",
                4, "YAML"},
        BadSpec{"unknown top key", replace(kSpec, "legal_basis:", "legal_bases:"),
                "spec.unknown_key", 4, "did you mean \"legal_basis\""},
        BadSpec{"missing version", replace(kSpec, "version: 1.0.0\n", ""), "spec.missing_key", 1,
                "\"version\""},
        BadSpec{"bad version", replace(kSpec, "1.0.0", "1.0"), "spec.bad_version", 2,
                "MAJOR.MINOR.PATCH"},
        BadSpec{"bad id", replace(kSpec, "dui-check", "DUI_check"), "spec.bad_id", 1, "lower-case"},
        BadSpec{"no legal basis",
                replace(kSpec, "legal_basis: [《道路交通安全法》第九十一条]\n", ""),
                "spec.no_legal_basis", 1, "legal basis"},
        BadSpec{"unknown parameter type", replace(kSpec, "type: decimal", "type: float"),
                "spec.unknown_name", 6, "parameter type"},
        BadSpec{"bad default", replace(kSpec, "default: 80", "default: 八十公斤"),
                "spec.bad_default", 6, "threshold"},
        BadSpec{"unknown element",
                replace(kSpec, "bac_text: {element: text}", "bac_text: {element: txt}"),
                "spec.unknown_name", 11, "did you mean \"text\""},
        BadSpec{"unknown step kind", replace(kSpec, "kind: presence", "kind: presense"),
                "spec.unknown_kind", 22, "did you mean \"presence\""},
        BadSpec{"key of another kind",
                replace(kSpec, "    where: \"extract", "    against: x\n    where: \"extract"),
                "spec.unknown_key", 20, "against"},
        BadSpec{"missing where",
                replace(kSpec, "    where: \"extract_bac(bac_text) >= $threshold\"\n", ""),
                "spec.missing_key", 17, "\"where\""},
        BadSpec{"unknown source", replace(kSpec, "from: judgments", "from: judgement"),
                "spec.unknown_name", 19, "did you mean \"judgments\""},
        BadSpec{"unknown key field",
                replace(kSpec, "{defendant_id: holder_id}", "{defendant_id: holderid}"),
                "spec.unknown_name", 26, "did you mean \"holder_id\""},
        BadSpec{"duplicate step", replace(kSpec, "id: licensed", "id: drunk"),
                "spec.duplicate_name", 21, "twice"},
        BadSpec{"step named like input", replace(kSpec, "id: drunk", "id: licences"),
                "spec.duplicate_name", 17, "input"},
        BadSpec{"cycle", replace(kSpec, "from: judgments", "from: licensed"), "spec.cycle", 17,
                "drunk → licensed → drunk"},
        BadSpec{"unused input", replace(kSpec, "against: licences", "against: judgments"),
                "spec.unused_input", 12, "licences"},
        BadSpec{"unknown lead step", replace(kSpec, "- step: licensed", "- step: licenced"),
                "spec.unknown_name", 28, "did you mean \"licensed\""},
        BadSpec{"unknown subject", replace(kSpec, "subject: defendant_id", "subject: defendant"),
                "spec.unknown_name", 30, "defendant_id"},
        BadSpec{"unknown title field", replace(kSpec, "{defendant_id}醉驾", "{name}醉驾"),
                "spec.unknown_name", 31, "name"},
        BadSpec{"unclosed title brace", replace(kSpec, "{defendant_id}醉驾", "{defendant_id醉驾"),
                "spec.bad_title", 31, "never closed"},
        BadSpec{"unknown evidence input",
                replace(kSpec, "evidence: [judgments, licences]", "evidence: [judgement]"),
                "spec.unknown_name", 32, "judgments"},
        BadSpec{"unknown field in an expression",
                replace(kSpec, "extract_bac(bac_text)", "extract_bac(bactext)"),
                "expr.unknown_name", 20, "did you mean \"bac_text\""},
        BadSpec{"type error in a filter", replace(kSpec, ">= $threshold", ">= '八十'"), "expr.type",
                20, "decimal"},
        BadSpec{"filter that is not a condition",
                replace(kSpec, "extract_bac(bac_text) >= $threshold", "extract_bac(bac_text)"),
                "spec.not_a_condition", 20, "true or false"},
        BadSpec{"key types differ",
                replace(kSpec, "holder_id: {element: id_number}", "holder_id: {element: date}"),
                "spec.key_type", 26, "key types differ"},
        BadSpec{"union of one",
                replace(kSpec,
                        "kind: filter\n    from: judgments\n    where: \"extract_bac(bac_text) >= "
                        "$threshold\"",
                        "kind: union\n    from: judgments"),
                "spec.bad_value", 19, "two or more"}));

}  // namespace
}  // namespace shanhai::model
