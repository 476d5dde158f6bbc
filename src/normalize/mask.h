#pragma once
// 个人信息脱敏: masking personal data by element, for everyone not entitled to see it (lead
// lists, consultation, exports without a reason). Pure functions, no I/O, thread-safe.
//
//   person_name  张三丰 → 张**; 阿卜杜拉·买买提 → 阿*******   first character kept, every further
//   one * id_number    110101199003070022 → 1101**********0022        first 4 and last 4 kept (15
//   digits too) phone        13812341234 → 138****1234; 0571-88886666 → 0571-****6666   (area code
//   kept);
//                service numbers (110, 12345, 400…) are not personal and stay
//   address      浙江省杭州市西湖区文三路90号 → 浙江省杭州市西湖区****   division prefix kept
//   party_id     masked as id_number when it is a valid id number; a credit code stays
// Every other element is returned unchanged. Masking is shape-preserving where it can be, so a
// reader still sees what kind of value was there.

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "normalize/element.h"

namespace shanhai::normalize {

// person_name, id_number, phone, address and party_id: the elements whose values identify a
// person and are masked.
bool is_personal(Element e);

// The masked form of one value of the element (see the file comment). Empty stays empty. A value
// that does not have the element's shape is still masked (keeping fewer characters), never
// passed through, except for party_id, where anything but an id number is not personal.
std::string mask(Element e, std::string_view value);

// The personal element a column header names, by the words procuratorates' ledgers use:
// 姓名, a party role (当事人, 被告人, 持有人, 驾驶人 … at the end of the header) → person_name;
// 身份证号, 公民身份号码, 证件号码, 身份证明号码 → id_number; 电话, 手机, 联系方式 → phone;
// 住址, 地址, 住所 → address. nullopt when the header names nothing personal.
std::optional<Element> personal_element_from_header(std::string_view header);

// The personal element of a column judged by its values: id_number when at least 80% of the
// non-empty values are valid id numbers, phone when at least 80% are mobile or landline numbers
// with an area code. nullopt otherwise (also when every value is empty).
std::optional<Element> personal_element_from_values(std::span<const std::string_view> values);
std::optional<Element> personal_element_from_values(std::span<const std::string> values);

}  // namespace shanhai::normalize
