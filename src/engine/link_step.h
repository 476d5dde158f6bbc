#pragma once
// The link step (模糊身份关联): fuzzy identity linkage of two step outputs, or of one output with
// itself, by the linkage layer (linkage/linker.h). What the model writes:
//
//   - id: same_person
//     kind: link
//     from: deaths
//     with: payments                 # without `with`: duplicates within `from` (pairs i < j)
//     compare:                       # linkage ComparisonSpec: field, kind, left, right, label
//       - {field: id, kind: id_number, left: id_number, right: id_number, label: 身份证号}
//     blocking:                      # rules, ORed; each a list of key parts that must agree
//       - [{field: id, part: region_birth}]
//     match_threshold: 0.95          # possible_threshold: 0.5; keep: match | possible
//
// Output: one row per kept pair, in (left row, right row) order: the left fields, the right
// fields as "<with>.<field>" (deduplicating: "<from>.<field>"), then link_probability and
// link_weight (decimals, rounded to six places), link_class ("match" | "possible") and
// link_explanation (Chinese, with the verdict first). Lineage: both rows'. Kept: pairs at or
// above match_threshold, or possible_threshold with keep: possible.
//
// The linkage reads every compared field as text, the way the engine formats it (format_cell):
// canonical values of the fields' elements (an id number upgraded to 18 digits, a name with its
// separators unified). Parameters (m, u, λ) are trained on the data of each run (EM, with a
// fixed seed), so the same data gives the same pairs.
//
// Remembered decisions (人工确认/否定): every pair has a pair key, a hash of the two rows'
// compared values (link_pair_key), so the same two records have the same key after a re-import
// in any row order. A run is given the decisions people made on earlier runs' possible matches
// (LinkDecisions; the engine reads no store): a confirmed pair is kept as a match whatever its
// probability and even when blocking no longer pairs it, its explanation starting
// "经人工确认为同一人（user，date）"; a rejected pair is dropped, whatever its probability.

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"
#include "common/progress.h"
#include "engine/table.h"
#include "linkage/linker.h"
#include "model/spec.h"

namespace shanhai::engine {

// What one field contributed to a linked pair's weight.
struct LinkFieldDetail {
  std::string field;     // the comparison's field name
  std::string label;     // its label (身份证号)
  std::string level;     // level code: exact, one_typo, pinyin, jaro_winkler>=0.92, missing …
  std::string level_zh;  // level label: 相同, 拼音相同 …
  double weight = 0;     // log2(m/u) (term-frequency adjusted), 0 when missing
  std::string text;      // the sentence of the explanation (身份证号仅第14位不同)
};

// A person's decision on one pair of a link step (leads/link_decisions.h stores them).
struct LinkDecision {
  std::string decision;  // confirm | reject
  std::string user, org, decided_at, reason;
};

// The decisions a run applies, for one model: step id → pair key → decision. key_salt keys the
// pair-key hash (the workspace's secret, so that a key reveals nothing of the values it hashes;
// empty: a fixed key).
struct LinkDecisions {
  std::string key_salt;
  std::map<std::string, std::map<std::string, LinkDecision, std::less<>>, std::less<>> by_step;

  // The decision on a pair, or nullptr.
  const LinkDecision* find(std::string_view step, std::string_view pair_key) const;
};

// The key of one side of a pair: 16 hex digits of a keyed BLAKE2b hash of the row's compared
// values (each comparison's field, as the linkage reads it), length-prefixed, in comparison
// order.
std::string link_side_key(const std::vector<std::string_view>& values, std::string_view key_salt);

// The pair key "<left side key>-<right side key>"; when deduplicating the two side keys in
// ascending order, so that the key does not depend on which row came first.
std::string link_pair_key(std::string_view left_side, std::string_view right_side, bool dedupe);

// One linked pair, for the lead evidence: why the two rows are taken for the same person.
struct LinkPairDetail {
  std::string step;
  std::vector<RowRef> left, right;  // lineage of the two rows
  double probability = 0;
  double weight = 0;        // prior_weight + Σ field weights
  double prior_weight = 0;  // log2(λ / (1 - λ))
  std::string match_class;  // match | possible (match when a person confirmed it)
  std::string model_class;  // the class by probability alone: match | possible | non_match
  std::string explanation;  // Chinese, verdict first
  std::vector<LinkFieldDetail> fields;
  std::string pair_key;                   // link_pair_key
  std::optional<LinkDecision> confirmed;  // the confirmation that made it a match
};

struct LinkSideLabels {
  std::string left = "左表", right = "右表";  // how explanations name the two sides
};

// The step's match_threshold (possible_threshold), or the linkage's default when it has none.
double link_match_threshold(const model::Step& s);
double link_possible_threshold(const model::Step& s);

// How score_link_step scores: which pairs it returns, and with how many threads.
struct LinkScoring {
  LinkSideLabels labels;
  unsigned threads = 0;
  // Return pairs at or above this probability; default: what the step keeps (keep: match |
  // possible). 0 returns every candidate pair blocking proposed.
  std::optional<double> keep_threshold;
  // When set, only pairs (left row, right row) it accepts (linkage::LinkSpec::keep_pair).
  std::function<bool(uint32_t, uint32_t)> keep_pair;
  // Told the linkage's stages, asked between them whether to stop (linkage::LinkSpec::progress).
  ProgressSink* progress = nullptr;
};

// The linkage of a validated link step without its output table: the scored pairs (rows of
// `left` and `right`; right nullptr when deduplicating) that `scoring` asks for, the blocking
// report and the trained parameters. execute_link is this and the table; link evaluation
// (link_evaluation.h) uses it with keep_threshold 0. Errors as for execute_link.
Result<linkage::LinkResult> score_link_step(const model::Step& s, const Table& left,
                                            const Table* right, const LinkScoring& scoring);

// Runs a validated link step. right is nullptr when deduplicating `left`. The output table's
// `links` holds one LinkPairDetail per row. decisions (may be null) are applied as above.
// Errors: the linkage layer's ("linkage.*"), with the step named; job.cancelled when progress
// asked to stop between the linkage's stages.
Result<Table> execute_link(const model::Step& s, const Table& left, const Table* right,
                           const LinkSideLabels& labels, unsigned threads,
                           const LinkDecisions* decisions = nullptr,
                           ProgressSink* progress = nullptr);

}  // namespace shanhai::engine
