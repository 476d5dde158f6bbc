#include "model/spec_loader.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include <fmt/format.h>

#include "model/name_suggestion.h"

namespace shanhai::model {

namespace {

// Keys each part of a spec may have. Anything else is an error (a typo must not be ignored).
const std::vector<std::string> kTopKeys = {"id",         "version",     "name",        "category",
                                           "author_org", "legal_basis", "description", "parameters",
                                           "inputs",     "steps",       "leads"};
const std::vector<std::string> kParameterKeys = {"type", "default", "label"};
const std::vector<std::string> kInputKeys = {"label", "fields"};
const std::vector<std::string> kFieldKeys = {"element", "label", "required"};
const std::vector<std::string> kKeySetKeys = {"on", "where"};
const std::vector<std::string> kWindowKeys = {"left", "right", "within", "after", "before"};
const std::vector<std::string> kCompareKeys = {"field", "kind",  "left",
                                               "right", "label", "element"};
const std::vector<std::string> kKeyPartKeys = {"field", "part"};
const std::vector<std::string> kLeadKeys = {"step",     "rule",     "subject", "title",
                                            "category", "evidence", "note"};

// Per step kind: the keys it takes besides id, kind and note.
const std::map<std::string, std::vector<std::string>>& step_keys() {
  static const std::map<std::string, std::vector<std::string>> keys = {
      {"filter", {"from", "where"}},
      {"derive", {"from", "fields"}},
      {"match", {"from", "with", "join", "match_any"}},
      {"absence", {"from", "against", "match_any"}},
      {"presence", {"from", "against", "match_any"}},
      {"time_window", {"from", "with", "match_any", "window", "mode"}},
      {"aggregate", {"from", "group_by", "measures", "having"}},
      {"union", {"from"}},
      {"distinct", {"from", "on"}},
      {"link",
       {"from", "with", "compare", "blocking", "match_threshold", "possible_threshold", "keep"}},
  };
  return keys;
}

// Keys a kind cannot do without.
const std::map<std::string, std::vector<std::string>>& required_step_keys() {
  static const std::map<std::string, std::vector<std::string>> keys = {
      {"filter", {"from", "where"}},
      {"derive", {"from", "fields"}},
      {"match", {"from", "with", "match_any"}},
      {"absence", {"from", "against", "match_any"}},
      {"presence", {"from", "against", "match_any"}},
      {"time_window", {"from", "with", "match_any", "window"}},
      {"aggregate", {"from", "group_by", "measures"}},
      {"union", {"from"}},
      {"distinct", {"from"}},
      {"link", {"from", "compare", "blocking"}},
  };
  return keys;
}

SourcePos pos_of(const YAML::Node& n) {
  const YAML::Mark m = n.Mark();
  if (m.is_null()) return {};
  return {m.line + 1, m.column + 1};
}

class Loader {
 public:
  explicit Loader(std::string file) : file_(std::move(file)) {}

  Error error(std::string code, const SourcePos& pos, std::string zh, std::string en,
              std::optional<std::string> value = std::nullopt) const {
    Location where = Location::in_file(file_);
    where.row = pos.line;
    where.column = pos.column;
    where.value = std::move(value);
    return Error(std::move(code), std::move(zh), std::move(en), where);
  }

  // Checks that node is a map whose keys are all in `allowed`.
  Status expect_map(const YAML::Node& node, std::string_view what_zh, std::string_view what_en,
                    const std::vector<std::string>& allowed) const {
    if (!node.IsMap()) {
      return error("spec.bad_value", pos_of(node), fmt::format("{}应为键值对（映射）", what_zh),
                   fmt::format("{} must be a mapping of keys to values", what_en));
    }
    for (const auto& kv : node) {
      const std::string key = kv.first.as<std::string>();
      if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
      const auto suggestion = closest_name(key, allowed);
      std::string zh = fmt::format("{}中有未知的键“{}”", what_zh, key);
      std::string en = fmt::format("unknown key \"{}\" in {}", key, what_en);
      if (suggestion) {
        zh += fmt::format("，是否应为“{}”？", *suggestion);
        en += fmt::format("; did you mean \"{}\"?", *suggestion);
      } else {
        zh += fmt::format("，可用的键：{}", join(allowed));
        en += fmt::format("; the keys are: {}", join(allowed));
      }
      return error("spec.unknown_key", pos_of(kv.first), zh, en, key);
    }
    return Status::Ok();
  }

