#pragma once
// Which fields of a lead step carry personal data, so that make_leads can write the masked
// subject and title (normalize/mask.h) next to the raw ones.
//
// A field is personal when it is a column normalised as a personal element (an input field, or
// a step output that passes one on unchanged: filters, joins, grouping keys), or a derived field
// that passes a personal field through: `name: payer_name`, `name: coalesce(a.name, b.name)`,
// `name: upper(name)`. An input field of element text whose label names personal data
// (normalize::personal_element_from_header: 当事人, 被告人姓名, 住址 …) counts as that element.
// Any other computed value (a count, a date difference) is not personal.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/table.h"
#include "model/spec.h"
#include "normalize/element.h"

namespace shanhai::engine {

class PersonalFields {
 public:
  explicit PersonalFields(const model::ModelSpec& spec);

  // The personal element of field `name` ("payer_name" or "payments.payer_name") of a step's
  // output table, or nullopt when it is not personal.
  std::optional<normalize::Element> element_of(const Table& table, std::string_view name) const;

 private:
  std::optional<normalize::Element> resolve(const Table& table, std::string_view name,
                                            int depth) const;

  const model::ModelSpec& spec_;
  std::map<std::string, std::vector<std::string>, std::less<>> derived_;  // bare name → exprs
};

}  // namespace shanhai::engine
