#include "linkage/link_plan.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "normalize/text.h"

namespace shanhai::linkage {

namespace {

struct KindName {
  ComparisonKind kind;
  std::string_view name;
  std::string_view noun_en;
};

constexpr KindName kKinds[] = {
    {ComparisonKind::id_number, "id_number", "identity numbers"},
    {ComparisonKind::person_name, "person_name", "names"},
    {ComparisonKind::date, "date", "dates"},
    {ComparisonKind::number, "number", "values"},
    {ComparisonKind::money, "money", "amounts"},
    {ComparisonKind::exact, "exact", "values"},
};

constexpr std::string_view kKindList = "id_number, person_name, date, number, money, exact";

std::string trimmed_number(double v) {
  std::string s = fmt::format("{:.6f}", v);
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

Error spec_error(std::string code, std::string zh, std::string en, std::string field,
                 std::optional<std::string> value = std::nullopt) {
  return Error(std::move(code), std::move(zh), std::move(en),
               Location::of_field(std::move(field), std::move(value)));
}

struct PartName {
  ComparisonKind kind;
  std::string_view name;
  KeyPart part;
};

constexpr PartName kParts[] = {
    {ComparisonKind::id_number, "value", KeyPart::value},
    {ComparisonKind::id_number, "region_birth", KeyPart::id_region_birth},
    {ComparisonKind::id_number, "birth", KeyPart::id_birth},
    {ComparisonKind::id_number, "region", KeyPart::id_region},
    {ComparisonKind::person_name, "value", KeyPart::value},
    {ComparisonKind::person_name, "pinyin", KeyPart::name_pinyin},
    {ComparisonKind::person_name, "first_char", KeyPart::name_first_char},
    {ComparisonKind::date, "value", KeyPart::value},
    {ComparisonKind::date, "year", KeyPart::date_year},
    {ComparisonKind::date, "year_month", KeyPart::date_year_month},
    {ComparisonKind::number, "value", KeyPart::value},
    {ComparisonKind::money, "value", KeyPart::value},
    {ComparisonKind::exact, "value", KeyPart::value},
};

std::string parts_of(ComparisonKind kind) {
  std::string out;
  for (const auto& p : kParts) {
    if (p.kind != kind) continue;
    if (!out.empty()) out += ", ";
    out += p.name;
  }
  return out;
}

bool valid_probability(double p) { return std::isfinite(p) && p >= 0.0 && p <= 1.0; }

Result<ComparisonPlan> plan_comparison(const ComparisonSpec& c, size_t index,
                                       std::span<const std::string> left_columns,
                                       std::span<const std::string> right_columns, bool dedupe) {
  const std::string at = fmt::format("comparisons[{}]", index);
  ComparisonPlan plan;
  if (c.field.empty()) {
    return spec_error("linkage.field_name", fmt::format("第 {} 个比较没有字段名", index + 1),
                      fmt::format("comparison {} has no field name", index + 1), at + ".field");
  }
  plan.field = c.field;
  const auto kind = comparison_kind_from_name(c.kind);
  if (!kind) {
    return spec_error("linkage.unknown_kind",
                      fmt::format("比较“{}”的类型“{}”未知，可用：{}", c.field, c.kind, kKindList),
                      fmt::format("comparison \"{}\" has unknown kind \"{}\"; known: {}", c.field,
                                  c.kind, kKindList),
                      at + ".kind", c.kind);
  }
  plan.kind = *kind;

  auto column = [&](std::span<const std::string> names, const std::string& name,
                    std::string_view side_zh, std::string_view side_en,
                    const char* key) -> Result<size_t> {
    const auto it = std::find(names.begin(), names.end(), name);
    if (it == names.end()) {
      return spec_error(
          "linkage.unknown_column",
          fmt::format("比较“{}”引用的{}列“{}”不存在", c.field, side_zh, name),
          fmt::format("comparison \"{}\" names {} column \"{}\", which does not exist", c.field,
                      side_en, name),
          at + key, name);
    }
    return static_cast<size_t>(it - names.begin());
  };
  auto left = column(left_columns, c.left_column, "左表", "left", ".left_column");
  if (!left) return left.take_error();
  plan.left_column = *left;
  if (dedupe) {
    plan.right_column = plan.left_column;
  } else {
    const std::string& right_name = c.right_column.empty() ? c.left_column : c.right_column;
    auto right = column(right_columns, right_name, "右表", "right", ".right_column");
    if (!right) return right.take_error();
    plan.right_column = *right;
  }

  plan.label_zh = c.label_zh.empty() ? c.field : c.label_zh;
  if (!c.label_en.empty()) {
    plan.label_en = c.label_en;
  } else if (normalize::is_ascii(c.field)) {
    plan.label_en = c.field;
  } else {
    for (const auto& k : kKinds) {
      if (k.kind == plan.kind) plan.label_en = k.noun_en;
    }
  }
  plan.term_frequency = c.term_frequency.value_or(plan.kind == ComparisonKind::person_name);
  if (plan.term_frequency && plan.kind != ComparisonKind::person_name &&
      plan.kind != ComparisonKind::date && plan.kind != ComparisonKind::exact) {
    return spec_error(
        "linkage.term_frequency",
        fmt::format("比较“{}”：{} 类字段不支持按值频率调整（仅 person_name、date、exact）", c.field,
                    comparison_kind_name(plan.kind)),
        fmt::format("comparison \"{}\": {} fields have no term-frequency adjustment (only "
                    "person_name, date and exact)",
                    c.field, comparison_kind_name(plan.kind)),
        at + ".term_frequency", "true");
  }

  auto& levels = plan.levels;
  levels.push_back({LevelKind::missing});
  switch (plan.kind) {
    case ComparisonKind::id_number:
      levels.push_back({LevelKind::exact});
      levels.push_back({LevelKind::legacy_upgrade});
      levels.push_back({LevelKind::one_typo});
      break;
    case ComparisonKind::person_name: {
      levels.push_back({LevelKind::exact, 0, plan.term_frequency});
      levels.push_back({LevelKind::separators, 0, plan.term_frequency});
      levels.push_back({LevelKind::pinyin});
      double previous = 2.0;
      for (double t : c.jaro_winkler_thresholds) {
        if (!std::isfinite(t) || t <= 0.0 || t > 1.0 || t >= previous) {
          return spec_error(
              "linkage.jaro_winkler_threshold",
              fmt::format("比较“{}”的 Jaro-Winkler 阈值 {} 无效：应在 (0, 1] 内且从大到小排列",
                          c.field, trimmed_number(t)),
              fmt::format("comparison \"{}\": Jaro-Winkler threshold {} must be in (0, 1] and "
                          "the thresholds descending",
                          c.field, trimmed_number(t)),
              at + ".jaro_winkler_thresholds", trimmed_number(t));
        }
        previous = t;
        levels.push_back({LevelKind::jaro_winkler, t});
      }
      if (c.max_edits < 0 || c.max_edits > 8) {
        return spec_error(
            "linkage.max_edits",
            fmt::format("比较“{}”的编辑距离上限 {} 应在 0–8 之间", c.field, c.max_edits),
            fmt::format("comparison \"{}\": max_edits {} must be 0 to 8", c.field, c.max_edits),
            at + ".max_edits", std::to_string(c.max_edits));
      }
      if (c.max_edits > 0) levels.push_back({LevelKind::levenshtein, double(c.max_edits)});
      break;
    }
    case ComparisonKind::date:
      if (c.within_days < 0) {
        return spec_error(
            "linkage.within_days",
            fmt::format("比较“{}”的相差天数 {} 不能为负", c.field, c.within_days),
            fmt::format("comparison \"{}\": within_days {} is negative", c.field, c.within_days),
            at + ".within_days", std::to_string(c.within_days));
      }
      levels.push_back({LevelKind::exact, 0, plan.term_frequency});
      if (c.within_days > 0) levels.push_back({LevelKind::within_days, double(c.within_days)});
      break;
    case ComparisonKind::number:
    case ComparisonKind::money: {
      for (double t : {c.absolute_tolerance, c.relative_tolerance}) {
        if (!std::isfinite(t) || t < 0) {
          return spec_error("linkage.tolerance",
                            fmt::format("比较“{}”的容差 {} 不能为负", c.field, trimmed_number(t)),
                            fmt::format("comparison \"{}\": tolerance {} is negative", c.field,
                                        trimmed_number(t)),
                            at + ".tolerance", trimmed_number(t));
        }
      }
      plan.absolute_tolerance = c.absolute_tolerance;
      plan.relative_tolerance = c.relative_tolerance;
      levels.push_back({LevelKind::exact, 0, plan.term_frequency});
      if (c.absolute_tolerance > 0 || c.relative_tolerance > 0) {
        levels.push_back({LevelKind::within_tolerance});
      }
      break;
    }
    case ComparisonKind::exact: {
      const auto element = normalize::element_from_name(c.element);
      if (!element) {
        return spec_error("linkage.unknown_element",
                          fmt::format("比较“{}”的要素“{}”未知，可用：{}", c.field, c.element,
                                      normalize::element_names_list()),
                          fmt::format("comparison \"{}\" has unknown element \"{}\"; known: {}",
                                      c.field, c.element, normalize::element_names_list()),
                          at + ".element", c.element);
      }
      plan.element = *element;
      levels.push_back({LevelKind::exact, 0, plan.term_frequency});
      break;
    }
  }
  levels.push_back({LevelKind::different});
  if (levels.size() > kMaxLevels) {
    return spec_error(
        "linkage.too_many_levels",
        fmt::format("比较“{}”的层级过多（{} 个，最多 {} 个）", c.field, levels.size(), kMaxLevels),
        fmt::format("comparison \"{}\" has too many levels ({}, at most {})", c.field,
                    levels.size(), kMaxLevels),
        at + ".jaro_winkler_thresholds");
  }
  return plan;
}

Result<LinkPlan> plan(const LinkSpec& spec, std::span<const std::string> left_columns,
                      std::span<const std::string> right_columns, bool dedupe) {
  LinkPlan out;
  out.dedupe = dedupe;
  if (spec.comparisons.empty()) {
    return spec_error("linkage.no_comparisons", "至少需要一个比较字段",
                      "at least one comparison is needed", "comparisons");
  }
  if (spec.comparisons.size() > kMaxComparisons) {
    return spec_error(
        "linkage.too_many_comparisons",
        fmt::format("比较字段过多（{} 个，最多 {} 个）", spec.comparisons.size(), kMaxComparisons),
        fmt::format("too many comparisons ({}, at most {})", spec.comparisons.size(),
                    kMaxComparisons),
        "comparisons");
  }
  for (size_t i = 0; i < spec.comparisons.size(); ++i) {
    auto c = plan_comparison(spec.comparisons[i], i, left_columns, right_columns, dedupe);
    if (!c) return c.take_error();
    for (const auto& earlier : out.comparisons) {
      if (earlier.field == c->field) {
        return spec_error("linkage.duplicate_field", fmt::format("比较字段“{}”重复", c->field),
                          fmt::format("comparison field \"{}\" appears twice", c->field),
                          fmt::format("comparisons[{}].field", i), c->field);
      }
    }
    out.comparisons.push_back(std::move(c.value()));
  }

  const std::pair<const char*, double> thresholds[] = {
      {"match_threshold", spec.match_threshold},
      {"possible_threshold", spec.possible_threshold},
      {"keep_threshold", spec.keep_threshold.value_or(spec.possible_threshold)}};
  for (const auto& [name, value] : thresholds) {
    if (!valid_probability(value)) {
      return spec_error(
          "linkage.threshold_range",
          fmt::format("阈值 {} = {} 不在 [0, 1] 内", name, trimmed_number(value)),
          fmt::format("threshold {} = {} is outside [0, 1]", name, trimmed_number(value)), name,
          trimmed_number(value));
    }
  }
  if (spec.possible_threshold > spec.match_threshold) {
    return spec_error(
        "linkage.threshold_order",
        fmt::format("可能匹配阈值 {} 大于匹配阈值 {}", trimmed_number(spec.possible_threshold),
                    trimmed_number(spec.match_threshold)),
        fmt::format("possible_threshold {} is above match_threshold {}",
                    trimmed_number(spec.possible_threshold), trimmed_number(spec.match_threshold)),
        "possible_threshold", trimmed_number(spec.possible_threshold));
  }
  out.match_threshold = spec.match_threshold;
  out.possible_threshold = spec.possible_threshold;
  out.keep_threshold = spec.keep_threshold.value_or(spec.possible_threshold);
  out.keep_pair = spec.keep_pair;

  if (spec.blocking.empty()) {
    return spec_error("linkage.no_blocking", "至少需要一条分块规则（否则要比较全部记录对）",
                      "at least one blocking rule is needed (else every pair would be compared)",
                      "blocking");
  }
  if (spec.blocking.size() > kMaxBlockingRules) {
    return spec_error(
        "linkage.too_many_rules",
        fmt::format("分块规则过多（{} 条，最多 {} 条）", spec.blocking.size(), kMaxBlockingRules),
        fmt::format("too many blocking rules ({}, at most {})", spec.blocking.size(),
                    kMaxBlockingRules),
        "blocking");
  }
  for (size_t r = 0; r < spec.blocking.size(); ++r) {
    const BlockingRuleSpec& rule = spec.blocking[r];
    BlockingRulePlan rp;
    rp.name = rule.name.empty() ? fmt::format("rule{}", r + 1) : rule.name;
    if (rule.keys.empty()) {
      return spec_error("linkage.empty_rule", fmt::format("分块规则“{}”没有键", rp.name),
                        fmt::format("blocking rule \"{}\" has no keys", rp.name),
                        fmt::format("blocking[{}].keys", r));
    }
    for (size_t k = 0; k < rule.keys.size(); ++k) {
      const BlockingKeySpec& key = rule.keys[k];
      const std::string at = fmt::format("blocking[{}].keys[{}]", r, k);
      size_t ci = out.comparisons.size();
      for (size_t i = 0; i < out.comparisons.size(); ++i) {
        if (out.comparisons[i].field == key.field) ci = i;
      }
      if (ci == out.comparisons.size()) {
        return spec_error(
            "linkage.unknown_key_field",
            fmt::format("分块规则“{}”引用的比较字段“{}”不存在", rp.name, key.field),
            fmt::format("blocking rule \"{}\" names comparison field \"{}\", which does not exist",
                        rp.name, key.field),
            at + ".field", key.field);
      }
      const ComparisonKind kind = out.comparisons[ci].kind;
      std::optional<KeyPart> part;
      for (const auto& p : kParts) {
        if (p.kind == kind && p.name == key.part) part = p.part;
      }
      if (!part) {
        return spec_error(
            "linkage.unknown_key_part",
            fmt::format("分块规则“{}”：{} 类字段“{}”没有键部件“{}”，可用：{}", rp.name,
                        comparison_kind_name(kind), key.field, key.part, parts_of(kind)),
            fmt::format("blocking rule \"{}\": {} field \"{}\" has no key part \"{}\"; known: {}",
                        rp.name, comparison_kind_name(kind), key.field, key.part, parts_of(kind)),
            at + ".part", key.part);
      }
      rp.keys.push_back({ci, *part, key.part});
      rp.comparisons_used |= 1U << ci;
    }
    out.blocking.push_back(std::move(rp));
  }

  if (spec.u_sample_pairs == 0) {
    return spec_error("linkage.sample_size", "估计 u 概率的随机对数不能为 0",
                      "u_sample_pairs must be positive", "u_sample_pairs", "0");
  }
  if (spec.max_block_pairs == 0 || spec.max_candidate_pairs == 0) {
    return spec_error("linkage.max_pairs", "分块与候选对的上限必须为正数",
                      "max_block_pairs and max_candidate_pairs must be positive",
                      spec.max_block_pairs == 0 ? "max_block_pairs" : "max_candidate_pairs", "0");
  }
  if (spec.em_max_iterations <= 0 || !std::isfinite(spec.em_tolerance) || spec.em_tolerance <= 0) {
    return spec_error("linkage.em_settings",
                      fmt::format("EM 设置无效：最多迭代 {} 次、容差 {}", spec.em_max_iterations,
                                  trimmed_number(spec.em_tolerance)),
                      fmt::format("invalid EM settings: {} iterations, tolerance {}",
                                  spec.em_max_iterations, trimmed_number(spec.em_tolerance)),
                      spec.em_max_iterations <= 0 ? "em_max_iterations" : "em_tolerance");
  }
  out.max_block_pairs = spec.max_block_pairs;
  out.max_candidate_pairs = spec.max_candidate_pairs;
  out.u_sample_pairs = spec.u_sample_pairs;
  out.em_max_iterations = spec.em_max_iterations;
  out.em_tolerance = spec.em_tolerance;
  out.seed = spec.seed;
  out.threads = spec.threads;
  if (dedupe) {
    out.left_label_zh = out.right_label_zh = "另一条记录";
    out.left_label_en = out.right_label_en = "one record";
  } else {
    out.left_label_zh = spec.left_label_zh;
    out.left_label_en = spec.left_label_en;
    out.right_label_zh = spec.right_label_zh;
    out.right_label_en = spec.right_label_en;
  }
  return out;
}

}  // namespace

std::optional<ComparisonKind> comparison_kind_from_name(std::string_view name) {
  for (const auto& k : kKinds) {
    if (k.name == name) return k.kind;
  }
  return std::nullopt;
}

std::string_view comparison_kind_name(ComparisonKind kind) {
  for (const auto& k : kKinds) {
    if (k.kind == kind) return k.name;
  }
  return "?";
}

std::string ComparisonLevel::code() const {
  switch (kind) {
    case LevelKind::missing:
      return "missing";
    case LevelKind::exact:
      return "exact";
    case LevelKind::legacy_upgrade:
      return "legacy15";
    case LevelKind::one_typo:
      return "one_typo";
    case LevelKind::separators:
      return "separators";
    case LevelKind::pinyin:
      return "pinyin";
    case LevelKind::jaro_winkler:
      return "jaro_winkler>=" + trimmed_number(parameter);
    case LevelKind::levenshtein:
      return "levenshtein<=" + trimmed_number(parameter);
    case LevelKind::within_days:
      return "within_days<=" + trimmed_number(parameter);
    case LevelKind::within_tolerance:
      return "within_tolerance";
    case LevelKind::different:
      return "different";
  }
  return "?";
}

std::string ComparisonLevel::label_zh() const {
  switch (kind) {
    case LevelKind::missing:
      return "缺失";
    case LevelKind::exact:
      return "相同";
    case LevelKind::legacy_upgrade:
      return "15 位升级后相同";
    case LevelKind::one_typo:
      return "一位之差";
    case LevelKind::separators:
      return "分隔符不同";
    case LevelKind::pinyin:
      return "拼音相同";
    case LevelKind::jaro_winkler:
      return "相似度≥" + trimmed_number(parameter);
    case LevelKind::levenshtein:
      return fmt::format("相差≤{}字", trimmed_number(parameter));
    case LevelKind::within_days:
      return fmt::format("相差≤{}天", trimmed_number(parameter));
    case LevelKind::within_tolerance:
      return "在容差内";
    case LevelKind::different:
      return "不同";
  }
  return "?";
}

std::string ComparisonLevel::label_en() const {
  switch (kind) {
    case LevelKind::missing:
      return "missing";
    case LevelKind::exact:
      return "equal";
    case LevelKind::legacy_upgrade:
      return "equal after 15→18 upgrade";
    case LevelKind::one_typo:
      return "one typo";
    case LevelKind::separators:
      return "separators differ";
    case LevelKind::pinyin:
      return "same pinyin";
    case LevelKind::jaro_winkler:
      return "similarity >= " + trimmed_number(parameter);
    case LevelKind::levenshtein:
      return fmt::format("<= {} edits", trimmed_number(parameter));
    case LevelKind::within_days:
      return fmt::format("<= {} days apart", trimmed_number(parameter));
    case LevelKind::within_tolerance:
      return "within tolerance";
    case LevelKind::different:
      return "different";
  }
  return "?";
}

std::optional<uint8_t> ComparisonPlan::level_index(LevelKind k) const {
  for (size_t i = 0; i < levels.size(); ++i) {
    if (levels[i].kind == k) return static_cast<uint8_t>(i);
  }
  return std::nullopt;
}

Result<LinkPlan> plan_link(const LinkSpec& spec, std::span<const std::string> left_columns,
                           std::span<const std::string> right_columns) {
  return plan(spec, left_columns, right_columns, false);
}

Result<LinkPlan> plan_deduplication(const LinkSpec& spec, std::span<const std::string> columns) {
  return plan(spec, columns, columns, true);
}

}  // namespace shanhai::linkage
