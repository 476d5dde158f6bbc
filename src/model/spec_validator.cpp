#include "model/spec_validator.h"

#include <algorithm>
#include <functional>
#include <regex>
#include <set>
#include <tuple>

#include <fmt/format.h>

#include "model/name_suggestion.h"
#include "normalize/date.h"
#include "normalize/element.h"

namespace shanhai::model {

namespace {

const std::vector<std::string> kParameterTypes = {"date",  "integer", "decimal",
                                                  "money", "text",    "bool"};

class Validator {
 public:
  explicit Validator(const ModelSpec& spec) : spec_(spec) {}
  Result<ValidatedSpec> run();

 private:
  Error error(std::string code, const SourcePos& pos, std::string zh, std::string en,
              const std::string& value) const {
    Location where = Location::in_file(spec_.file);
    where.row = pos.line;
    where.column = pos.column;
    where.value = value;
    return Error(std::move(code), std::move(zh), std::move(en), where);
  }

  // "unknown X "name"" with the closest candidate suggested, or the candidates listed.
  Error unknown(const Located& name, std::string_view what_zh, std::string_view what_en,
                const std::vector<std::string>& candidates) const {
    const auto suggestion = closest_name(name.text, candidates);
    std::string list;
    for (const auto& c : candidates) list += (list.empty() ? "" : ", ") + c;
    return error(
        "spec.unknown_name", name.pos,
        suggestion ? fmt::format("未知的{}“{}”，是否应为“{}”？", what_zh, name.text, *suggestion)
                   : fmt::format("未知的{}“{}”，可用的有：{}", what_zh, name.text, list),
        suggestion
            ? fmt::format("unknown {} \"{}\"; did you mean \"{}\"?", what_en, name.text,
                          *suggestion)
            : fmt::format("unknown {} \"{}\"; the known ones are: {}", what_en, name.text, list),
        name.text);
  }

  Status check_metadata() const;
  Status check_parameters() const;
  Status check_inputs();
  Status check_step_names();
  Status check_references() const;
  Status order_steps(ValidatedSpec& out) const;
  Status check_unused_inputs() const;
  Status compute_schemas(ValidatedSpec& out) const;
  Status check_leads(const ValidatedSpec& out) const;
  Result<const SchemaField*> field_in(const Located& field, const std::string& source,
                                      const ValidatedSpec& out) const;
  TypeEnvironment environment(const Schema& schema) const;
  // Compiles an expression; a condition must be boolean. Errors point into the spec file.
  Result<Type> compile(const Located& expr, const TypeEnvironment& env, bool condition,
                       ValidatedSpec& out) const;
  Result<Type> measure_type(const Located& measure, const Schema& input) const;
  // A link step's comparisons, blocking rules and thresholds against the schemas of its sides.
  Status check_link(const Step& s, const Schema& left, const Schema& right,
                    const ValidatedSpec& out) const;

