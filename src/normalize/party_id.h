#pragma once
// 当事人证件号码: the identity number of a party that may be a person or an organisation — a
// 公民身份号码 (id_number.h) or a 统一社会信用代码 (uscc.h, with the older codes it accepts).
//
// The value is read as an id number first and, when that fails, as a credit code; the first
// valid reading wins, so a legacy 15-digit id becomes 18 digits and a lower-case credit code
// upper-case, and a person and an organisation written either way compare equal. A 15-digit
// number that is both a valid legacy id and a valid business registration number reads as the
// id (people are the common case). A value that is neither is invalid; its canonical form is
// the id-number reading when it is made of digits (and X), else the credit-code reading, else
// the text normalisation.

#include <string_view>

#include "normalize/element.h"

namespace shanhai::normalize {

Normalized normalize_party_id(std::string_view raw);

}  // namespace shanhai::normalize
