#pragma once
// Runs a validated model on input tables: every step of the DAG, in order, column at a time.
//
// Step semantics (docs/engine.md is the user-facing description; sql_generator.h produces the
// same results from SQLite and the tests hold the two to each other):
//   filter       rows whose condition is true (not false, not null)
//   derive       adds one column per expression, evaluated in order (a later one may use an
//                earlier one)
//   match        inner: one row per matching (left, right) pair, left columns then the right
//                side's as "<with>.<field>"; left: also every left row without a partner, right
//                columns null. A pair matches when any key set matches: every key pair equal
//                (null never equals anything) and the key set's where condition true. A pair
//                matched by two key sets is output once.
//   absence      left rows with no matching right row (anti-join)
//   presence     left rows with at least one matching right row (semi-join); the row's lineage
//                gains every matching right row
//   time_window  like match/presence/absence (mode), where a pair must also satisfy the window
//                on (left date L, right date R), both not null: within N: L-N <= R <= L+N;
//                after N: L <= R <= L+N; before N: L-N <= R <= L; month and year steps clamp to
//                the end of a shorter month
//   aggregate    one row per distinct group_by tuple (null is a value of its own), columns the
//                group fields then the measures: count() rows, count(f) non-null values,
//                count_distinct(f), sum(f) (null when no non-null value), avg(f) (decimal),
//                min(f), max(f); rows whose having condition is true. Lineage: all rows of the
//                group
//   union        the rows of every source, in order (UNION ALL)
//   distinct     one row per distinct `on` tuple; columns: the `on` fields; lineage: all rows
//                with that tuple
// Keys compare by value across numeric types (integer 5 = decimal 5.0 = money 5元).
// Output row order is not part of the contract.

#include <map>
#include <string>

#include "common/error.h"
#include "common/progress.h"
#include "engine/parameters.h"
#include "engine/table.h"
#include "model/spec.h"
#include "model/spec_validator.h"

namespace shanhai::engine {

struct LinkDecisions;  // link_step.h

struct ExecutionOptions {
  unsigned threads = 0;  // 0: every core
  ProgressSink* progress = nullptr;
  // People's confirmations and rejections of linked pairs, applied by link steps (link_step.h);
  // null: none, and pair keys hashed with the fixed key.
  const LinkDecisions* link_decisions = nullptr;
};

// Input name → table (columns named by field; an input column may be left out when no step
// uses it). Returns every step's output by step id, and the inputs by input name.
Result<std::map<std::string, Table>> execute(const model::ModelSpec& spec,
                                             const model::ValidatedSpec& validated,
                                             std::map<std::string, Table> inputs,
                                             const Parameters& params,
                                             const ExecutionOptions& options = {});

// Runs only the steps that step `target` reads, directly or through other steps, and not
// `target` itself: the tables a caller needs to run that step its own way (link evaluation,
// link_evaluation.h). Returns those steps' outputs and the inputs. Errors as for execute, and
// "engine.unknown_step".
Result<std::map<std::string, Table>> execute_upstream_of(const model::ModelSpec& spec,
                                                         const model::ValidatedSpec& validated,
                                                         std::map<std::string, Table> inputs,
                                                         const Parameters& params,
                                                         const std::string& target,
                                                         const ExecutionOptions& options = {});

}  // namespace shanhai::engine
