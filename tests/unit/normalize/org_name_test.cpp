// 单位名称: brackets, whitespace, company-form suffixes.

#include "normalize/org_name.h"

#include <gtest/gtest.h>

#include "normalize/element.h"

namespace shanhai::normalize {
namespace {

struct Case {
  const char* raw;
  const char* canonical;
  bool valid;
};
std::ostream& operator<<(std::ostream& os, const Case& c) { return os << '"' << c.raw << '"'; }

const Case kCases[] = {
    {"杭州某某科技有限公司", "杭州某某科技有限公司", true},
    {"杭州某某科技有限责任公司", "杭州某某科技有限公司", true},
    {"杭州某某科技有限責任公司", "杭州某某科技有限公司", true},
    {" 杭州某某科技 有限公司 ", "杭州某某科技有限公司", true},
    {"杭州　某某科技有限公司", "杭州某某科技有限公司", true},
    {"某某股份公司", "某某股份有限公司", true},
    {"某某股份有限公司", "某某股份有限公司", true},
    {"某某（杭州）科技有限公司", "某某（杭州）科技有限公司", true},
    {"某某(杭州)科技有限公司", "某某（杭州）科技有限公司", true},
    {"某某[杭州]科技有限公司", "某某（杭州）科技有限公司", true},
    {"某某【杭州】科技有限公司", "某某（杭州）科技有限公司", true},
    {"某某〔杭州〕科技有限公司", "某某（杭州）科技有限公司", true},
    {"某某 ( 杭州 ) 科技有限公司", "某某（杭州）科技有限公司", true},
    {"(杭州)某某科技有限公司", "（杭州）某某科技有限公司", true},
    {"【浙江】 某某 有限公司", "（浙江）某某有限公司", true},
    {"某某有限责任公司杭州分公司", "某某有限公司杭州分公司", true},
    {"“杭州某某科技有限公司”", "杭州某某科技有限公司", true},
    {"杭州某某科技有限公司。", "杭州某某科技有限公司", true},
    {"杭州市西湖区人民检察院", "杭州市西湖区人民检察院", true},
    {"林芝市林业和草原局", "林芝市林业和草原局", true},
    {"ＡＢＣ科技有限公司", "ABC科技有限公司", true},
    {"Alibaba  Group Holding", "Alibaba Group Holding", true},
    {"杭州市西湖区张三小吃店", "杭州市西湖区张三小吃店", true},
    {"91350100M000100Y43", "91350100M000100Y43", false},
    {"12345", "12345", false},
    {"某", "某", false},
    {"（）", "", false},
    {"", "", false},
};

class OrgNameSpelling : public ::testing::TestWithParam<Case> {};

TEST_P(OrgNameSpelling, Normalises) {
  const Case& c = GetParam();
  const Normalized n = normalize(Element::org_name, c.raw);
  EXPECT_EQ(n.canonical, c.canonical);
  EXPECT_EQ(n.valid, c.valid);
  if (n.valid) {
    EXPECT_EQ(normalize(Element::org_name, n.canonical).canonical, n.canonical);
  } else {
    EXPECT_FALSE(n.reason_zh.empty());
  }
}

INSTANTIATE_TEST_SUITE_P(Table, OrgNameSpelling, ::testing::ValuesIn(kCases));

}  // namespace
}  // namespace shanhai::normalize
