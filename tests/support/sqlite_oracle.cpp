#include "support/sqlite_oracle.h"

#include <SQLiteCpp/SQLiteCpp.h>
#include <sqlite3.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <sstream>

#include <fmt/format.h>

#include "engine/executor.h"
#include "engine/sql_expression.h"
#include "engine/sqlite_functions.h"

namespace shanhai::testing {

namespace {

Error oracle_error(const std::string& code, const std::string& what) {
  return Error(code, "SQLite 对照失败：" + what, "SQLite oracle failed: " + what);
}

std::string format_lineage(const std::vector<engine::RowRef>& refs) {
  std::string out;
  for (const engine::RowRef& r : refs) {
    if (!out.empty()) out += ',';
    out += fmt::format("{}:{}", r.input, r.row);
  }
  return out;
}

// "0:3,1:2,0:3" → sorted unique refs; nullopt when malformed.
std::optional<std::vector<engine::RowRef>> parse_lineage(std::string_view text) {
  std::set<engine::RowRef> refs;
  size_t i = 0;
  while (i < text.size()) {
    size_t end = text.find(',', i);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view item = text.substr(i, end - i);
    if (item.empty()) {  // "" after an aggregate without rows
      i = end + 1;
      continue;
    }
    const size_t colon = item.find(':');
    if (colon == std::string_view::npos || colon == 0 || colon + 1 == item.size()) {
      return std::nullopt;
    }
    engine::RowRef ref;
    for (char c : item.substr(0, colon)) {
      if (c < '0' || c > '9') return std::nullopt;
      ref.input = ref.input * 10 + static_cast<uint32_t>(c - '0');
    }
    for (char c : item.substr(colon + 1)) {
      if (c < '0' || c > '9') return std::nullopt;
      ref.row = ref.row * 10 + static_cast<uint32_t>(c - '0');
    }
    refs.insert(ref);
    i = end + 1;
  }
  return std::vector<engine::RowRef>(refs.begin(), refs.end());
}

model::TypeKind storage_kind(model::Type type) {
  // A bare null literal as a derived field is a column of nulls; the engine types it as text.
  return type.kind == model::TypeKind::null ? model::TypeKind::text : type.kind;
}

std::string format_value(model::TypeKind kind, const SQLite::Column& value) {
  switch (value.getType()) {
    case SQLITE_NULL:
      return std::string(kNullCell);
    case SQLITE_INTEGER: {
      if (kind == model::TypeKind::text) return "!integer:" + value.getString();
      engine::Column c;
      c.type = kind;
      c.values.push_back(value.getInt64());
      c.present.push_back(1);
      return engine::format_cell(c, 0);
    }
    case SQLITE_TEXT: {
      if (kind != model::TypeKind::text) return "!text:" + value.getString();
      return value.getString();
    }
    case SQLITE_FLOAT:
      return fmt::format("!real:{}", value.getDouble());
    default:
      return "!blob";
  }
}

std::string join(const std::vector<std::string>& parts) {
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : ", ") + p;
  return out;
}

std::string show_row(const CanonicalRow& row) {
  std::string out;
  for (const std::string& c : row.cells) out += (out.empty() ? "" : " | ") + c;
  return out + "  ⟵ " + row.lineage;
}

// Creates table `name` with the layout of sql_generator.h (fields, "_valid_" columns,
// "_lineage") for `schema` and fills it from t (empty when t is null).
void load_table(SQLite::Database& db, const std::string& name, const model::Schema& schema,
                const engine::Table* t) {
  std::vector<std::string> definitions;
  std::vector<std::string> names;
  for (const model::SchemaField& f : schema) {
    definitions.push_back(engine::quote_identifier(f.name) +
                          (f.type.kind == model::TypeKind::text ? " TEXT" : " INTEGER"));
    names.push_back(engine::quote_identifier(f.name));
  }
  for (const model::SchemaField& f : schema) {
    definitions.push_back(engine::quote_identifier(engine::valid_column_name(f.name)) +
                          " INTEGER NOT NULL");
    names.push_back(engine::quote_identifier(engine::valid_column_name(f.name)));
  }
  definitions.push_back("\"_lineage\" TEXT NOT NULL");
  names.push_back("\"_lineage\"");
  const std::string table = engine::quote_identifier(name);
  db.exec(fmt::format("CREATE TABLE {} ({})", table, join(definitions)));
  if (t == nullptr) return;
  std::vector<const engine::Column*> columns;
  for (const model::SchemaField& f : schema) columns.push_back(t->find(f.name));
  std::vector<std::string> marks(names.size(), "?");
  SQLite::Statement insert(
      db, fmt::format("INSERT INTO {} ({}) VALUES ({})", table, join(names), join(marks)));
  SQLite::Transaction transaction(db);
  for (size_t r = 0; r < t->rows(); ++r) {
    int index = 1;
    for (const engine::Column* c : columns) {
      if (c == nullptr || c->is_null(r)) {
        insert.bind(index++);
      } else if (c->is_text()) {
        insert.bind(index++, std::string(c->texts.at(r)));
      } else {
        insert.bind(index++, static_cast<int64_t>(c->values[r]));
      }
    }
    for (const engine::Column* c : columns) {
      const bool valid =
          c != nullptr && !c->is_null(r) && (c->element_valid.empty() || c->element_valid[r] != 0);
      insert.bind(index++, valid ? 1 : 0);
    }
    insert.bind(index++, format_lineage(t->lineage.of(r)));
    insert.exec();
    insert.reset();
  }
  transaction.commit();
}

}  // namespace

