#include "linkage/linker.h"

#include "linkage/comparison_vectors.h"
#include "linkage/prepared_records.h"

namespace shanhai::linkage {

namespace {

Result<LinkResult> run(LinkPlan plan, const Records& left, const Records& right) {
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
  return out;
}

}  // namespace

Result<LinkResult> link_records(const LinkSpec& spec, const Records& left, const Records& right) {
  auto plan = plan_link(spec, left.names(), right.names());
  if (!plan) return plan.take_error();
  return run(std::move(plan.value()), left, right);
}

Result<LinkResult> deduplicate_records(const LinkSpec& spec, const Records& records) {
  auto plan = plan_deduplication(spec, records.names());
  if (!plan) return plan.take_error();
  return run(std::move(plan.value()), records, records);
}

}  // namespace shanhai::linkage
