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

// Parses the options into request.inputs, request.fields and request.params (an
// engine::RunRequest or engine::LinkEvaluationRequest).
template <class Request>
Status bind_request(Request& request, const std::vector<std::string>& inputs,
                    const std::vector<std::string>& maps, const std::vector<std::string>& params) {
  auto options = parse_binding_options(inputs, maps, params);
  if (!options) return options.take_error();
  request.inputs = std::move(options.value().inputs);
  request.fields = std::move(options.value().fields);
  request.params = std::move(options.value().params);
  return Status::Ok();
}

}  // namespace shanhai::cli
