#pragma once
// 地址 (postal addresses), basic: NFKC, no whitespace, and the province/city/county prefix
// recognised and completed from the region table ("杭州市西湖区文三路90号" →
// "浙江省杭州市西湖区文三路90号", "北京朝阳区建国路1号" → "北京市朝阳区建国路1号").

#include <string>
#include <string_view>

#include "normalize/element.h"
#include "normalize/region.h"

namespace shanhai::normalize {

struct Address {
  std::string canonical;    // full division names + the rest
  std::string region_code;  // deepest division recognised, "" when none
  std::string province, city, county;
  std::string rest;  // the address after the division names
};

Address parse_address(std::string_view raw, const RegionTable& table = RegionTable::builtin());

Normalized normalize_address(std::string_view raw);

}  // namespace shanhai::normalize
