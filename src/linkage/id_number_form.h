#pragma once
// A 公民身份号码 as the linkage layer compares it: its 18-character form and what is known to be
// right about it, kept also for numbers that fail validation (a wrong check character is what a
// typo looks like).

#include <array>
#include <cstdint>
#include <string_view>

namespace shanhai::linkage {

struct IdNumberForm {
  static constexpr uint8_t kUsable = 1;     // chars holds an 18-character form
  static constexpr uint8_t kValid = 2;      // ... that passes every check
  static constexpr uint8_t kRegionOk = 4;   // its region code is valid (province level)
  static constexpr uint8_t kBirthOk = 8;    // its birth date exists
  static constexpr uint8_t kLegacy15 = 16;  // the raw value was a 15-digit number (upgraded)

  std::array<char, 18> chars{};  // canonical (normalize::parse_id_number), upgraded if legacy
  uint8_t flags = 0;

  bool usable() const { return flags & kUsable; }
  bool has(uint8_t flag) const { return (flags & flag) == flag; }
};

// The form of a raw value. Not usable: empty, wrong length, letters. Usable but invalid: a
// wrong check character, an impossible birth date or region code (flags say which).
IdNumberForm id_number_form(std::string_view raw);

// How two usable forms relate, as comparison levels see it.
enum class IdRelation : uint8_t {
  equal,          // same number, both spelled with 18 (or both with 15) characters
  legacy_equal,   // one was 15 digits and equals the other after upgrade
  substitution,   // one character differs (position in detail)
  transposition,  // two adjacent characters swapped (first position in detail)
  different,
};

struct IdComparison {
  IdRelation relation = IdRelation::different;
  int position = 0;  // 1-based position in the 18-character form (substitution, transposition)
};

// Compares two usable forms. A typo (substitution, transposition) needs both numbers to have a
// valid region code and birth date; the check character may be wrong. When either number was a
// 15-digit one, its computed check character carries no information and is not compared.
IdComparison compare_id_numbers(const IdNumberForm& a, const IdNumberForm& b);

}  // namespace shanhai::linkage
