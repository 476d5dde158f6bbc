#include "model/spec_diff.h"

#include <algorithm>
#include <functional>
#include <map>

#include <fmt/format.h>

namespace shanhai::model {

namespace {

using Properties = std::vector<std::pair<std::string, std::string>>;  // aspect → value as text

std::string join(const std::vector<Located>& items, const char* sep = ", ") {
  std::string out;
  for (const Located& l : items) out += (out.empty() ? "" : sep) + l.text;
  return out;
}

std::string join(const std::vector<std::string>& items, const char* sep = "；") {
  std::string out;
  for (const std::string& s : items) out += (out.empty() ? "" : sep) + s;
  return out;
}

std::string text_of(const std::optional<Located>& l) { return l ? l->text : std::string(); }

std::string pairs_text(const std::vector<std::pair<Located, Located>>& pairs, const char* op) {
  std::string out;
  for (const auto& [a, b] : pairs)
    out += fmt::format("{}{} {} {}", out.empty() ? "" : "; ", a.text, op, b.text);
  return out;
}

std::string match_text(const std::vector<KeySet>& sets) {
  std::string out;
  for (const KeySet& k : sets) {
    std::string one = "{" + pairs_text(k.pairs, "=") + "}";
    if (k.where) one += " where " + k.where->text;
    out += (out.empty() ? "" : " | ") + one;
  }
  return out;
}

std::string window_text(const Step& s) {
  if (!s.window_left && !s.window_right && !s.window_relation) return {};
  return fmt::format("{} {} {} {}", text_of(s.window_left), text_of(s.window_relation),
                     text_of(s.window_duration), text_of(s.window_right));
}

// Label of each aspect, as a procurator reads it.
std::string aspect_zh(const std::string& aspect) {
  static const std::map<std::string, std::string> kLabels = {{"id", "标识"},
                                                             {"version", "版本"},
                                                             {"name", "名称"},
                                                             {"category", "类别"},
                                                             {"author_org", "作者单位"},
                                                             {"description", "说明"},
                                                             {"type", "类型"},
                                                             {"default", "默认值"},
                                                             {"label", "名称"},
                                                             {"element", "要素"},
                                                             {"required", "是否必填"},
                                                             {"kind", "类型"},
                                                             {"from", "来源"},
                                                             {"with", "对照数据"},
                                                             {"join", "连接方式"},
                                                             {"match_any", "匹配条件"},
                                                             {"where", "条件"},
                                                             {"derive", "派生字段"},
                                                             {"group_by", "分组字段"},
                                                             {"measures", "统计量"},
                                                             {"having", "阈值条件"},
                                                             {"on", "去重字段"},
                                                             {"window", "时间窗口"},
                                                             {"mode", "窗口方式"},
                                                             {"step", "来源步骤"},
                                                             {"subject", "线索对象"},
                                                             {"title", "标题模板"},
                                                             {"evidence", "证据输入"}};
  const auto it = kLabels.find(aspect);
  return it == kLabels.end() ? aspect : it->second;
}

std::string quoted(const std::string& v) { return v.empty() ? "（空）" : "“" + v + "”"; }

class Differ {
 public:
  std::vector<SpecChange> out;

  void add(std::string area, std::string change, std::string subject, std::string zh,
           std::string aspect = {}, std::string before = {}, std::string after = {}) {
    out.push_back({std::move(area), std::move(change), std::move(subject), std::move(aspect),
                   std::move(before), std::move(after), std::move(zh)});
  }

  // One "changed" entry per aspect whose value differs. `what` names the item in Chinese
  // ("步骤 overdue").
  void compare(const std::string& area, const std::string& subject, const std::string& what,
               const Properties& before, const Properties& after) {
    for (size_t i = 0; i < before.size() && i < after.size(); ++i) {
      if (before[i].second == after[i].second) continue;
      const std::string& aspect = before[i].first;
      // "步骤 overdue 的条件", "模型的版本": a space after a Latin name, as Chinese text sets it.
      const bool latin = !what.empty() && static_cast<unsigned char>(what.back()) < 0x80;
      add(area, "changed", subject,
          fmt::format("{}{}的{}由{}改为{}", what, latin ? " " : "", aspect_zh(aspect),
                      quoted(before[i].second), quoted(after[i].second)),
          aspect, before[i].second, after[i].second);
    }
  }

