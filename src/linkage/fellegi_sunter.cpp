#include "linkage/fellegi_sunter.h"

#include <algorithm>
#include <cmath>

namespace shanhai::linkage {

namespace {

double clamp_probability(double p) { return std::clamp(p, kMinProbability, 1 - kMinProbability); }

}  // namespace

double ModelParameters::prior_weight() const {
  const double l = std::clamp(lambda, kMinLambda, 1 - kMinLambda);
  return std::log2(l / (1 - l));
}

double ModelParameters::level_weight(size_t field, uint8_t level) const {
  if (level == 0) return 0.0;
  const FieldParameters& p = fields[field];
  return std::log2(clamp_probability(p.m[level]) / clamp_probability(p.u[level]));
}

double ModelParameters::term_frequency_weight(size_t field, uint8_t level, double frequency) const {
  if (level == 0) return 0.0;
  const FieldParameters& p = fields[field];
  return std::log2(clamp_probability(p.m[level]) / clamp_probability(frequency));
}

double match_probability(double weight) {
  if (weight >= 0) return 1.0 / (1.0 + std::exp2(-weight));
  const double e = std::exp2(weight);
  return e / (1.0 + e);
}

ModelParameters initial_parameters(const LinkPlan& plan) {
  ModelParameters p;
  for (const ComparisonPlan& c : plan.comparisons) {
    FieldParameters f;
    const size_t levels = c.levels.size();
    f.m.assign(levels, 0.0);
    // Levels 1 … levels-2 get 0.9, 0.05, 0.025 … (halving); "different" gets 0.02; normalised.
    double sum = 0;
    double share = 0.9;
    for (size_t l = 1; l + 1 < levels; ++l) {
      f.m[l] = share;
      share = l == 1 ? 0.05 : share / 2;
      sum += f.m[l];
    }
    f.m[levels - 1] = 0.02;
    sum += 0.02;
    for (size_t l = 1; l < levels; ++l) f.m[l] /= sum;
    p.fields.push_back(std::move(f));
  }
  return p;
}

}  // namespace shanhai::linkage
