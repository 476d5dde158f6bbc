// The link step in model specs: loading (YAML and JSON), its output schema, and every mistake a
// model author can make in it, named by file, line and column (Chinese first).
#include <gtest/gtest.h>

#include "model/spec_loader.h"
#include "model/spec_validator.h"
#include "spec_text.h"

namespace shanhai::model {
namespace {

// A valid spec with a link step; tests replace one line to make it wrong.
const std::string kSpec = R"(id: link-check
version: 1.0.0
name: 关联测试
legal_basis: [《社会保险法》第八十八条]
inputs:
  deaths:
    fields:
      name: {element: person_name}
      id_number: {element: id_number}
      death_date: {element: date}
  payments:
    fields:
      name: {element: person_name}
      id_number: {element: id_number}
      amount: {element: money}
steps:
  - id: same_person
    kind: link
    from: deaths
    with: payments
    compare:
      - {field: id, kind: id_number, left: id_number, right: id_number, label: 身份证号}
      - {field: name, kind: person_name, left: name, right: name, label: 姓名}
    blocking:
      - [{field: id, part: region_birth}]
      - [{field: name, part: pinyin}]
    match_threshold: 0.9
    possible_threshold: 0.4
    keep: possible
leads:
  - step: same_person
    rule: paid
    subject: id_number
    title: "{name}（{link_class}）"
    evidence: [deaths, payments]
)";

TEST(LinkSpecTest, LoadsComparisonsBlockingAndThresholds) {
  auto spec = load_spec_text(kSpec, "model.yaml");
  ASSERT_TRUE(spec.ok()) << spec.error().message();
  const Step& s = spec.value().steps[0];
  ASSERT_EQ(s.compare.size(), 2u);
  EXPECT_EQ(s.compare[0].field.text, "id");
  EXPECT_EQ(s.compare[0].kind.text, "id_number");
  EXPECT_EQ(s.compare[1].right.text, "name");
  EXPECT_EQ(s.compare[1].label, "姓名");
  EXPECT_EQ(s.compare[0].pos.line, 22);
  ASSERT_EQ(s.blocking.size(), 2u);
  EXPECT_EQ(s.blocking[0][0].part.text, "region_birth");
  EXPECT_EQ(s.blocking[1][0].field.text, "name");
  EXPECT_EQ(s.match_threshold->text, "0.9");
  EXPECT_EQ(s.possible_threshold->text, "0.4");
  EXPECT_EQ(s.keep->text, "possible");
}

TEST(LinkSpecTest, OutputIsBothSidesThenTheLinkFields) {
  auto spec = load_spec_text(kSpec, "model.yaml");
  ASSERT_TRUE(spec.ok());
  auto v = validate_spec(spec.value());
  ASSERT_TRUE(v.ok()) << v.error().message();
  std::vector<std::string> names;
  for (const SchemaField& f : v.value().schemas.at("same_person")) names.push_back(f.name);
  EXPECT_EQ(names,
            (std::vector<std::string>{"name", "id_number", "death_date", "payments.name",
                                      "payments.id_number", "payments.amount", "link_probability",
                                      "link_weight", "link_class", "link_explanation"}));
  const Schema& schema = v.value().schemas.at("same_person");
  EXPECT_EQ(schema[6].type.kind, TypeKind::decimal);
  EXPECT_EQ(schema[9].type.kind, TypeKind::text);
}

TEST(LinkSpecTest, OneInputDeduplicatesWithItsOwnNamePrefixed) {
  std::string text = replace(kSpec, "    with: payments\n", "");
  text = replace(text,
                 "  payments:\n    fields:\n      name: {element: person_name}\n      "
                 "id_number: {element: id_number}\n      amount: {element: money}\n",
                 "");
  text = replace(text, "evidence: [deaths, payments]", "evidence: [deaths]");
  auto spec = load_spec_text(text, "model.yaml");
  ASSERT_TRUE(spec.ok()) << spec.error().message();
  auto v = validate_spec(spec.value());
  ASSERT_TRUE(v.ok()) << v.error().message();
  EXPECT_EQ(v.value().schemas.at("same_person")[3].name, "deaths.name");
}

TEST(LinkSpecTest, JsonFormIsEquivalent) {
  const std::string json = R"({"id": "j", "version": "1.0.0", "name": "J", "legal_basis": ["x"],
    "inputs": {"a": {"fields": {"n": {"element": "person_name"}}},
               "b": {"fields": {"m": {"element": "person_name"}}}},
    "steps": [{"id": "s", "kind": "link", "from": "a", "with": "b",
               "compare": [{"field": "name", "kind": "person_name", "left": "n", "right": "m"}],
               "blocking": [[{"field": "name", "part": "pinyin"}]],
               "match_threshold": 0.8}],
    "leads": [{"step": "s", "rule": "r", "subject": "n", "title": "{link_explanation}"}]})";
  auto spec = load_spec_text(json, "model.json");
  ASSERT_TRUE(spec.ok()) << spec.error().message();
  EXPECT_EQ(spec.value().steps[0].compare[0].right.text, "m");
  EXPECT_EQ(spec.value().steps[0].compare[0].label, "name");  // label defaults to the field
  EXPECT_EQ(spec.value().steps[0].blocking[0][0].part.text, "pinyin");
  auto v = validate_spec(spec.value());
  EXPECT_TRUE(v.ok()) << v.error().message();
}

