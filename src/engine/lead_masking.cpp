#include "engine/lead_masking.h"

#include <functional>

#include "model/expr_parser.h"
#include "normalize/mask.h"

namespace shanhai::engine {

namespace {

constexpr int kMaxDepth = 8;  // derived fields defined through other derived fields

std::string_view bare(std::string_view name) {
  const size_t dot = name.rfind('.');
  return dot == std::string_view::npos ? name : name.substr(dot + 1);
}

std::optional<normalize::Element> personal(std::string_view element_name) {
  const auto e = normalize::element_from_name(element_name);
  if (e && normalize::is_personal(*e)) return e;
  return std::nullopt;
}

}  // namespace

PersonalFields::PersonalFields(const model::ModelSpec& spec) : spec_(spec) {
  for (const model::Step& s : spec.steps) {
    for (const auto& [name, expr] : s.derive) derived_[name.text].push_back(expr.text);
  }
}

std::optional<normalize::Element> PersonalFields::element_of(const Table& table,
                                                             std::string_view name) const {
  return resolve(table, name, 0);
}

std::optional<normalize::Element> PersonalFields::resolve(const Table& table, std::string_view name,
                                                          int depth) const {
  if (depth > kMaxDepth) return std::nullopt;
  if (const Column* c = table.find(name); c != nullptr) {
    if (auto e = personal(c->element)) return e;
  }
  const std::string_view field = bare(name);
  // An input field the table does not carry as such (its element is not kept by the step).
  auto input_element = [&]() -> std::optional<normalize::Element> {
    for (const model::Input& in : spec_.inputs) {
      for (const model::Field& f : in.fields) {
        if (f.name.text != field) continue;
        if (auto e = personal(f.element.text)) return e;
        // A text field whose label names a person ("当事人", "被告人姓名"): the model keeps it as
        // text because it may also hold an organisation, but it is masked all the same.
        if (f.element.text == "text") {
          if (auto e = normalize::personal_element_from_header(f.label)) return e;
        }
      }
    }
    return std::nullopt;
  };
  const auto derived = derived_.find(field);
  if (derived == derived_.end()) return input_element();
  // A derived field: personal when its expression hands a personal field through unchanged.
  for (const std::string& text : derived->second) {
    auto parsed = model::parse_expression(text);
    if (!parsed) continue;
    const std::function<std::optional<normalize::Element>(const model::Expr&)> through =
        [&](const model::Expr& e) -> std::optional<normalize::Element> {
      if (e.kind == model::ExprKind::field) {
        // `name: upper(name)` reads the input field it replaces.
        return e.name == field ? input_element() : resolve(table, e.qualified_name(), depth + 1);
      }
      if (e.kind == model::ExprKind::call &&
          (e.name == "coalesce" || e.name == "lower" || e.name == "upper")) {
        for (const model::ExprPtr& arg : e.children) {
          if (auto found = through(*arg)) return found;
        }
      }
      return std::nullopt;
    };
    if (auto e = through(*parsed.value())) return e;
  }
  return std::nullopt;
}

}  // namespace shanhai::engine
