#include "linkage/explanation.h"

#include <fmt/format.h>

#include <cmath>

#include "linkage/comparison.h"

namespace shanhai::linkage {

namespace {

std::string side_zh(const LinkPlan& plan, int32_t missing) {
  if (plan.dedupe) return missing == 3 ? "两条记录" : "其中一条记录";
  if (missing == 3) return "两表";
  return missing == 1 ? plan.left_label_zh : plan.right_label_zh;
}

std::string side_en(const LinkPlan& plan, int32_t missing) {
  if (plan.dedupe) return missing == 3 ? "both records" : "one record";
  if (missing == 3) return "both sides";
  return missing == 1 ? plan.left_label_en : plan.right_label_en;
}

// An amount given in hundredths: "0.5", "12", "1234.56".
std::string hundredths(int32_t v) {
  std::string s = fmt::format("{:.2f}", v / 100.0);
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s;
}

std::string sentence_zh(const LinkPlan& plan, const FieldContribution& c) {
  const ComparisonPlan& cp = plan.comparisons[c.field];
  const ComparisonLevel& level = cp.levels[c.level];
  const std::string& f = cp.label_zh;
  const bool is_id = cp.kind == ComparisonKind::id_number;
  const bool is_name = cp.kind == ComparisonKind::person_name;
  switch (level.kind) {
    case LevelKind::missing:
      return fmt::format("{}缺失（{}），不计分", f, side_zh(plan, c.detail));
    case LevelKind::exact:
      if (is_name) return f + "相同";
      if (cp.kind == ComparisonKind::number || cp.kind == ComparisonKind::money) {
        return f + "相等";
      }
      return (is_id || cp.kind == ComparisonKind::date) ? f + "一致" : f + "相同";
    case LevelKind::legacy_upgrade:
      return fmt::format("{}为15位旧号码（{}）升级后相同", f,
                         c.detail == 1 ? plan.left_label_zh : plan.right_label_zh);
    case LevelKind::one_typo:
      if (c.detail > kTranspositionDetail) {
        const int p = c.detail - kTranspositionDetail;
        return fmt::format("{}第{}、{}位前后颠倒，其余相同", f, p, p + 1);
      }
      return fmt::format("{}仅第{}位不同", f, c.detail);
    case LevelKind::separators:
      return f + "相同（分隔符不同）";
    case LevelKind::pinyin:
      return f + "拼音相同";
    case LevelKind::jaro_winkler:
      return fmt::format("{}相近（相似度{:.2f}）", f, c.detail / 1000.0);
    case LevelKind::levenshtein:
      return fmt::format("{}仅差{}个字", f, c.detail);
    case LevelKind::within_days:
      return fmt::format("{}相差{}天", f, c.detail);
    case LevelKind::within_tolerance:
      return fmt::format("{}相近（相差{}）", f, hundredths(c.detail));
    case LevelKind::different:
      if (cp.kind == ComparisonKind::date) return fmt::format("{}不同（相差{}天）", f, c.detail);
      if (cp.kind == ComparisonKind::number || cp.kind == ComparisonKind::money) {
        return fmt::format("{}不同（相差{}）", f, hundredths(c.detail));
      }
      return f + "不同";
  }
  return f;
}

std::string sentence_en(const LinkPlan& plan, const FieldContribution& c) {
  const ComparisonPlan& cp = plan.comparisons[c.field];
  const ComparisonLevel& level = cp.levels[c.level];
  const std::string& f = cp.label_en;
  switch (level.kind) {
    case LevelKind::missing:
      return fmt::format("{} missing ({}), not counted", f, side_en(plan, c.detail));
    case LevelKind::exact:
      return f + " equal";
    case LevelKind::legacy_upgrade:
      return fmt::format("{} equal once the 15-digit legacy number ({}) is upgraded", f,
                         c.detail == 1 ? plan.left_label_en : plan.right_label_en);
    case LevelKind::one_typo:
      if (c.detail > kTranspositionDetail) {
        const int p = c.detail - kTranspositionDetail;
        return fmt::format("{}: characters {} and {} swapped, the rest equal", f, p, p + 1);
      }
      return fmt::format("{} differ only at position {}", f, c.detail);
    case LevelKind::separators:
      return f + " equal (different separators)";
    case LevelKind::pinyin:
      return f + " sound the same (same pinyin)";
    case LevelKind::jaro_winkler:
      return fmt::format("{} similar (similarity {:.2f})", f, c.detail / 1000.0);
    case LevelKind::levenshtein:
      return fmt::format("{} differ by {} character{}", f, c.detail, c.detail == 1 ? "" : "s");
    case LevelKind::within_days:
      return fmt::format("{} {} day{} apart", f, c.detail, c.detail == 1 ? "" : "s");
    case LevelKind::within_tolerance:
      return fmt::format("{} close (difference {})", f, hundredths(c.detail));
    case LevelKind::different:
      if (cp.kind == ComparisonKind::date) {
        return fmt::format("{} differ ({} days apart)", f, c.detail);
      }
      if (cp.kind == ComparisonKind::number || cp.kind == ComparisonKind::money) {
        return fmt::format("{} differ (difference {})", f, hundredths(c.detail));
      }
      return f + " differ";
  }
  return f;
}

}  // namespace

std::vector<std::string> explain_fields(const LinkPlan& plan, const LinkPair& pair,
                                        Language language) {
  std::vector<std::string> out;
  for (const FieldContribution& c : pair.contributions()) {
    out.push_back(language == Language::zh ? sentence_zh(plan, c) : sentence_en(plan, c));
  }
  return out;
}

std::string explain(const LinkPlan& plan, const LinkPair& pair, Language language) {
  std::string out;
  for (const std::string& s : explain_fields(plan, pair, language)) {
    if (!out.empty()) out += language == Language::zh ? "；" : "; ";
    out += s;
  }
  return out;
}

std::string explain_with_verdict(const LinkPlan& plan, const LinkPair& pair, Language language) {
  const double percent = std::floor(pair.probability * 1000.0) / 10.0;
  if (language == Language::zh) {
    return fmt::format("{}（概率 {:.1f}%）：{}", match_class_label_zh(pair.match_class), percent,
                       explain(plan, pair, language));
  }
  return fmt::format("{} (probability {:.1f}%): {}", match_class_name(pair.match_class), percent,
                     explain(plan, pair, language));
}

}  // namespace shanhai::linkage
