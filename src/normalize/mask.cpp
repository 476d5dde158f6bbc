#include "normalize/mask.h"

#include <array>
#include <vector>

#include "normalize/address.h"
#include "normalize/id_number.h"
#include "normalize/phone.h"
#include "normalize/text.h"

namespace shanhai::normalize {

namespace {

// The code points of s, each as its UTF-8 bytes (an invalid byte is one "character").
std::vector<std::string_view> characters(std::string_view s) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < s.size()) {
    const size_t start = i;
    next_code_point(s, i);
    if (i <= start) i = start + 1;
    out.push_back(s.substr(start, i - start));
  }
  return out;
}

// Keeps the first `front` and the last `back` characters and replaces each other one with '*'.
// A value too short to keep both and still hide something keeps only its first character, and a
// single character is hidden entirely.
std::string keep_ends(std::string_view s, size_t front, size_t back) {
  const std::vector<std::string_view> cs = characters(s);
  if (cs.empty()) return {};
  if (cs.size() <= front + back) {
    front = cs.size() > 1 ? 1 : 0;
    back = 0;
  }
  std::string out;
  for (size_t i = 0; i < cs.size(); ++i) {
    if (i < front || i >= cs.size() - back) {
      out.append(cs[i]);
    } else {
      out += '*';
    }
  }
  return out;
}

std::string mask_person_name(std::string_view v) { return keep_ends(v, 1, 0); }

std::string mask_id_number(std::string_view v) { return keep_ends(v, 4, 4); }

bool is_mobile(std::string_view canonical) {
  return canonical.size() == 11 && canonical[0] == '1' &&
         canonical.find_first_not_of("0123456789") == std::string_view::npos;
}

bool is_landline(std::string_view canonical) {
  return canonical.size() > 4 && canonical[0] == '0' && canonical.find('-') != std::string::npos;
}

std::string mask_phone(std::string_view v) {
  const Normalized n = normalize_phone(v);
  if (!n.valid) return keep_ends(v, 3, 4);
  const std::string& c = n.canonical;
  if (is_mobile(c)) return keep_ends(c, 3, 4);
  if (!is_landline(c)) return c;  // a service number (110, 12345, 400…) is nobody's own
  // "0571-88886666" or "0571-88886666-123": area code kept, number to its last four, the
  // extension hidden.
  const size_t dash = c.find('-');
  const size_t ext = c.find('-', dash + 1);
  const std::string_view number = std::string_view(c).substr(
      dash + 1, ext == std::string::npos ? std::string::npos : ext - dash - 1);
  std::string out = c.substr(0, dash + 1);
  out += keep_ends(number, 0, 4);
  if (ext != std::string::npos) out += "-" + std::string(c.size() - ext - 1, '*');
  return out;
}

std::string mask_address(std::string_view v) {
  if (is_blank(v)) return std::string(v);
  const Address a = parse_address(v);
  const std::string prefix = a.canonical.substr(0, a.canonical.size() - a.rest.size());
  if (a.rest.empty()) return prefix;  // only a division: names nobody's home
  return prefix + "****";
}

bool contains(std::string_view s, std::string_view word) {
  return s.find(word) != std::string_view::npos;
}

bool ends_with(std::string_view s, std::string_view word) {
  return s.size() >= word.size() && s.substr(s.size() - word.size()) == word;
}

bool contains_any(std::string_view s, std::span<const std::string_view> words) {
  for (std::string_view w : words) {
    if (contains(s, w)) return true;
  }
  return false;
}

// Roles a person plays in the records procuratorates collide; a header ending with one names the
// person ("被处罚人", "驾驶证持有人", "当事人名称").
constexpr std::array<std::string_view, 24> kPersonRoles = {
    "当事人", "被告人",   "持有人",   "驾驶人", "被处罚人", "违法人", "犯罪嫌疑人", "罪犯",
    "申请人", "被申请人", "被执行人", "原告",   "被告",     "第三人", "联系人",     "法定代表人",
    "户主",   "行为人",   "受害人",   "被害人", "证人",     "驾驶员", "承租人",     "权利人"};

constexpr std::array<std::string_view, 6> kIdWords = {"身份证",       "公民身份号码", "证件号码",
                                                      "身份证明号码", "身份号码",     "证件号"};
constexpr std::array<std::string_view, 4> kPhoneWords = {"电话", "手机", "联系方式", "联系号码"};
constexpr std::array<std::string_view, 4> kAddressWords = {"住址", "地址", "住所", "居住地"};

// Field names a model or an English ledger uses, matched whole.
std::optional<Element> from_english(std::string_view h) {
  if (h == "name" || h == "person_name" || h == "full_name") return Element::person_name;
  if (h == "id_number" || h == "id_card" || h == "idcard" || h == "id_no") {
    return Element::id_number;
  }
  if (h == "phone" || h == "mobile" || h == "tel" || h == "telephone") return Element::phone;
  if (h == "address" || h == "home_address") return Element::address;
  return std::nullopt;
}

bool names_person(std::string_view h) {
  if (contains(h, "姓名")) return true;
  for (std::string_view role : kPersonRoles) {
    if (ends_with(h, role)) return true;
    const std::string named = std::string(role) + "名称";
    if (ends_with(h, named)) return true;
  }
  return false;
}

template <class Values>
std::optional<Element> from_values(const Values& values) {
  size_t non_empty = 0, ids = 0, phones = 0;
  for (const auto& v : values) {
    const std::string_view s(v);
    if (is_blank(s)) continue;
    ++non_empty;
    char id[18];
    if (canonical_id_number(s, id)) {
      ++ids;
      continue;
    }
    const Normalized p = normalize_phone(s);
    if (p.valid && (is_mobile(p.canonical) || is_landline(p.canonical))) ++phones;
  }
  if (non_empty == 0) return std::nullopt;
  if (ids * 5 >= non_empty * 4) return Element::id_number;
  if (phones * 5 >= non_empty * 4) return Element::phone;
  return std::nullopt;
}

}  // namespace

bool is_personal(Element e) {
  switch (e) {
    case Element::person_name:
    case Element::id_number:
    case Element::phone:
    case Element::address:
    case Element::party_id:
      return true;
    default:
      return false;
  }
}

std::string mask(Element e, std::string_view value) {
  if (value.empty()) return {};
  switch (e) {
    case Element::person_name:
      return mask_person_name(value);
    case Element::id_number:
      return mask_id_number(value);
    case Element::phone:
      return mask_phone(value);
    case Element::address:
      return mask_address(value);
    case Element::party_id: {
      char id[18];
      return canonical_id_number(value, id) ? mask_id_number(value) : std::string(value);
    }
    default:
      return std::string(value);
  }
}

std::optional<Element> personal_element_from_header(std::string_view header) {
  std::string h = fold_width(nfkc(trim(header)), true);
  for (char& c : h) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  if (h.empty()) return std::nullopt;
  if (auto e = from_english(h)) return e;
  // Most specific first: "当事人身份证号" is an id number, "当事人住址" an address.
  if (contains_any(h, kIdWords)) return Element::id_number;
  if (contains_any(h, kPhoneWords)) return Element::phone;
  if (contains_any(h, kAddressWords)) return Element::address;
  if (names_person(h)) return Element::person_name;
  return std::nullopt;
}

std::optional<Element> personal_element_from_values(std::span<const std::string_view> values) {
  return from_values(values);
}

std::optional<Element> personal_element_from_values(std::span<const std::string> values) {
  return from_values(values);
}

}  // namespace shanhai::normalize
