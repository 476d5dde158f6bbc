// 个人信息脱敏: masking by element, and recognising personal columns by header and by values.

#include "normalize/mask.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace shanhai::normalize {
namespace {

struct MaskCase {
  Element element;
  const char* value;
  const char* masked;
};
std::ostream& operator<<(std::ostream& os, const MaskCase& c) {
  return os << element_name(c.element) << " \"" << c.value << '"';
}

const MaskCase kMaskCases[] = {
    {Element::person_name, "张三丰", "张**"},
    {Element::person_name, "张三", "张*"},
    {Element::person_name, "欧阳", "欧*"},
    {Element::person_name, "王", "*"},
    {Element::person_name, "阿卜杜拉·买买提", "阿*******"},
    {Element::person_name, "JOHN SMITH", "J*********"},
    {Element::person_name, "", ""},
    {Element::id_number, "110101199003070022", "1101**********0022"},
    {Element::id_number, "11010119900307002X", "1101**********002X"},
    {Element::id_number, "110101900307002", "1101*******7002"},
    {Element::id_number, "1234", "1***"},
    {Element::phone, "13812341234", "138****1234"},
    {Element::phone, "138 1234 1234", "138****1234"},
    {Element::phone, "0571-88886666", "0571-****6666"},
    {Element::phone, "010-88886666", "010-****6666"},
    {Element::phone, "0891-6812345", "0891-***2345"},
    {Element::phone, "0571-88886666-123", "0571-****6666-***"},
    {Element::phone, "12345", "12345"},
    {Element::phone, "110", "110"},
    {Element::phone, "4001234567", "4001234567"},
    {Element::phone, "电话不详123", "电******"},
    {Element::address, "浙江省杭州市西湖区文三路90号", "浙江省杭州市西湖区****"},
    {Element::address, "杭州市西湖区文三路90号", "浙江省杭州市西湖区****"},
    {Element::address, "北京市朝阳区建国路1号", "北京市朝阳区****"},
    {Element::address, "浙江省杭州市西湖区", "浙江省杭州市西湖区"},
    {Element::address, "文三路90号", "****"},
    {Element::party_id, "11010119900307002X", "1101**********002X"},
    {Element::party_id, "91330106MA2CFK4X7P", "91330106MA2CFK4X7P"},
    {Element::party_id, "林罚决字(2023)12号", "林罚决字(2023)12号"},
    {Element::text, "张三丰", "张三丰"},
    {Element::org_name, "杭州某某有限公司", "杭州某某有限公司"},
    {Element::case_number, "(2023)浙0106刑初12号", "(2023)浙0106刑初12号"},
    {Element::uscc, "91330106MA2CFK4X7P", "91330106MA2CFK4X7P"},
};

class MaskTest : public ::testing::TestWithParam<MaskCase> {};

TEST_P(MaskTest, Masks) {
  const MaskCase& c = GetParam();
  EXPECT_EQ(mask(c.element, c.value), c.masked);
}

INSTANTIATE_TEST_SUITE_P(Elements, MaskTest, ::testing::ValuesIn(kMaskCases));

TEST(MaskTest, PersonalElements) {
  for (Element e : kAllElements) {
    const bool personal = e == Element::person_name || e == Element::id_number ||
                          e == Element::phone || e == Element::address || e == Element::party_id;
    EXPECT_EQ(is_personal(e), personal) << element_name(e);
  }
}

// A masked value never shows the middle of the original.
TEST(MaskTest, NeverLeaksTheMiddle) {
  const std::string id = "330106198512120019";
  const std::string m = mask(Element::id_number, id);
  EXPECT_EQ(m.find("19851212"), std::string::npos);
  EXPECT_EQ(mask(Element::phone, "13912345678").find("1234"), std::string::npos);
}

struct HeaderCase {
  const char* header;
  std::optional<Element> element;
};
std::ostream& operator<<(std::ostream& os, const HeaderCase& c) {
  return os << '"' << c.header << '"';
}

const HeaderCase kHeaderCases[] = {
    {"姓名", Element::person_name},
    {"当事人", Element::person_name},
    {"当事人姓名", Element::person_name},
    {"被告人", Element::person_name},
    {"驾驶证持有人", Element::person_name},
    {"持有人姓名", Element::person_name},
    {"被处罚人", Element::person_name},
    {"当事人名称", Element::person_name},
    {" 姓 名 ", Element::person_name},
    {"name", Element::person_name},
    {"身份证号", Element::id_number},
    {"公民身份号码", Element::id_number},
    {"证件号码", Element::id_number},
    {"当事人身份证明号码", Element::id_number},
    {"被告人身份证号码", Element::id_number},
    {"ID_NUMBER", Element::id_number},
    {"电话", Element::phone},
    {"联系电话", Element::phone},
    {"手机号", Element::phone},
    {"联系方式", Element::phone},
    {"住址", Element::address},
    {"当事人住址", Element::address},
    {"家庭地址", Element::address},
    {"住所地", Element::address},
    {"决定书文号", std::nullopt},
    {"罚款金额", std::nullopt},
    {"当事人类型", std::nullopt},
    {"单位名称", std::nullopt},
    {"处罚日期", std::nullopt},
    {"", std::nullopt},
};

class HeaderTest : public ::testing::TestWithParam<HeaderCase> {};

TEST_P(HeaderTest, NamesPersonalElement) {
  const HeaderCase& c = GetParam();
  EXPECT_EQ(personal_element_from_header(c.header), c.element);
}

INSTANTIATE_TEST_SUITE_P(Headers, HeaderTest, ::testing::ValuesIn(kHeaderCases));

TEST(MaskTest, ElementFromValues) {
  const std::vector<std::string> ids = {"11010119900307002X", "330106198512120011", "",
                                        "110101199003070038", "11010119900307002X"};
  EXPECT_EQ(personal_element_from_values(std::span<const std::string>(ids)), Element::id_number);
  const std::vector<std::string_view> phones = {"13812341234", "0571-88886666", "13912345678",
                                                "不详", "13800000000"};
  EXPECT_EQ(personal_element_from_values(std::span<const std::string_view>(phones)),
            Element::phone);
  const std::vector<std::string> mixed = {"13812341234", "张三", "李四", "王五"};
  EXPECT_EQ(personal_element_from_values(std::span<const std::string>(mixed)), std::nullopt);
  const std::vector<std::string> service = {"110", "12345", "120"};
  EXPECT_EQ(personal_element_from_values(std::span<const std::string>(service)), std::nullopt);
  const std::vector<std::string> empty = {"", " "};
  EXPECT_EQ(personal_element_from_values(std::span<const std::string>(empty)), std::nullopt);
}

}  // namespace
}  // namespace shanhai::normalize
