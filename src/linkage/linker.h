#pragma once
// The whole linkage in one call: plan → prepare → block → estimate u → train m and λ → score →
// classify. This is what a model step calls; the stages are public in their own headers for
// callers that want to time, inspect or reuse them (bench/link_people.cpp does).
//
//   LinkSpec spec;                                   // comparisons, blocking rules, thresholds
//   auto result = link_records(spec, judgments, licences);
//   for (const LinkPair& p : result->pairs)
//     if (p.match_class == MatchClass::match) … explain(result->plan, p, Language::zh) …
//
// Deterministic: the same spec (seed) and data give the same pairs, weights and parameters on
// any number of threads.

#include <cstdint>
#include <vector>

#include "common/error.h"
#include "linkage/blocking.h"
#include "linkage/em_training.h"
#include "linkage/link_plan.h"
#include "linkage/link_spec.h"
#include "linkage/records.h"
#include "linkage/scoring.h"
#include "linkage/u_estimation.h"

namespace shanhai::linkage {

struct LinkResult {
  LinkPlan plan;                     // the checked spec; explanations need it
  std::vector<RuleReport> blocking;  // per rule: blocks, pairs, skipped oversized blocks
  uint64_t candidate_pairs = 0;
  UEstimate u;
  Training training;  // parameters (m, u, λ) and the EM sessions; untrained when no candidates
  bool trained = false;
  ScoringSummary summary;
  std::vector<LinkPair> pairs;  // probability >= plan.keep_threshold, then spec.always_keep
};

// Links left records to right records. Errors: the spec's (plan_link) and
// "linkage.too_many_pairs". No candidate pairs (an empty side, no shared keys) is not an error:
// the result has no pairs and trained == false.
Result<LinkResult> link_records(const LinkSpec& spec, const Records& left, const Records& right);

// Finds duplicates within one dataset: pairs (i, j), i < j. Same errors (plan_deduplication).
Result<LinkResult> deduplicate_records(const LinkSpec& spec, const Records& records);

}  // namespace shanhai::linkage
