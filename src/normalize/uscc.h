#pragma once
// 统一社会信用代码 (unified social credit identifier, GB 32100-2015) and the codes it replaced.
//
// USCC: 18 characters from 0-9 and A-Z without I O S V Z: registration authority (1 机构编制,
// 5 民政, 9 工商, Y 其他 …), organisation category, 6-digit region code, the 9-character
// organisation code (组织机构代码) and a check character (MOD 31). Also accepted in the same
// element: the old organisation code alone (8 characters + GB 11714 MOD 11 check, written
// "12345678-9"), and the old 15-digit business registration number (工商注册号, ISO 7064 MOD
// 11,10). Lower case, full-width characters, spaces and hyphens are tolerated.

#include <string>
#include <string_view>

#include "common/error.h"
#include "normalize/element.h"

namespace shanhai::normalize {

struct Uscc {
  enum class Kind { uscc, org_code, registration_number };
  Kind kind = Kind::uscc;
  std::string canonical;    // USCC: 18 characters; org code: "XXXXXXXX-X"; reg. number: 15 digits
  char authority = 0;       // USCC only: registration authority code ('9' = 工商)
  char category = 0;        // USCC only: organisation category
  std::string region_code;  // USCC: characters 3–8; reg. number: first 6 digits
  std::string org_code;     // USCC: characters 9–17 as "XXXXXXXX-X"; org code: itself
};

// Check character of the first 17 USCC characters, or '\0' when one is outside the charset.
char uscc_check_char(std::string_view first17);

// GB 11714 check character ('0'–'9' or 'X') of 8 organisation-code characters, or '\0'.
char org_code_check_char(std::string_view first8);

// ISO 7064 MOD 11,10 check digit of the first 14 digits of a registration number, or '\0'.
char registration_number_check_digit(std::string_view first14);

// Error codes: "uscc.length", "uscc.chars", "uscc.checksum".
Result<Uscc> parse_uscc(std::string_view raw);

// normalize(Element::uscc, raw). A code of the right shape with a wrong check character keeps its
// cleaned form as canonical and is invalid.
Normalized normalize_uscc(std::string_view raw);

}  // namespace shanhai::normalize