  static std::string join(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
    return out;
  }

  Error missing(const YAML::Node& parent, std::string_view key, std::string_view what_zh,
                std::string_view what_en) const {
    return error("spec.missing_key", pos_of(parent), fmt::format("{}缺少“{}”", what_zh, key),
                 fmt::format("{} lacks \"{}\"", what_en, key), std::string(key));
  }

  Result<Located> scalar(const YAML::Node& node, std::string_view what_zh,
                         std::string_view what_en) const {
    if (!node.IsScalar()) {
      return error("spec.bad_value", pos_of(node), fmt::format("{}应为单个值", what_zh),
                   fmt::format("{} must be a single value", what_en));
    }
    // yaml-cpp tags quoted scalars "!" and plain ones "?".
    return Located{node.as<std::string>(), pos_of(node), node.Tag() == "!"};
  }

  // A required scalar member.
  Result<Located> required(const YAML::Node& parent, const char* key, std::string_view what_zh,
                           std::string_view what_en) const {
    const YAML::Node n = parent[key];
    if (!n) return missing(parent, key, what_zh, what_en);
    return scalar(n, fmt::format("{}的“{}”", what_zh, key),
                  fmt::format("\"{}\" of {}", key, what_en));
  }

  // An optional scalar member.
  Result<std::optional<Located>> optional(const YAML::Node& parent, const char* key,
                                          std::string_view what_zh,
                                          std::string_view what_en) const {
    const YAML::Node n = parent[key];
    if (!n) return std::optional<Located>();
    auto s =
        scalar(n, fmt::format("{}的“{}”", what_zh, key), fmt::format("\"{}\" of {}", key, what_en));
    if (!s) return s.take_error();
    return std::optional<Located>(std::move(s.value()));
  }

  // A scalar or a list of scalars.
  Result<std::vector<Located>> names(const YAML::Node& node, std::string_view what_zh,
                                     std::string_view what_en) const {
    std::vector<Located> out;
    if (node.IsScalar()) {
      out.push_back({node.as<std::string>(), pos_of(node)});
      return out;
    }
    if (!node.IsSequence()) {
      return error("spec.bad_value", pos_of(node), fmt::format("{}应为名称或名称列表", what_zh),
                   fmt::format("{} must be a name or a list of names", what_en));
    }
    for (const auto& item : node) {
      auto s = scalar(item, what_zh, what_en);
      if (!s) return s.take_error();
      out.push_back(std::move(s.value()));
    }
    return out;
  }

  // An ordered map of name → scalar (derive fields, measures, key pairs).
  Result<std::vector<std::pair<Located, Located>>> pairs(const YAML::Node& node,
                                                         std::string_view what_zh,
                                                         std::string_view what_en) const {
    if (!node.IsMap()) {
      return error("spec.bad_value", pos_of(node), fmt::format("{}应为“名称: 值”的映射", what_zh),
                   fmt::format("{} must be a mapping of name: value", what_en));
    }
    std::vector<std::pair<Located, Located>> out;
    for (const auto& kv : node) {
      auto v = scalar(kv.second, what_zh, what_en);
      if (!v) return v.take_error();
      out.emplace_back(Located{kv.first.as<std::string>(), pos_of(kv.first)}, std::move(v.value()));
    }
    return out;
  }

  Result<ModelSpec> load(const YAML::Node& root);

 private:
  Status load_metadata(const YAML::Node& root, ModelSpec& spec) const;
  Status load_parameters(const YAML::Node& node, ModelSpec& spec) const;
  Status load_inputs(const YAML::Node& node, ModelSpec& spec) const;
  Result<Step> load_step(const YAML::Node& node) const;
  Result<KeySet> load_key_set(const YAML::Node& node) const;
  Status load_link(const YAML::Node& node, Step& s, const std::string& what_zh,
                   const std::string& what_en) const;
  Result<LeadTemplate> load_lead(const YAML::Node& node) const;

