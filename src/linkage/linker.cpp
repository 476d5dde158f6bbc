#include "linkage/linker.h"

#include <algorithm>
#include <set>

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

Result<LinkResult> run(LinkPlan plan, const Records& left, const Records& right,
                       const std::vector<std::pair<uint32_t, uint32_t>>& always_keep) {
  LinkResult out;
  out.plan = std::move(plan);
  const LinkPlan& p = out.plan;
  const PreparedRecords records = PreparedRecords::prepare(p, left, right);
  auto candidates = find_candidate_pairs(p, records);
  if (!candidates) return candidates.take_error();
  out.blocking = candidates->rules;
  out.candidate_pairs = candidates->size();
  out.u = estimate_u(p, records);
  if (candidates->pairs.empty()) {
    out.training.parameters = initial_parameters(p);
    for (size_t f = 0; f < p.comparisons.size(); ++f) {
      out.training.parameters.fields[f].u = out.u.u[f];
    }
    add_kept_pairs(p, records, out.training.parameters, always_keep, out.pairs);
    return out;
  }
  const std::vector<ComparisonVector> vectors = compare_pairs(p, records, candidates->pairs);
  auto training =
      train_parameters(p, *candidates, vectors, out.u,
                       all_pairs(records.left_rows(), records.right_rows(), records.dedupe()));
  if (!training) return training.take_error();
  out.training = std::move(training.value());
  out.trained = true;
  out.pairs = score_pairs(p, records, out.training.parameters, *candidates, vectors, &out.summary);
  add_kept_pairs(p, records, out.training.parameters, always_keep, out.pairs);
  return out;
}

}  // namespace

Result<LinkResult> link_records(const LinkSpec& spec, const Records& left, const Records& right) {
  auto plan = plan_link(spec, left.names(), right.names());
  if (!plan) return plan.take_error();
  return run(std::move(plan.value()), left, right, spec.always_keep);
}

Result<LinkResult> deduplicate_records(const LinkSpec& spec, const Records& records) {
  auto plan = plan_deduplication(spec, records.names());
  if (!plan) return plan.take_error();
  return run(std::move(plan.value()), records, records, spec.always_keep);
}

}  // namespace shanhai::linkage
