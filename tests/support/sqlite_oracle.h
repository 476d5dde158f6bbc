#pragma once
// The SQLite correctness oracle: loads a model's input tables into an in-memory SQLite database
// (the table contract of engine/sql_generator.h), runs the SQL generated for a step, and compares
// its rows with the engine's output for the same step.
//
// Both sides are reduced to the same canonical form: a sorted multiset of rows, each row its
// cells formatted the engine's way (engine::format_cell; null as kNullCell, so that null and ""
// differ) and its lineage as sorted, de-duplicated "input:row" references. Row order, lineage
// order and repeated lineage references are not part of the contract and do not count.

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "common/error.h"
#include "engine/parameters.h"
#include "engine/sql_generator.h"
#include "engine/table.h"
#include "model/spec.h"
#include "model/spec_validator.h"

namespace SQLite {
class Database;
}

namespace shanhai::testing {

// How a null cell is shown (format_cell gives "" for null, which would equal an empty text).
inline constexpr std::string_view kNullCell = "∅";

struct CanonicalRow {
  std::vector<std::string> cells;
  std::string lineage;  // "0:1,0:5,1:3", sorted by input then row, no repeats
  friend auto operator<=>(const CanonicalRow&, const CanonicalRow&) = default;
  friend bool operator==(const CanonicalRow&, const CanonicalRow&) = default;
};

// One step's rows, sorted; columns are the step's output fields in schema order.
struct CanonicalTable {
  std::vector<std::string> columns;
  std::vector<CanonicalRow> rows;
};

// The engine's output of a step in canonical form, its columns found by the schema's names.
// Error "oracle.columns" when the table lacks a schema column or has columns the schema lacks.
Result<CanonicalTable> canonical_engine_table(const engine::Table& table,
                                              const model::Schema& schema);

// "" when the two are equal; otherwise the columns and up to `limit` rows found only on each
// side (engine first), one per line.
std::string describe_difference(const CanonicalTable& engine, const CanonicalTable& sql,
                                size_t limit = 10);

class SqliteOracle {
 public:
  // An in-memory database with the SQL functions of engine/sqlite_functions.h and one table
  // "in_<input>" per input of spec, filled from inputs (by input name; a field column missing
  // from a table is loaded as nulls, a missing table as an empty one). With the environment
  // variable SHANHAI_ORACLE_DUMP=FILE the loaded database is also written to FILE, to replay a
  // step's SQL in the sqlite3 shell (without regexp and extract_bac).
  static Result<SqliteOracle> open(const model::ModelSpec& spec,
                                   const model::ValidatedSpec& validated,
                                   const std::map<std::string, engine::Table>& inputs);

  SqliteOracle(SqliteOracle&&) noexcept;
  SqliteOracle& operator=(SqliteOracle&&) noexcept;
  ~SqliteOracle();

  // Fills the table a link step is read from (engine::link_table_name) with the engine's
  // output of that step: SQL does not recompute the linkage. Error "oracle.sqlite".
  Status load_link_output(const std::string& step, const model::Schema& schema,
                          const engine::Table& table);

  // Runs a generated query and reads its rows, typed by schema (the step's output fields).
  // A cell of another SQL type than the field's representation (a REAL from an integer overflow,
  // text in a number column) is shown as "!<sqltype>:<value>" so that it never compares equal.
  Result<CanonicalTable> run(const engine::SqlQuery& query, const model::Schema& schema) const;

  // generate_step_sql for step_id, then run.
  Result<CanonicalTable> run_step(const model::ModelSpec& spec,
                                  const model::ValidatedSpec& validated,
                                  const engine::Parameters& params,
                                  const std::string& step_id) const;

 private:
  explicit SqliteOracle(std::unique_ptr<SQLite::Database> db);
  std::unique_ptr<SQLite::Database> db_;
};

// How much a comparison compared, so that a test can tell it is not comparing empty tables.
struct OracleStats {
  size_t steps = 0;            // steps compared
  size_t non_empty_steps = 0;  // of which the engine returned rows
  size_t rows = 0;             // engine rows compared
  // Steps with rows by kind ("filter", "match left", "time_window absence", …).
  std::map<std::string, size_t> non_empty_by_kind;
};

// Runs the model with engine::execute and every step's SQL with the oracle, and compares them
// step by step. "" when every step agrees; otherwise, for every step that differs (or fails on
// one side), its id, its SQL and describe_difference. Adds to stats when given. The engine runs
// on `threads` threads.
std::string compare_engine_with_sql(const model::ModelSpec& spec,
                                    const model::ValidatedSpec& validated,
                                    const std::map<std::string, engine::Table>& inputs,
                                    const engine::Parameters& params, OracleStats* stats = nullptr,
                                    unsigned threads = 1);

}  // namespace shanhai::testing
