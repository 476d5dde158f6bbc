#pragma once
// Training m (and λ) by expectation–maximisation on the candidate pairs, without labels, u held
// fixed at its random-pair estimate.
//
// Candidate pairs are not random: a pair found by the rule "same pinyin and birth date" agrees on
// name and birth date whether or not it is a match, so those fields say nothing about the pair
// there. As in Splink, training therefore runs one EM session per blocking rule on the pairs
// that share that rule's key, estimating only the fields the rule does not read. A field's m is
// the average of its sessions weighted by their expected matches. A field that every rule reads
// is estimated by a pass over all candidate pairs. Last, λ (the prior over all pairs,
// fellegi_sunter.h) is estimated by EM over every pair of the two sides, taking pairs that
// blocking did not propose as certain non-matches: λ = Σ_candidates P(match) / all pairs.

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "linkage/blocking.h"
#include "linkage/comparison_vectors.h"
#include "linkage/fellegi_sunter.h"
#include "linkage/link_plan.h"
#include "linkage/u_estimation.h"

namespace shanhai::linkage {

// A distinct comparison vector among the candidate pairs, with the rules it was blocked by.
struct VectorCount {
  ComparisonVector vector = 0;
  uint16_t agreeing_rules = 0;
  uint64_t count = 0;
};

// Counts the distinct (vector, agreeing rules) combinations, sorted by vector then rules
// (threads: 0 for every core).
std::vector<VectorCount> count_vectors(std::span<const ComparisonVector> vectors,
                                       std::span<const uint16_t> agreeing_rules,
                                       unsigned threads = 0);

struct EmFit {
  std::vector<std::vector<double>> m;  // [field][level]
  double lambda = 0;
  int iterations = 0;
  bool converged = false;
};

// One EM run over counted vectors. Fields in `active` (bit f = field f) enter the likelihood;
// the m of fields in `update` (a subset of active) and λ are re-estimated, all else stays as in
// `start`. levels[f] is the number of levels of field f. Stops when no updated probability moves
// more than `tolerance`, or after max_iterations.
EmFit fit_em(std::span<const VectorCount> counts, const std::vector<size_t>& levels,
             const std::vector<std::vector<double>>& u, uint32_t active, uint32_t update,
             const std::vector<std::vector<double>>& start_m, double start_lambda,
             int max_iterations, double tolerance);

struct EmSession {
  std::string rule;     // the blocking rule; "" for the pass over all candidates
  uint64_t pairs = 0;   // candidate pairs in the session
  uint32_t fields = 0;  // bit f: field f estimated
  double lambda = 0;    // share of matches among the session's pairs
  int iterations = 0;
  bool converged = false;
};

struct Training {
  ModelParameters parameters;
  std::vector<EmSession> sessions;  // per rule with a field to estimate, then all candidates
  double expected_matches = 0;      // Σ P(match) over the candidate pairs, with the final λ
  int lambda_iterations = 0;        // of the λ estimate
};

// The number of pairs a linkage could compare: left × right, or n(n-1)/2 when deduplicating.
double all_pairs(size_t left_rows, size_t right_rows, bool dedupe);

// Trains on the candidate pairs and their comparison vectors (same order); population_pairs is
// all_pairs() of the data. Error "linkage.no_candidates" when there are none.
Result<Training> train_parameters(const LinkPlan& plan, const CandidatePairs& candidates,
                                  std::span<const ComparisonVector> vectors, const UEstimate& u,
                                  double population_pairs);

}  // namespace shanhai::linkage