  std::string file_;
};

Status Loader::load_metadata(const YAML::Node& root, ModelSpec& spec) const {
  auto id = required(root, "id", "模型", "the model");
  if (!id) return id.take_error();
  spec.id = id.value();
  auto version = required(root, "version", "模型", "the model");
  if (!version) return version.take_error();
  spec.version = version.value();
  auto name = required(root, "name", "模型", "the model");
  if (!name) return name.take_error();
  spec.name = name.value().text;
  for (const auto& [key, member] :
       {std::pair{"category", &spec.category}, std::pair{"author_org", &spec.author_org},
        std::pair{"description", &spec.description}}) {
    auto v = optional(root, key, "模型", "the model");
    if (!v) return v.take_error();
    if (v.value()) *member = v.value()->text;
  }
  if (const YAML::Node basis = root["legal_basis"]) {
    auto list = names(basis, "法律依据", "legal_basis");
    if (!list) return list.take_error();
    for (const auto& l : list.value()) spec.legal_basis.push_back(l.text);
  }
  return Status::Ok();
}

Status Loader::load_parameters(const YAML::Node& node, ModelSpec& spec) const {
  if (!node.IsMap()) {
    return error("spec.bad_value", pos_of(node), "“parameters”应为参数名到参数定义的映射",
                 "\"parameters\" must map parameter names to definitions");
  }
  for (const auto& kv : node) {
    Parameter p;
    p.name = {kv.first.as<std::string>(), pos_of(kv.first)};
    const std::string what_zh = fmt::format("参数“{}”", p.name.text);
    const std::string what_en = fmt::format("parameter \"{}\"", p.name.text);
    SHANHAI_TRY(expect_map(kv.second, what_zh, what_en, kParameterKeys));
    auto type = required(kv.second, "type", what_zh, what_en);
    if (!type) return type.take_error();
    p.type = type.value();
    auto def = optional(kv.second, "default", what_zh, what_en);
    if (!def) return def.take_error();
    p.default_value = def.value();
    auto label = optional(kv.second, "label", what_zh, what_en);
    if (!label) return label.take_error();
    if (label.value()) p.label = label.value()->text;
    spec.parameters.push_back(std::move(p));
  }
  return Status::Ok();
}

Status Loader::load_inputs(const YAML::Node& node, ModelSpec& spec) const {
  if (!node.IsMap()) {
    return error("spec.bad_value", pos_of(node), "“inputs”应为输入名到输入定义的映射",
                 "\"inputs\" must map input names to definitions");
  }
  for (const auto& kv : node) {
    Input in;
    in.name = {kv.first.as<std::string>(), pos_of(kv.first)};
    const std::string what_zh = fmt::format("输入“{}”", in.name.text);
    const std::string what_en = fmt::format("input \"{}\"", in.name.text);
    SHANHAI_TRY(expect_map(kv.second, what_zh, what_en, kInputKeys));
    auto label = optional(kv.second, "label", what_zh, what_en);
    if (!label) return label.take_error();
    if (label.value()) in.label = label.value()->text;
    const YAML::Node fields = kv.second["fields"];
    if (!fields) return missing(kv.second, "fields", what_zh, what_en);
    if (!fields.IsMap()) {
      return error("spec.bad_value", pos_of(fields),
                   what_zh + "的“fields”应为字段名到字段定义的映射",
                   "\"fields\" of " + what_en + " must map field names to definitions");
    }
    for (const auto& f : fields) {
      Field field;
      field.name = {f.first.as<std::string>(), pos_of(f.first)};
      const std::string fzh = fmt::format("{}的字段“{}”", what_zh, field.name.text);
      const std::string fen = fmt::format("field \"{}\" of {}", field.name.text, what_en);
      SHANHAI_TRY(expect_map(f.second, fzh, fen, kFieldKeys));
      auto element = required(f.second, "element", fzh, fen);
      if (!element) return element.take_error();
      field.element = element.value();
      auto flabel = optional(f.second, "label", fzh, fen);
      if (!flabel) return flabel.take_error();
      if (flabel.value()) field.label = flabel.value()->text;
      if (const YAML::Node req = f.second["required"]) {
        bool value = true;
        if (!req.IsScalar() || !YAML::convert<bool>::decode(req, value)) {
          return error("spec.bad_value", pos_of(req), fzh + "的“required”应为 true 或 false",
                       "\"required\" of " + fen + " must be true or false");
        }
        field.required = value;
      }
      in.fields.push_back(std::move(field));
    }
    spec.inputs.push_back(std::move(in));
  }
  return Status::Ok();
}

Result<KeySet> Loader::load_key_set(const YAML::Node& node) const {
  SHANHAI_TRY(expect_map(node, "匹配条件", "a match_any entry", kKeySetKeys));
  KeySet k;
  k.pos = pos_of(node);
  const YAML::Node on = node["on"];
  if (!on) return missing(node, "on", "匹配条件", "a match_any entry");
  auto p = pairs(on, "匹配键“on”", "\"on\" keys");
  if (!p) return p.take_error();
  if (p.value().empty()) {
    return error("spec.bad_value", pos_of(on), "匹配键“on”至少需要一对字段",
                 "\"on\" needs at least one pair of fields");
  }
  k.pairs = std::move(p.value());
  auto where = optional(node, "where", "匹配条件", "a match_any entry");
  if (!where) return where.take_error();
  k.where = where.value();
  return k;
}

// compare: [{field, kind, left, right, label, element}], blocking: [[{field, part}], …].
Status Loader::load_link(const YAML::Node& node, Step& s, const std::string& what_zh,
                         const std::string& what_en) const {
  const YAML::Node compare = node["compare"];
  if (!compare.IsSequence() || compare.size() == 0) {
    return error("spec.bad_value", pos_of(compare), what_zh + "的“compare”应为非空列表",
                 "\"compare\" of " + what_en + " must be a non-empty list");
  }
  for (const auto& item : compare) {
    const std::string czh = what_zh + "的比较字段", cen = "a \"compare\" entry of " + what_en;
    SHANHAI_TRY(expect_map(item, czh, cen, kCompareKeys));
    LinkComparison c;
    c.pos = pos_of(item);
    for (const auto& [key, member] :
         {std::pair{"field", &c.field}, std::pair{"kind", &c.kind}, std::pair{"left", &c.left}}) {
      auto v = required(item, key, czh, cen);
      if (!v) return v.take_error();
      *member = v.value();
    }
    auto right = optional(item, "right", czh, cen);
    if (!right) return right.take_error();
    c.right = right.value() ? *right.value() : c.left;
    auto element = optional(item, "element", czh, cen);
    if (!element) return element.take_error();
    c.element = element.value();
    auto label = optional(item, "label", czh, cen);
    if (!label) return label.take_error();
    c.label = label.value() ? label.value()->text : c.field.text;
    s.compare.push_back(std::move(c));
  }
  const YAML::Node blocking = node["blocking"];
  if (!blocking.IsSequence() || blocking.size() == 0) {
    return error("spec.bad_value", pos_of(blocking), what_zh + "的“blocking”应为非空列表",
                 "\"blocking\" of " + what_en + " must be a non-empty list");
  }
  for (const auto& rule : blocking) {
    const std::string bzh = what_zh + "的分块规则", ben = "a blocking rule of " + what_en;
    // A rule is a list of key parts; a single part may be written without the list.
    std::vector<YAML::Node> parts;
    if (rule.IsSequence()) {
      for (const auto& p : rule) parts.push_back(p);
    } else {
      parts.push_back(rule);
    }
    if (parts.empty()) {
      return error("spec.bad_value", pos_of(rule), bzh + "至少需要一个键",
                   ben + " needs at least one key part");
    }
    std::vector<LinkKeyPart> keys;
    for (const auto& p : parts) {
      SHANHAI_TRY(expect_map(p, bzh, ben, kKeyPartKeys));
      LinkKeyPart k;
      k.pos = pos_of(p);
      auto field = required(p, "field", bzh, ben);
      if (!field) return field.take_error();
      k.field = field.value();
      auto part = optional(p, "part", bzh, ben);
      if (!part) return part.take_error();
      k.part = part.value() ? *part.value() : Located{"value", k.field.pos, false};
      keys.push_back(std::move(k));
    }
    s.blocking.push_back(std::move(keys));
  }
  for (const auto& [key, member] :
       {std::pair{"match_threshold", &s.match_threshold},
        std::pair{"possible_threshold", &s.possible_threshold}, std::pair{"keep", &s.keep}}) {
    auto v = optional(node, key, what_zh, what_en);
    if (!v) return v.take_error();
    *member = v.value();
  }
  return Status::Ok();
}

Result<Step> Loader::load_step(const YAML::Node& node) const {
  if (!node.IsMap()) {
    return error("spec.bad_value", pos_of(node), "步骤应为键值对（映射）",
                 "a step must be a mapping");
  }
  Step s;
  s.pos = pos_of(node);
  auto id = required(node, "id", "步骤", "a step");
  if (!id) return id.take_error();
  s.id = id.value();
  const std::string what_zh = fmt::format("步骤“{}”", s.id.text);
  const std::string what_en = fmt::format("step \"{}\"", s.id.text);
  auto kind = required(node, "kind", what_zh, what_en);
  if (!kind) return kind.take_error();
  s.kind = kind.value();
  const auto allowed = step_keys().find(s.kind.text);
  if (allowed == step_keys().end()) {
    const auto suggestion = closest_name(s.kind.text, step_kinds());
    return error("spec.unknown_kind", s.kind.pos,
                 fmt::format("{}的类型“{}”未知{}可用类型：{}", what_zh, s.kind.text,
                             suggestion ? fmt::format("，是否应为“{}”？", *suggestion) : "。",
                             join(step_kinds())),
                 fmt::format("{} has unknown kind \"{}\"{} the kinds are: {}", what_en, s.kind.text,
                             suggestion ? fmt::format("; did you mean \"{}\"?", *suggestion) : ";",
                             join(step_kinds())),
                 s.kind.text);
  }
  std::vector<std::string> keys = {"id", "kind", "note"};
  keys.insert(keys.end(), allowed->second.begin(), allowed->second.end());
  SHANHAI_TRY(expect_map(node, what_zh, what_en, keys));
  for (const std::string& key : required_step_keys().at(s.kind.text)) {
    if (!node[key]) return missing(node, key, what_zh, what_en);
  }

  auto from = names(node["from"], what_zh + "的“from”", "\"from\" of " + what_en);
  if (!from) return from.take_error();
  s.from = std::move(from.value());
  if (s.kind.text == "union" ? s.from.size() < 2 : s.from.size() != 1) {
    return error("spec.bad_value", pos_of(node["from"]),
                 s.kind.text == "union" ? what_zh + "（union）的“from”至少要列出两个来源"
                                        : what_zh + "的“from”只能有一个来源",
                 s.kind.text == "union"
                     ? "\"from\" of " + what_en + " (union) needs two or more sources"
                     : "\"from\" of " + what_en + " takes exactly one source");
  }
  for (const char* key : {"with", "against"}) {
    auto v = optional(node, key, what_zh, what_en);
    if (!v) return v.take_error();
    if (v.value()) s.with = v.value();
  }
  for (const auto& [key, member] :
       {std::pair{"join", &s.join}, std::pair{"where", &s.where}, std::pair{"having", &s.having},
        std::pair{"mode", &s.window_mode}}) {
    auto v = optional(node, key, what_zh, what_en);
    if (!v) return v.take_error();
    *member = v.value();
  }
  if (const YAML::Node any = node["match_any"]) {
    if (!any.IsSequence() || any.size() == 0) {
      return error("spec.bad_value", pos_of(any), what_zh + "的“match_any”应为非空列表",
                   "\"match_any\" of " + what_en + " must be a non-empty list");
    }
    for (const auto& item : any) {
      auto k = load_key_set(item);
      if (!k) return k.take_error();
      s.match_any.push_back(std::move(k.value()));
    }
  }
  if (const YAML::Node fields = node["fields"]) {
    auto p = pairs(fields, what_zh + "的“fields”", "\"fields\" of " + what_en);
    if (!p) return p.take_error();
    s.derive = std::move(p.value());
  }
  if (const YAML::Node measures = node["measures"]) {
    auto p = pairs(measures, what_zh + "的“measures”", "\"measures\" of " + what_en);
    if (!p) return p.take_error();
    s.measures = std::move(p.value());
  }
  for (const auto& [key, member] : {std::pair{"group_by", &s.group_by}, std::pair{"on", &s.on}}) {
    if (const YAML::Node n = node[key]) {
      auto list = names(n, fmt::format("{}的“{}”", what_zh, key),
                        fmt::format("\"{}\" of {}", key, what_en));
      if (!list) return list.take_error();
      *member = std::move(list.value());
    }
  }
  if (s.kind.text == "link") SHANHAI_TRY(load_link(node, s, what_zh, what_en));
  if (const YAML::Node window = node["window"]) {
    SHANHAI_TRY(
        expect_map(window, what_zh + "的“window”", "\"window\" of " + what_en, kWindowKeys));
    for (const auto& [key, member] :
         {std::pair{"left", &s.window_left}, std::pair{"right", &s.window_right}}) {
      auto v = required(window, key, what_zh + "的“window”", "\"window\" of " + what_en);
      if (!v) return v.take_error();
      *member = v.value();
    }
    for (const char* relation : {"within", "after", "before"}) {
      if (const YAML::Node d = window[relation]) {
        if (s.window_relation) {
          return error("spec.bad_value", pos_of(d),
                       what_zh + "的“window”只能有 within、after、before 之一",
                       "\"window\" of " + what_en + " takes one of within, after, before");
        }
        auto v = scalar(d, what_zh + "的“window”", "\"window\" of " + what_en);
        if (!v) return v.take_error();
        s.window_relation = Located{relation, pos_of(d)};
        s.window_duration = v.value();
      }
    }
    if (!s.window_relation) {
      return missing(window, "within", what_zh + "的“window”", "\"window\" of " + what_en);
    }
  }
  return s;
}

Result<LeadTemplate> Loader::load_lead(const YAML::Node& node) const {
  SHANHAI_TRY(expect_map(node, "线索模板", "a lead template", kLeadKeys));
  LeadTemplate l;
  l.pos = pos_of(node);
  for (const auto& [key, member] :
       {std::pair{"step", &l.step}, std::pair{"rule", &l.rule}, std::pair{"subject", &l.subject},
        std::pair{"title", &l.title}}) {
    auto v = required(node, key, "线索模板", "a lead template");
    if (!v) return v.take_error();
    *member = v.value();
  }
  auto category = optional(node, "category", "线索模板", "a lead template");
  if (!category) return category.take_error();
  if (category.value()) l.category = category.value()->text;
  if (const YAML::Node evidence = node["evidence"]) {
    auto list = names(evidence, "线索模板的“evidence”", "\"evidence\" of a lead template");
    if (!list) return list.take_error();
    l.evidence = std::move(list.value());
  }
  return l;
}

Result<ModelSpec> Loader::load(const YAML::Node& root) {
  ModelSpec spec;
  spec.file = file_;
  SHANHAI_TRY(expect_map(root, "模型规格", "the model spec", kTopKeys));
  SHANHAI_TRY(load_metadata(root, spec));
  if (const YAML::Node params = root["parameters"]) SHANHAI_TRY(load_parameters(params, spec));
  const YAML::Node inputs = root["inputs"];
  if (!inputs) return missing(root, "inputs", "模型规格", "the model spec");
  SHANHAI_TRY(load_inputs(inputs, spec));
  const YAML::Node steps = root["steps"];
  if (!steps) return missing(root, "steps", "模型规格", "the model spec");
  if (!steps.IsSequence()) {
    return error("spec.bad_value", pos_of(steps), "“steps”应为步骤列表",
                 "\"steps\" must be a list");
  }
  for (const auto& node : steps) {
    auto s = load_step(node);
    if (!s) return s.take_error();
    spec.steps.push_back(std::move(s.value()));
  }
  const YAML::Node leads = root["leads"];
  if (!leads) return missing(root, "leads", "模型规格", "the model spec");
  if (!leads.IsSequence()) {
    return error("spec.bad_value", pos_of(leads), "“leads”应为线索模板列表",
                 "\"leads\" must be a list of lead templates");
  }
  for (const auto& node : leads) {
    auto l = load_lead(node);
    if (!l) return l.take_error();
    spec.leads.push_back(std::move(l.value()));
  }
  return spec;
}

}  // namespace

const std::vector<std::string>& step_kinds() {
  static const std::vector<std::string> kinds = {"filter",   "derive",      "match",     "absence",
                                                 "presence", "time_window", "aggregate", "union",
                                                 "distinct", "link"};
  return kinds;
}

Result<ModelSpec> load_spec_text(std::string_view text, const std::string& file) {
  Loader loader(file);
  YAML::Node root;
  try {
    root = YAML::Load(std::string(text));
  } catch (const YAML::ParserException& e) {
    return loader.error("spec.syntax", {e.mark.line + 1, e.mark.column + 1},
                        fmt::format("模型规格格式错误：{}", e.msg),
                        fmt::format("the model spec is not valid YAML/JSON: {}", e.msg));
  }
  try {
    return loader.load(root);
  } catch (const YAML::Exception& e) {  // e.g. a map key that is not a scalar
    return loader.error("spec.bad_value", {e.mark.line + 1, e.mark.column + 1},
                        fmt::format("模型规格结构错误：{}", e.msg),
                        fmt::format("malformed model spec: {}", e.msg));
  }
}

Result<ModelSpec> load_spec_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Error("spec.unreadable", "无法读取模型规格文件", "cannot read the model spec file",
                 Location::in_file(path.string()));
  }
  std::stringstream ss;
  ss << in.rdbuf();
  return load_spec_text(ss.str(), path.string());
}

}  // namespace shanhai::model
