#include "linkage/id_number_form.h"

#include <cstring>

#include "normalize/date.h"
#include "normalize/id_number.h"
#include "normalize/text.h"

namespace shanhai::linkage {

namespace {

int two(const char* p) { return (p[0] - '0') * 10 + (p[1] - '0'); }

bool birth_exists(const char* d) {  // d: YYYYMMDD digits
  for (int k = 0; k < 8; ++k) {
    if (d[k] < '0' || d[k] > '9') return false;
  }
  const int year = two(d) * 100 + two(d + 2);
  return year >= 1800 && year <= 2099 && normalize::valid_ymd(year, two(d + 4), two(d + 6));
}

}  // namespace

IdNumberForm id_number_form(std::string_view raw) {
  using normalize::IdNumberCheck;
  IdNumberForm form;
  bool legacy15 = false;
  // An invalid number keeps its cleaned 18-character form (a typo is exactly what linkage looks
  // for); check_id_number says which check failed first: region, then birth date, then check
  // character.
  switch (normalize::check_id_number(raw, form.chars.data(), &legacy15)) {
    case IdNumberCheck::valid:
      form.flags = IdNumberForm::kUsable | IdNumberForm::kValid | IdNumberForm::kRegionOk |
                   IdNumberForm::kBirthOk;
      break;
    case IdNumberCheck::region:
      form.flags = IdNumberForm::kUsable;
      if (birth_exists(form.chars.data() + 6)) form.flags |= IdNumberForm::kBirthOk;
      break;
    case IdNumberCheck::birth_date:
      form.flags = IdNumberForm::kUsable | IdNumberForm::kRegionOk;
      break;
    case IdNumberCheck::checksum:
      form.flags = IdNumberForm::kUsable | IdNumberForm::kRegionOk | IdNumberForm::kBirthOk;
      break;
    case IdNumberCheck::unusable:
      return IdNumberForm{};
  }
  if (legacy15) form.flags |= IdNumberForm::kLegacy15;
  return form;
}

IdComparison compare_id_numbers(const IdNumberForm& a, const IdNumberForm& b) {
  const bool a_legacy = a.has(IdNumberForm::kLegacy15);
  const bool b_legacy = b.has(IdNumberForm::kLegacy15);
  const bool either_legacy = a_legacy || b_legacy;
  const size_t n = either_legacy ? 17 : 18;
  if (std::memcmp(a.chars.data(), b.chars.data(), n) == 0) {
    return {a_legacy == b_legacy ? IdRelation::equal : IdRelation::legacy_equal, 0};
  }
  constexpr uint8_t kTypoNeeds = IdNumberForm::kRegionOk | IdNumberForm::kBirthOk;
  if (!a.has(kTypoNeeds) || !b.has(kTypoNeeds)) return {IdRelation::different, 0};
  int first = -1, second = -1, differences = 0;
  for (size_t i = 0; i < n; ++i) {
    if (a.chars[i] == b.chars[i]) continue;
    if (++differences > 2) return {IdRelation::different, 0};
    (first < 0 ? first : second) = static_cast<int>(i);
  }
  if (differences == 1) return {IdRelation::substitution, first + 1};
  if (second == first + 1 && a.chars[first] == b.chars[second] &&
      a.chars[second] == b.chars[first]) {
    return {IdRelation::transposition, first + 1};
  }
  return {IdRelation::different, 0};
}

}  // namespace shanhai::linkage
