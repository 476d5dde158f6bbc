#pragma once
// 单位名称 (names of organisations: companies, agencies, associations).
//
// Canonical form: NFKC, traditional → simplified, no whitespace next to Chinese characters or
// brackets (single spaces kept between Latin words), all brackets () [] 【】 〔〕 （） folded to
// full-width （）, surrounding quotes and trailing punctuation removed, and the company-form
// suffixes unified: 有限责任公司 → 有限公司, 股份公司 → 股份有限公司 ("(杭州)某某有限责任公司" →
// "（杭州）某某有限公司").

#include <string>
#include <string_view>

#include "normalize/element.h"

namespace shanhai::normalize {

std::string canonical_org_name(std::string_view raw);

Normalized normalize_org_name(std::string_view raw);

}  // namespace shanhai::normalize
