#pragma once
// The Fellegi–Sunter model. For each comparison level l of field f:
//   m = P(level l | the records are the same person)   trained by EM (em_training.h)
//   u = P(level l | two records chosen at random)      estimated from random pairs (u_estimation.h)
// and λ = the probability that two records drawn at random (one from each side) are the same
// person: expected matches / all pairs. The match weight of a pair is
//   log2(λ / (1 - λ)) + Σ_f log2(m_f,l / u_f,l)
// with 0 for a missing level, and its match probability 2^w / (1 + 2^w). Prior and u both
// describe random pairs, so the probability does not count twice the agreement that blocking
// selected a pair for (as Splink's). For a term-frequency level, u is the frequency of the value
// itself (Splink's adjustment), so that two records both named 王伟 count for less than two both
// named 热孜亚·吾斯曼.

#include <cstdint>
#include <vector>

#include "linkage/link_plan.h"

namespace shanhai::linkage {

struct FieldParameters {
  std::vector<double> m, u;  // per level of the comparison; the missing level's are unused
  bool trained = false;      // m estimated by at least one EM session (else still its start)
};

struct ModelParameters {
  std::vector<FieldParameters> fields;  // one per comparison, in plan order
  double lambda = 1e-6;                 // prior probability that a random pair is a match

  // log2(λ / (1 - λ)).
  double prior_weight() const;
  // log2(m / u) of a level; 0 for the missing level (level 0).
  double level_weight(size_t field, uint8_t level) const;
  // log2(m / frequency) for a term-frequency level, frequency being the share of records that
  // carry the pair's value; 0 for the missing level.
  double term_frequency_weight(size_t field, uint8_t level, double frequency) const;
};

// 2^w / (1 + 2^w), computed without overflow.
double match_probability(double weight);

// Starting m for EM: most of the mass on the best level, decreasing towards "different", which
// starts low. u is left empty.
ModelParameters initial_parameters(const LinkPlan& plan);

// m and u are kept within [kMinProbability, 1 - kMinProbability] so that no weight is infinite;
// λ, which is tiny for large data (5e-7 for a million people against a million records), within
// [kMinLambda, 1 - kMinLambda].
inline constexpr double kMinProbability = 1e-6;
inline constexpr double kMinLambda = 1e-18;

}  // namespace shanhai::linkage