Result<CanonicalTable> canonical_engine_table(const engine::Table& table,
                                              const model::Schema& schema) {
  CanonicalTable out;
  std::vector<const engine::Column*> columns;
  for (const model::SchemaField& f : schema) {
    out.columns.push_back(f.name);
    const engine::Column* c = table.find(f.name);
    if (c == nullptr) {
      return oracle_error("oracle.columns", fmt::format("引擎输出缺少列 / engine output lacks "
                                                        "column \"{}\"",
                                                        f.name));
    }
    if (c->size() != table.rows()) {
      return oracle_error(
          "oracle.columns",
          fmt::format("列“{}”有 {} 行，表有 {} 行 / column \"{}\" has {} rows, "
                      "the table {}",
                      f.name, c->size(), table.rows(), f.name, c->size(), table.rows()));
    }
    columns.push_back(c);
  }
  for (const engine::NamedColumn& c : table.columns) {
    if (std::none_of(schema.begin(), schema.end(),
                     [&](const model::SchemaField& f) { return f.name == c.name; })) {
      return oracle_error("oracle.columns", fmt::format("引擎输出多出列 / engine output has an "
                                                        "extra column \"{}\"",
                                                        c.name));
    }
  }
  for (size_t r = 0; r < table.rows(); ++r) {
    CanonicalRow row;
    for (const engine::Column* c : columns) {
      row.cells.push_back(c->is_null(r) ? std::string(kNullCell) : engine::format_cell(*c, r));
    }
    row.lineage = format_lineage(table.lineage.of(r));
    out.rows.push_back(std::move(row));
  }
  std::sort(out.rows.begin(), out.rows.end());
  return out;
}

