#include "engine/link_step.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "engine/columns.h"
#include "linkage/explanation.h"
#include "linkage/linker.h"

namespace shanhai::engine {

namespace {

std::shared_ptr<const Column> share(Column c) {
  return std::make_shared<const Column>(std::move(c));
}

// One side's compared fields as text, column "c<i>" for comparison i. `storage` owns the bytes
// the records view.
Result<linkage::Records> side_records(const model::Step& s, const Table& t, bool left,
                                      std::vector<std::vector<std::string>>& storage) {
  linkage::Records records;
  storage.resize(s.compare.size());
  for (size_t i = 0; i < s.compare.size(); ++i) {
    const model::LinkComparison& c = s.compare[i];
    const Column* column = t.find(left ? c.left.text : c.right.text);
    std::vector<std::string>& texts = storage[i];
    texts.assign(t.rows(), std::string());
    if (column != nullptr) {
      for (size_t r = 0; r < t.rows(); ++r) texts[r] = format_cell(*column, r);
    }
  }
  for (size_t i = 0; i < s.compare.size(); ++i) {
    std::vector<std::string_view> views(storage[i].begin(), storage[i].end());
    SHANHAI_TRY(records.add_column(fmt::format("c{}", i), std::move(views)));
  }
  return records;
}

double parse_threshold(const std::optional<model::Located>& t, double fallback) {
  return t ? std::stod(t->text) : fallback;
}

Column decimal_column(const std::vector<double>& values) {
  Column c;
  c.type = model::Type(model::TypeKind::decimal);
  c.values.reserve(values.size());
  for (double v : values) c.values.push_back(std::llround(v * kDecimalScale));
  c.present.assign(values.size(), 1);
  return c;
}

Column text_column(const std::vector<std::string>& values) {
  Column c;
  c.type = model::Type(model::TypeKind::text);
  for (const std::string& v : values) c.texts.push_back(v);
  c.present.assign(values.size(), 1);
  return c;
}

}  // namespace

double link_match_threshold(const model::Step& s) {
  return parse_threshold(s.match_threshold, linkage::LinkSpec().match_threshold);
}

double link_possible_threshold(const model::Step& s) {
  return parse_threshold(s.possible_threshold, linkage::LinkSpec().possible_threshold);
}

Result<linkage::LinkResult> score_link_step(const model::Step& s, const Table& left,
                                            const Table* right, const LinkScoring& scoring) {
  linkage::LinkSpec spec;
  for (size_t i = 0; i < s.compare.size(); ++i) {
    const model::LinkComparison& c = s.compare[i];
    linkage::ComparisonSpec cs;
    cs.field = c.field.text;
    cs.kind = c.kind.text;
    cs.left_column = cs.right_column = fmt::format("c{}", i);
    cs.label_zh = c.label;
    if (c.element) cs.element = c.element->text;
    spec.comparisons.push_back(std::move(cs));
  }
  for (size_t r = 0; r < s.blocking.size(); ++r) {
    linkage::BlockingRuleSpec rule;
    for (const model::LinkKeyPart& k : s.blocking[r]) {
      rule.keys.push_back({k.field.text, k.part.text});
      rule.name += (rule.name.empty() ? "" : "+") + k.field.text + "." + k.part.text;
    }
    spec.blocking.push_back(std::move(rule));
  }
  spec.match_threshold = link_match_threshold(s);
  spec.possible_threshold = link_possible_threshold(s);
  const bool keep_possible = s.keep && s.keep->text == "possible";
  spec.keep_threshold = scoring.keep_threshold.value_or(keep_possible ? spec.possible_threshold
                                                                      : spec.match_threshold);
  spec.keep_pair = scoring.keep_pair;
  spec.threads = scoring.threads;
  spec.left_label_zh = scoring.labels.left;
  spec.right_label_zh = scoring.labels.right;

  std::vector<std::vector<std::string>> left_texts, right_texts;
  auto left_records = side_records(s, left, true, left_texts);
  if (!left_records) return left_records.take_error();
  Result<linkage::LinkResult> linked = [&]() -> Result<linkage::LinkResult> {
    if (right == nullptr) return linkage::deduplicate_records(spec, left_records.value());
    auto right_records = side_records(s, *right, false, right_texts);
    if (!right_records) return right_records.take_error();
    return linkage::link_records(spec, left_records.value(), right_records.value());
  }();
  if (!linked) {
    Error e = linked.take_error();
    return Error(e.code(), fmt::format("步骤“{}”（link）：{}", s.id.text, e.zh()),
                 fmt::format("step \"{}\" (link): {}", s.id.text, e.en()), e.where());
  }
  return linked;
}

Result<Table> execute_link(const model::Step& s, const Table& left, const Table* right,
                           const LinkSideLabels& labels, unsigned threads) {
  LinkScoring scoring;
  scoring.labels = labels;
  scoring.threads = threads;
  auto linked = score_link_step(s, left, right, scoring);
  if (!linked) return linked.take_error();
  const linkage::LinkResult& result = linked.value();
  std::vector<const linkage::LinkPair*> pairs;
  for (const linkage::LinkPair& p : result.pairs) pairs.push_back(&p);
  std::sort(pairs.begin(), pairs.end(), [](const linkage::LinkPair* a, const linkage::LinkPair* b) {
    return std::tie(a->left_row, a->right_row) < std::tie(b->left_row, b->right_row);
  });

  const Table& other = right != nullptr ? *right : left;
  std::vector<uint32_t> lrows, rrows;
  std::vector<double> probabilities, weights;
  std::vector<std::string> classes, explanations;
  auto details = std::make_shared<std::vector<LinkPairDetail>>();
  const double prior = result.training.parameters.prior_weight();
  for (const linkage::LinkPair* p : pairs) {
    lrows.push_back(p->left_row);
    rrows.push_back(p->right_row);
    LinkPairDetail d;
    d.step = s.id.text;
    d.left = left.lineage.of(p->left_row);
    d.right = other.lineage.of(p->right_row);
    d.probability = std::round(p->probability * kDecimalScale) / kDecimalScale;
    d.weight = std::round(p->weight * kDecimalScale) / kDecimalScale;
    d.prior_weight = prior;
    d.match_class = p->match_class == linkage::MatchClass::match ? "match" : "possible";
    d.explanation = linkage::explain_with_verdict(result.plan, *p, linkage::Language::zh);
    const auto sentences = linkage::explain_fields(result.plan, *p, linkage::Language::zh);
    for (size_t f = 0; f < p->field_count; ++f) {
      const linkage::FieldContribution& c = p->fields[f];
      const linkage::ComparisonPlan& plan = result.plan.comparisons[c.field];
      const linkage::ComparisonLevel& level = plan.levels[c.level];
      d.fields.push_back({plan.field, plan.label_zh, level.code(), level.label_zh(),
                          static_cast<double>(c.weight), f < sentences.size() ? sentences[f] : ""});
    }
    probabilities.push_back(p->probability);
    weights.push_back(p->weight);
    classes.push_back(d.match_class);
    explanations.push_back(d.explanation);
    details->push_back(std::move(d));
  }

  Table out;
  const std::string prefix = s.with ? s.with->text : s.from.front().text;
  for (const NamedColumn& c : left.columns) {
    out.columns.push_back({c.name, share(gather(*c.column, lrows))});
  }
  for (const NamedColumn& c : other.columns) {
    out.columns.push_back({prefix + "." + c.name, share(gather(*c.column, rrows))});
  }
  out.columns.push_back({"link_probability", share(decimal_column(probabilities))});
  out.columns.push_back({"link_weight", share(decimal_column(weights))});
  out.columns.push_back({"link_class", share(text_column(classes))});
  out.columns.push_back({"link_explanation", share(text_column(explanations))});
  out.lineage.reserve(lrows.size(), lrows.size() * 2);
  for (size_t k = 0; k < lrows.size(); ++k) {
    out.lineage.append_union(left.lineage, lrows[k], &other.lineage, rrows[k]);
  }
  out.links = std::move(details);
  return out;
}

}  // namespace shanhai::engine
