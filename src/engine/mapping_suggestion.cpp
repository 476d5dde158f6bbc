#include "engine/mapping_suggestion.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "common/utf8.h"
#include "engine/column_content.h"
#include "engine/header_dictionary.h"
#include "model/name_suggestion.h"
#include "normalize/text.h"
#include "store/dataset_version.h"

namespace shanhai::engine {

namespace {

using normalize::Element;

struct Evidence {
  double score = 0;
  std::string zh, en;
};

bool contains(std::string_view hay, std::string_view needle) {
  return !needle.empty() && utf8_length(needle) >= 2 && hay.find(needle) != std::string_view::npos;
}

Element field_element(const model::Field& f) {
  return normalize::element_from_name(f.element.text).value_or(Element::text);
}

// The element a field's values are judged by: its own, or for a text field the element of a
// dictionary concept its label belongs to (血液酒精含量 → bac).
Element content_element(const model::Field& f) {
  const Element e = field_element(f);
  if (e != Element::text) return e;
  for (const ConceptMatch& m : concepts_of(header_key(f.label))) {
    if (m.element != Element::text) return m.element;
  }
  return e;
}

// The dictionary concepts of a field: those its label or its name belongs to.
std::vector<const HeaderConcept*> field_concepts(const model::Field& f) {
  std::vector<const HeaderConcept*> out;
  for (const std::string& k : {header_key(f.label), header_key(f.name.text)}) {
    for (const ConceptMatch& m : concepts_of(k)) {
      if (std::find(out.begin(), out.end(), m.concept_ptr) == out.end()) {
        out.push_back(m.concept_ptr);
      }
    }
  }
  return out;
}

Evidence header_evidence(const model::Field& f, const std::string& header) {
  const std::string label = f.label.empty() ? f.name.text : f.label;
  const std::string shown = normalize::nfkc_trim(header);
  if (shown == normalize::nfkc_trim(label)) {
    return {1.0, fmt::format("表头“{}”与字段标签相同", header),
            fmt::format("the header \"{}\" is the field's label", header)};
  }
  if (shown == f.name.text) {
    return {1.0, fmt::format("表头“{}”与字段名相同", header),
            fmt::format("the header \"{}\" is the field's name", header)};
  }
  const std::string h = header_key(header);
  const std::string l = header_key(label);
  if (h.empty()) return {};
  if (h == l || h == header_key(f.name.text)) {
    return {0.95, fmt::format("表头“{}”去掉单位和空格后与字段标签“{}”相同", header, label),
            fmt::format("the header \"{}\" without its unit and spaces is the label \"{}\"", header,
                        label)};
  }
  const std::vector<const HeaderConcept*> concepts = field_concepts(f);
  for (const HeaderConcept* c : concepts) {
    if (std::find(c->words.begin(), c->words.end(), h) != c->words.end()) {
      return {0.85, fmt::format("表头“{}”与“{}”同义（字段同义词词典）", header, label),
              fmt::format("the header \"{}\" means \"{}\" (synonym dictionary)", header, label)};
    }
  }
  const Element e = content_element(f);
  const std::string element_zh(normalize::element_label_zh(e));
  if (e != Element::text && is_element_word(e, h)) {
    return {0.75, fmt::format("表头“{}”是{}的常用叫法", header, element_zh),
            fmt::format("\"{}\" is a usual header for {}", header, normalize::element_name(e))};
  }
  if (contains(h, l)) {
    return {0.7, fmt::format("表头“{}”包含字段标签“{}”", header, label),
            fmt::format("the header \"{}\" contains the label \"{}\"", header, label)};
  }
  if (contains(l, h)) {
    return {0.6, fmt::format("字段标签“{}”包含表头“{}”", label, header),
            fmt::format("the label \"{}\" contains the header \"{}\"", label, header)};
  }
  std::vector<std::string_view> words;
  for (const HeaderConcept* c : concepts)
    words.insert(words.end(), c->words.begin(), c->words.end());
  if (e != Element::text) {
    const auto generic = element_words(e);
    words.insert(words.end(), generic.begin(), generic.end());
  }
  std::string_view longest;
  for (std::string_view w : words) {
    if (contains(h, w) && w.size() > longest.size()) longest = w;
  }
  if (!longest.empty()) {
    return {0.55, fmt::format("表头“{}”含有“{}”", header, longest),
            fmt::format("the header \"{}\" contains \"{}\"", header, longest)};
  }
  if (model::closest_name(l, {h})) {
    return {0.45, fmt::format("表头“{}”与字段标签“{}”相近", header, label),
            fmt::format("the header \"{}\" is spelt like the label \"{}\"", header, label)};
  }
  return {};
}

std::string percent(double share) { return fmt::format("{}%", std::lround(share * 100)); }

// Content evidence: score in [0, 1] (the share of fitting values, 0 when contradicted) and
// whether there is any (text fields and empty columns have none).
struct ContentEvidence {
  bool any = false;
  double share = 0;
  std::string zh, en;
};

ContentEvidence content_evidence(const model::Field& f, const ColumnSample& column) {
  ContentEvidence out;
  const Element e = content_element(f);
  if (content_weight(e) == 0) return out;
  const ContentFit fit = content_fit(e, column.values);
  if (fit.sampled == 0) return out;
  out.any = true;
  const std::string zh(normalize::element_label_zh(e));
  const std::string_view en = normalize::element_name(e);
  const bool numeric = e == Element::money || e == Element::integer || e == Element::decimal ||
                       e == Element::date || e == Element::datetime;
  if (numeric && is_serial(column.values)) {
    out.zh = "该列是从上到下连续编号的序号";
    out.en = "the column is a running number";
    return out;
  }
  if (const auto d = dominant_element(column.values); d && !compatible(e, *d)) {
    out.zh = fmt::format("抽样值大多是{}，不是{}", normalize::element_label_zh(*d), zh);
    out.en =
        fmt::format("the sampled values are mostly {}, not {}", normalize::element_name(*d), en);
    return out;
  }
  out.share = fit.share();
  const auto fitting = static_cast<long>(std::lround(fit.fitting));
  if (out.share >= 0.5) {
    out.zh = fmt::format("抽样 {} 个值中 {} 个符合{}（{}）", fit.sampled, fitting, zh,
                         percent(out.share));
    out.en = fmt::format("{} of {} sampled values fit {} ({})", fitting, fit.sampled, en,
                         percent(out.share));
  } else {
    out.zh = fmt::format("抽样 {} 个值中只有 {} 个符合{}（{}）", fit.sampled, fitting, zh,
                         percent(out.share));
    out.en = fmt::format("only {} of {} sampled values fit {} ({})", fitting, fit.sampled, en,
                         percent(out.share));
  }
  return out;
}

std::string joined(const std::string& a, const std::string& b, const char* sep) {
  if (a.empty()) return b;
  if (b.empty()) return a;
  return a + sep + b;
}

bool better(const MappingCandidate& a, const MappingCandidate& b) {
  if (a.confidence != b.confidence) return a.confidence > b.confidence;
  return a.column < b.column;
}

}  // namespace

MappingCandidate score_column(const model::Field& field, const ColumnSample& column, size_t index) {
  MappingCandidate c;
  c.column = index;
  const Evidence h = header_evidence(field, column.name);
  const ContentEvidence v = content_evidence(field, column);
  const double weight = content_weight(content_element(field));
  const double alone = v.share >= 0.6 ? weight * v.share : 0.0;
  double conf = h.score;
  if (v.any) {
    if (h.score > 0) {
      if (v.share >= 0.8) {
        conf = h.score + (1 - h.score) * 0.7 * v.share;  // agreeing values raise it
      } else if (v.share < 0.5) {
        conf = h.score * (0.6 + 0.4 * v.share);  // disagreeing values lower it
      }
      conf = std::max(conf, alone);
    } else {
      conf = alone;
    }
  }
  c.confidence = std::clamp(std::round(conf * 100) / 100, 0.0, 1.0);
  if (h.score > 0 || (v.any && alone > 0)) {
    c.reason_zh = joined(h.zh, v.zh, "；");
    c.reason_en = joined(h.en, v.en, "; ");
    if (h.score == 0) {
      c.reason_zh = "仅凭内容判断：" + c.reason_zh;
      c.reason_en = "judged by content alone: " + c.reason_en;
    }
  } else {
    c.confidence = 0;
  }
  return c;
}

std::vector<FieldSuggestion> suggest_fields(const model::Input& input,
                                            const std::vector<ColumnSample>& columns) {
  std::vector<FieldSuggestion> out;
  // Every (field, column) worth suggesting, best first.
  struct Pair {
    size_t field;
    MappingCandidate candidate;
  };
  std::vector<Pair> pairs;
  std::vector<std::vector<MappingCandidate>> by_field(input.fields.size());
  for (size_t k = 0; k < input.fields.size(); ++k) {
    const model::Field& f = input.fields[k];
    out.push_back({f.name.text, f.label, f.element.text, f.required, std::nullopt, false, {}});
    for (size_t i = 0; i < columns.size(); ++i) {
      MappingCandidate c = score_column(f, columns[i], i);
      if (c.confidence < kMinSuggestionConfidence) continue;
      pairs.push_back({k, c});
      by_field[k].push_back(std::move(c));
    }
    std::sort(by_field[k].begin(), by_field[k].end(), better);
  }
  std::stable_sort(pairs.begin(), pairs.end(), [&](const Pair& a, const Pair& b) {
    if (a.candidate.confidence != b.candidate.confidence) {
      return a.candidate.confidence > b.candidate.confidence;
    }
    if (input.fields[a.field].required != input.fields[b.field].required) {
      return input.fields[a.field].required;  // a required field first
    }
    return a.field < b.field;
  });
  std::vector<bool> used(columns.size(), false);
  for (const Pair& p : pairs) {
    if (out[p.field].suggestion || used[p.candidate.column]) continue;
    out[p.field].suggestion = p.candidate;
    used[p.candidate.column] = true;
  }
  // A field left over shares its best column with another field only when nothing else fits.
  for (size_t k = 0; k < out.size(); ++k) {
    if (out[k].suggestion || by_field[k].empty()) continue;
    MappingCandidate c = by_field[k].front();
    std::string other;
    for (size_t j = 0; j < out.size(); ++j) {
      if (j != k && out[j].suggestion && out[j].suggestion->column == c.column && !out[j].shared) {
        other = out[j].field;
      }
    }
    c.reason_zh += fmt::format("（该列也是字段“{}”的建议列，没有其他合适的列）", other);
    c.reason_en +=
        fmt::format(" (the column is also suggested for field \"{}\"; no other fits)", other);
    out[k].suggestion = c;
    out[k].shared = true;
  }
  for (size_t k = 0; k < out.size(); ++k) {
    for (const MappingCandidate& c : by_field[k]) {
      if (out[k].suggestion && c.column == out[k].suggestion->column) continue;
      if (out[k].alternatives.size() == 3) break;
      out[k].alternatives.push_back(c);
    }
  }
  return out;
}

Result<std::vector<ColumnSample>> sample_columns(store::Workspace& ws,
                                                 const store::VersionInfo& version, size_t rows) {
  auto opened = store::DatasetVersion::open(ws, version);
  if (!opened) return opened.take_error();
  std::vector<ColumnSample> out;
  for (size_t c = 0; c < version.columns.size(); ++c) {
    ColumnSample s;
    s.name = version.columns[c].name;
    auto raw = opened.value().raw(c);
    if (!raw) return raw.take_error();
    const uint64_t n = std::min<uint64_t>(raw.value().size(), rows);
    for (uint64_t r = 0; r < n; ++r) {
      const std::string_view v = raw.value().at(r);
      if (!normalize::is_blank(v)) s.values.emplace_back(v);
    }
    out.push_back(std::move(s));
  }
  return out;
}

Result<std::vector<InputSuggestion>> suggest_mapping(store::Workspace& ws,
                                                     const model::ModelSpec& spec,
                                                     const std::vector<InputChoice>& inputs,
                                                     SameNameDataset same_name) {
  std::vector<std::string> names;
  for (const auto& in : spec.inputs) names.push_back(in.name.text);
  for (const InputChoice& c : inputs) {
    if (std::find(names.begin(), names.end(), c.input) != names.end()) continue;
    const auto near = model::closest_name(c.input, names);
    std::string zh, en;
    for (const auto& n : names) {
      zh += (zh.empty() ? "" : "、") + n;
      en += (en.empty() ? "" : ", ") + n;
    }
    return Error("bind.unknown_input",
                 fmt::format("模型“{}”没有名为“{}”的输入{}。可用输入：{}", spec.id.text, c.input,
                             model::did_you_mean_zh(near), zh),
                 fmt::format("model \"{}\" has no input \"{}\"{}. The inputs are: {}", spec.id.text,
                             c.input, model::did_you_mean_en(near), en),
                 Location::of_value(c.input + "=" + c.dataset));
  }
  std::vector<InputSuggestion> out;
  for (const model::Input& in : spec.inputs) {
    InputSuggestion s;
    s.input = in.name.text;
    s.label = in.label;
    const auto choice = std::find_if(inputs.begin(), inputs.end(),
                                     [&](const InputChoice& c) { return c.input == in.name.text; });
    if (choice == inputs.end() && same_name == SameNameDataset::ignore) {
      s.fields = suggest_fields(in, {});
      out.push_back(std::move(s));
      continue;
    }
    auto version = choice != inputs.end()
                       ? store::find_version(ws, choice->dataset, choice->version)
                       : store::find_version(ws, in.name.text);
    if (version) {
      auto samples = sample_columns(ws, version.value());
      if (!samples) return samples.take_error();
      s.fields = suggest_fields(in, samples.value());
      s.version = std::move(version.value());
    } else if (choice != inputs.end()) {
      return version.take_error();
    } else {
      s.fields = suggest_fields(in, {});
    }
    out.push_back(std::move(s));
  }
  return out;
}

nlohmann::json suggestion_json(const InputSuggestion& s) {
  auto column_name = [&s](size_t i) -> std::string {
    return s.version && i < s.version->columns.size() ? s.version->columns[i].name : "";
  };
  nlohmann::json fields = nlohmann::json::array();
  for (const FieldSuggestion& f : s.fields) {
    nlohmann::json j = {{"name", f.field},      {"label", f.label},
                        {"element", f.element}, {"required", f.required},
                        {"column", nullptr},    {"confidence", 0.0},
                        {"reason", ""},         {"reason_en", ""},
                        {"shared", f.shared},   {"alternatives", nlohmann::json::array()}};
    if (f.suggestion) {
      j["column"] = column_name(f.suggestion->column);
      j["confidence"] = f.suggestion->confidence;
      j["reason"] = f.suggestion->reason_zh;
      j["reason_en"] = f.suggestion->reason_en;
    }
    for (const MappingCandidate& c : f.alternatives) {
      j["alternatives"].push_back({{"column", column_name(c.column)},
                                   {"confidence", c.confidence},
                                   {"reason", c.reason_zh},
                                   {"reason_en", c.reason_en}});
    }
    fields.push_back(std::move(j));
  }
  return {{"name", s.input},
          {"label", s.label},
          {"dataset", s.version ? nlohmann::json(s.version->dataset) : nlohmann::json(nullptr)},
          {"version", s.version ? nlohmann::json(s.version->version) : nlohmann::json(nullptr)},
          {"fields", fields}};
}

}  // namespace shanhai::engine
