#pragma once
// How to write a value of each element, in one short Chinese sentence for the people who fill
// in forms: the element row of an element template (要素模版) says
// "公民身份号码：18位，末位可为X". Every example a hint gives is accepted by normalize().

#include <span>
#include <string_view>

#include "normalize/element.h"

namespace shanhai::normalize {

// "金额：单位为元，可写作5000、5,000.00、伍仟元整或0.5万元", … (starts with element_label_zh(e)).
std::string_view element_hint_zh(Element e);

// The examples the hint spells out, each a valid value of the element (for tests).
std::span<const std::string_view> element_hint_examples(Element e);

}  // namespace shanhai::normalize
