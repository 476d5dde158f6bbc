#include "linkage/evaluation.h"

#include <algorithm>

namespace shanhai::linkage {

namespace {

Metrics finish(double threshold, uint64_t tp, uint64_t fp, uint64_t true_pairs) {
  Metrics m;
  m.threshold = threshold;
  m.true_positives = tp;
  m.false_positives = fp;
  m.false_negatives = true_pairs - tp;
  m.precision = tp + fp == 0 ? 1.0 : static_cast<double>(tp) / static_cast<double>(tp + fp);
  m.recall = true_pairs == 0 ? 1.0 : static_cast<double>(tp) / static_cast<double>(true_pairs);
  m.f1 = m.precision + m.recall == 0 ? 0.0 : 2 * m.precision * m.recall / (m.precision + m.recall);
  return m;
}

}  // namespace

uint64_t Truth::key(uint32_t left, uint32_t right) const {
  if (dedupe_ && right < left) std::swap(left, right);
  return (uint64_t{left} << 32) | right;
}

Truth Truth::complete(std::span<const RowPair> matches, bool dedupe) {
  Truth t;
  t.dedupe_ = dedupe;
  for (const RowPair& p : matches) t.labels_[t.key(p.left, p.right)] = true;
  t.true_pairs_ = t.labels_.size();
  return t;
}

Truth Truth::labelled(std::span<const LabelledPair> pairs, bool dedupe) {
  Truth t;
  t.complete_ = false;
  t.dedupe_ = dedupe;
  for (const LabelledPair& p : pairs) t.labels_[t.key(p.left_row, p.right_row)] = p.is_match;
  for (const auto& [k, v] : t.labels_) t.true_pairs_ += v ? 1 : 0;
  return t;
}

std::optional<bool> Truth::label(uint32_t left_row, uint32_t right_row) const {
  const auto it = labels_.find(key(left_row, right_row));
  if (it == labels_.end()) return complete_ ? std::optional<bool>(false) : std::nullopt;
  return it->second;
}

Metrics evaluate(std::span<const LinkPair> scored, const Truth& truth, double threshold) {
  const double t[] = {threshold};
  return precision_recall_curve(scored, truth, t)[0];
}

std::vector<Metrics> precision_recall_curve(std::span<const LinkPair> scored, const Truth& truth,
                                            std::span<const double> thresholds) {
  // Labels of the scored pairs, most probable first.
  std::vector<std::pair<double, bool>> labelled;
  labelled.reserve(scored.size());
  for (const LinkPair& p : scored) {
    const std::optional<bool> label = truth.label(p.left_row, p.right_row);
    if (label) labelled.push_back({p.probability, *label});
  }
  std::sort(labelled.begin(), labelled.end(),
            [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<size_t> order(thresholds.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(),
            [&](size_t a, size_t b) { return thresholds[a] > thresholds[b]; });
  std::vector<Metrics> out(thresholds.size());
  uint64_t tp = 0, fp = 0;
  size_t next = 0;
  for (size_t i : order) {
    while (next < labelled.size() && labelled[next].first >= thresholds[i]) {
      (labelled[next].second ? tp : fp) += 1;
      ++next;
    }
    out[i] = finish(thresholds[i], tp, fp, truth.true_pairs());
  }
  return out;
}

}  // namespace shanhai::linkage
