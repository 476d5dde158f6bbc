#include "cli/binding_options.h"

#include "engine/parameters.h"

namespace shanhai::cli {

Result<BindingOptions> parse_binding_options(const std::vector<std::string>& inputs,
                                             const std::vector<std::string>& maps,
                                             const std::vector<std::string>& params) {
  BindingOptions out;
  for (const auto& s : inputs) {
    auto c = engine::parse_input_choice(s);
    if (!c) return c.take_error();
    out.inputs.push_back(std::move(c.value()));
  }
  for (const auto& s : maps) {
    auto c = engine::parse_field_choice(s);
    if (!c) return c.take_error();
    out.fields.push_back(std::move(c.value()));
  }
  for (const auto& s : params) {
    auto p = engine::parse_param_option(s);
    if (!p) return p.take_error();
    out.params.push_back(std::move(p.value()));
  }
  return out;
}

}  // namespace shanhai::cli
