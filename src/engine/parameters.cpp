#include "engine/parameters.h"

#include <algorithm>
#include <charconv>

#include <fmt/format.h>

#include "engine/arithmetic.h"
#include "model/expr_types.h"
#include "model/name_suggestion.h"
#include "normalize/boolean.h"
#include "normalize/date.h"
#include "normalize/element.h"
#include "normalize/money.h"

namespace shanhai::engine {

namespace {

Error param_error(std::string code, std::string zh, std::string en, std::string_view value) {
  return Error(std::move(code), std::move(zh), std::move(en),
               Location::of_value(std::string(value)));
}

// The value of `text` as `type`, or nullopt.
std::optional<Column> parse_value(model::Type type, std::string_view text, int32_t today) {
  Column c;
  c.type = type;
  c.present.push_back(1);
  auto one = [&](std::optional<int64_t> v) -> std::optional<Column> {
    if (!v) return std::nullopt;
    c.values.push_back(*v);
    return c;
  };
  switch (type.kind) {
    case model::TypeKind::date:
      if (text == "today") return one(today);
      return one(normalize::parse_date_days(text));
    case model::TypeKind::money: {
      const auto n = normalize::normalize(normalize::Element::money, text);
      return one(n.valid ? normalize::parse_money_fen(n.canonical) : std::nullopt);
    }
    case model::TypeKind::boolean: {
      auto b = normalize::parse_boolean(text);
      return one(b ? std::optional<int64_t>(*b ? 1 : 0) : std::nullopt);
    }
    case model::TypeKind::integer: {
      const auto n = normalize::normalize(normalize::Element::integer, text);
      int64_t v = 0;
      const auto [p, ec] =
          std::from_chars(n.canonical.data(), n.canonical.data() + n.canonical.size(), v);
      if (!n.valid || ec != std::errc() || p != n.canonical.data() + n.canonical.size()) {
        return std::nullopt;
      }
      return one(v);
    }
    case model::TypeKind::decimal: {
      const auto n = normalize::normalize(normalize::Element::decimal, text);
      return one(n.valid ? parse_decimal_micro(n.canonical) : std::nullopt);
    }
    default:
      c.texts.push_back(text);
      return c;
  }
}

}  // namespace

Result<std::pair<std::string, std::string>> parse_param_option(std::string_view arg) {
  const size_t eq = arg.find('=');
  if (eq == std::string_view::npos || eq == 0) {
    return param_error("param.bad_option", "--param 的格式应为 参数名=值，如 as_of=2024-06-30",
                       "--param takes NAME=VALUE, e.g. as_of=2024-06-30", arg);
  }
  return std::pair{std::string(arg.substr(0, eq)), std::string(arg.substr(eq + 1))};
}

Result<Parameters> resolve_parameters(const model::ModelSpec& spec,
                                      const std::vector<std::pair<std::string, std::string>>& given,
                                      int32_t today) {
  std::vector<std::string> names;
  for (const model::Parameter& p : spec.parameters) names.push_back(p.name.text);
  for (const auto& [name, value] : given) {
    if (std::find(names.begin(), names.end(), name) == names.end()) {
      const auto near = model::closest_name(name, names);
      std::string known;
      for (const auto& n : names) known += (known.empty() ? "" : ", ") + n;
      if (known.empty()) known = "—";
      return param_error(
          "param.unknown",
          fmt::format("模型“{}”没有参数“{}”{}（已有参数：{}）", spec.id.text, name,
                      near ? fmt::format("，是否应为“{}”？", *near) : "", known),
          fmt::format("model \"{}\" has no parameter \"{}\"{} (parameters: {})", spec.id.text, name,
                      near ? fmt::format("; did you mean \"{}\"?", *near) : "", known),
          name);
    }
  }
  Parameters out;
  for (const model::Parameter& p : spec.parameters) {
    const model::Type type = model::type_from_name(p.type.text);
    std::optional<std::string> text;
    for (const auto& [name, value] : given) {
      if (name == p.name.text) text = value;  // the last one given wins
    }
    if (!text && p.default_value) text = p.default_value->text;
    if (!text) {
      return param_error(
          "param.missing",
          fmt::format("参数“{}”没有默认值，请用 --param {}=值 指定", p.name.text, p.name.text),
          fmt::format("parameter \"{}\" has no default; give --param {}=VALUE", p.name.text,
                      p.name.text),
          p.name.text);
    }
    auto value = parse_value(type, *text, today);
    if (!value) {
      return param_error("param.bad_value",
                         fmt::format("参数“{}”应为{}，“{}”无法识别", p.name.text,
                                     model::type_label_zh(type), *text),
                         fmt::format("parameter \"{}\" must be {}; cannot read \"{}\"", p.name.text,
                                     model::to_string(type), *text),
                         *text);
    }
    out.emplace(p.name.text, std::move(*value));
  }
  return out;
}

std::map<std::string, std::string> parameter_texts(const Parameters& params) {
  std::map<std::string, std::string> out;
  for (const auto& [name, column] : params) out[name] = format_cell(column, 0);
  return out;
}

}  // namespace shanhai::engine
