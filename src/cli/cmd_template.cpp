// `shanhai model template WORKSPACE MODEL_ID [--version V] --out FILE.xlsx` (要素模版) and
// `shanhai suggest-mapping WORKSPACE MODEL_ID [--input NAME=DATASET[@V] ...] [--json]`.

#include <iostream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/binding_options.h"
#include "cli/commands.h"
#include "engine/element_template.h"
#include "engine/installed_model.h"
#include "engine/mapping_suggestion.h"

namespace shanhai::cli {

namespace {

// An argument as a shell reads it back: single-quoted when it holds anything but plain
// characters (Chinese and full-width brackets are plain).
std::string shell_word(const std::string& s) {
  if (s.find_first_of(" \t()'\"$`\\&|;<>*?!#~[]{}") == std::string::npos) return s;
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::optional<std::string> version_or_none(const std::string& v) {
  return v.empty() ? std::nullopt : std::optional<std::string>(v);
}

struct TemplateArgs {
  std::string workspace, model, version, out;
};

Status write_template(const TemplateArgs& a) {
  auto ws = store::Workspace::open(a.workspace);
  if (!ws) return ws.take_error();
  auto spec = engine::installed_model_spec(*ws.value(), a.model, version_or_none(a.version));
  if (!spec) return spec.take_error();
  SHANHAI_TRY(engine::write_element_template(spec.value(), a.out));
  std::cout << fmt::format("已写出模型“{}”{} 版的要素模版：{}\n", spec->id.text, spec->version.text,
                           a.out);
  std::cout << fmt::format("Wrote the element template of model \"{}\" version {}: {}\n",
                           spec->id.text, spec->version.text, a.out);
  for (const engine::TemplateSheet& s : engine::template_layout(spec.value())) {
    std::cout << fmt::format("    工作表 sheet “{}” ← 输入 input {}（{} 个字段 fields）\n", s.sheet,
                             s.input, s.columns.size());
  }
  std::cout << fmt::format(
      "从第 3 行起填写数据，然后运行 / fill in data from row 3, then run:\n"
      "    shanhai run {} {} --template {}\n",
      a.workspace, spec->id.text, a.out);
  return Status::Ok();
}

struct SuggestArgs {
  std::string workspace, model, version;
  std::vector<std::string> inputs;
  bool json = false;
};

Status suggest(const SuggestArgs& a) {
  auto options = parse_binding_options(a.inputs, {}, {});
  if (!options) return options.take_error();
  const std::vector<engine::InputChoice>& inputs = options.value().inputs;
  auto ws = store::Workspace::open(a.workspace);
  if (!ws) return ws.take_error();
  auto spec = engine::installed_model_spec(*ws.value(), a.model, version_or_none(a.version));
  if (!spec) return spec.take_error();
  auto suggestions = engine::suggest_mapping(*ws.value(), spec.value(), inputs);
  if (!suggestions) return suggestions.take_error();
  if (a.json) {
    nlohmann::json out = {{"model", spec->id.text},
                          {"version", spec->version.text},
                          {"inputs", nlohmann::json::array()}};
    for (const auto& s : suggestions.value()) out["inputs"].push_back(engine::suggestion_json(s));
    std::cout << out.dump(2) << "\n";
    return Status::Ok();
  }
  std::vector<std::string> maps;
  std::cout << fmt::format("模型 model: {} {}\n", spec->id.text, spec->version.text);
  for (const engine::InputSuggestion& s : suggestions.value()) {
    if (!s.version) {
      std::cout << fmt::format(
          "\n输入 input {}（{}）：没有数据集，请用 --input {}=数据集 指定 / no dataset; name one "
          "with --input {}=DATASET\n",
          s.input, s.label, s.input, s.input);
      continue;
    }
    std::cout << fmt::format("\n输入 input {}（{}）← 数据集 dataset {}@{}\n", s.input, s.label,
                             s.version->dataset, s.version->version);
    for (const engine::FieldSuggestion& f : s.fields) {
      const std::string field =
          fmt::format("{}（{}）{}", f.field, f.label, f.required ? "" : " 选填");
      if (!f.suggestion) {
        std::cout << fmt::format("  {:<36} —  没有合适的列 / no column fits\n", field);
        continue;
      }
      const std::string& column = s.version->columns[f.suggestion->column].name;
      const double c = f.suggestion->confidence;
      std::cout << fmt::format("  {:<36} ← {:<20} {:.2f}{}  {}\n", field, column, c,
                               c < engine::kConfidentSuggestion ? " 请核对 check" : "",
                               f.suggestion->reason_zh);
      maps.push_back(shell_word(fmt::format("--map={}.{}={}", s.input, f.field, column)));
    }
  }
  if (!maps.empty()) {
    std::cout << "\n确认无误后可这样运行 / once confirmed, run with:\n  shanhai run " << a.workspace
              << " " << spec->id.text;
    for (const engine::InputSuggestion& s : suggestions.value()) {
      if (s.version) {
        std::cout << " " << shell_word(fmt::format("--input={}={}", s.input, s.version->dataset));
      }
    }
    for (const std::string& m : maps) std::cout << " " << m;
    std::cout << "\n";
  }
  return Status::Ok();
}

}  // namespace

void add_model_template_command(CLI::App& model, int& exit_code) {
  auto* cmd = model.add_subcommand(
      "template",
      "导出模型的要素模版（XLSX：每个输入一张工作表，第 1 行字段名称，第 2 行要素说明，第 3 行起"
      "填写数据）/ write the model's element template (XLSX: a sheet per input, row 1 the field "
      "labels, row 2 their elements, data from row 3)");
  auto a = std::make_shared<TemplateArgs>();
  cmd->add_option("WORKSPACE", a->workspace, "工作区目录 / workspace directory")->required();
  cmd->add_option("MODEL_ID", a->model, "模型标识 / model id (see `shanhai models`)")->required();
  cmd->add_option("--version", a->version,
                  "模型版本，默认最高版本 / model version (default: the highest installed)");
  cmd->add_option("--out", a->out, "输出文件 FILE.xlsx / the file to write")->required();
  cmd->callback([a, &exit_code] {
    Status s = write_template(*a);
    if (!s.ok()) exit_code = report(s.error());
  });
}

void add_suggest_mapping_command(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand(
      "suggest-mapping",
      "按表头（同义词词典）与内容建议模型字段对应的列，给出置信度和理由 / suggest the column "
      "for each field of a model from headers (synonym dictionary) and values, with confidence "
      "and reason");
  auto a = std::make_shared<SuggestArgs>();
  cmd->add_option("WORKSPACE", a->workspace, "工作区目录 / workspace directory")->required();
  cmd->add_option("MODEL_ID", a->model, "模型标识 / model id (see `shanhai models`)")->required();
  cmd->add_option("--input", a->inputs,
                  "输入名=数据集[@版本]，默认同名数据集 / NAME=DATASET[@VERSION]; an input "
                  "without one uses the dataset of its own name");
  cmd->add_option("--version", a->version,
                  "模型版本，默认最高版本 / model version (default: the highest installed)");
  cmd->add_flag("--json", a->json, "以 JSON 输出 / print JSON");
  cmd->callback([a, &exit_code] {
    Status s = suggest(*a);
    if (!s.ok()) exit_code = report(s.error());
  });
}

}  // namespace shanhai::cli
