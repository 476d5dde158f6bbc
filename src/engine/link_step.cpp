#include "engine/link_step.h"

#include <sodium.h>

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include <fmt/format.h>

#include "engine/columns.h"
#include "linkage/clustering.h"
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

// An integer column; null where present is 0.
Column integer_column(const std::vector<int64_t>& values, const std::vector<uint8_t>& present) {
  Column c;
  c.type = model::Type(model::TypeKind::integer);
  c.values = values;
  c.present = present;
  return c;
}

// De-duplication: the records the step's matches join (confirmed pairs included; possible matches
// join nothing), as connected components — A–B and B–C make one person of A, B and C. Per
// output pair: the component's number (1, 2, … in order of its first row) and how many records
// it holds, for a match; null for a possible match.
struct PairClusters {
  std::vector<int64_t> number, size;
  std::vector<uint8_t> present;
};

PairClusters pair_clusters(size_t rows, const std::vector<uint32_t>& lrows,
                           const std::vector<uint32_t>& rrows,
                           const std::vector<std::string>& classes) {
  std::vector<linkage::LinkPair> matches;
  for (size_t k = 0; k < lrows.size(); ++k) {
    if (classes[k] != "match") continue;
    linkage::LinkPair p;
    p.left_row = lrows[k];
    p.right_row = rrows[k];
    p.probability = 1.0;
    matches.push_back(p);
  }
  const linkage::Clusters c = linkage::cluster_records(rows, matches, 0.0);
  std::vector<int64_t> members(c.count, 0), number(c.count, 0);
  for (uint32_t cluster : c.cluster) ++members[cluster];
  int64_t next = 0;
  for (uint32_t cluster : c.cluster) {
    if (members[cluster] >= 2 && number[cluster] == 0) number[cluster] = ++next;
  }
  PairClusters out;
  for (size_t k = 0; k < lrows.size(); ++k) {
    const bool match = classes[k] == "match";
    const uint32_t cluster = c.cluster[lrows[k]];
    out.number.push_back(match ? number[cluster] : 0);
    out.size.push_back(match ? members[cluster] : 0);
    out.present.push_back(match ? 1 : 0);
  }
  return out;
}

Column text_column(const std::vector<std::string>& values) {
  Column c;
  c.type = model::Type(model::TypeKind::text);
  for (const std::string& v : values) c.texts.push_back(v);
  c.present.assign(values.size(), 1);
  return c;
}

// The side keys of one side's rows, computed when first asked for.
class SideKeys {
 public:
  SideKeys(const std::vector<std::vector<std::string>>& texts, std::string_view salt)
      : texts_(texts), salt_(salt) {}

  const std::string& of(size_t row) {
    if (keys_.empty()) keys_.resize(texts_.empty() ? 0 : texts_.front().size());
    std::string& key = keys_.at(row);
    if (key.empty()) {
      std::vector<std::string_view> values;
      for (const auto& column : texts_) values.emplace_back(column[row]);
      key = link_side_key(values, salt_);
    }
    return key;
  }

  size_t rows() const { return texts_.empty() ? 0 : texts_.front().size(); }

 private:
  const std::vector<std::vector<std::string>>& texts_;
  std::string_view salt_;
  std::vector<std::string> keys_;
};

// Row pairs of confirmed keys, found by their side keys (at most kMaxPerKey per key: a key
// names two records; thousands of rows with the very same values are not worth forcing).
std::vector<std::pair<uint32_t, uint32_t>> confirmed_rows(
    const std::map<std::string, LinkDecision, std::less<>>& decisions, SideKeys& left,
    SideKeys* right) {
  constexpr size_t kMaxPerKey = 1000;
  std::vector<std::pair<uint32_t, uint32_t>> out;
  std::unordered_map<std::string, std::vector<uint32_t>> wanted_left, wanted_right;
  for (const auto& [key, d] : decisions) {
    const size_t dash = key.find('-');
    if (d.decision != "confirm" || dash == std::string::npos) continue;
    wanted_left[key.substr(0, dash)];
    (right != nullptr ? wanted_right : wanted_left)[key.substr(dash + 1)];
  }
  if (wanted_left.empty()) return out;
  for (size_t r = 0; r < left.rows(); ++r) {
    if (auto it = wanted_left.find(left.of(r)); it != wanted_left.end()) {
      it->second.push_back(static_cast<uint32_t>(r));
    }
  }
  for (size_t r = 0; right != nullptr && r < right->rows(); ++r) {
    if (auto it = wanted_right.find(right->of(r)); it != wanted_right.end()) {
      it->second.push_back(static_cast<uint32_t>(r));
    }
  }
  const auto& second_side = right != nullptr ? wanted_right : wanted_left;
  for (const auto& [key, d] : decisions) {
    const size_t dash = key.find('-');
    if (d.decision != "confirm" || dash == std::string::npos) continue;
    const auto& ls = wanted_left.at(key.substr(0, dash));
    const auto& rs = second_side.at(key.substr(dash + 1));
    size_t added = 0;
    for (uint32_t l : ls) {
      for (uint32_t r : rs) {
        if (right == nullptr && l == r) continue;
        if (++added > kMaxPerKey) break;
        out.emplace_back(l, r);
      }
    }
  }
  return out;
}

