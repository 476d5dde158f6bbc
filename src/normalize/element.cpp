#include "normalize/element.h"

#include "normalize/address.h"
#include "normalize/bac.h"
#include "normalize/boolean.h"
#include "normalize/case_number.h"
#include "normalize/date.h"
#include "normalize/id_number.h"
#include "normalize/money.h"
#include "normalize/number.h"
#include "normalize/org_name.h"
#include "normalize/party_id.h"
#include "normalize/person_name.h"
#include "normalize/phone.h"
#include "normalize/plate.h"
#include "normalize/region.h"
#include "normalize/text.h"
#include "normalize/uscc.h"

namespace shanhai::normalize {

namespace {

struct ElementInfo {
  Element element;
  std::string_view name;
  std::string_view label_zh;
};

constexpr std::array<ElementInfo, 18> kInfo = {{
    {Element::text, "text", "文本"},
    {Element::integer, "integer", "整数"},
    {Element::decimal, "decimal", "小数"},
    {Element::money, "money", "金额"},
    {Element::date, "date", "日期"},
    {Element::datetime, "datetime", "日期时间"},
    {Element::boolean, "bool", "是否"},
    {Element::person_name, "person_name", "姓名"},
    {Element::id_number, "id_number", "公民身份号码"},
    {Element::uscc, "uscc", "统一社会信用代码"},
    {Element::org_name, "org_name", "单位名称"},
    {Element::case_number, "case_number", "案号"},
    {Element::region, "region", "行政区划"},
    {Element::address, "address", "地址"},
    {Element::phone, "phone", "电话号码"},
    {Element::plate, "plate", "车牌号"},
    {Element::bac, "bac", "血液酒精含量"},
    {Element::party_id, "party_id", "当事人证件号码"},
}};

}  // namespace

std::optional<Element> element_from_name(std::string_view name) {
  for (const auto& info : kInfo) {
    if (info.name == name) return info.element;
  }
  if (name == "boolean") return Element::boolean;
  return std::nullopt;
}

std::string_view element_name(Element e) { return kInfo[static_cast<size_t>(e)].name; }

std::string_view element_label_zh(Element e) { return kInfo[static_cast<size_t>(e)].label_zh; }

std::string element_names_list() {
  std::string out;
  for (const auto& info : kInfo) {
    if (!out.empty()) out += ", ";
    out += info.name;
  }
  return out;
}

bool is_known_canonical(Element e, std::string_view raw) {
  return e == Element::phone && is_canonical_mobile(raw);
}

Normalized normalize(Element e, std::string_view raw) {
  switch (e) {
    case Element::id_number:
      return normalize_id_number(raw);  // fast path first: it checks blankness itself
    case Element::date:
      return normalize_date(raw);
    default:
      break;
  }
  if (is_blank(raw)) return empty_result();
  switch (e) {
    case Element::text:
      return normalize_text(raw);
    case Element::integer:
      return normalize_integer(raw);
    case Element::decimal:
      return normalize_decimal(raw);
    case Element::money:
      return normalize_money(raw);
    case Element::datetime:
      return normalize_datetime(raw);
    case Element::boolean:
      return normalize_boolean(raw);
    case Element::person_name:
      return normalize_person_name(raw);
    case Element::uscc:
      return normalize_uscc(raw);
    case Element::org_name:
      return normalize_org_name(raw);
    case Element::case_number:
      return normalize_case_number(raw);
    case Element::region:
      return normalize_region(raw);
    case Element::address:
      return normalize_address(raw);
    case Element::phone:
      return normalize_phone(raw);
    case Element::plate:
      return normalize_plate(raw);
    case Element::bac:
      return normalize_bac(raw);
    case Element::party_id:
      return normalize_party_id(raw);
    case Element::id_number:
    case Element::date:
      break;
  }
  return empty_result();
}

}  // namespace shanhai::normalize
