#include "linkage/scoring.h"

#include "linkage/comparison.h"
#include "linkage/parallel.h"

namespace shanhai::linkage {

namespace {

constexpr size_t kChunk = 1 << 14;

// Weights of every level of every field, looked up per pair; term-frequency levels are
// recomputed per pair from the value's frequency.
struct WeightTable {
  std::vector<std::array<double, kMaxLevels>> weight;
  std::vector<std::array<bool, kMaxLevels>> term_frequency;

  WeightTable(const LinkPlan& plan, const ModelParameters& model) {
    const size_t fields = plan.comparisons.size();
    weight.resize(fields);
    term_frequency.resize(fields);
    for (size_t f = 0; f < fields; ++f) {
      const auto& levels = plan.comparisons[f].levels;
      for (size_t l = 0; l < levels.size(); ++l) {
        weight[f][l] = model.level_weight(f, static_cast<uint8_t>(l));
        term_frequency[f][l] = levels[l].term_frequency;
      }
    }
  }

  double field_weight(const ModelParameters& model, const PreparedRecords& records, size_t f,
                      uint8_t level, uint32_t left_index) const {
    if (!term_frequency[f][level]) return weight[f][level];
    return model.term_frequency_weight(f, level, records.field(f).term_frequency(left_index));
  }
};

MatchClass classify(const LinkPlan& plan, double probability) {
  if (probability >= plan.match_threshold) return MatchClass::match;
  if (probability >= plan.possible_threshold) return MatchClass::possible_match;
  return MatchClass::non_match;
}

LinkPair full_pair(const LinkPlan& plan, const PreparedRecords& records,
                   const ModelParameters& model, const WeightTable& table, uint32_t left_row,
                   uint32_t right_row) {
  LinkPair p;
  p.left_row = left_row;
  p.right_row = right_row;
  const uint32_t a = records.left_index(left_row), b = records.right_index(right_row);
  p.weight = model.prior_weight();
  p.field_count = static_cast<uint8_t>(plan.comparisons.size());
  for (size_t f = 0; f < plan.comparisons.size(); ++f) {
    const LevelResult r = compare_field(plan.comparisons[f], records.field(f), a, b);
    const double w = table.field_weight(model, records, f, r.level, a);
    p.fields[f] = {static_cast<uint8_t>(f), r.level, r.detail, static_cast<float>(w)};
    p.weight += w;
  }
  p.probability = match_probability(p.weight);
  p.match_class = classify(plan, p.probability);
  return p;
}

}  // namespace

std::string_view match_class_name(MatchClass c) {
  static constexpr std::string_view kNames[] = {"non_match", "possible_match", "match"};
  return kNames[static_cast<size_t>(c)];
}

std::string_view match_class_label_zh(MatchClass c) {
  static constexpr std::string_view kLabels[] = {"不匹配", "可能匹配", "匹配"};
  return kLabels[static_cast<size_t>(c)];
}

std::vector<LinkPair> score_pairs(const LinkPlan& plan, const PreparedRecords& records,
                                  const ModelParameters& model, const CandidatePairs& candidates,
                                  std::span<const ComparisonVector> vectors,
                                  ScoringSummary* summary) {
  const WeightTable table(plan, model);
  const size_t n = candidates.pairs.size();
  const size_t fields = plan.comparisons.size();
  const double prior = model.prior_weight();
  const size_t chunks = chunk_count(n, kChunk);
  std::vector<std::vector<LinkPair>> kept(chunks);
  std::vector<ScoringSummary> sums(chunks);
  for_each_chunk(n, kChunk, plan.threads, [&](size_t c, size_t begin, size_t end) {
    ScoringSummary& s = sums[c];
    for (size_t i = begin; i < end; ++i) {
      const RowPair& pair = candidates.pairs[i];
      const uint32_t a = records.left_index(pair.left);
      double weight = prior;
      for (size_t f = 0; f < fields; ++f) {
        weight += table.field_weight(model, records, f, level_of(vectors[i], f), a);
      }
      const double probability = match_probability(weight);
      const MatchClass verdict = classify(plan, probability);
      ++(verdict == MatchClass::match            ? s.matches
         : verdict == MatchClass::possible_match ? s.possible_matches
                                                 : s.non_matches);
      // Only kept pairs are compared again, for the details of their explanation.
      if (probability >= plan.keep_threshold &&
          (!plan.keep_pair || plan.keep_pair(pair.left, pair.right))) {
        kept[c].push_back(full_pair(plan, records, model, table, pair.left, pair.right));
      }
    }
    s.scored = end - begin;
  });
  std::vector<LinkPair> out;
  size_t total = 0;
  for (const auto& k : kept) total += k.size();
  out.reserve(total);
  ScoringSummary all;
  for (size_t c = 0; c < chunks; ++c) {
    out.insert(out.end(), kept[c].begin(), kept[c].end());
    all.scored += sums[c].scored;
    all.matches += sums[c].matches;
    all.possible_matches += sums[c].possible_matches;
    all.non_matches += sums[c].non_matches;
  }
  all.kept = out.size();
  if (summary) *summary = all;
  return out;
}

LinkPair score_pair(const LinkPlan& plan, const PreparedRecords& records,
                    const ModelParameters& model, uint32_t left_row, uint32_t right_row) {
  return full_pair(plan, records, model, WeightTable(plan, model), left_row, right_row);
}

}  // namespace shanhai::linkage