std::string class_name(linkage::MatchClass c) {
  switch (c) {
    case linkage::MatchClass::match:
      return "match";
    case linkage::MatchClass::possible_match:
      return "possible";
    default:
      return "non_match";
  }
}

}  // namespace

const LinkDecision* LinkDecisions::find(std::string_view step, std::string_view pair_key) const {
  const auto s = by_step.find(step);
  if (s == by_step.end()) return nullptr;
  const auto d = s->second.find(pair_key);
  return d == s->second.end() ? nullptr : &d->second;
}

std::string link_side_key(const std::vector<std::string_view>& values, std::string_view key_salt) {
  static const int sodium_ready = sodium_init();  // thread-safe; generichash works without it too
  (void)sodium_ready;
  unsigned char key[crypto_generichash_KEYBYTES];
  crypto_generichash(key, sizeof key, reinterpret_cast<const unsigned char*>(key_salt.data()),
                     key_salt.size(), nullptr, 0);
  crypto_generichash_state state;
  unsigned char out[crypto_generichash_BYTES_MIN];  // 16 bytes, of which the key keeps 8
  crypto_generichash_init(&state, key, sizeof key, sizeof out);
  for (std::string_view v : values) {
    const std::string length = fmt::format("{}:", v.size());
    crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(length.data()),
                              length.size());
    crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(v.data()), v.size());
  }
  crypto_generichash_final(&state, out, sizeof out);
  std::string hex;
  for (size_t i = 0; i < 8; ++i) hex += fmt::format("{:02x}", out[i]);
  return hex;
}

std::string link_pair_key(std::string_view left_side, std::string_view right_side, bool dedupe) {
  if (dedupe && right_side < left_side) std::swap(left_side, right_side);
  return fmt::format("{}-{}", left_side, right_side);
}

double link_match_threshold(const model::Step& s) {
  return parse_threshold(s.match_threshold, linkage::LinkSpec().match_threshold);
}

double link_possible_threshold(const model::Step& s) {
  return parse_threshold(s.possible_threshold, linkage::LinkSpec().possible_threshold);
}

namespace {

const std::map<std::string, LinkDecision, std::less<>>& decisions_of(const LinkDecisions* decisions,
                                                                     const model::Step& s) {
  static const std::map<std::string, LinkDecision, std::less<>> kNoDecisions;
  if (decisions == nullptr) return kNoDecisions;
  const auto it = decisions->by_step.find(s.id.text);
  return it == decisions->by_step.end() ? kNoDecisions : it->second;
}

// The linkage of the step and the compared values of each side's rows (the side keys' input).
struct Scored {
  linkage::LinkResult result;
  std::vector<std::vector<std::string>> left_texts, right_texts;
};

Result<Scored> score(const model::Step& s, const Table& left, const Table* right,
                     const LinkScoring& scoring, const LinkDecisions* decisions) {
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
  spec.progress = scoring.progress;
  spec.left_label_zh = scoring.labels.left;
  spec.right_label_zh = scoring.labels.right;

  Scored out;
  std::vector<std::vector<std::string>>& left_texts = out.left_texts;
  std::vector<std::vector<std::string>>& right_texts = out.right_texts;
  auto left_records = side_records(s, left, true, left_texts);
  if (!left_records) return left_records.take_error();
  std::optional<linkage::Records> right_records;
  if (right != nullptr) {
    auto r = side_records(s, *right, false, right_texts);
    if (!r) return r.take_error();
    right_records = std::move(r.value());
  }
  const std::string_view salt = decisions != nullptr ? decisions->key_salt : std::string_view();
  SideKeys left_keys(left_texts, salt), right_keys(right_texts, salt);
  spec.always_keep = confirmed_rows(decisions_of(decisions, s), left_keys,
                                    right != nullptr ? &right_keys : nullptr);
  Result<linkage::LinkResult> linked =
      right == nullptr ? linkage::deduplicate_records(spec, left_records.value())
                       : linkage::link_records(spec, left_records.value(), *right_records);
  if (!linked) {
    Error e = linked.take_error();
    if (e.code() == "job.cancelled") return e;
    return Error(e.code(), fmt::format("步骤“{}”（link）：{}", s.id.text, e.zh()),
                 fmt::format("step \"{}\" (link): {}", s.id.text, e.en()), e.where());
  }
  out.result = std::move(linked.value());
  return out;
}

}  // namespace

