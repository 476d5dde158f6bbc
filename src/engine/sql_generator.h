#pragma once
// Every step of a validated model as one SQL query, so that a database returns the same rows as
// the engine's executor (executor.h states the step semantics; this file compiles each kind to
// SQL). The test suite runs models both ways and requires identical results (SQLite is the
// oracle); later the same SQL targets a distributed engine.
//
// Tables the SQL reads. Every model input is a table "in_<input>" with, per field, a column named
// by the field (the engine's representation, sql_expression.h: INTEGER or TEXT, NULL for null)
// and a column "_valid_<field>" (0/1: is_valid), plus "_lineage" TEXT: "input_index:row" ("0:17").
//
// Every step is a common table expression named by the step id, with the same layout: the step's
// output fields (named as the engine names them; a match adds "<with>.<field>"), then
// "_valid_<field>" for each, then "_lineage": a comma-separated list of "input:row" references in
// no particular order, possibly repeated, possibly with empty items (an aggregate without rows).
// How each kind compiles (L = from, R = with/against):
//   filter       SELECT … FROM L WHERE cond
//   derive       one nested SELECT *, expr AS "f" per field (a later one reads an earlier one);
//                _valid_ of a derived field is "not null"
//   match        SELECT L.*, R.* AS "<with>.f" FROM L [LEFT] JOIN R ON (key set 1) OR (key set 2)…
//                where a key set is its key pairs ANDed with its where (which sees L's fields bare
//                and as "<from>.f", R's as "<with>.f"); lineage L || R (L alone without partner).
//                A left join's ON is written as one term, (…) IS TRUE: SQLite 3.40.1 pushes ON
//                terms that read only L into an aggregate L and loses L rows without partner.
//   presence     L rows WHERE EXISTS (matching R row); lineage L || group_concat(matching R rows)
//   absence      L rows WHERE NOT EXISTS (matching R row); lineage L
//   time_window  the pair condition also requires both dates and the window (days: L ± N;
//                months and years: add_months_sql on L), then as presence, absence or match
//                (mode, default presence)
//   aggregate    SELECT group fields, measures … GROUP BY group fields (SQL groups nulls
//                together), then WHERE having; _valid_ of a group field is max over the group,
//                of a measure "not null"; lineage group_concat of the group. Measures:
//                count() count(*), count(f), count_distinct(f) count(DISTINCT f), sum(f), min(f),
//                max(f), and avg(f) as a decimal, round_half_away(sum × s / count(f)) with s the
//                factor that makes the field a decimal: 10^6 for integer fields, 1 for decimals,
//                10^4 for money (fen → micro-yuan, so avg of money is in yuan).
//                With no group_by there is exactly one group, even without rows (SQL's grand
//                total: count() 0, sum null, empty lineage).
//   union        SELECT … FROM each source, UNION ALL
//   distinct     SELECT on fields … GROUP BY on fields; lineage group_concat of the group
//   link         SELECT * FROM "link_<step>": fuzzy linkage (EM training, string similarity) is
//                not written as SQL; the caller loads the engine's pairs of the step into that
//                table, with the step's layout, and the steps downstream read them from SQL.
// Keys compare by value across numeric types (integer 5 = decimal 5.0 = money 5元, in
// micro-units); null never matches. Parameters are inlined as literals.
//
// SQLite folds identifier case for ASCII letters, so names that differ only in the case of ASCII
// letters (two fields of one step, two steps, a step and an input table) are refused with
// "sql.name_clash".

#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"
#include "engine/parameters.h"
#include "model/spec.h"
#include "model/spec_validator.h"

namespace shanhai::engine {

struct SqlQuery {
  // WITH <a CTE per step the step depends on, in order> SELECT <columns>, "_lineage" FROM "<step>"
  std::string sql;
  // The step's output fields in output order; the query returns them, then "_lineage".
  std::vector<std::string> columns;
};

// "in_<input>": the table an input is read from.
std::string input_table_name(std::string_view input);

// "link_<step>": the table a link step's pairs are read from (see above).
std::string link_table_name(std::string_view step);

// "_valid_<field>": the validity column of a field.
std::string valid_column_name(std::string_view field);

// The query for the output of step step_id. params are the resolved parameters (parameters.h),
// one per parameter of spec; validated must come from validate_spec(spec). Errors:
// "sql.unknown_step" when there is no such step, "sql.name_clash" (see above),
// "sql.unknown_expression" when validated lacks an expression of spec, "sql.unsupported" for a
// step the validator should have refused, and those of expression_sql (sql_expression.h).
Result<SqlQuery> generate_step_sql(const model::ModelSpec& spec,
                                   const model::ValidatedSpec& validated, const Parameters& params,
                                   std::string_view step_id);

}  // namespace shanhai::engine