std::string describe_difference(const CanonicalTable& engine, const CanonicalTable& sql,
                                size_t limit) {
  if (engine.columns == sql.columns && engine.rows == sql.rows) return "";
  std::ostringstream out;
  if (engine.columns != sql.columns) {
    out << "columns differ: engine [";
    for (const auto& c : engine.columns) out << c << ";";
    out << "] sql [";
    for (const auto& c : sql.columns) out << c << ";";
    out << "]\n";
  }
  std::vector<CanonicalRow> only_engine;
  std::vector<CanonicalRow> only_sql;
  std::set_difference(engine.rows.begin(), engine.rows.end(), sql.rows.begin(), sql.rows.end(),
                      std::back_inserter(only_engine));
  std::set_difference(sql.rows.begin(), sql.rows.end(), engine.rows.begin(), engine.rows.end(),
                      std::back_inserter(only_sql));
  out << fmt::format("engine {} rows, sql {} rows; columns: ", engine.rows.size(), sql.rows.size());
  for (size_t i = 0; i < engine.columns.size(); ++i) out << (i ? " | " : "") << engine.columns[i];
  out << "  ⟵ lineage\n";
  out << fmt::format("only in engine ({}):\n", only_engine.size());
  for (size_t i = 0; i < only_engine.size() && i < limit; ++i) {
    out << "  " << show_row(only_engine[i]) << "\n";
  }
  out << fmt::format("only in sql ({}):\n", only_sql.size());
  for (size_t i = 0; i < only_sql.size() && i < limit; ++i) {
    out << "  " << show_row(only_sql[i]) << "\n";
  }
  return out.str();
}

SqliteOracle::SqliteOracle(std::unique_ptr<SQLite::Database> db) : db_(std::move(db)) {}
SqliteOracle::SqliteOracle(SqliteOracle&&) noexcept = default;
SqliteOracle& SqliteOracle::operator=(SqliteOracle&&) noexcept = default;
SqliteOracle::~SqliteOracle() = default;