Result<linkage::LinkResult> score_link_step(const model::Step& s, const Table& left,
                                            const Table* right, const LinkScoring& scoring) {
  auto scored = score(s, left, right, scoring, nullptr);
  if (!scored) return scored.take_error();
  return std::move(scored.value().result);
}

Result<Table> execute_link(const model::Step& s, const Table& left, const Table* right,
                           const LinkSideLabels& labels, unsigned threads,
                           const LinkDecisions* decisions, ProgressSink* progress) {
  LinkScoring scoring;
  scoring.labels = labels;
  scoring.threads = threads;
  scoring.progress = progress;
  auto scored = score(s, left, right, scoring, decisions);
  if (!scored) return scored.take_error();
  const linkage::LinkResult& result = scored.value().result;
  const std::string_view salt = decisions != nullptr ? decisions->key_salt : std::string_view();
  SideKeys left_keys(scored.value().left_texts, salt), right_keys(scored.value().right_texts, salt);
  SideKeys& other_keys = right != nullptr ? right_keys : left_keys;
  const auto& step_decisions = decisions_of(decisions, s);
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
    const std::string key =
        link_pair_key(left_keys.of(p->left_row), other_keys.of(p->right_row), right == nullptr);
    const auto decided = step_decisions.find(key);
    const LinkDecision* decision = decided == step_decisions.end() ? nullptr : &decided->second;
    if (decision != nullptr && decision->decision == "reject") continue;
    const bool confirmed = decision != nullptr && decision->decision == "confirm";
    // Pairs below the keep threshold are here only because they were confirmed.
    if (!confirmed && p->probability < result.plan.keep_threshold) continue;
    lrows.push_back(p->left_row);
    rrows.push_back(p->right_row);
    LinkPairDetail d;
    d.step = s.id.text;
    d.left = left.lineage.of(p->left_row);
    d.right = other.lineage.of(p->right_row);
    d.probability = std::round(p->probability * kDecimalScale) / kDecimalScale;
    d.weight = std::round(p->weight * kDecimalScale) / kDecimalScale;
    d.prior_weight = prior;
    d.model_class = class_name(p->match_class);
    d.match_class =
        confirmed || p->match_class == linkage::MatchClass::match ? "match" : "possible";
    d.pair_key = key;
    d.explanation = linkage::explain_with_verdict(result.plan, *p, linkage::Language::zh);
    if (confirmed) {
      d.confirmed = *decision;
      d.explanation = fmt::format("经人工确认为同一人（{}，{}）；模型判断：{}", decision->user,
                                  decision->decided_at.substr(0, 10), d.explanation);
    }
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
  if (right == nullptr) {
    const PairClusters clusters = pair_clusters(left.rows(), lrows, rrows, classes);
    out.columns.push_back(
        {"link_cluster", share(integer_column(clusters.number, clusters.present))});
    out.columns.push_back(
        {"link_cluster_size", share(integer_column(clusters.size, clusters.present))});
  }
  out.lineage.reserve(lrows.size(), lrows.size() * 2);
  for (size_t k = 0; k < lrows.size(); ++k) {
    out.lineage.append_union(left.lineage, lrows[k], &other.lineage, rrows[k]);
  }
  out.links = std::move(details);
  return out;
}

}  // namespace shanhai::engine