  const ModelSpec& spec_;
  std::map<std::string, const Input*> inputs_;
  std::map<std::string, const Step*> steps_;
};

Status Validator::check_metadata() const {
  static const std::regex kId("[a-z0-9]+(-[a-z0-9]+)*");
  static const std::regex kVersion("(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)");
  if (!std::regex_match(spec_.id.text, kId)) {
    return error("spec.bad_id", spec_.id.pos,
                 "模型标识只能由小写字母、数字和连字符组成，如 admin-penalty-enforcement",
                 "a model id is lower-case letters, digits and hyphens, e.g. "
                 "admin-penalty-enforcement",
                 spec_.id.text);
  }
  if (!std::regex_match(spec_.version.text, kVersion)) {
    return error("spec.bad_version", spec_.version.pos,
                 "模型版本应为“主版本.次版本.修订号”，如 1.0.0",
                 "a model version is MAJOR.MINOR.PATCH, e.g. 1.0.0", spec_.version.text);
  }
  if (spec_.legal_basis.empty()) {
    return error("spec.no_legal_basis", spec_.id.pos, "模型须写明法律依据（legal_basis）",
                 "a model must state its legal basis (legal_basis)", spec_.id.text);
  }
  return Status::Ok();
}

Status Validator::check_parameters() const {
  std::set<std::string> seen;
  for (const Parameter& p : spec_.parameters) {
    if (std::find(kParameterTypes.begin(), kParameterTypes.end(), p.type.text) ==
        kParameterTypes.end()) {
      return unknown(p.type, "参数类型", "parameter type", kParameterTypes);
    }
    if (!p.default_value) continue;
    const std::string& d = p.default_value->text;
    bool ok = true;
    if (p.type.text == "date") {
      ok = d == "today" || normalize::parse_date_days(d).has_value();
    } else if (p.type.text == "integer" || p.type.text == "decimal" || p.type.text == "money") {
      const auto e = p.type.text == "integer" ? normalize::Element::integer
                     : p.type.text == "money" ? normalize::Element::money
                                              : normalize::Element::decimal;
      ok = normalize::normalize(e, d).valid;
    } else if (p.type.text == "bool") {
      ok = normalize::normalize(normalize::Element::boolean, d).valid;
    }
    if (!ok) {
      return error(
          "spec.bad_default", p.default_value->pos,
          fmt::format("参数“{}”的默认值不是{}类型的值", p.name.text, p.type.text),
          fmt::format("the default of parameter \"{}\" is not a {}", p.name.text, p.type.text), d);
    }
  }
  return Status::Ok();
}

Status Validator::check_inputs() {
  if (spec_.inputs.empty()) {
    return error("spec.no_inputs", spec_.id.pos, "模型至少需要一个输入", "a model needs an input",
                 spec_.id.text);
  }
  std::vector<std::string> element_names;
  for (const auto e : normalize::kAllElements)
    element_names.emplace_back(normalize::element_name(e));
  for (const Input& in : spec_.inputs) {
    inputs_[in.name.text] = &in;
    if (in.fields.empty()) {
      return error("spec.no_fields", in.name.pos,
                   fmt::format("输入“{}”没有定义任何字段", in.name.text),
                   fmt::format("input \"{}\" defines no fields", in.name.text), in.name.text);
    }
    for (const Field& f : in.fields) {
      if (!normalize::element_from_name(f.element.text)) {
        return unknown(f.element, "要素", "element", element_names);
      }
    }
  }
  return Status::Ok();
}

Status Validator::check_step_names() {
  for (const Step& s : spec_.steps) {
    if (inputs_.count(s.id.text) > 0) {
      return error("spec.duplicate_name", s.id.pos, fmt::format("步骤名“{}”与输入同名", s.id.text),
                   fmt::format("step \"{}\" has the name of an input", s.id.text), s.id.text);
    }
    if (!steps_.emplace(s.id.text, &s).second) {
      return error("spec.duplicate_name", s.id.pos, fmt::format("步骤名“{}”重复", s.id.text),
                   fmt::format("step \"{}\" is defined twice", s.id.text), s.id.text);
    }
    if (s.join && s.join->text != "inner" && s.join->text != "left") {
      return unknown(*s.join, "连接方式", "join", {"inner", "left"});
    }
    if (s.window_mode && s.window_mode->text != "presence" && s.window_mode->text != "absence" &&
        s.window_mode->text != "match") {
      return unknown(*s.window_mode, "时间窗口方式", "window mode",
                     {"presence", "absence", "match"});
    }
  }
  return Status::Ok();
}

Status Validator::check_references() const {
  std::vector<std::string> sources;
  for (const auto& [name, in] : inputs_) sources.push_back(name);
  for (const auto& [name, step] : steps_) sources.push_back(name);
  auto known = [&](const Located& ref) -> Status {
    if (inputs_.count(ref.text) || steps_.count(ref.text)) return Status::Ok();
    return unknown(ref, "输入或步骤", "input or step", sources);
  };
  for (const Step& s : spec_.steps) {
    for (const Located& f : s.from) SHANHAI_TRY(known(f));
    if (s.with) SHANHAI_TRY(known(*s.with));
  }
  return Status::Ok();
}

// Depth-first topological order; a back edge is a cycle, reported as a → b → a.
Status Validator::order_steps(ValidatedSpec& out) const {
  enum class Mark { none, active, done };
  std::map<std::string, Mark> marks;
  std::vector<std::string> path;
  std::function<Status(const Step&)> visit = [&](const Step& s) -> Status {
    Mark& m = marks[s.id.text];
    if (m == Mark::done) return Status::Ok();
    if (m == Mark::active) {
      std::string cycle;
      const auto start = std::find(path.begin(), path.end(), s.id.text);
      for (auto it = start; it != path.end(); ++it) cycle += *it + " → ";
      cycle += s.id.text;
      return error("spec.cycle", s.id.pos, fmt::format("步骤之间存在循环依赖：{}", cycle),
                   fmt::format("the steps depend on each other in a cycle: {}", cycle), s.id.text);
    }
    m = Mark::active;
    path.push_back(s.id.text);
    std::vector<const Located*> deps;
    for (const Located& f : s.from) deps.push_back(&f);
    if (s.with) deps.push_back(&*s.with);
    for (const Located* d : deps) {
      const auto it = steps_.find(d->text);
      if (it != steps_.end()) SHANHAI_TRY(visit(*it->second));
    }
    path.pop_back();
    marks[s.id.text] = Mark::done;
    out.order.push_back(&s);
    return Status::Ok();
  };
  for (const Step& s : spec_.steps) SHANHAI_TRY(visit(s));
  return Status::Ok();
}

Status Validator::check_unused_inputs() const {
  std::set<std::string> used;
  for (const Step& s : spec_.steps) {
    for (const Located& f : s.from) used.insert(f.text);
    if (s.with) used.insert(s.with->text);
  }
  for (const Input& in : spec_.inputs) {
    if (used.count(in.name.text) == 0) {
      return error(
          "spec.unused_input", in.name.pos,
          fmt::format("输入“{}”未被任何步骤使用，请删除或在步骤中引用", in.name.text),
          fmt::format("input \"{}\" is not used by any step; remove it or use it", in.name.text),
          in.name.text);
    }
  }
  return Status::Ok();
}

std::vector<std::string> field_names(const Schema& schema) {
  std::vector<std::string> names;
  for (const SchemaField& f : schema) names.push_back(f.name);
  return names;
}

const SchemaField* find_field(const Schema& schema, const std::string& name) {
  for (const SchemaField& f : schema) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

Result<const SchemaField*> Validator::field_in(const Located& field, const std::string& source,
                                               const ValidatedSpec& out) const {
  const Schema& schema = out.schemas.at(source);
  if (const SchemaField* f = find_field(schema, field.text)) return f;
  return unknown(field, fmt::format("字段（{} 中）", source), fmt::format("field of {}", source),
                 field_names(schema));
}

TypeEnvironment Validator::environment(const Schema& schema) const {
  TypeEnvironment env;
  for (const SchemaField& f : schema) env.fields[f.name] = f.type;
  for (const Parameter& p : spec_.parameters) env.params[p.name.text] = type_from_name(p.type.text);
  return env;
}

Result<Type> Validator::compile(const Located& expr, const TypeEnvironment& env, bool condition,
                                ValidatedSpec& out) const {
  auto typed = compile_expression(expr.text, env);
  if (!typed) {
    // Place the expression's own error (a character column within it) in the spec file.
    Error e = typed.take_error();
    const int64_t in_expr = std::max<int64_t>(1, e.where().column);
    e.where().file = spec_.file;
    e.where().row = expr.pos.line;
    e.where().column = expr.pos.column + (expr.quoted ? 1 : 0) + in_expr - 1;
    return e;
  }
  if (condition && typed.value().type.kind != TypeKind::boolean &&
      typed.value().type.kind != TypeKind::null) {
    return error("spec.not_a_condition", expr.pos,
                 fmt::format("条件表达式的结果应为布尔值（是/否），实际为{}",
                             type_label_zh(typed.value().type)),
                 fmt::format("a condition must be true or false, but this is {}",
                             to_string(typed.value().type)),
                 expr.text);
  }
  const Type type = typed.value().type;
  out.expressions[fmt::format("{}:{}", expr.pos.line, expr.pos.column)] = std::move(typed.value());
  return type;
}

// "count()", "count(f)", "count_distinct(f)", "sum(f)", "avg(f)", "min(f)", "max(f)".
Result<Type> Validator::measure_type(const Located& measure, const Schema& input) const {
  static const std::regex kMeasure(
      R"(\s*(count|count_distinct|sum|avg|min|max)\s*\(\s*([^)\s]*)\s*\)\s*)");
  std::smatch m;
  if (!std::regex_match(measure.text, m, kMeasure)) {
    return error("spec.bad_measure", measure.pos,
                 "汇总指标应为 count()、count(字段)、count_distinct(字段)、sum(字段)、avg(字段)、"
                 "min(字段) 或 max(字段)",
                 "a measure is count(), count(field), count_distinct(field), sum(field), "
                 "avg(field), min(field) or max(field)",
                 measure.text);
  }
  const std::string fn = m[1];
  const std::string arg = m[2];
  if (arg.empty()) {
    if (fn == "count") return Type(TypeKind::integer);
    return error("spec.bad_measure", measure.pos, fmt::format("{}() 需要一个字段", fn),
                 fmt::format("{}() needs a field", fn), measure.text);
  }
  const SchemaField* f = find_field(input, arg);
  if (f == nullptr) {
    return unknown(Located{arg, measure.pos, false}, "字段", "field", field_names(input));
  }
  if (fn == "count" || fn == "count_distinct") return Type(TypeKind::integer);
  if (fn == "min" || fn == "max") return f->type;
  const bool numeric = f->type.is_numeric() || f->type.kind == TypeKind::money;
  if (!numeric) {
    return error(
        "spec.bad_measure", measure.pos,
        fmt::format("{}() 只能用于数值或金额字段，“{}”是{}", fn, arg, type_label_zh(f->type)),
        fmt::format("{}() takes a number or money field; \"{}\" is {}", fn, arg,
                    to_string(f->type)),
        measure.text);
  }
  if (fn == "avg") return Type(TypeKind::decimal);
  return f->type;
}

// The key parts each comparison kind can block on (linkage/link_spec.h BlockingKeySpec).
const std::map<std::string, std::vector<std::string>>& link_kinds() {
  static const std::map<std::string, std::vector<std::string>> kinds = {
      {"id_number", {"value", "region_birth", "birth", "region"}},
      {"person_name", {"value", "pinyin", "first_char"}},
      {"date", {"value", "year", "year_month"}},
      {"number", {"value"}},
      {"money", {"value"}},
      {"exact", {"value"}},
  };
  return kinds;
}

// Whether a field of this type can be compared as this kind: dates as dates, numbers as numbers,
// money as money; identity numbers, names and exact values are read as text (any type reads as
// text, as the engine formats it).
bool link_kind_accepts(const std::string& kind, Type t) {
  if (kind == "date") return t.kind == TypeKind::date;
  if (kind == "number") return t.is_numeric();
  if (kind == "money") return t.kind == TypeKind::money;
  if (kind == "exact") return true;
  return t.kind == TypeKind::text;
}

Status Validator::check_link(const Step& s, const Schema& left, const Schema& right,
                             const ValidatedSpec& out) const {
  const std::string& from = s.from.front().text;
  const std::string other = s.with ? s.with->text : from;
  constexpr size_t kMaxComparisons = 8, kMaxRules = 16;
  if (s.compare.size() > kMaxComparisons) {
    return error("spec.link_too_many", s.compare[kMaxComparisons].pos,
                 fmt::format("link 步骤最多比较 {} 个字段", kMaxComparisons),
                 fmt::format("a link step compares at most {} fields", kMaxComparisons),
                 s.compare[kMaxComparisons].field.text);
  }
  if (s.blocking.size() > kMaxRules) {
    return error("spec.link_too_many", s.blocking[kMaxRules].front().pos,
                 fmt::format("link 步骤最多有 {} 条分块规则", kMaxRules),
                 fmt::format("a link step has at most {} blocking rules", kMaxRules),
                 s.blocking[kMaxRules].front().field.text);
  }
  std::vector<std::string> kinds;
  for (const auto& [k, parts] : link_kinds()) kinds.push_back(k);
  std::map<std::string, const LinkComparison*> fields;
  for (const LinkComparison& c : s.compare) {
    if (!fields.emplace(c.field.text, &c).second) {
      return error("spec.duplicate_name", c.field.pos,
                   fmt::format("比较字段“{}”重复", c.field.text),
                   fmt::format("comparison \"{}\" is defined twice", c.field.text), c.field.text);
    }
    if (link_kinds().count(c.kind.text) == 0) {
      return unknown(c.kind, "比较方式", "comparison kind", kinds);
    }
    for (const auto& [name, schema, source] :
         {std::tuple{&c.left, &left, from}, std::tuple{&c.right, &right, other}}) {
      const SchemaField* f = find_field(*schema, name->text);
      if (f == nullptr) {
        return unknown(*name, fmt::format("字段（{} 中）", source),
                       fmt::format("field of {}", source), field_names(*schema));
      }
      if (!link_kind_accepts(c.kind.text, f->type)) {
        return error("spec.link_type", name->pos,
                     fmt::format("字段“{}”是{}，不能按 {} 比较", name->text, type_label_zh(f->type),
                                 c.kind.text),
                     fmt::format("field \"{}\" is {} and cannot be compared as {}", name->text,
                                 to_string(f->type), c.kind.text),
                     name->text);
      }
    }
    if (c.element) {
      if (c.kind.text != "exact") {
        return error("spec.link_element", c.element->pos, "只有 exact 比较可以指定 element",
                     "only an exact comparison takes an element", c.element->text);
      }
      if (!normalize::element_from_name(c.element->text)) {
        std::vector<std::string> names;
        for (const auto e : normalize::kAllElements) names.emplace_back(normalize::element_name(e));
        return unknown(*c.element, "要素", "element", names);
      }
    }
  }
  std::vector<std::string> compared;
  for (const LinkComparison& c : s.compare) compared.push_back(c.field.text);
  for (const auto& rule : s.blocking) {
    for (const LinkKeyPart& k : rule) {
      const auto it = fields.find(k.field.text);
      if (it == fields.end()) return unknown(k.field, "比较字段", "comparison field", compared);
      const auto& parts = link_kinds().at(it->second->kind.text);
      if (std::find(parts.begin(), parts.end(), k.part.text) == parts.end()) {
        return unknown(k.part, fmt::format("分块键（{} 比较）", it->second->kind.text),
                       fmt::format("blocking key part for {}", it->second->kind.text), parts);
      }
    }
  }
  std::optional<double> thresholds[2];
  const std::optional<Located>* given[2] = {&s.match_threshold, &s.possible_threshold};
  for (size_t i = 0; i < 2; ++i) {
    if (!*given[i]) continue;
    const Located& t = **given[i];
    double v = -1;
    try {
      size_t used = 0;
      v = std::stod(t.text, &used);
      if (used != t.text.size()) v = -1;
    } catch (const std::exception&) {
      v = -1;
    }
    if (!(v >= 0 && v <= 1)) {
      return error(
          "spec.link_threshold", t.pos, fmt::format("阈值“{}”应为 0 到 1 之间的概率", t.text),
          fmt::format("threshold \"{}\" must be a probability from 0 to 1", t.text), t.text);
    }
    thresholds[i] = v;
  }
  if (thresholds[1].value_or(0.5) > thresholds[0].value_or(0.95)) {
    const Located& t = s.possible_threshold ? *s.possible_threshold : *s.match_threshold;
    return error("spec.link_threshold", t.pos,
                 "可能匹配阈值（possible_threshold）不能高于匹配阈值（match_threshold）",
                 "possible_threshold must not exceed match_threshold", t.text);
  }
  if (s.keep && s.keep->text != "match" && s.keep->text != "possible") {
    return unknown(*s.keep, "保留方式", "keep", {"match", "possible"});
  }
  (void)out;
  return Status::Ok();
}

// Keys match when their types can be compared: the same type, or numbers with numbers.
bool comparable(Type a, Type b) {
  auto number = [](Type t) { return t.is_numeric() || t.kind == TypeKind::money; };
  return a.kind == b.kind || (number(a) && number(b));
}

Status Validator::compute_schemas(ValidatedSpec& out) const {
  for (const Input& in : spec_.inputs) {
    Schema& schema = out.schemas[in.name.text];
    for (const Field& f : in.fields) schema.push_back({f.name.text, element_type(f.element.text)});
  }
  static const std::regex kDuration(
      R"(\s*[0-9]+\s*(day|days|week|weeks|month|months|year|years|天|日|周|个月|月|年)\s*)");
  for (const Step* s : out.order) {
    const std::string& from = s->from.front().text;
    const std::string& kind = s->kind.text;
    Schema schema = out.schemas.at(from);
    const Schema* other = s->with ? &out.schemas.at(s->with->text) : nullptr;
    for (const KeySet& k : s->match_any) {
      for (const auto& [left, right] : k.pairs) {
        auto l = field_in(left, from, out);
        if (!l) return l.take_error();
        auto r = field_in(right, s->with->text, out);
        if (!r) return r.take_error();
        if (!comparable(l.value()->type, r.value()->type)) {
          return error(
              "spec.key_type", right.pos,
              fmt::format("匹配键类型不一致：“{}”是{}，“{}”是{}", left.text,
                          type_label_zh(l.value()->type), right.text,
                          type_label_zh(r.value()->type)),
              fmt::format("key types differ: \"{}\" is {}, \"{}\" is {}", left.text,
                          to_string(l.value()->type), right.text, to_string(r.value()->type)),
              right.text);
        }
      }
      if (k.where) {
        // The condition sees both rows: this side's fields bare or as "<from>.f", the other
        // side's as "<with>.f".
        TypeEnvironment env = environment(schema);
        for (const SchemaField& f : schema) env.fields[from + "." + f.name] = f.type;
        for (const SchemaField& f : *other) env.fields[s->with->text + "." + f.name] = f.type;
        auto t = compile(*k.where, env, true, out);
        if (!t) return t.take_error();
      }
    }
    if (s->window_left) {
      auto l = field_in(*s->window_left, from, out);
      if (!l) return l.take_error();
      auto r = field_in(*s->window_right, s->with->text, out);
      if (!r) return r.take_error();
      for (const auto& [field, f] :
           {std::pair{&*s->window_left, l.value()}, std::pair{&*s->window_right, r.value()}}) {
        if (f->type.kind != TypeKind::date) {
          return error("spec.window_type", field->pos,
                       fmt::format("时间窗口的字段“{}”应为日期，实际为{}", field->text,
                                   type_label_zh(f->type)),
                       fmt::format("time window field \"{}\" must be a date, not {}", field->text,
                                   to_string(f->type)),
                       field->text);
        }
      }
      if (!std::regex_match(s->window_duration->text, kDuration)) {
        return error(
            "spec.bad_duration", s->window_duration->pos,
            "时长应为“数字 单位”，单位为 days、weeks、months、years（或 天、周、个月、年）",
            "a duration is a number and a unit: days, weeks, months, years",
            s->window_duration->text);
      }
    }
    if (kind == "link") {
      SHANHAI_TRY(check_link(*s, schema, other != nullptr ? *other : schema, out));
      // Like match: the other side's fields as "<with>.<field>" (deduplicating: "<from>.<field>"),
      // then what the linkage says about the pair.
      const std::string prefix = s->with ? s->with->text : from;
      const Schema right = other != nullptr ? *other : schema;
      for (const SchemaField& f : right) schema.push_back({prefix + "." + f.name, f.type});
      schema.push_back({"link_probability", Type(TypeKind::decimal)});
      schema.push_back({"link_weight", Type(TypeKind::decimal)});
      schema.push_back({"link_class", Type(TypeKind::text)});
      schema.push_back({"link_explanation", Type(TypeKind::text)});
      if (!s->with) {  // de-duplication: which person (connected component of matches)
        schema.push_back({"link_cluster", Type(TypeKind::integer)});
        schema.push_back({"link_cluster_size", Type(TypeKind::integer)});
      }
    }
    if (kind == "filter") {
      auto t = compile(*s->where, environment(schema), true, out);
      if (!t) return t.take_error();
    }
    const bool adds_other_side = kind == "match" || (kind == "time_window" && s->window_mode &&
                                                     s->window_mode->text == "match");
    if (adds_other_side) {
      for (const SchemaField& f : *other) schema.push_back({s->with->text + "." + f.name, f.type});
    } else if (kind == "derive") {
      for (const auto& [name, expr] : s->derive) {
        if (find_field(schema, name.text) != nullptr) {
          return error("spec.duplicate_name", name.pos,
                       fmt::format("派生字段“{}”与已有字段同名", name.text),
                       fmt::format("derived field \"{}\" already exists", name.text), name.text);
        }
        auto t = compile(expr, environment(schema), false, out);
        if (!t) return t.take_error();
        schema.push_back({name.text, t.value()});
      }
    } else if (kind == "aggregate") {
      Schema grouped;
      for (const Located& g : s->group_by) {
        auto f = field_in(g, from, out);
        if (!f) return f.take_error();
        grouped.push_back(*f.value());
      }
      for (const auto& [name, measure] : s->measures) {
        auto t = measure_type(measure, schema);
        if (!t) return t.take_error();
        grouped.push_back({name.text, t.value()});
      }
      schema = std::move(grouped);
      if (s->having) {
        auto t = compile(*s->having, environment(schema), true, out);
        if (!t) return t.take_error();
      }
    } else if (kind == "union") {
      for (const Located& source : s->from) {
        if (out.schemas.at(source.text) != schema) {
          return error("spec.union_mismatch", source.pos,
                       fmt::format("union 的来源“{}”与“{}”的字段或类型不同", source.text, from),
                       fmt::format("union source \"{}\" has other fields or types than \"{}\"",
                                   source.text, from),
                       source.text);
        }
      }
    } else if (kind == "distinct") {
      // One row per distinct key: the output is the key fields.
      Schema keys;
      for (const Located& f : s->on) {
        auto found = field_in(f, from, out);
        if (!found) return found.take_error();
        keys.push_back(*found.value());
      }
      schema = std::move(keys);
    }
    out.schemas[s->id.text] = std::move(schema);
  }
  return Status::Ok();
}

Status Validator::check_leads(const ValidatedSpec& out) const {
  if (spec_.leads.empty()) {
    return error("spec.no_leads", spec_.id.pos, "模型至少需要一个线索模板（leads）",
                 "a model needs a lead template (leads)", spec_.id.text);
  }
  std::vector<std::string> step_names;
  for (const Step& s : spec_.steps) step_names.push_back(s.id.text);
  std::vector<std::string> input_names;
  for (const Input& in : spec_.inputs) input_names.push_back(in.name.text);
  std::set<std::string> rules;
  for (const LeadTemplate& l : spec_.leads) {
    if (steps_.count(l.step.text) == 0) return unknown(l.step, "步骤", "step", step_names);
    if (!rules.insert(l.rule.text).second) {
      return error("spec.duplicate_name", l.rule.pos, fmt::format("规则名“{}”重复", l.rule.text),
                   fmt::format("rule \"{}\" is used twice", l.rule.text), l.rule.text);
    }
    auto subject = field_in(l.subject, l.step.text, out);
    if (!subject) return subject.take_error();
    // Placeholders {field} in the title.
    const std::string& t = l.title.text;
    for (size_t open = t.find('{'); open != std::string::npos; open = t.find('{', open + 1)) {
      const size_t close = t.find('}', open);
      if (close == std::string::npos) {
        return error("spec.bad_title", l.title.pos, "线索标题中的“{”没有对应的“}”",
                     "a \"{\" in the lead title is never closed", t);
      }
      const Located field{t.substr(open + 1, close - open - 1), l.title.pos, false};
      auto found = field_in(field, l.step.text, out);
      if (!found) return found.take_error();
    }
    for (const Located& e : l.evidence) {
      if (inputs_.count(e.text) == 0) return unknown(e, "输入", "input", input_names);
    }
  }
  return Status::Ok();
}

Result<ValidatedSpec> Validator::run() {
  ValidatedSpec out;
  SHANHAI_TRY(check_metadata());
  SHANHAI_TRY(check_parameters());
  SHANHAI_TRY(check_inputs());
  SHANHAI_TRY(check_step_names());
  SHANHAI_TRY(check_references());
  SHANHAI_TRY(order_steps(out));
  SHANHAI_TRY(check_unused_inputs());
  SHANHAI_TRY(compute_schemas(out));
  SHANHAI_TRY(check_leads(out));
  return out;
}

}  // namespace

Type element_type(std::string_view element) {
  static const std::map<std::string_view, TypeKind> kTypes = {
      {"integer", TypeKind::integer}, {"decimal", TypeKind::decimal}, {"bac", TypeKind::decimal},
      {"money", TypeKind::money},     {"date", TypeKind::date},       {"bool", TypeKind::boolean}};
  const auto it = kTypes.find(element);
  return it == kTypes.end() ? Type(TypeKind::text) : Type(it->second);
}

Result<ValidatedSpec> validate_spec(const ModelSpec& spec) { return Validator(spec).run(); }

}  // namespace shanhai::model
