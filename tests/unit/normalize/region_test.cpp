// 行政区划 and 地址: codes, names, short forms, chains, loaded tables.

#include "normalize/region.h"

#include <gtest/gtest.h>

#include "normalize/address.h"
#include "normalize/element.h"

namespace shanhai::normalize {
namespace {

struct Case {
  const char* raw;
  const char* canonical;
  bool valid;
};
std::ostream& operator<<(std::ostream& os, const Case& c) { return os << '"' << c.raw << '"'; }

const Case kRegions[] = {
    // Codes.
    {"110105", "110105", true},
    {"330106", "330106", true},
    {"540400", "540400", true},
    {"540402", "540402", true},
    {"632800", "632800", true},
    {"653200", "653200", true},
    {"110000", "110000", true},
    {"650000", "650000", true},
    {"１１０１０５", "110105", true},
    {" 330106 ", "330106", true},
    {"33", "330000", true},
    {"3301", "330100", true},
    {"330106000000", "330106", true},
    {"330106001000", "330106", true},
    {"330110", "330110", true},  // not in the compiled-in table, but under a known province
    {"999999", "999999", false},
    {"000000", "000000", false},
    {"1101", "110100", true},
    {"12345", "", false},
    {"1234567", "", false},
    // Names.
    {"北京市", "110000", true},
    {"北京", "110000", true},
    {"北京市朝阳区", "110105", true},
    {"北京朝阳区", "110105", true},
    {"朝阳区", "110105", true},
    {"浙江省", "330000", true},
    {"浙江", "330000", true},
    {"浙江省杭州市西湖区", "330106", true},
    {"浙江杭州西湖区", "330106", true},
    {"杭州市西湖区", "330106", true},
    {"杭州西湖", "330106", true},
    {"杭州市", "330100", true},
    {"杭州", "330100", true},
    {"西湖区", "330106", true},
    {"西藏自治区", "540000", true},
    {"西藏", "540000", true},
    {"林芝市", "540400", true},
    {"林芝", "540400", true},
    {"巴宜区", "540402", true},
    {"西藏林芝巴宜区", "540402", true},
    {"西藏自治区林芝市巴宜区", "540402", true},
    {"海西蒙古族藏族自治州", "632800", true},
    {"海西州", "632800", true},
    {"海西", "632800", true},
    {"青海省海西州", "632800", true},
    {"格尔木市", "632801", true},
    {"和田地区", "653200", true},
    {"和田", "653200", true},
    {"和田市", "653201", true},
    {"和田县", "653221", true},
    {"新疆维吾尔自治区", "650000", true},
    {"新疆", "650000", true},
    {"新疆和田地区", "653200", true},
    {"广西壮族自治区", "450000", true},
    {"广西", "450000", true},
    {"内蒙古自治区", "150000", true},
    {"内蒙古", "150000", true},
    {"宁夏", "640000", true},
    {"香港特别行政区", "810000", true},
    {"香港", "810000", true},
    {"海南", "460000", true},
    {"海南省", "460000", true},
    {"海南藏族自治州", "632500", true},
    {"海南州", "632500", true},
    {"昌吉州", "652300", true},
    {"巴音郭楞州", "652800", true},
    {"伊犁州", "654000", true},
    {"臺灣省", "710000", true},
    {"杭州市朝阳区", "", false},
    {"火星", "", false},
    {"浙江省杭州市西湖区文三路", "", false},
    {"", "", false},
};

class RegionSpelling : public ::testing::TestWithParam<Case> {};

TEST_P(RegionSpelling, Normalises) {
  const Case& c = GetParam();
  const Normalized n = normalize(Element::region, c.raw);
  EXPECT_EQ(n.canonical, c.canonical);
  EXPECT_EQ(n.valid, c.valid);
  if (n.valid) {
    EXPECT_EQ(normalize(Element::region, n.canonical).canonical, n.canonical);
  } else {
    EXPECT_FALSE(n.reason_zh.empty());
  }
}

INSTANTIATE_TEST_SUITE_P(Table, RegionSpelling, ::testing::ValuesIn(kRegions));

TEST(Region, ByCodeGivesNamesAlongThePath) {
  const RegionTable& t = RegionTable::builtin();
  auto r = t.by_code("330106");
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->name, "西湖区");
  EXPECT_EQ(r->province, "浙江省");
  EXPECT_EQ(r->city, "杭州市");
  EXPECT_EQ(r->county, "西湖区");
  EXPECT_EQ(r->full_name(), "浙江省杭州市西湖区");
  auto bj = t.by_code("110105");
  ASSERT_TRUE(bj.has_value());
  EXPECT_EQ(bj->full_name(), "北京市朝阳区");  // 市辖区 is left out
  auto lz = t.by_code("540400");
  ASSERT_TRUE(lz.has_value());
  EXPECT_EQ(lz->full_name(), "西藏自治区林芝市");
  EXPECT_TRUE(lz->county.empty());
  EXPECT_FALSE(t.by_code("330199").has_value());
  EXPECT_FALSE(t.complete());
  EXPECT_GE(t.size(), 34u);
}

TEST(Region, EveryProvinceIsBuiltIn) {
  const char* codes[] = {"110000", "120000", "130000", "140000", "150000", "210000", "220000",
                         "230000", "310000", "320000", "330000", "340000", "350000", "360000",
                         "370000", "410000", "420000", "430000", "440000", "450000", "460000",
                         "500000", "510000", "520000", "530000", "540000", "610000", "620000",
                         "630000", "640000", "650000", "710000", "810000", "820000"};
  for (const char* c : codes) {
    auto r = RegionTable::builtin().by_code(c);
    ASSERT_TRUE(r.has_value()) << c;
    // The full name resolves back to the code.
    EXPECT_EQ(normalize(Element::region, r->name).canonical, c) << r->name;
  }
}

TEST(Region, LoadedTableIsCompleteAndAmbiguityIsReported) {
  auto t = RegionTable::from_text(
      "代码\t名称\n"
      "110000\t北京市\n110100\t市辖区\n110105\t朝阳区\n"
      "220000\t吉林省\n220100\t长春市\n220104\t朝阳区\n"
      "# comment\n\n"
      "330000,浙江省\n330100 杭州市\n330110\t余杭区\n"
      "330106000000\t西湖区\n330106001000\t北山街道\n");
  ASSERT_TRUE(t.ok()) << t.error().message();
  EXPECT_TRUE(t->complete());
  EXPECT_EQ(t->size(), 10u);
  EXPECT_EQ(normalize_region("330110", *t).canonical, "330110");
  EXPECT_TRUE(normalize_region("330110", *t).valid);
  EXPECT_EQ(normalize_region("余杭区", *t).canonical, "330110");
  EXPECT_EQ(normalize_region("西湖区", *t).canonical, "330106");
  // Unknown in a complete table.
  EXPECT_FALSE(normalize_region("330199", *t).valid);
  // 朝阳区 exists twice.
  const Normalized amb = normalize_region("朝阳区", *t);
  EXPECT_FALSE(amb.valid);
  EXPECT_NE(amb.reason_zh.find("不唯一"), std::string::npos);
  EXPECT_NE(amb.reason_zh.find("220104"), std::string::npos);
  EXPECT_EQ(normalize_region("北京朝阳区", *t).canonical, "110105");
  EXPECT_EQ(normalize_region("长春市朝阳区", *t).canonical, "220104");
  auto lookup = t->lookup("朝阳区");
  ASSERT_FALSE(lookup.ok());
  EXPECT_EQ(lookup.error().code(), "region.ambiguous");
}

TEST(Region, MalformedTableLineIsReported) {
  auto t = RegionTable::from_text("110000\t北京市\n11000\t坏行\n");
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error().code(), "region.table");
  EXPECT_EQ(t.error().where().row, 2);
  EXPECT_FALSE(RegionTable::from_text("110000\n").ok());
}

