// Which fields of a lead step are personal: by element, by the label of a text field, and
// through derived fields that hand a personal field on.
#include "engine/lead_masking.h"

#include <gtest/gtest.h>

#include "model/spec_loader.h"

namespace shanhai::engine {
namespace {

using normalize::Element;

model::ModelSpec spec() {
  auto s = model::load_spec_text(R"yaml(
id: t
version: 1.0.0
name: t
legal_basis: [x]
inputs:
  judgments:
    fields:
      defendant_name: {element: person_name, label: 被告人姓名}
      defendant_id: {element: id_number, label: 被告人身份证号码}
      party: {element: text, label: 当事人}
      charge: {element: text, label: 罪名}
      amount: {element: money, label: 金额}
steps:
  - id: d
    kind: derive
    from: judgments
    fields:
      who: "coalesce(defendant_name, '无名')"
      who_upper: "upper(who)"
      id_again: "defendant_id"
      label: "charge"
      n: "length(defendant_name)"
leads:
  - {step: d, rule: r, subject: defendant_id, title: "{who}{charge}"}
)yaml",
                                 "t.yaml");
  EXPECT_TRUE(s.ok()) << s.error().message();
  return std::move(s.value());
}

TEST(PersonalFieldsTest, ByElementLabelAndDerivation) {
  const model::ModelSpec s = spec();
  const PersonalFields personal(s);
  Table t;
  auto column = [](const std::string& element) {
    auto c = std::make_shared<Column>();
    c->element = element;
    return c;
  };
  t.columns = {{"defendant_name", column("person_name")},
               {"defendant_id", column("id_number")},
               {"party", column("text")},
               {"charge", column("text")},
               {"amount", column("money")},
               {"who", column("")},
               {"who_upper", column("")},
               {"id_again", column("")},
               {"label", column("")},
               {"n", column("")}};
  EXPECT_EQ(personal.element_of(t, "defendant_name"), Element::person_name);
  EXPECT_EQ(personal.element_of(t, "judgments.defendant_id"), Element::id_number);
  EXPECT_EQ(personal.element_of(t, "party"), Element::person_name);  // text labelled 当事人
  EXPECT_EQ(personal.element_of(t, "charge"), std::nullopt);
  EXPECT_EQ(personal.element_of(t, "amount"), std::nullopt);
  EXPECT_EQ(personal.element_of(t, "who"), Element::person_name);
  EXPECT_EQ(personal.element_of(t, "who_upper"), Element::person_name);
  EXPECT_EQ(personal.element_of(t, "id_again"), Element::id_number);
  EXPECT_EQ(personal.element_of(t, "label"), std::nullopt);
  EXPECT_EQ(personal.element_of(t, "n"), std::nullopt);  // a length is nobody's
  EXPECT_EQ(personal.element_of(t, "missing"), std::nullopt);
}

}  // namespace
}  // namespace shanhai::engine
