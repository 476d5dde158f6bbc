#include "linkage/scoring.h"

#include "linkage/comparison.h"
#include "linkage/parallel.h"

namespace shanhai::linkage {

namespace {

constexpr size_t kChunk = 1 << 14;
constexpr size_t kAhead = 8;  // pairs ahead whose left rows are fetched

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

  // left: the left record's packed row, read only for term-frequency levels.
  double field_weight(const ModelParameters& model, const PreparedRecords& records, size_t f,
                      uint8_t level, const std::byte* left) const {
    if (!term_frequency[f][level]) return weight[f][level];
    const double frequency = load_at<double>(left + records.layout().frequency_offset[f]);
    return model.term_frequency_weight(f, level, frequency);
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
  const std::byte* ra = records.row(a);
  const std::byte* rb = records.row(b);
  for (size_t f = 0; f < plan.comparisons.size(); ++f) {
    const LevelResult r = compare_field(plan.comparisons[f], records, f, ra, rb);
    const double w = table.field_weight(model, records, f, r.level, ra);
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
  // First every pair's weight from its comparison vector, counting the classes and noting the
  // pairs to keep; then the kept pairs are compared again, for the details of their
  // explanation, straight into their place in the result.
  std::vector<std::vector<uint32_t>> kept(chunks);  // per chunk: indices of the pairs to keep
  std::vector<ScoringSummary> sums(chunks);
  for_each_chunk(n, kChunk, plan.threads, [&](size_t c, size_t begin, size_t end) {
    ScoringSummary& s = sums[c];
    for (size_t i = begin; i < end; ++i) {
      if (i + kAhead < end) {  // term frequencies are read from the left row
        __builtin_prefetch(records.row(records.left_index(candidates.pairs[i + kAhead].left)));
      }
      const RowPair& pair = candidates.pairs[i];
      const std::byte* a = records.row(records.left_index(pair.left));
      double weight = prior;
      for (size_t f = 0; f < fields; ++f) {
        weight += table.field_weight(model, records, f, level_of(vectors[i], f), a);
      }
      const double probability = match_probability(weight);
      const MatchClass verdict = classify(plan, probability);
      ++(verdict == MatchClass::match            ? s.matches
         : verdict == MatchClass::possible_match ? s.possible_matches
                                                 : s.non_matches);
      if (probability >= plan.keep_threshold &&
          (!plan.keep_pair || plan.keep_pair(pair.left, pair.right))) {
        kept[c].push_back(static_cast<uint32_t>(i));
      }
    }
    s.scored = end - begin;
  });
  std::vector<size_t> chunk_begin(chunks + 1, 0);
  ScoringSummary all;
  for (size_t c = 0; c < chunks; ++c) {
    chunk_begin[c + 1] = chunk_begin[c] + kept[c].size();
    all.scored += sums[c].scored;
    all.matches += sums[c].matches;
    all.possible_matches += sums[c].possible_matches;
    all.non_matches += sums[c].non_matches;
  }
  std::vector<LinkPair> out(chunk_begin[chunks]);
  for_each_chunk(chunks, 1, plan.threads, [&](size_t c, size_t, size_t) {
    const std::vector<uint32_t>& mine = kept[c];
    for (size_t k = 0; k < mine.size(); ++k) {
      if (k + kAhead < mine.size()) {
        const RowPair& ahead = candidates.pairs[mine[k + kAhead]];
        __builtin_prefetch(records.row(records.left_index(ahead.left)));
        __builtin_prefetch(records.row(records.right_index(ahead.right)));
      }
      const RowPair& pair = candidates.pairs[mine[k]];
      out[chunk_begin[c] + k] = full_pair(plan, records, model, table, pair.left, pair.right);
    }
  });
  all.kept = out.size();
  if (summary) *summary = all;
  return out;
}

LinkPair score_pair(const LinkPlan& plan, const PreparedRecords& records,
                    const ModelParameters& model, uint32_t left_row, uint32_t right_row) {
  return full_pair(plan, records, model, WeightTable(plan, model), left_row, right_row);
}

}  // namespace shanhai::linkage
