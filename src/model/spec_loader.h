#pragma once
// Reads a model specification from YAML, or the equivalent JSON (JSON is read by the same YAML
// parser, so positions are exact for both). The loader checks the shape of the document — which
// keys exist where, scalars versus lists versus maps, the keys each step kind takes — and records
// the position of every name and expression. Meaning (references, cycles, types) is checked by
// spec_validator.h. Errors carry code "spec.*", Chinese and English sentences, and the file,
// line and column; unknown keys come with the closest known key as a suggestion.

#include <filesystem>
#include <string>
#include <string_view>

#include "common/error.h"
#include "model/spec.h"

namespace shanhai::model {

// Parses spec text. `file` names the source in messages and in ModelSpec::file.
Result<ModelSpec> load_spec_text(std::string_view text, const std::string& file);

// Reads and parses a spec file (model.yaml, model.yml or model.json).
Result<ModelSpec> load_spec_file(const std::filesystem::path& path);

// The step kinds the language has, in documentation order.
const std::vector<std::string>& step_kinds();

}  // namespace shanhai::model
