#include "normalize/address.h"

#include "common/utf8.h"
#include "normalize/text.h"

namespace shanhai::normalize {

Address parse_address(std::string_view raw, const RegionTable& table) {
  Address a;
  const std::string s = fold_width(nfkc(trim(raw)), true);
  size_t consumed = 0;
  if (auto r = table.match_prefix(s, consumed)) {
    a.region_code = r->code;
    a.province = r->province;
    a.city = r->city;
    a.county = r->county;
    a.rest = s.substr(consumed);
    a.canonical = r->full_name() + a.rest;
  } else {
    a.rest = s;
    a.canonical = s;
  }
  return a;
}

Normalized normalize_address(std::string_view raw) {
  if (is_blank(raw)) return empty_result();
  Address a = parse_address(raw);
  bool letters = false;
  size_t i = 0;
  while (i < a.canonical.size()) {
    const char32_t cp = next_code_point(a.canonical, i);
    if (is_han(cp) || (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z')) letters = true;
  }
  if (!letters) {
    return invalid_result(std::move(a.canonical), "不含文字，不是地址", "contains no letters");
  }
  if (utf8_length(a.canonical) < 2) {
    return invalid_result(std::move(a.canonical), "地址过短", "address too short");
  }
  return valid_result(std::move(a.canonical));
}

}  // namespace shanhai::normalize