struct BadLink {
  const char* what;
  std::string text;
  const char* code;
  int line;
  int column;
  const char* message_part;
};

std::ostream& operator<<(std::ostream& os, const BadLink& b) { return os << b.what; }

class BadLinkTest : public ::testing::TestWithParam<BadLink> {};

TEST_P(BadLinkTest, IsRefusedWithPlaceAndReason) {
  const BadLink& b = GetParam();
  const Error e = first_error(b.text);
  EXPECT_EQ(e.code(), b.code) << e.message();
  EXPECT_EQ(e.where().file, "model.yaml");
  EXPECT_EQ(e.where().row, b.line) << e.message();
  if (b.column > 0) {
    EXPECT_EQ(e.where().column, b.column) << e.message();
  }
  EXPECT_NE(e.message().find(b.message_part), std::string::npos) << e.message();
  EXPECT_EQ(e.message().rfind("错误：", 0), 0u);
}

INSTANTIATE_TEST_SUITE_P(
    Table, BadLinkTest,
    ::testing::Values(
        BadLink{"unknown left field", replace(kSpec, "left: id_number", "left: id_numbr"),
                "spec.unknown_name", 22, 44, "did you mean \"id_number\""},
        BadLink{"unknown right field", replace(kSpec, "right: name,", "right: nmae,"),
                "spec.unknown_name", 23, 0, "field of payments"},
        BadLink{"unknown comparison kind",
                replace(kSpec, "kind: person_name, left", "kind: person_nam, left"),
                "spec.unknown_name", 23, 0, "did you mean \"person_name\""},
        BadLink{"wrong type for the kind",
                replace(kSpec, "kind: person_name, left: name", "kind: date, left: name"),
                "spec.link_type", 23, 0, "cannot be compared as date"},
        BadLink{"unknown compare key", replace(kSpec, "label: 姓名}", "lable: 姓名}"),
                "spec.unknown_key", 23, 0, "did you mean \"label\""},
        BadLink{"missing kind", replace(kSpec, "kind: id_number, ", ""), "spec.missing_key", 22, 0,
                "\"kind\""},
        BadLink{"missing blocking",
                replace(kSpec,
                        "    blocking:\n      - [{field: id, part: "
                        "region_birth}]\n      - [{field: name, part: "
                        "pinyin}]\n",
                        ""),
                "spec.missing_key", 17, 0, "\"blocking\""},
        BadLink{"blocking on an unknown field",
                replace(kSpec, "field: name, part", "field: nam, part"), "spec.unknown_name", 26, 0,
                "did you mean \"name\""},
        BadLink{"blocking part of another kind",
                replace(kSpec, "part: region_birth", "part: pinyin"), "spec.unknown_name", 25, 0,
                "blocking key part for id_number"},
        BadLink{"threshold above one",
                replace(kSpec, "match_threshold: 0.9", "match_threshold: 1.5"),
                "spec.link_threshold", 27, 22, "from 0 to 1"},
        BadLink{"threshold not a number",
                replace(kSpec, "possible_threshold: 0.4", "possible_threshold: 高"),
                "spec.link_threshold", 28, 0, "probability"},
        BadLink{"possible above match",
                replace(kSpec, "possible_threshold: 0.4", "possible_threshold: 0.95"),
                "spec.link_threshold", 28, 0, "must not exceed"},
        BadLink{"unknown keep", replace(kSpec, "keep: possible", "keep: maybe"),
                "spec.unknown_name", 29, 0, "match, possible"},
        BadLink{"duplicate comparison", replace(kSpec, "field: name, kind", "field: id, kind"),
                "spec.duplicate_name", 23, 0, "defined twice"},
        BadLink{"element on a non-exact comparison",
                replace(kSpec, "label: 姓名}", "label: 姓名, element: text}"), "spec.link_element",
                23, 0, "only an exact comparison"},
        BadLink{"link field unknown in a lead", replace(kSpec, "{link_class}", "{link_clas}"),
                "spec.unknown_name", 34, 0, "did you mean \"link_class\""}));

}  // namespace
}  // namespace shanhai::model
