#pragma once
// The --input NAME=DATASET[@VERSION], --map INPUT.FIELD=COLUMN and --param K=V options that
// `run`, `link-eval` and `suggest-mapping` share, parsed in one place. The first malformed
// option is the error (engine/binding.h, engine/parameters.h say what they accept).

#include <string>
#include <utility>
#include <vector>

#include "common/error.h"
#include "engine/binding.h"

namespace shanhai::cli {

struct BindingOptions {
  std::vector<engine::InputChoice> inputs;
  std::vector<engine::FieldChoice> fields;
  std::vector<std::pair<std::string, std::string>> params;
};

Result<BindingOptions> parse_binding_options(const std::vector<std::string>& inputs,
                                             const std::vector<std::string>& maps,
                                             const std::vector<std::string>& params);

}  // namespace shanhai::cli
