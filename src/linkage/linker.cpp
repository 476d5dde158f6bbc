#include "linkage/linker.h"

#include <algorithm>
#include <iterator>
#include <set>
#include <string_view>

#include "linkage/comparison_vectors.h"
#include "linkage/prepared_records.h"

namespace shanhai::linkage {

namespace {

// Adds the pairs of `always_keep` that scoring did not return, scored with `parameters`.
void add_kept_pairs(const LinkPlan& p, const PreparedRecords& records,
                    const ModelParameters& parameters,
                    const std::vector<std::pair<uint32_t, uint32_t>>& always_keep,
                    std::vector<LinkPair>& pairs) {
  if (always_keep.empty()) return;
  std::set<std::pair<uint32_t, uint32_t>> have;
  for (const LinkPair& pair : pairs) have.emplace(pair.left_row, pair.right_row);
  for (auto [l, r] : always_keep) {
    if (records.dedupe() && l > r) std::swap(l, r);
    if (l >= records.left_rows() || r >= records.right_rows() || (records.dedupe() && l == r)) {
      continue;
    }
    if (have.emplace(l, r).second) pairs.push_back(score_pair(p, records, parameters, l, r));
  }
}

// Reports the start of each stage to the spec's progress sink and asks it whether to go on.
class Stages {
 public:
  explicit Stages(ProgressSink* progress) : progress_(progress) {}
  // False when the work was asked to stop.
  bool start(size_t stage) {
    if (progress_ == nullptr) return true;
    if (progress_->cancelled()) return false;
    progress_->update(kPhases[stage], stage, std::size(kPhases));
    return true;
  }

 private:
  static constexpr std::string_view kPhases[] = {
      "身份关联：规范化 linking: normalising",  "身份关联：分块 linking: blocking",
      "身份关联：估计 u linking: estimating u", "身份关联：比较 linking: comparing",
      "身份关联：EM 训练 linking: training",    "身份关联：打分 linking: scoring"};
  ProgressSink* progress_;
};

Result<LinkResult> run(LinkPlan plan, const Records& left, const Records& right,
                       const std::vector<std::pair<uint32_t, uint32_t>>& always_keep,
                       ProgressSink* progress) {
  LinkResult out;
  out.plan = std::move(plan);
  const LinkPlan& p = out.plan;
  Stages stages(progress);
  if (!stages.start(0)) return cancelled_error();
  const PreparedRecords records = PreparedRecords::prepare(p, left, right);
  if (!stages.start(1)) return cancelled_error();
  auto candidates = find_candidate_pairs(p, records);
  if (!candidates) return candidates.take_error();
  out.blocking = candidates->rules;
  out.candidate_pairs = candidates->size();
  if (!stages.start(2)) return cancelled_error();
  out.u = estimate_u(p, records);
  if (candidates->pairs.empty()) {
    out.training.parameters = initial_parameters(p);
    for (size_t f = 0; f < p.comparisons.size(); ++f) {
      out.training.parameters.fields[f].u = out.u.u[f];
    }
    add_kept_pairs(p, records, out.training.parameters, always_keep, out.pairs);
    return out;
  }
  if (!stages.start(3)) return cancelled_error();
  const std::vector<ComparisonVector> vectors = compare_pairs(p, records, candidates->pairs);
  if (!stages.start(4)) return cancelled_error();
  auto training =
      train_parameters(p, *candidates, vectors, out.u,
                       all_pairs(records.left_rows(), records.right_rows(), records.dedupe()));
  if (!training) return training.take_error();
  out.training = std::move(training.value());
  out.trained = true;
  if (!stages.start(5)) return cancelled_error();
  out.pairs = score_pairs(p, records, out.training.parameters, *candidates, vectors, &out.summary);
  add_kept_pairs(p, records, out.training.parameters, always_keep, out.pairs);
  return out;
}

}  // namespace

Result<LinkResult> link_records(const LinkSpec& spec, const Records& left, const Records& right) {
  auto plan = plan_link(spec, left.names(), right.names());
  if (!plan) return plan.take_error();
  return run(std::move(plan.value()), left, right, spec.always_keep, spec.progress);
}

Result<LinkResult> deduplicate_records(const LinkSpec& spec, const Records& records) {
  auto plan = plan_deduplication(spec, records.names());
  if (!plan) return plan.take_error();
  return run(std::move(plan.value()), records, records, spec.always_keep, spec.progress);
}

}  // namespace shanhai::linkage