  // Items matched by key: removed and changed in `from` order, then added in `to` order.
  template <class T>
  void by_key(const std::vector<T>& from, const std::vector<T>& to,
              const std::function<std::string(const T&)>& key,
              const std::function<void(const T&)>& removed,
              const std::function<void(const T&, const T&)>& both,
              const std::function<void(const T&)>& added) {
    std::map<std::string, const T*> later;
    for (const T& t : to) later.emplace(key(t), &t);
    std::map<std::string, const T*> earlier;
    for (const T& f : from) earlier.emplace(key(f), &f);
    for (const T& f : from) {
      const auto it = later.find(key(f));
      if (it == later.end()) {
        removed(f);
      } else {
        both(f, *it->second);
      }
    }
    for (const T& t : to) {
      if (!earlier.count(key(t))) added(t);
    }
  }
};

Properties metadata(const ModelSpec& s) {
  return {{"id", s.id.text},        {"version", s.version.text},  {"name", s.name},
          {"category", s.category}, {"author_org", s.author_org}, {"description", s.description}};
}

Properties parameter(const Parameter& p) {
  return {{"type", p.type.text}, {"default", text_of(p.default_value)}, {"label", p.label}};
}

std::string field_summary(const Field& f) {
  return fmt::format("{}，要素 {}，{}", f.label.empty() ? f.name.text : f.label, f.element.text,
                     f.required ? "必填" : "可选");
}

Properties field(const Field& f) {
  return {
      {"label", f.label}, {"element", f.element.text}, {"required", f.required ? "必填" : "可选"}};
}

Properties step(const Step& s) {
  return {{"kind", s.kind.text},
          {"from", join(s.from)},
          {"with", text_of(s.with)},
          {"join", text_of(s.join)},
          {"match_any", match_text(s.match_any)},
          {"where", text_of(s.where)},
          {"derive", pairs_text(s.derive, "=")},
          {"group_by", join(s.group_by)},
          {"measures", pairs_text(s.measures, "=")},
          {"having", text_of(s.having)},
          {"on", join(s.on)},
          {"window", window_text(s)},
          {"mode", text_of(s.window_mode)}};
}

std::string step_summary(const Step& s) {
  std::string text = fmt::format("{}，来源 {}", s.kind.text, join(s.from));
  if (s.with) text += "，对照 " + s.with->text;
  if (s.where) text += "，条件 " + s.where->text;
  return text;
}

Properties lead(const LeadTemplate& l) {
  return {{"step", l.step.text},
          {"subject", l.subject.text},
          {"title", l.title.text},
          {"category", l.category},
          {"evidence", join(l.evidence)}};
}

void diff_legal_basis(Differ& d, const ModelSpec& from, const ModelSpec& to) {
  for (const std::string& b : from.legal_basis) {
    if (std::find(to.legal_basis.begin(), to.legal_basis.end(), b) == to.legal_basis.end()) {
      d.add("metadata", "removed", "legal_basis", fmt::format("删除法律依据“{}”", b), "", b, "");
    }
  }
  for (const std::string& b : to.legal_basis) {
    if (std::find(from.legal_basis.begin(), from.legal_basis.end(), b) == from.legal_basis.end()) {
      d.add("metadata", "added", "legal_basis", fmt::format("新增法律依据“{}”", b), "", "", b);
    }
  }
}

void diff_fields(Differ& d, const Input& from, const Input& to) {
  const std::string input = to.name.text;
  d.by_key<Field>(
      from.fields, to.fields, [](const Field& f) { return f.name.text; },
      [&](const Field& f) {
        d.add("field", "removed", input + "." + f.name.text,
              fmt::format("输入 {} 删除字段 {}（{}）", input, f.name.text, field_summary(f)), "",
              field_summary(f), "");
      },
      [&](const Field& a, const Field& b) {
        d.compare("field", input + "." + a.name.text, "字段 " + input + "." + a.name.text, field(a),
                  field(b));
      },
      [&](const Field& f) {
        d.add("field", "added", input + "." + f.name.text,
              fmt::format("输入 {} 新增字段 {}（{}）", input, f.name.text, field_summary(f)), "",
              "", field_summary(f));
      });
}

}  // namespace

std::vector<SpecChange> diff_specs(const ModelSpec& from, const ModelSpec& to) {
  Differ d;
  d.compare("metadata", "model", "模型", metadata(from), metadata(to));
  for (SpecChange& c : d.out) c.subject = c.aspect;
  diff_legal_basis(d, from, to);

  d.by_key<Parameter>(
      from.parameters, to.parameters, [](const Parameter& p) { return p.name.text; },
      [&](const Parameter& p) {
        d.add("parameter", "removed", p.name.text,
              fmt::format("删除参数 {}（{}）", p.name.text, p.label), "", p.type.text, "");
      },
      [&](const Parameter& a, const Parameter& b) {
        d.compare("parameter", a.name.text, "参数 " + a.name.text, parameter(a), parameter(b));
      },
      [&](const Parameter& p) {
        d.add("parameter", "added", p.name.text,
              fmt::format("新增参数 {}（{}，类型 {}{}）", p.name.text, p.label, p.type.text,
                          p.default_value ? "，默认 " + p.default_value->text : ""),
              "", "", p.type.text);
      });

  d.by_key<Input>(
      from.inputs, to.inputs, [](const Input& i) { return i.name.text; },
      [&](const Input& i) {
        d.add("input", "removed", i.name.text,
              fmt::format("删除输入 {}（{}，{} 个字段）", i.name.text, i.label, i.fields.size()),
              "", i.label, "");
      },
      [&](const Input& a, const Input& b) {
        d.compare("input", a.name.text, "输入 " + a.name.text, {{"label", a.label}},
                  {{"label", b.label}});
        diff_fields(d, a, b);
      },
      [&](const Input& i) {
        std::vector<std::string> fields;
        for (const Field& f : i.fields) fields.push_back(f.name.text);
        d.add("input", "added", i.name.text,
              fmt::format("新增输入 {}（{}），字段：{}", i.name.text, i.label, join(fields, "、")),
              "", "", i.label);
      });

  d.by_key<Step>(
      from.steps, to.steps, [](const Step& s) { return s.id.text; },
      [&](const Step& s) {
        d.add("step", "removed", s.id.text,
              fmt::format("删除步骤 {}（{}）", s.id.text, step_summary(s)), "", step_summary(s),
              "");
      },
      [&](const Step& a, const Step& b) {
        d.compare("step", a.id.text, "步骤 " + a.id.text, step(a), step(b));
      },
      [&](const Step& s) {
        d.add("step", "added", s.id.text,
              fmt::format("新增步骤 {}（{}）", s.id.text, step_summary(s)), "", "",
              step_summary(s));
      });

  d.by_key<LeadTemplate>(
      from.leads, to.leads, [](const LeadTemplate& l) { return l.rule.text; },
      [&](const LeadTemplate& l) {
        d.add("lead", "removed", l.rule.text,
              fmt::format("删除线索规则 {}（标题“{}”）", l.rule.text, l.title.text), "",
              l.title.text, "");
      },
      [&](const LeadTemplate& a, const LeadTemplate& b) {
        d.compare("lead", a.rule.text, "线索规则 " + a.rule.text, lead(a), lead(b));
      },
      [&](const LeadTemplate& l) {
        d.add("lead", "added", l.rule.text,
              fmt::format("新增线索规则 {}（来源步骤 {}，标题“{}”）", l.rule.text, l.step.text,
                          l.title.text),
              "", "", l.title.text);
      });
  return std::move(d.out);
}

nlohmann::json spec_changes_json(const std::vector<SpecChange>& changes) {
  nlohmann::json out = nlohmann::json::array();
  for (const SpecChange& c : changes) {
    out.push_back({{"area", c.area},
                   {"change", c.change},
                   {"subject", c.subject},
                   {"aspect", c.aspect},
                   {"before", c.before},
                   {"after", c.after},
                   {"description_zh", c.zh}});
  }
  return out;
}

}  // namespace shanhai::model