TEST(Region, AddExtendsATable) {
  RegionTable t;
  t.add("330000", "浙江省");
  t.add("330100", "杭州市");
  t.add("330100", "杭州市");  // replacing is fine
  EXPECT_EQ(t.size(), 2u);
  EXPECT_EQ(normalize_region("浙江杭州", t).canonical, "330100");
}

const Case kAddresses[] = {
    {"浙江省杭州市西湖区文三路90号", "浙江省杭州市西湖区文三路90号", true},
    {"杭州市西湖区文三路90号", "浙江省杭州市西湖区文三路90号", true},
    {"浙江杭州西湖区文三路90号", "浙江省杭州市西湖区文三路90号", true},
    {"西湖区文三路90号", "浙江省杭州市西湖区文三路90号", true},
    {"浙江省 杭州市 西湖区 文三路 90 号", "浙江省杭州市西湖区文三路90号", true},
    {"浙江省杭州市西湖区文三路９０号", "浙江省杭州市西湖区文三路90号", true},
    {"北京市朝阳区建国路1号", "北京市朝阳区建国路1号", true},
    {"北京朝阳区建国路1号", "北京市朝阳区建国路1号", true},
    {"西藏林芝市巴宜区八一镇", "西藏自治区林芝市巴宜区八一镇", true},
    {"林芝市巴宜区八一镇", "西藏自治区林芝市巴宜区八一镇", true},
    {"新疆和田地区和田市", "新疆维吾尔自治区和田地区和田市", true},
    {"浙江省某某县某某村", "浙江省某某县某某村", true},
    {"朝阳路1号", "朝阳路1号", true},
    {"海南路5号", "海南路5号", true},
    {"文三路90号", "文三路90号", true},
    {"123", "123", false},
    {"路", "路", false},
    {"", "", false},
};

class AddressSpelling : public ::testing::TestWithParam<Case> {};

TEST_P(AddressSpelling, Normalises) {
  const Case& c = GetParam();
  const Normalized n = normalize(Element::address, c.raw);
  EXPECT_EQ(n.canonical, c.canonical);
  EXPECT_EQ(n.valid, c.valid);
  if (n.valid) {
    EXPECT_EQ(normalize(Element::address, n.canonical).canonical, n.canonical);
  }
}

INSTANTIATE_TEST_SUITE_P(Table, AddressSpelling, ::testing::ValuesIn(kAddresses));

TEST(Address, ParsesPrefix) {
  const Address a = parse_address("杭州市西湖区文三路90号");
  EXPECT_EQ(a.region_code, "330106");
  EXPECT_EQ(a.province, "浙江省");
  EXPECT_EQ(a.city, "杭州市");
  EXPECT_EQ(a.county, "西湖区");
  EXPECT_EQ(a.rest, "文三路90号");
  const Address none = parse_address("文三路90号");
  EXPECT_TRUE(none.region_code.empty());
  EXPECT_EQ(none.rest, "文三路90号");
}

}  // namespace
}  // namespace shanhai::normalize
