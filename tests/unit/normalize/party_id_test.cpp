// 当事人证件号码: a person's id number or an organisation's credit code, whichever it is.
#include "normalize/party_id.h"

#include <gtest/gtest.h>

namespace shanhai::normalize {
namespace {

TEST(PartyId, ReadsIdNumbersAndCreditCodesAlike) {
  // A legacy 15-digit id and its 18-digit form are one person.
  EXPECT_EQ(normalize_party_id("110105491231002").canonical, "11010519491231002X");
  EXPECT_EQ(normalize_party_id("11010519491231002x").canonical, "11010519491231002X");
  EXPECT_EQ(normalize_party_id("３３０１０６１９８５０３１５７７１Ｘ").canonical,
            "33010619850315771X");
  // A credit code, in lower case or with spaces, is one organisation.
  const Normalized code = normalize_party_id("91540400ma6t0q1nx9");
  EXPECT_TRUE(code.valid);
  EXPECT_EQ(code.canonical, "91540400MA6T0Q1NX9");
  EXPECT_TRUE(normalize_party_id("91540400MA6T0Q1NX9").valid);
}

TEST(PartyId, NeitherIsInvalidWithAReasonButKeepsItsCleanedForm) {
  const Normalized bad_id = normalize_party_id("330106198503157710");  // wrong check digit
  EXPECT_FALSE(bad_id.valid);
  EXPECT_EQ(bad_id.canonical, "330106198503157710");
  EXPECT_NE(bad_id.reason_zh.find("统一社会信用代码"), std::string::npos);
  const Normalized words = normalize_party_id(" 不详 ");
  EXPECT_FALSE(words.valid);
  EXPECT_EQ(words.canonical, "不详");
  EXPECT_EQ(normalize_party_id("   ").canonical, "");
  EXPECT_EQ(normalize(Element::party_id, "110105491231002").canonical, "11010519491231002X");
  EXPECT_EQ(element_from_name("party_id"), Element::party_id);
}

}  // namespace
}  // namespace shanhai::normalize
