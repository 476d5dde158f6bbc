#pragma once
// What a linkage asks for, as a model author writes it: comparisons of fields, blocking rules,
// thresholds and training settings. Plain data with defaults; kinds and key parts are names
// (strings) so that a model spec can be passed through unchanged. plan_link() (link_plan.h)
// checks a LinkSpec against the columns of the data and turns it into a LinkPlan.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/progress.h"

namespace shanhai::linkage {

// One field compared between the two sides. Its levels (link_plan.h) depend on the kind:
//   id_number    exact | legacy15 (15-digit number equal after upgrade) | one_typo (one
//                substituted or two adjacent swapped characters, both numbers with a valid
//                region code and birth date) | different
//   person_name  exact | separators (equal without ·•・) | pinyin | jaro_winkler>=t for each
//                threshold | levenshtein<=max_edits | different
//   date         exact | within_days<=N | different
//   number,money exact | within_tolerance | different
//   exact        exact | different          (text normalised as `element` first)
// Every kind also has the level "missing" (a value empty or unusable on either side), which
// counts neither for nor against a match.
struct ComparisonSpec {
  std::string field;         // names the comparison in results, reports and blocking rules
  std::string kind;          // id_number | person_name | date | number | money | exact
  std::string left_column;   // column of the left records
  std::string right_column;  // column of the right records; empty: same as left_column
  std::string label_zh;      // how explanations name it ("出生日期"); default: field
  std::string label_en;      // default: field if it is ASCII, else a noun for the kind

  std::vector<double> jaro_winkler_thresholds{0.92, 0.85};  // person_name, descending, (0, 1]
  int max_edits = 1;              // person_name: Levenshtein level; 0 leaves it out
  int within_days = 1;            // date: "within N days" level; 0 leaves it out
  double absolute_tolerance = 0;  // number, money: |a - b| <= this is "within tolerance"
  double relative_tolerance = 0;  //   ... or |a - b| <= this · max(|a|, |b|); both 0: no level
  std::string element = "text";   // exact: the element values are normalised as (phone, region…)
  // Term-frequency adjustment of the exact levels (a common value counts less than a rare one).
  // Unset: on for person_name, off for the others.
  std::optional<bool> term_frequency;
};

// One part of a blocking key: a comparison field and what of it to use.
//   id_number    value | region_birth (first 14 characters) | birth | region
//   person_name  value (separators removed) | pinyin | first_char
//   date         value | year | year_month
//   number, money, exact   value
struct BlockingKeySpec {
  std::string field;
  std::string part = "value";
};

// Records whose keys are equal in every part form candidate pairs; a record missing any part has
// no key under the rule.
struct BlockingRuleSpec {
  std::string name;
  std::vector<BlockingKeySpec> keys;
};

struct LinkSpec {
  std::vector<ComparisonSpec> comparisons;  // 1 to 8
  std::vector<BlockingRuleSpec> blocking;   // 1 to 16; candidate pairs are their union

  double match_threshold = 0.95;         // probability at or above which a pair is a match
  double possible_threshold = 0.5;       // ... a possible match (<= match_threshold)
  std::optional<double> keep_threshold;  // pairs below are not returned; default: possible
  // When set, a pair at or above keep_threshold is returned only if keep_pair(left row, right
  // row) is true too: evaluating a linkage against labelled pairs needs every labelled candidate
  // pair (keep_threshold 0), not every candidate. Called from several threads; must not throw.
  std::function<bool(uint32_t, uint32_t)> keep_pair;

  uint64_t max_block_pairs = 100'000;          // larger blocks are skipped and reported
  uint64_t max_candidate_pairs = 200'000'000;  // more candidate pairs is an error
  uint64_t u_sample_pairs = 1'000'000;         // random pairs for the u probabilities
  int em_max_iterations = 100;
  double em_tolerance = 1e-6;  // EM stops when no probability moves more than this
  uint64_t seed = 20240601;    // random pairs; same seed and data, same result
  unsigned threads = 0;        // 0: every core
  // When set: told each stage as it starts (phase "身份关联 linking", done = stages finished of
  // 6: normalising, blocking, u, comparing, training, scoring) and asked between stages whether
  // to stop; a stop gives the error job.cancelled and no result. Not owned.
  ProgressSink* progress = nullptr;

  // How explanations name the two sides ("判决书" / "驾驶证"). Ignored when deduplicating.
  std::string left_label_zh = "左表";
  std::string left_label_en = "left";
  std::string right_label_zh = "右表";
  std::string right_label_en = "right";
  // Pairs (left row, right row; deduplicating: i < j) returned whatever their probability and
  // whether or not blocking made them candidates: pairs a person has confirmed (link_step.h).
  // They are scored like any other pair; rows out of range are ignored.
  std::vector<std::pair<uint32_t, uint32_t>> always_keep;
};

}  // namespace shanhai::linkage