Result<SqliteOracle> SqliteOracle::open(const model::ModelSpec& spec,
                                        const model::ValidatedSpec& validated,
                                        const std::map<std::string, engine::Table>& inputs) {
  try {
    auto db = std::make_unique<SQLite::Database>(":memory:",
                                                 SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    SHANHAI_TRY(engine::register_sql_functions(db->getHandle()));
    // "name" must be a column, never a string literal: a misspelt column is an error.
    sqlite3_db_config(db->getHandle(), SQLITE_DBCONFIG_DQS_DML, 0, nullptr);
    sqlite3_db_config(db->getHandle(), SQLITE_DBCONFIG_DQS_DDL, 0, nullptr);
    for (const model::Input& in : spec.inputs) {
      const auto found = inputs.find(in.name.text);
      load_table(*db, engine::input_table_name(in.name.text), validated.schemas.at(in.name.text),
                 found == inputs.end() ? nullptr : &found->second);
    }
    // For debugging by hand: SHANHAI_ORACLE_DUMP=file.db keeps a copy of the inputs.
    if (const char* dump = std::getenv("SHANHAI_ORACLE_DUMP"); dump != nullptr && *dump != '\0') {
      std::filesystem::remove(dump);
      db->exec("VACUUM INTO " + engine::quote_text(dump));
    }
    return SqliteOracle(std::move(db));
  } catch (const SQLite::Exception& e) {
    return oracle_error("oracle.sqlite", e.what());
  }
}

Status SqliteOracle::load_link_output(const std::string& step, const model::Schema& schema,
                                      const engine::Table& table) {
  try {
    load_table(*db_, engine::link_table_name(step), schema, &table);
  } catch (const SQLite::Exception& e) {
    return oracle_error("oracle.sqlite", e.what());
  }
  return Status::Ok();
}

Result<CanonicalTable> SqliteOracle::run(const engine::SqlQuery& query,
                                         const model::Schema& schema) const {
  CanonicalTable out;
  out.columns = query.columns;
  if (query.columns.size() != schema.size()) {
    return oracle_error("oracle.columns",
                        "生成的 SQL 列数与步骤不符 / the SQL's columns do not "
                        "match the step's fields");
  }
  try {
    SQLite::Statement statement(*db_, query.sql);
    if (statement.getColumnCount() != static_cast<int>(schema.size()) + 1) {
      return oracle_error("oracle.columns",
                          fmt::format("SQL 返回 {} 列 / the SQL returns {} columns",
                                      statement.getColumnCount(), statement.getColumnCount()));
    }
    while (statement.executeStep()) {
      CanonicalRow row;
      for (size_t i = 0; i < schema.size(); ++i) {
        row.cells.push_back(
            format_value(storage_kind(schema[i].type), statement.getColumn(static_cast<int>(i))));
      }
      const SQLite::Column lineage = statement.getColumn(static_cast<int>(schema.size()));
      const std::string text = lineage.getType() == SQLITE_TEXT ? lineage.getString() : "";
      const auto refs = parse_lineage(text);
      row.lineage = refs ? format_lineage(*refs) : "!malformed:" + text;
      out.rows.push_back(std::move(row));
    }
  } catch (const SQLite::Exception& e) {
    return oracle_error("oracle.sqlite", e.what());
  }
  std::sort(out.rows.begin(), out.rows.end());
  return out;
}

Result<CanonicalTable> SqliteOracle::run_step(const model::ModelSpec& spec,
                                              const model::ValidatedSpec& validated,
                                              const engine::Parameters& params,
                                              const std::string& step_id) const {
  auto query = engine::generate_step_sql(spec, validated, params, step_id);
  if (!query) return query.take_error();
  return run(query.value(), validated.schemas.at(step_id));
}

std::string compare_engine_with_sql(const model::ModelSpec& spec,
                                    const model::ValidatedSpec& validated,
                                    const std::map<std::string, engine::Table>& inputs,
                                    const engine::Parameters& params, OracleStats* stats,
                                    unsigned threads) {
  auto executed = engine::execute(spec, validated, inputs, params, {.threads = threads});
  if (!executed) return "engine failed: " + executed.error().message() + "\n";
  auto oracle = SqliteOracle::open(spec, validated, inputs);
  if (!oracle) return "oracle failed: " + oracle.error().message() + "\n";
  std::string report;
  // Link steps are not recomputed by SQL (sql_generator.h): their pairs come from the engine, so
  // the comparison of a link step itself is trivially equal, and the steps downstream of it are
  // compared for real on the same pairs.
  for (const model::Step* step : validated.order) {
    if (step->kind.text != "link") continue;
    const auto out = executed.value().find(step->id.text);
    if (out == executed.value().end()) continue;
    auto loaded = oracle.value().load_link_output(step->id.text,
                                                  validated.schemas.at(step->id.text), out->second);
    if (!loaded) report += "step " + step->id.text + ": " + loaded.error().message() + "\n";
  }
  for (const model::Step* step : validated.order) {
    const std::string& id = step->id.text;
    const model::Schema& schema = validated.schemas.at(id);
    const auto out = executed.value().find(id);
    if (out == executed.value().end()) {
      report += fmt::format("step {}: the engine returned no table\n", id);
      continue;
    }
    if (stats != nullptr) {
      ++stats->steps;
      stats->rows += out->second.rows();
      if (out->second.rows() > 0) {
        ++stats->non_empty_steps;
        std::string kind = step->kind.text;
        if (kind == "match") kind += step->join ? " " + step->join->text : " inner";
        if (kind == "time_window") {
          kind += step->window_mode ? " " + step->window_mode->text : " presence";
        }
        ++stats->non_empty_by_kind[kind];
      }
    }
    auto engine_rows = canonical_engine_table(out->second, schema);
    auto query = engine::generate_step_sql(spec, validated, params, id);
    if (!query) {
      report += fmt::format("step {}: no SQL: {}\n", id, query.error().message());
      continue;
    }
    auto sql_rows = oracle.value().run(query.value(), schema);
    std::string difference;
    if (!engine_rows) {
      difference = engine_rows.error().message() + "\n";
    } else if (!sql_rows) {
      difference = sql_rows.error().message() + "\n";
    } else {
      difference = describe_difference(engine_rows.value(), sql_rows.value());
    }
    if (!difference.empty()) {
      report += fmt::format("step {} ({}) differs:\n{}SQL:\n{}\n", id, step->kind.text, difference,
                            query.value().sql);
    }
  }
  return report;
}

}  // namespace shanhai::testing
