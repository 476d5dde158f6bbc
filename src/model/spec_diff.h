#pragma once
// What changed between two versions of a model spec, as a list a model administrator reads
// before upgrading: metadata, parameters, inputs and their fields, steps and lead templates,
// each change with a Chinese sentence. Comparison is by name (parameters, inputs, fields),
// step id and lead rule; the order of items does not count as a change.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/spec.h"

namespace shanhai::model {

struct SpecChange {
  std::string area;     // metadata | parameter | input | field | step | lead
  std::string change;   // added | removed | changed
  std::string subject;  // the item: "name", "as_of", "penalties", "penalties.agency", "overdue",
                        // a lead's rule
  std::string aspect;   // for "changed": the property ("where", "element", "title", …); else ''
  std::string before;   // the old value as text ('' when added)
  std::string after;    // the new value as text ('' when removed)
  std::string zh;       // 中文说明, e.g. 步骤 overdue 的条件由“…”改为“…”
};

// The changes that turn `from` into `to`, in the order metadata, parameters, inputs and fields,
// steps, leads; within each, removed and changed items in `from`'s order, then added ones in
// `to`'s order. Equal specs give an empty list.
std::vector<SpecChange> diff_specs(const ModelSpec& from, const ModelSpec& to);

// [{area, change, subject, aspect, before, after, description_zh}].
nlohmann::json spec_changes_json(const std::vector<SpecChange>& changes);

}  // namespace shanhai::model
