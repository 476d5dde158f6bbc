// The hints of the element templates' second row: one per element, each starting with the
// element's Chinese label, and every example a hint shows is a value the element accepts.
#include <gtest/gtest.h>

#include <string>

#include "normalize/element.h"
#include "normalize/element_hint.h"

namespace shanhai::normalize {
namespace {

TEST(ElementHintTest, EveryElementHasAHintStartingWithItsLabel) {
  for (Element e : kAllElements) {
    const std::string hint(element_hint_zh(e));
    EXPECT_EQ(hint.rfind(std::string(element_label_zh(e)) + "：", 0), 0u)
        << element_name(e) << ": " << hint;
  }
}

TEST(ElementHintTest, EveryExampleIsValid) {
  for (Element e : kAllElements) {
    for (std::string_view example : element_hint_examples(e)) {
      const Normalized n = normalize(e, example);
      EXPECT_TRUE(n.valid) << element_name(e) << " " << example << ": " << n.reason_zh;
      EXPECT_NE(element_hint_zh(e).find(example), std::string_view::npos)
          << element_name(e) << ": the hint should show its example " << example;
    }
  }
}

TEST(ElementHintTest, ExplainsTheSpellingsProcuratorsMeet) {
  EXPECT_EQ(element_hint_zh(Element::id_number), "公民身份号码：18位，末位可为X（15位旧号码亦可）");
  EXPECT_NE(element_hint_zh(Element::money).find("伍仟元整"), std::string_view::npos);
  EXPECT_NE(element_hint_zh(Element::money).find("0.5万元"), std::string_view::npos);
}

}  // namespace
}  // namespace shanhai::normalize
