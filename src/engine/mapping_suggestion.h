#pragma once
// Field-mapping suggestions (字段对应建议): for a model input and a local dataset whose headers
// are not the model's, which column is probably each field, how sure that is, and why — so a
// procurator confirms a mapping instead of building one.
//
// Two kinds of evidence, combined into one confidence in [0, 1]:
//   header   the column's header read through the synonym dictionary (header_dictionary.h):
//            the field's label or name (1.0; 0.95 ignoring units and spaces), a synonym of the
//            label (0.85), a generic word of the field's element (0.75), the label inside the
//            header or the header inside the label (0.7 / 0.6), a dictionary word inside the
//            header (0.55), a near spelling (0.45);
//   content  the share of sampled values that are valid for the field's element (normalize
//            layer: id numbers, credit codes, case numbers, phones, plates, dates, amounts,
//            BAC readings, regions) or look like it (names, organisations, addresses). A text
//            field whose label names an element (血液酒精含量) is judged as that element. Values
//            of another strongly recognisable element (a column of id numbers offered for a
//            date) contradict.
// With both, content that agrees raises the header's confidence, content that disagrees lowers
// it; content alone (headers like 列1, 列2) gives at most 0.8 for the most recognisable elements.
//
// Columns are assigned greedily by confidence, so two fields share a column only when nothing
// else fits (FieldSuggestion::shared). Nothing here writes to the workspace.

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/error.h"
#include "engine/binding.h"
#include "model/spec.h"
#include "store/catalog.h"
#include "store/workspace.h"

namespace shanhai::engine {

// Candidates below this confidence are not suggested.
inline constexpr double kMinSuggestionConfidence = 0.3;
// Suggestions below this confidence are shown as uncertain (highlighted in the web app).
inline constexpr double kConfidentSuggestion = 0.6;

// What the suggester knows of one column: its header and a sample of its non-blank raw values.
struct ColumnSample {
  std::string name;
  std::vector<std::string> values;
};

struct MappingCandidate {
  size_t column = 0;  // index into the columns given
  double confidence = 0;
  std::string reason_zh, reason_en;
};

struct FieldSuggestion {
  std::string field, label, element;
  bool required = true;
  std::optional<MappingCandidate> suggestion;  // nullopt: no column fits
  bool shared = false;  // the suggested column is also another field's (nothing else fitted)
  std::vector<MappingCandidate> alternatives;  // the next best columns, at most 3
};

// Scores one field against one column (for tests and explanations).
MappingCandidate score_column(const model::Field& field, const ColumnSample& column, size_t index);

// Suggests a column for each field of `input` (pure; fields in the spec's order).
std::vector<FieldSuggestion> suggest_fields(const model::Input& input,
                                            const std::vector<ColumnSample>& columns);

// Up to `rows` non-blank raw values of each column of a dataset version, from its first rows.
inline constexpr size_t kSampleRows = 200;
Result<std::vector<ColumnSample>> sample_columns(store::Workspace& ws,
                                                 const store::VersionInfo& version,
                                                 size_t rows = kSampleRows);

struct InputSuggestion {
  std::string input, label;
  std::optional<store::VersionInfo> version;  // nullopt: no dataset chosen or found
  std::vector<FieldSuggestion> fields;
};

// Whether an input without a choice reads the dataset named like it (as bind_model does), or
// gets no suggestions (the server, where only chosen datasets are checked for ownership).
enum class SameNameDataset { use, ignore };

// Suggestions for every input of spec that has a dataset: the one chosen in `inputs` or (see
// SameNameDataset) a dataset named like the input. Errors: "bind.unknown_input" (a choice names
// no input of the model), "dataset.not_found" (a chosen dataset), the store's.
Result<std::vector<InputSuggestion>> suggest_mapping(
    store::Workspace& ws, const model::ModelSpec& spec, const std::vector<InputChoice>& inputs,
    SameNameDataset same_name = SameNameDataset::use);

// {name, label, dataset, version, fields: [{name, label, element, required, column,
//  confidence, reason, reason_en, shared, alternatives: [{column, confidence, reason}]}]}: the
// `--json` output of `shanhai suggest-mapping` and the HTTP API.
nlohmann::json suggestion_json(const InputSuggestion& s);

}  // namespace shanhai::engine
