#pragma once
// Running an installed model on workspace datasets, end to end: bind inputs and fields
// (binding.h), load the bound columns normalised as the fields' elements, execute the steps
// (executor.h), turn the rows of every lead step into leads with evidence, and record the run
// (leads/lead_store.h).

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "common/error.h"
#include "engine/binding.h"
#include "engine/executor.h"
#include "leads/lead_store.h"
#include "model/spec.h"
#include "model/spec_validator.h"
#include "normalize/region.h"
#include "store/column_file.h"
#include "store/workspace.h"

namespace shanhai::engine {

// Loads one bound input as a table: each bound field's column, read from the dataset version
// and normalised as the field's element (canonical value; money in fen, dates in days,
// decimals scaled, id numbers upgraded to 18 digits, 〔〕 and [] in document numbers unified),
// with is_valid recorded. Fields not in `needed` (when given) are left out; an unbound optional
// field is a column of nulls. Lineage: RowRef{input_index, row}.
Result<Table> load_input(store::Workspace& ws, const model::Input& input, const BoundInput& bound,
                         uint32_t input_index,
                         const std::optional<std::set<std::string>>& needed = std::nullopt,
                         unsigned threads = 0);

// Field names (bare, e.g. "amount" also for "payments.amount") that some step or lead of the
// spec reads. Input columns outside this set need not be loaded.
std::set<std::string> needed_fields(const model::ModelSpec& spec,
                                    const model::ValidatedSpec& validated);

// The leads of one executed model: for every lead template, one lead per row of its step
// (rows with the same subject merge their evidence). Subject and title placeholders are
// formatted with format_cell; in titles a null reads "（空）" and a region code its division's
// name (from `regions`); a row without a subject value is
// named by its first source row ("行政处罚决定第7行"). Evidence is the row's lineage restricted to
// the template's evidence inputs, with source file, sheet and source row from the bound versions.
// subject_masked and title_masked are the same with every personal field (lead_masking.h)
// masked by normalize::mask.
std::vector<leads::DetectedLead> make_leads(
    const model::ModelSpec& spec, const std::map<std::string, Table>& tables,
    const Binding& binding, const std::vector<store::FixedColumnReader<int64_t>>& source_rows,
    const normalize::RegionTable& regions);

struct RunRequest {
  std::vector<InputChoice> inputs;
  std::vector<FieldChoice> fields;
  std::vector<std::pair<std::string, std::string>> params;
  std::string run_by;                  // user name, or the OS user for the CLI
  std::string org;                     // organisation that runs it and owns the leads; '' (CLI)
  std::optional<std::string> version;  // model version; the highest installed when empty
  int32_t today = 0;                   // days since 1970-01-01, for `default: today`
  bool record = true;                  // false: compute leads without recording a run
  ExecutionOptions options;
};

struct RunOutcome {
  std::string model_id;
  std::string model_version;
  Binding binding;
  Parameters params;
  std::vector<std::pair<std::string, int64_t>> step_rows;  // rows out of every step, in order
  std::vector<leads::DetectedLead> leads;
  leads::RunSummary summary;  // zero when not recorded
  int64_t duration_ms = 0;
};

// Runs an installed model, applying the decisions people made on its linked pairs
// (leads/link_decisions.h) unless request.options.link_decisions gives others. Errors:
// "model.not_found" (closest id suggested), the binding's, the parameters', and the engine's.
Result<RunOutcome> run_model(store::Workspace& ws, const std::string& model_id,
                             const RunRequest& request);

}  // namespace shanhai::engine
