// EM: recovering known m probabilities and λ from unlabelled synthetic comparison vectors drawn
// from a Fellegi–Sunter model with independent fields, u held at its true value.

#include "linkage/em_training.h"

#include <gtest/gtest.h>

#include <random>
#include <vector>

namespace shanhai::linkage {
namespace {

// Three fields; level 0 is missing, then best … different.
const std::vector<size_t> kLevels = {4, 5, 3};
const std::vector<std::vector<double>> kTrueM = {
    {0, 0.90, 0.07, 0.03}, {0, 0.80, 0.10, 0.06, 0.04}, {0, 0.92, 0.08}};
const std::vector<std::vector<double>> kTrueU = {
    {0, 0.001, 0.01, 0.989}, {0, 0.002, 0.004, 0.05, 0.944}, {0, 0.05, 0.95}};
constexpr double kMissing = 0.05;  // each value missing with this probability, either class

std::vector<ComparisonVector> draw(size_t n, double lambda, uint32_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> unit(0, 1);
  std::vector<ComparisonVector> out;
  for (size_t i = 0; i < n; ++i) {
    const bool match = unit(rng) < lambda;
    ComparisonVector v = 0;
    for (size_t f = 0; f < kLevels.size(); ++f) {
      uint8_t level = 0;
      if (unit(rng) >= kMissing) {
        const auto& p = match ? kTrueM[f] : kTrueU[f];
        double x = unit(rng);
        level = static_cast<uint8_t>(kLevels[f] - 1);
        for (size_t l = 1; l < kLevels[f]; ++l) {
          if (x < p[l]) {
            level = static_cast<uint8_t>(l);
            break;
          }
          x -= p[l];
        }
      }
      v = with_level(v, f, level);
    }
    out.push_back(v);
  }
  return out;
}

std::vector<std::vector<double>> flat_start() {
  std::vector<std::vector<double>> m;
  for (size_t levels : kLevels) {
    std::vector<double> f(levels, 0.0);
    f[1] = 0.6;
    for (size_t l = 2; l < levels; ++l) f[l] = 0.4 / static_cast<double>(levels - 2);
    m.push_back(f);
  }
  return m;
}

TEST(EmTraining, RecoversMAndLambda) {
  const std::vector<ComparisonVector> vectors = draw(400'000, 0.2, 11);
  const std::vector<VectorCount> counts = count_vectors(vectors, {});
  const EmFit fit = fit_em(counts, kLevels, kTrueU, 0b111, 0b111, flat_start(), 0.5, 500, 1e-9);
  EXPECT_TRUE(fit.converged);
  EXPECT_NEAR(fit.lambda, 0.2, 0.005);
  for (size_t f = 0; f < kLevels.size(); ++f) {
    for (size_t l = 1; l < kLevels[f]; ++l) {
      EXPECT_NEAR(fit.m[f][l], kTrueM[f][l], 0.01) << "field " << f << " level " << l;
    }
  }
}

TEST(EmTraining, FieldsOutsideUpdateKeepTheirStart) {
  const std::vector<ComparisonVector> vectors = draw(50'000, 0.3, 12);
  const std::vector<VectorCount> counts = count_vectors(vectors, {});
  const auto start = flat_start();
  const EmFit fit = fit_em(counts, kLevels, kTrueU, 0b011, 0b001, start, 0.5, 200, 1e-9);
  EXPECT_EQ(fit.m[1], start[1]);  // active but not updated
  EXPECT_EQ(fit.m[2], start[2]);  // inactive
  EXPECT_NE(fit.m[0], start[0]);
}

TEST(EmTraining, CountsDistinctVectorsWithTheirRules) {
  const std::vector<ComparisonVector> v = {5, 3, 5, 5, 3};
  const std::vector<uint16_t> rules = {1, 1, 2, 1, 1};
  const std::vector<VectorCount> c = count_vectors(v, rules);
  ASSERT_EQ(c.size(), 3U);
  EXPECT_EQ(c[0].vector, 3U);
  EXPECT_EQ(c[0].count, 2U);
  EXPECT_EQ(c[1].vector, 5U);
  EXPECT_EQ(c[1].agreeing_rules, 1U);
  EXPECT_EQ(c[1].count, 2U);
  EXPECT_EQ(c[2].agreeing_rules, 2U);
  EXPECT_EQ(c[2].count, 1U);
}

TEST(EmTraining, StopsAtTheIterationLimit) {
  const std::vector<VectorCount> counts = count_vectors(draw(20'000, 0.2, 13), {});
  const EmFit fit = fit_em(counts, kLevels, kTrueU, 0b111, 0b111, flat_start(), 0.5, 3, 1e-12);
  EXPECT_FALSE(fit.converged);
  EXPECT_EQ(fit.iterations, 3);
}

}  // namespace
}  // namespace shanhai::linkage
