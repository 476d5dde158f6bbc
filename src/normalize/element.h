#pragma once
// Elements (标准要素): the types a column can carry, and the single entry point that turns one
// raw value into its canonical form. See docs/normalize.md for every accepted spelling.
//
// The whole layer is pure: no I/O, no clock, no global mutable state. ICU and OpenCC objects are
// created lazily once and shared safely between threads.

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace shanhai::normalize {

enum class Element {
  text,
  integer,
  decimal,
  money,
  date,
  datetime,
  boolean,
  person_name,
  id_number,
  uscc,
  org_name,
  case_number,
  region,
  address,
  phone,
  plate,
  bac,
  party_id  // a person's id number or an organisation's credit code (party_id.h)
};

// Every element, in declaration order.
inline constexpr std::array<Element, 18> kAllElements = {
    Element::text,      Element::integer,  Element::decimal,  Element::money,
    Element::date,      Element::datetime, Element::boolean,  Element::person_name,
    Element::id_number, Element::uscc,     Element::org_name, Element::case_number,
    Element::region,    Element::address,  Element::phone,    Element::plate,
    Element::bac,       Element::party_id};

// "id_number" → Element::id_number; "bool" (and "boolean") → Element::boolean. Exact, lower-case.
std::optional<Element> element_from_name(std::string_view name);

// Inverse of element_from_name; Element::boolean → "bool".
std::string_view element_name(Element e);

// Chinese label: "公民身份号码", "统一社会信用代码", "案号", …
std::string_view element_label_zh(Element e);

// "text, integer, decimal, …" — every element name, for messages.
std::string element_names_list();

// Result of normalising one value.
struct Normalized {
  std::string canonical;  // canonical form; empty when the value cannot be normalised
  bool valid = false;
  std::string reason_zh, reason_en;  // why invalid (empty when valid); Chinese and English
};

// Normalises one raw value as the element. Pure and thread-safe. Empty or blank input gives
// canonical "", valid=false, reason "空值" / "empty". A value whose shape is recognised but which
// fails a check (an id number with a wrong check digit) keeps its cleaned form as canonical and is
// marked invalid with the reason.
Normalized normalize(Element e, std::string_view raw);

// Whether raw is known to be, as it stands, the canonical form of a valid value of the element,
// without normalising it: true for the commonest shapes that normalising leaves alone (an
// 11-digit mobile number for phone), false otherwise (then call normalize).
bool is_known_canonical(Element e, std::string_view raw);

}  // namespace shanhai::normalize
