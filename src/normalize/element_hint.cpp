#include "normalize/element_hint.h"

#include <array>
#include <vector>

namespace shanhai::normalize {

namespace {

struct Hint {
  Element element;
  std::string_view zh;
  std::vector<std::string_view> examples;
};

// In the order of Element. The examples are the values a hint spells out (checked by
// tests/unit/normalize/element_hint_test.cpp).
const std::array<Hint, 18>& hints() {
  static const std::array<Hint, 18> kHints = {{
      {Element::text, "文本：照原文填写", {}},
      {Element::integer, "整数：如12", {"12"}},
      {Element::decimal, "小数：如186.5", {"186.5"}},
      {Element::money,
       "金额：单位为元，可写作5000、5,000.00、伍仟元整或0.5万元",
       {"5000", "5,000.00", "伍仟元整", "0.5万元"}},
      {Element::date,
       "日期：如2023-01-31、2023年1月31日或20230131",
       {"2023-01-31", "2023年1月31日", "20230131"}},
      {Element::datetime, "日期时间：如2023-01-31 08:30", {"2023-01-31 08:30"}},
      {Element::boolean, "是否：填“是”或“否”", {"是", "否"}},
      {Element::person_name, "姓名：如张三、阿卜杜拉·买买提", {"张三", "阿卜杜拉·买买提"}},
      {Element::id_number, "公民身份号码：18位，末位可为X（15位旧号码亦可）", {}},
      {Element::uscc, "统一社会信用代码：18位，如91330106MA27XY123U", {"91330106MA27XY123U"}},
      {Element::org_name,
       "单位名称：填全称，如杭州市西湖区市场监督管理局",
       {"杭州市西湖区市场监督管理局"}},
      {Element::case_number,
       "案号：法院案号或行政文书文号，如(2023)浙0106刑初123号、杭西环罚〔2023〕3号",
       {"(2023)浙0106刑初123号", "杭西环罚〔2023〕3号"}},
      {Element::region, "行政区划：名称或6位代码，如桐庐县、330122", {"桐庐县", "330122"}},
      {Element::address,
       "地址：省、市、县（区）、乡镇（街道）及门牌，如浙江省杭州市西湖区文三路90号",
       {"浙江省杭州市西湖区文三路90号"}},
      {Element::phone,
       "电话号码：手机11位如13812341234，座机带区号如0571-88886666",
       {"13812341234", "0571-88886666"}},
      {Element::plate, "车牌号：如浙A12345", {"浙A12345"}},
      {Element::bac, "血液酒精含量：单位mg/100ml，如85.3mg/100ml", {"85.3mg/100ml", "85.3"}},
      {Element::party_id,
       "当事人证件号码：公民身份号码（18位，末位可为X）或统一社会信用代码（18位）",
       {}},
  }};
  return kHints;
}

}  // namespace

std::string_view element_hint_zh(Element e) { return hints()[static_cast<size_t>(e)].zh; }

std::span<const std::string_view> element_hint_examples(Element e) {
  return hints()[static_cast<size_t>(e)].examples;
}

}  // namespace shanhai::normalize
