#pragma once
// Model parameters at run time: the spec's defaults, overridden by `--param K=V`, each parsed
// as the parameter's declared type into a one-row Column (table.h representation).

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "common/error.h"
#include "engine/table.h"
#include "model/spec.h"

namespace shanhai::engine {

// Parameter name (without '$') → its value as a one-row column.
using Parameters = std::map<std::string, Column, std::less<>>;

// "K=V" from the command line.
Result<std::pair<std::string, std::string>> parse_param_option(std::string_view arg);

// Every parameter of spec: the override when given, else the default ("today" is `today`, days
// since 1970-01-01). Values are read leniently the way cells are (normalize layer): dates in any
// accepted spelling, money as 5000 / 伍仟元 / 0.5万元, decimals, integers, bool 是/否/true/false.
// Errors: "param.unknown" (no such parameter, closest suggested), "param.bad_value" (does not
// parse as the type; names the parameter, the type and the value), "param.missing" (no default
// and no value).
Result<Parameters> resolve_parameters(const model::ModelSpec& spec,
                                      const std::vector<std::pair<std::string, std::string>>& given,
                                      int32_t today);

// The parameters as JSON for the run record: {"as_of": "2024-06-30", "threshold": "80"}.
std::map<std::string, std::string> parameter_texts(const Parameters& params);

}  // namespace shanhai::engine
