#pragma once
// 公民身份号码 (citizen identity number, GB 11643-1999).
//
// 18 characters: 6-digit region code, 8-digit birth date YYYYMMDD, 3-digit sequence (odd for
// men, even for women) and a check character (ISO 7064 MOD 11-2; 'X' stands for 10). Legacy
// 15-digit numbers (YYMMDD birth date, no check character) are upgraded to 18 by inserting "19"
// and computing the check character. Accepted spellings: lower-case x, full-width digits and Ｘ,
// spaces and hyphens anywhere, a leading apostrophe (Excel's text marker).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/error.h"
#include "normalize/element.h"

namespace shanhai::normalize {

struct IdNumber {
  std::string canonical18;  // 18 characters, check character upper-case
  std::string birth_date;   // YYYY-MM-DD
  char sex = 'M';           // 'M' or 'F'
  std::string region_code;  // first six digits
  bool legacy15 = false;    // the input was a 15-digit number
};

// The GB 11643 check character ('0'–'9' or 'X') of the first 17 digits, or '\0' when the input is
// not 17 ASCII digits.
char id_check_char(std::string_view first17);

// Parses and validates. Errors carry codes "id_number.empty", ".length", ".chars",
// ".scientific", ".checksum", ".birth_date" and ".region".
Result<IdNumber> parse_id_number(std::string_view raw);

// Fast path used by normalize(): writes the 18 canonical characters to out and returns true when
// raw is a valid number. Does not allocate.
bool canonical_id_number(std::string_view raw, char out[18]);

// Which check a number fails first, for callers that need only that (linkage reads every
// record's number): no message is built and nothing is allocated.
enum class IdNumberCheck : uint8_t {
  valid,
  region,      // the region code is not a province's
  birth_date,  // the birth date does not exist
  checksum,    // the check character is wrong
  unusable,    // not the shape of a number (empty, wrong length, other characters)
};
// Writes the 18 cleaned characters to out unless unusable: for a valid number its canonical
// form, otherwise the form normalize_id_number keeps; *legacy15 (when given) tells whether raw
// had the 15 digits of a legacy number (upgraded in out). parse_id_number fails with
// "id_number.region", ".birth_date" or ".checksum" exactly for those results.
IdNumberCheck check_id_number(std::string_view raw, char out[18], bool* legacy15 = nullptr);

// normalize(Element::id_number, raw). A number of the right shape with a wrong check character or
// an impossible birth date keeps its cleaned 18-character form as canonical and is invalid.
Normalized normalize_id_number(std::string_view raw);

}  // namespace shanhai::normalize
