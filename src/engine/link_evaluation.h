#pragma once
// Measuring a model's link step against pairs an analyst reviewed by hand (link_labels.h):
// precision, recall and F1 at the step's match threshold, and the precision–recall curve.
//
// The model's inputs are bound and loaded as for a run (run.h), and only the steps the link
// step reads are executed; the link step is then scored keeping every labelled candidate pair
// whatever its probability. Nothing is written to the workspace: no run record, no leads.
//
// Which rows a label names: each side of the step traces back to one model input (through
// `from` of filters, derives and joins; every source of a union), and a label's row numbers are
// that input's dataset's source row numbers. A labelled pair blocking never proposed, or whose
// row did not reach the step (filtered out before it), is a predicted non-match. Only labelled
// pairs count (linkage::Truth::labelled): a pair nobody labelled is neither right nor wrong.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/error.h"
#include "common/progress.h"
#include "engine/binding.h"
#include "linkage/evaluation.h"
#include "store/workspace.h"

namespace shanhai::engine {

struct LinkEvaluationRequest {
  std::vector<InputChoice> inputs;  // as for a run
  std::vector<FieldChoice> fields;
  std::vector<std::pair<std::string, std::string>> params;
  std::optional<std::string> version;  // model version; the highest installed when empty
  int32_t today = 0;                   // days since 1970-01-01, for `default: today`
  std::string step;                    // the link step; empty: the model's only one
  std::optional<double> threshold;     // default: the step's match_threshold
  std::filesystem::path labels;        // the labels file
  std::string labels_name;             // as messages name it; empty: the path
  unsigned threads = 0;                // 0: every core
  ProgressSink* progress = nullptr;
};

// One side of the step: the model input its rows are, and the dataset version bound to it.
struct LinkEvaluationSide {
  std::string input, label;  // input name and label (死亡人员登记)
  std::string dataset;
  int64_t version = 0;
};

struct LinkEvaluation {
  std::string model_id, model_version, step;
  bool dedupe = false;  // one input against itself: (a, b) and (b, a) are one pair
  LinkEvaluationSide left, right;
  std::string labels_file;
  uint64_t labelled_pairs = 0, labelled_matches = 0, labelled_non_matches = 0;
  uint64_t repeated_labels = 0;  // rows repeating an earlier pair with the same label
  uint64_t candidate_pairs = 0;  // pairs blocking proposed and the linkage scored
  uint64_t not_proposed = 0;     // labelled pairs not among them (predicted non-matches) …
  uint64_t not_in_step = 0;      // … of which a row never reached the step
  double match_threshold = 0, possible_threshold = 0;  // the step's
  double threshold = 0;                                // where `at_threshold` is measured
  bool threshold_from_model = true;
  linkage::Metrics at_threshold;
  // 0.00, 0.05, …, 1.00 and the step's thresholds (and `threshold`), ascending, no repeats.
  std::vector<linkage::Metrics> curve;
};

// Evaluates a link step of an installed model. Errors: the run's ("model.not_found", the
// binding's, the parameters', the engine's), the labels file's (link_labels.h), and
//   link_eval.no_link_step    the model has no link step
//   link_eval.choose_step     several link steps and no `step` (lists them)
//   link_eval.not_link_step   `step` is not a link step of the model (lists those there are)
//   link_eval.threshold       threshold outside [0, 1]
//   link_eval.side_input      a side of the step does not trace back to one input
//   link_eval.row_not_found   a label's row number is not a source row of its side's dataset
//                             (names the labels file, row, column and value, and the dataset)
//   link_eval.aggregated_row  a side's row stands for several rows of its input (aggregate,
//                             distinct): it has no row number of its own
Result<LinkEvaluation> evaluate_link_step(store::Workspace& ws, const std::string& model_id,
                                          const LinkEvaluationRequest& request);

}  // namespace shanhai::engine
