#pragma once
// Binding a model to local data: each model input to a dataset version of the workspace, each
// input field to a column of that dataset. This is how a model built elsewhere runs on local
// data whose headers differ: `--input penalties=行政处罚决定 --map penalties.amount=罚款金额`.
//
// Rules, in order, for a field:
//   1. an explicit mapping INPUT.FIELD=COLUMN;
//   2. a column whose header equals the field name;
//   3. a column whose header equals the field's Chinese label.
// A required field left without a column is an error that lists the dataset's columns and
// suggests the closest one; an optional field may stay unbound (its values are null).

#include <optional>
#include <string>
#include <vector>

#include "common/error.h"
#include "model/spec.h"
#include "store/catalog.h"
#include "store/workspace.h"

namespace shanhai::engine {

// "NAME=DATASET" or "NAME=DATASET@VERSION" (the latest version when none is given).
struct InputChoice {
  std::string input;
  std::string dataset;
  std::optional<int64_t> version;
};

// "INPUT.FIELD=COLUMN".
struct FieldChoice {
  std::string input;
  std::string field;
  std::string column;
};

Result<InputChoice> parse_input_choice(std::string_view arg);
Result<FieldChoice> parse_field_choice(std::string_view arg);

struct BoundField {
  std::string field;
  std::string element;
  bool required = true;
  std::optional<size_t> column;  // ordinal in the dataset version; nullopt: unbound (optional)
  std::string how;               // "mapped", "name", "label" or "unbound"
};

struct BoundInput {
  std::string input;
  store::VersionInfo version;  // the dataset version the input reads
  std::vector<BoundField> fields;
};

struct Binding {
  std::vector<BoundInput> inputs;  // in the spec's input order
};

// Binds every input of spec. An input without a choice binds to a dataset of the same name when
// there is one. Errors: "bind.unknown_input" (a choice names no input of the model, with a
// suggestion), "bind.duplicate_choice" (an input or field chosen twice), "bind.no_dataset" (an
// input has no dataset), "dataset.not_found", "bind.unknown_column" (a mapping names no column),
// "bind.unbound_field" (a required field has no column; the columns are listed and the closest
// suggested).
Result<Binding> bind_model(store::Workspace& ws, const model::ModelSpec& spec,
                           const std::vector<InputChoice>& inputs,
                           const std::vector<FieldChoice>& fields);

}  // namespace shanhai::engine
