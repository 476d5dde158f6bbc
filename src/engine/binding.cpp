#include "engine/binding.h"

#include <algorithm>
#include <charconv>

#include <fmt/format.h>

#include "model/name_suggestion.h"

namespace shanhai::engine {

namespace {

Error bad_choice(std::string code, std::string zh, std::string en, std::string_view value) {
  return Error(std::move(code), std::move(zh), std::move(en),
               Location::of_value(std::string(value)));
}

std::string join(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : "、") + n;
  return out;
}

}  // namespace

Result<InputChoice> parse_input_choice(std::string_view arg) {
  const size_t eq = arg.find('=');
  if (eq == std::string_view::npos || eq == 0 || eq + 1 == arg.size()) {
    return bad_choice("bind.bad_input_option", "--input 的格式应为 输入名=数据集[@版本]",
                      "--input takes NAME=DATASET[@VERSION]", arg);
  }
  InputChoice c{std::string(arg.substr(0, eq)), std::string(arg.substr(eq + 1)), std::nullopt};
  if (const size_t at = c.dataset.rfind('@'); at != std::string::npos) {
    int64_t v = 0;
    const std::string_view digits = std::string_view(c.dataset).substr(at + 1);
    const auto [p, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v);
    if (ec != std::errc() || p != digits.data() + digits.size() || v <= 0) {
      return bad_choice("bind.bad_input_option", "--input 中的版本应为正整数，如 处罚决定@2",
                        "the version in --input must be a positive number, e.g. penalties@2", arg);
    }
    c.version = v;
    c.dataset.resize(at);
  }
  return c;
}

Result<FieldChoice> parse_field_choice(std::string_view arg) {
  const size_t eq = arg.find('=');
  const size_t dot = arg.substr(0, eq).find('.');
  if (eq == std::string_view::npos || dot == std::string_view::npos || dot == 0 || dot + 1 == eq ||
      eq + 1 == arg.size()) {
    return bad_choice("bind.bad_map_option", "--map 的格式应为 输入名.字段名=列名",
                      "--map takes INPUT.FIELD=COLUMN", arg);
  }
  return FieldChoice{std::string(arg.substr(0, dot)),
                     std::string(arg.substr(dot + 1, eq - dot - 1)),
                     std::string(arg.substr(eq + 1))};
}

