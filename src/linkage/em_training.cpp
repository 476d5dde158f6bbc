#include "linkage/em_training.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "linkage/parallel.h"

namespace shanhai::linkage {

namespace {

double clamp_probability(double p) { return std::clamp(p, kMinProbability, 1 - kMinProbability); }

// λ at the start of each EM run over candidate pairs (where matches are common).
constexpr double kStartLambda = 0.1;

}  // namespace

double all_pairs(size_t left_rows, size_t right_rows, bool dedupe) {
  const double l = static_cast<double>(left_rows);
  return dedupe ? l * (l - 1) / 2 : l * static_cast<double>(right_rows);
}

std::vector<VectorCount> count_vectors(std::span<const ComparisonVector> vectors,
                                       std::span<const uint16_t> agreeing_rules, unsigned threads) {
  // Few distinct combinations among many pairs: each chunk counts its own in a hash map, the
  // maps are added up, and the combinations sorted.
  auto key_of = [&](size_t i) {
    return (uint64_t{vectors[i]} << 16) | (i < agreeing_rules.size() ? agreeing_rules[i] : 0);
  };
  constexpr size_t kChunk = size_t{1} << 16;
  std::vector<std::unordered_map<uint64_t, size_t>> partial(chunk_count(vectors.size(), kChunk));
  for_each_chunk(vectors.size(), kChunk, threads, [&](size_t c, size_t begin, size_t end) {
    std::unordered_map<uint64_t, size_t>& mine = partial[c];
    uint64_t last = 0;
    size_t* count = nullptr;  // of `last`: runs of equal keys skip the lookup
    for (size_t i = begin; i < end; ++i) {
      const uint64_t k = key_of(i);
      if (count == nullptr || k != last) {
        count = &mine[k];
        last = k;
      }
      ++*count;
    }
  });
  std::unordered_map<uint64_t, size_t> all;
  for (const auto& mine : partial) {
    for (const auto& [k, n] : mine) all[k] += n;
  }
  std::vector<std::pair<uint64_t, size_t>> sorted(all.begin(), all.end());
  std::sort(sorted.begin(), sorted.end());
  std::vector<VectorCount> out;
  out.reserve(sorted.size());
  for (const auto& [k, n] : sorted) {
    out.push_back({static_cast<ComparisonVector>(k >> 16), static_cast<uint16_t>(k & 0xFFFF), n});
  }
  return out;
}

EmFit fit_em(std::span<const VectorCount> counts, const std::vector<size_t>& levels,
             const std::vector<std::vector<double>>& u, uint32_t active, uint32_t update,
             const std::vector<std::vector<double>>& start_m, double start_lambda,
             int max_iterations, double tolerance) {
  const size_t fields = levels.size();
  EmFit fit;
  fit.m = start_m;
  fit.lambda = clamp_probability(start_lambda);
  std::vector<std::vector<double>> log_m(fields), log_u(fields), match_mass(fields);
  for (size_t f = 0; f < fields; ++f) {
    log_u[f].resize(levels[f]);
    for (size_t l = 1; l < levels[f]; ++l) log_u[f][l] = std::log(clamp_probability(u[f][l]));
  }
  for (fit.iterations = 1; fit.iterations <= max_iterations; ++fit.iterations) {
    for (size_t f = 0; f < fields; ++f) {
      log_m[f].resize(levels[f]);
      for (size_t l = 1; l < levels[f]; ++l) log_m[f][l] = std::log(clamp_probability(fit.m[f][l]));
      match_mass[f].assign(levels[f], 0.0);
    }
    // E step: the probability that each vector is a match; M step sums.
    const double log_prior = std::log(fit.lambda) - std::log1p(-fit.lambda);
    double matches = 0, total = 0;
    for (const VectorCount& c : counts) {
      double log_ratio = log_prior;
      for (size_t f = 0; f < fields; ++f) {
        if (!(active >> f & 1)) continue;
        const uint8_t l = level_of(c.vector, f);
        if (l != 0) log_ratio += log_m[f][l] - log_u[f][l];
      }
      const double p = log_ratio >= 0 ? 1.0 / (1.0 + std::exp(-log_ratio))
                                      : std::exp(log_ratio) / (1.0 + std::exp(log_ratio));
      const double weighted = p * static_cast<double>(c.count);
      matches += weighted;
      total += static_cast<double>(c.count);
      for (size_t f = 0; f < fields; ++f) match_mass[f][level_of(c.vector, f)] += weighted;
    }
    if (total == 0) break;
    double moved = 0;
    const double lambda = clamp_probability(matches / total);
    moved = std::max(moved, std::fabs(lambda - fit.lambda));
    fit.lambda = lambda;
    for (size_t f = 0; f < fields; ++f) {
      if (!(update >> f & 1)) continue;
      double present = 0;
      for (size_t l = 1; l < levels[f]; ++l) present += match_mass[f][l];
      if (present <= 0) continue;
      for (size_t l = 1; l < levels[f]; ++l) {
        const double m = clamp_probability(match_mass[f][l] / present);
        moved = std::max(moved, std::fabs(m - fit.m[f][l]));
        fit.m[f][l] = m;
      }
    }
    if (moved <= tolerance) {
      fit.converged = true;
      break;
    }
  }
  fit.iterations = std::min(fit.iterations, max_iterations);
  return fit;
}

Result<Training> train_parameters(const LinkPlan& plan, const CandidatePairs& candidates,
                                  std::span<const ComparisonVector> vectors, const UEstimate& u,
                                  double population_pairs) {
  if (vectors.empty()) {
    return Error("linkage.no_candidates", "没有候选记录对，无法训练匹配模型",
                 "there are no candidate pairs to train the model on");
  }
  const size_t fields = plan.comparisons.size();
  const uint32_t all_fields = (1U << fields) - 1;
  std::vector<size_t> levels(fields);
  for (size_t f = 0; f < fields; ++f) levels[f] = plan.comparisons[f].levels.size();

  Training t;
  t.parameters = initial_parameters(plan);
  for (size_t f = 0; f < fields; ++f) t.parameters.fields[f].u = u.u[f];
  std::vector<std::vector<double>> start_m(fields);
  for (size_t f = 0; f < fields; ++f) start_m[f] = t.parameters.fields[f].m;

  const std::vector<VectorCount> counts =
      count_vectors(vectors, candidates.agreeing_rules, plan.threads);
  // Per rule: EM on the pairs that share its key, over the fields it does not read.
  std::vector<std::vector<double>> m_sum(fields);
  std::vector<double> weight_sum(fields, 0.0);
  for (size_t f = 0; f < fields; ++f) m_sum[f].assign(levels[f], 0.0);
  for (size_t r = 0; r < plan.blocking.size(); ++r) {
    const uint32_t free_fields = all_fields & ~plan.blocking[r].comparisons_used;
    if (free_fields == 0) continue;
    std::vector<VectorCount> session;
    uint64_t pairs = 0;
    for (const VectorCount& c : counts) {
      if (c.agreeing_rules >> r & 1) {
        session.push_back(c);
        pairs += c.count;
      }
    }
    if (pairs == 0) continue;
    const EmFit fit = fit_em(session, levels, u.u, free_fields, free_fields, start_m, kStartLambda,
                             plan.em_max_iterations, plan.em_tolerance);
    const double expected_matches = fit.lambda * static_cast<double>(pairs);
    for (size_t f = 0; f < fields; ++f) {
      if (!(free_fields >> f & 1)) continue;
      for (size_t l = 1; l < levels[f]; ++l) m_sum[f][l] += fit.m[f][l] * expected_matches;
      weight_sum[f] += expected_matches;
    }
    t.sessions.push_back(
        {plan.blocking[r].name, pairs, free_fields, fit.lambda, fit.iterations, fit.converged});
  }
  uint32_t untrained = 0;
  for (size_t f = 0; f < fields; ++f) {
    FieldParameters& p = t.parameters.fields[f];
    if (weight_sum[f] > 0) {
      for (size_t l = 1; l < levels[f]; ++l) p.m[l] = m_sum[f][l] / weight_sum[f];
      p.trained = true;
    } else {
      untrained |= 1U << f;
    }
  }
  // A pass over all candidate pairs: m of the fields no session could estimate, and the share of
  // matches among candidates.
  std::vector<std::vector<double>> m(fields);
  for (size_t f = 0; f < fields; ++f) m[f] = t.parameters.fields[f].m;
  const EmFit all = fit_em(counts, levels, u.u, all_fields, untrained, m, kStartLambda,
                           plan.em_max_iterations, plan.em_tolerance);
  for (size_t f = 0; f < fields; ++f) {
    if (untrained >> f & 1) {
      t.parameters.fields[f].m = all.m[f];
      t.parameters.fields[f].trained = true;
    }
  }
  t.sessions.push_back({"", vectors.size(), untrained, all.lambda, all.iterations, all.converged});

  // λ over all pairs: EM in which the pairs blocking did not propose are non-matches.
  std::vector<double> log_ratio(counts.size(), 0.0);  // Σ log(m/u) of each vector
  for (size_t i = 0; i < counts.size(); ++i) {
    for (size_t f = 0; f < fields; ++f) {
      const uint8_t l = level_of(counts[i].vector, f);
      if (l != 0)
        log_ratio[i] += std::log(clamp_probability(t.parameters.fields[f].m[l])) -
                        std::log(clamp_probability(u.u[f][l]));
    }
  }
  const double population = std::max(population_pairs, static_cast<double>(vectors.size()));
  double lambda = std::clamp(all.lambda * static_cast<double>(vectors.size()) / population,
                             kMinLambda, 1 - kMinLambda);
  for (t.lambda_iterations = 1; t.lambda_iterations <= plan.em_max_iterations;
       ++t.lambda_iterations) {
    const double log_prior = std::log(lambda) - std::log1p(-lambda);
    double matches = 0;
    for (size_t i = 0; i < counts.size(); ++i) {
      const double x = log_prior + log_ratio[i];
      const double p = x >= 0 ? 1.0 / (1.0 + std::exp(-x)) : std::exp(x) / (1.0 + std::exp(x));
      matches += p * static_cast<double>(counts[i].count);
    }
    t.expected_matches = matches;
    const double next = std::clamp(matches / population, kMinLambda, 1 - kMinLambda);
    const bool done = std::fabs(next - lambda) <= plan.em_tolerance * lambda;
    lambda = next;
    if (done) break;
  }
  t.lambda_iterations = std::min(t.lambda_iterations, plan.em_max_iterations);
  t.parameters.lambda = lambda;
  return t;
}

}  // namespace shanhai::linkage
