#pragma once
// The JSON form of a model spec as the web app reads and edits it: the YAML document turned
// into JSON node for node (maps → objects, sequences → arrays, scalars → strings, except
// unquoted true/false → booleans and unquoted integers → numbers). load_spec_text reads the
// result back to the same spec.

#include <string_view>

#include <nlohmann/json.hpp>

#include "common/error.h"

namespace shanhai::model {

// Error "spec.yaml" (with line and column) when the text is not YAML.
Result<nlohmann::json> spec_text_to_json(std::string_view text, const std::string& file);

}  // namespace shanhai::model