Result<Binding> bind_model(store::Workspace& ws, const model::ModelSpec& spec,
                           const std::vector<InputChoice>& inputs,
                           const std::vector<FieldChoice>& fields) {
  std::vector<std::string> input_names;
  for (const auto& in : spec.inputs) input_names.push_back(in.name.text);
  auto check_input = [&](const std::string& name, std::string_view option) -> Status {
    if (std::find(input_names.begin(), input_names.end(), name) != input_names.end()) {
      return Status::Ok();
    }
    const auto s = model::closest_name(name, input_names);
    return bad_choice(
        "bind.unknown_input",
        fmt::format("模型“{}”没有名为“{}”的输入{}可用输入：{}", spec.id.text, name,
                    s ? fmt::format("，是否应为“{}”？", *s) : "。", join(input_names)),
        fmt::format("model \"{}\" has no input \"{}\"{} the inputs are: {}", spec.id.text, name,
                    s ? fmt::format("; did you mean \"{}\"?", *s) : ";", join(input_names)),
        option);
  };
  for (const auto& c : inputs) SHANHAI_TRY(check_input(c.input, c.input + "=" + c.dataset));
  for (const auto& f : fields) SHANHAI_TRY(check_input(f.input, f.input + "." + f.field));
  // Saying the same thing twice with different answers is a mistake, not a preference.
  for (size_t i = 0; i < inputs.size(); ++i) {
    for (size_t j = 0; j < i; ++j) {
      if (inputs[j].input != inputs[i].input) continue;
      return bad_choice(
          "bind.duplicate_choice", fmt::format("--input 对输入“{}”指定了两次", inputs[i].input),
          fmt::format("--input names input \"{}\" twice", inputs[i].input), inputs[i].input);
    }
  }
  for (size_t i = 0; i < fields.size(); ++i) {
    for (size_t j = 0; j < i; ++j) {
      if (fields[j].input != fields[i].input || fields[j].field != fields[i].field) continue;
      const std::string name = fields[i].input + "." + fields[i].field;
      return bad_choice("bind.duplicate_choice", fmt::format("--map 对字段“{}”指定了两次", name),
                        fmt::format("--map names field \"{}\" twice", name), name);
    }
  }

  Binding binding;
  for (const model::Input& in : spec.inputs) {
    BoundInput bound;
    bound.input = in.name.text;
    const auto choice = std::find_if(inputs.begin(), inputs.end(),
                                     [&](const auto& c) { return c.input == in.name.text; });
    const std::string dataset = choice != inputs.end() ? choice->dataset : in.name.text;
    auto version =
        store::find_version(ws, dataset, choice != inputs.end() ? choice->version : std::nullopt);
    if (!version) {
      if (choice != inputs.end()) return version.take_error();
      return bad_choice("bind.no_dataset",
                        fmt::format("输入“{}”（{}）没有指定数据集，请用 --input {}=数据集名称 指定",
                                    in.name.text, in.label, in.name.text),
                        fmt::format("input \"{}\" has no dataset; name one with --input {}=DATASET",
                                    in.name.text, in.name.text),
                        in.name.text);
    }
    bound.version = std::move(version.value());
    std::vector<std::string> columns;
    for (const auto& c : bound.version.columns) columns.push_back(c.name);
    auto column_index = [&](const std::string& name) -> std::optional<size_t> {
      const auto it = std::find(columns.begin(), columns.end(), name);
      if (it == columns.end()) return std::nullopt;
      return static_cast<size_t>(it - columns.begin());
    };

    std::vector<std::string> field_names;
    for (const auto& f : in.fields) field_names.push_back(f.name.text);
    for (const FieldChoice& m : fields) {
      if (m.input != in.name.text) continue;
      if (std::find(field_names.begin(), field_names.end(), m.field) == field_names.end()) {
        const auto s = model::closest_name(m.field, field_names);
        return bad_choice(
            "bind.unknown_field",
            fmt::format("输入“{}”没有字段“{}”{}字段有：{}", in.name.text, m.field,
                        s ? fmt::format("，是否应为“{}”？", *s) : "。", join(field_names)),
            fmt::format("input \"{}\" has no field \"{}\"{} the fields are: {}", in.name.text,
                        m.field, s ? fmt::format("; did you mean \"{}\"?", *s) : ";",
                        join(field_names)),
            m.input + "." + m.field);
      }
      if (!column_index(m.column)) {
        const auto s = model::closest_name(m.column, columns);
        return bad_choice(
            "bind.unknown_column",
            fmt::format("数据集“{}”没有列“{}”{}列有：{}", dataset, m.column,
                        s ? fmt::format("，是否应为“{}”？", *s) : "。", join(columns)),
            fmt::format("dataset \"{}\" has no column \"{}\"{} the columns are: {}", dataset,
                        m.column, s ? fmt::format("; did you mean \"{}\"?", *s) : ";",
                        join(columns)),
            m.column);
      }
    }

    for (const model::Field& f : in.fields) {
      BoundField b{f.name.text, f.element.text, f.required, std::nullopt, "unbound"};
      const auto mapped = std::find_if(fields.begin(), fields.end(), [&](const auto& m) {
        return m.input == in.name.text && m.field == f.name.text;
      });
      if (mapped != fields.end()) {
        b.column = column_index(mapped->column);
        b.how = "mapped";
      } else if (auto by_name = column_index(f.name.text)) {
        b.column = by_name;
        b.how = "name";
      } else if (auto by_label = f.label.empty() ? std::nullopt : column_index(f.label)) {
        b.column = by_label;
        b.how = "label";
      }
      if (!b.column && f.required) {
        const auto s = model::closest_name(f.label.empty() ? f.name.text : f.label, columns);
        return bad_choice(
            "bind.unbound_field",
            fmt::format(
                "输入“{}”的必填字段“{}”（{}）在数据集“{}”中找不到对应的列{}请用 --map {}.{}=列名 "
                "指定。数据集的列：{}",
                in.name.text, f.name.text, f.label, dataset,
                s ? fmt::format("，是否是“{}”？", *s) : "。", in.name.text, f.name.text,
                join(columns)),
            fmt::format("required field \"{}\" ({}) of input \"{}\" has no column in dataset "
                        "\"{}\"{} map it with --map {}.{}=COLUMN. The columns are: {}",
                        f.name.text, f.label, in.name.text, dataset,
                        s ? fmt::format("; is it \"{}\"?", *s) : ";", in.name.text, f.name.text,
                        join(columns)),
            in.name.text + "." + f.name.text);
      }
      bound.fields.push_back(std::move(b));
    }
    binding.inputs.push_back(std::move(bound));
  }
  return binding;
}

}  // namespace shanhai::engine
