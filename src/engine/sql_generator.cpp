#include "engine/sql_generator.h"

#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "engine/sql_expression.h"

namespace shanhai::engine {

using model::Schema;
using model::Step;
using model::TypeKind;

namespace {

// One output column of a step: its name, value and validity as SQL.
struct Output {
  std::string name;
  std::string value;
  std::string valid;
};

std::string select_list(const std::vector<Output>& outputs, std::string_view lineage) {
  std::string out;
  for (const Output& o : outputs) out += o.value + " AS " + quote_identifier(o.name) + ", ";
  for (const Output& o : outputs) {
    out += o.valid + " AS " + quote_identifier(valid_column_name(o.name)) + ", ";
  }
  return out + std::string(lineage) + " AS \"_lineage\"";
}

// The columns of schema read unchanged through alias ("" or "_l.").
std::vector<Output> passthrough(const Schema& schema, std::string_view alias) {
  std::vector<Output> out;
  for (const model::SchemaField& f : schema) {
    out.push_back({f.name, std::string(alias) + quote_identifier(f.name),
                   std::string(alias) + quote_identifier(valid_column_name(f.name))});
  }
  return out;
}

void add_fields(SqlFields& fields, const Schema& schema, std::string_view prefix,
                std::string_view alias) {
  for (const model::SchemaField& f : schema) {
    fields.insert_or_assign(
        std::string(prefix) + f.name,
        SqlField{std::string(alias) + quote_identifier(f.name),
                 std::string(alias) + quote_identifier(valid_column_name(f.name))});
  }
}

std::string join(const std::vector<std::string>& parts, std::string_view separator) {
  std::string out;
  for (const std::string& p : parts) {
    if (!out.empty()) out += separator;
    out += p;
  }
  return out;
}

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

Error name_clash(std::string_view a, std::string_view b) {
  return Error("sql.name_clash",
               fmt::format("名称“{}”与“{}”仅大小写不同（或相同），在 SQL 中无法区分", a, b),
               fmt::format("names \"{}\" and \"{}\" differ only in letter case (or not at all), "
                           "which SQL cannot tell apart",
                           a, b));
}

// A window length: a count of days or of months.
struct Window {
  int64_t count = 0;
  bool months = false;
};

// "180 days", "9个月", "1 year" (the validator checked the shape).
std::optional<Window> parse_window(std::string_view text) {
  const auto blank = [](char c) { return c == ' ' || c == '\t'; };
  size_t i = 0;
  while (i < text.size() && blank(text[i])) ++i;
  int64_t n = 0;
  const size_t digits_start = i;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9' && i - digits_start < 12) {
    n = n * 10 + (text[i++] - '0');
  }
  if (i == digits_start) return std::nullopt;
  while (i < text.size() && blank(text[i])) ++i;
  size_t end = text.size();
  while (end > i && blank(text[end - 1])) --end;
  const std::string_view unit = text.substr(i, end - i);
  static const std::map<std::string_view, std::pair<int64_t, bool>> kUnits = {
      {"day", {1, false}},   {"days", {1, false}},  {"天", {1, false}}, {"日", {1, false}},
      {"week", {7, false}},  {"weeks", {7, false}}, {"周", {7, false}}, {"month", {1, true}},
      {"months", {1, true}}, {"个月", {1, true}},   {"月", {1, true}},  {"year", {12, true}},
      {"years", {12, true}}, {"年", {12, true}}};
  const auto it = kUnits.find(unit);
  if (it == kUnits.end()) return std::nullopt;
  return Window{n * it->second.first, it->second.second};
}

// "sum(amount)" → {"sum", "amount"}; "count()" → {"count", ""}.
std::pair<std::string, std::string> parse_measure(std::string_view text) {
  auto trim = [](std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
  };
  const size_t open = text.find('(');
  const size_t close = text.rfind(')');
  if (open == std::string_view::npos || close == std::string_view::npos || close < open) {
    return {std::string(trim(text)), ""};
  }
  return {std::string(trim(text.substr(0, open))),
          std::string(trim(text.substr(open + 1, close - open - 1)))};
}

class Generator {
 public:
  Generator(const model::ModelSpec& spec, const model::ValidatedSpec& validated,
            const Parameters& params)
      : validated_(validated), params_(params) {
    for (const model::Input& in : spec.inputs) inputs_.insert(in.name.text);
  }

  Result<SqlQuery> run(std::string_view step_id) {
    const Step* target = nullptr;
    for (const Step* s : validated_.order) {
      if (s->id.text == step_id) target = s;
    }
    if (target == nullptr) {
      return Error("sql.unknown_step", fmt::format("模型中没有步骤“{}”", step_id),
                   fmt::format("the model has no step \"{}\"", step_id));
    }
    SHANHAI_TRY(check_names());
    // The steps the target reads, directly or not, in execution order.
    std::set<std::string> needed = {target->id.text};
    for (auto it = validated_.order.rbegin(); it != validated_.order.rend(); ++it) {
      const Step& s = **it;
      if (needed.count(s.id.text) == 0) continue;
      for (const model::Located& f : s.from) needed.insert(f.text);
      if (s.with) needed.insert(s.with->text);
    }
    std::vector<std::string> ctes;
    for (const Step* s : validated_.order) {
      if (needed.count(s->id.text) == 0) continue;
      auto body = step_sql(*s);
      if (!body) return body.take_error();
      ctes.push_back(quote_identifier(s->id.text) + " AS (\n  " + body.value() + "\n)");
    }
    SqlQuery query;
    std::string columns;
    for (const model::SchemaField& f : validated_.schemas.at(target->id.text)) {
      query.columns.push_back(f.name);
      columns += quote_identifier(f.name) + ", ";
    }
    query.sql = "WITH\n" + join(ctes, ",\n") + "\nSELECT " + columns + "\"_lineage\" FROM " +
                quote_identifier(target->id.text);
    return query;
  }

 private:
  // Step ids against each other and the input tables, and the fields of every output.
  Status check_names() const {
    std::map<std::string, std::string> relations;
    auto claim = [&](std::map<std::string, std::string>& seen, const std::string& name) -> Status {
      const auto [it, fresh] = seen.emplace(ascii_lower(name), name);
      if (!fresh) return name_clash(it->second, name);
      return Status::Ok();
    };
    for (const std::string& in : inputs_) SHANHAI_TRY(claim(relations, input_table_name(in)));
    for (const Step* s : validated_.order) SHANHAI_TRY(claim(relations, s->id.text));
    for (const auto& [name, schema] : validated_.schemas) {
      std::map<std::string, std::string> columns = {{"_lineage", "_lineage"}};
      for (const model::SchemaField& f : schema) {
        SHANHAI_TRY(claim(columns, f.name));
        SHANHAI_TRY(claim(columns, valid_column_name(f.name)));
      }
    }
    return Status::Ok();
  }

  std::string relation(const std::string& source) const {
    return inputs_.count(source) ? quote_identifier(input_table_name(source))
                                 : quote_identifier(source);
  }

  const Schema& schema(const std::string& source) const { return validated_.schemas.at(source); }

  // An expression of the spec (found by its position, as the validator keyed it) as SQL.
  Result<std::string> compiled(const model::Located& expr, const SqlFields& fields) const {
    const auto it =
        validated_.expressions.find(fmt::format("{}:{}", expr.pos.line, expr.pos.column));
    if (it == validated_.expressions.end()) {
      return Error("sql.unknown_expression", fmt::format("表达式“{}”未经校验", expr.text),
                   fmt::format("expression \"{}\" was not validated", expr.text));
    }
    return expression_sql(*it->second.root, fields, params_);
  }

  Result<std::string> step_sql(const Step& s) const {
    const std::string& kind = s.kind.text;
    if (kind == "filter") return filter(s);
    if (kind == "derive") return derive(s);
    if (kind == "match") return pairs(s, s.join && s.join->text == "left" ? "left" : "match");
    if (kind == "presence" || kind == "absence") return pairs(s, kind);
    if (kind == "time_window") return pairs(s, s.window_mode ? s.window_mode->text : "presence");
    if (kind == "aggregate") return aggregate(s);
    if (kind == "union") return union_all(s);
    if (kind == "distinct") return distinct(s);
    if (kind == "link") {
      // The linkage's pairs are not recomputed in SQL: they are read from the table the caller
      // filled with the engine's output of the step (see link_table_name).
      return "SELECT * FROM " + quote_identifier(link_table_name(s.id.text));
    }
    return Error("sql.unsupported", fmt::format("步骤类型“{}”无法转换为 SQL", kind),
                 fmt::format("step kind \"{}\" cannot be written as SQL", kind));
  }

  Result<std::string> filter(const Step& s) const {
    const std::string& from = s.from.front().text;
    SqlFields fields;
    add_fields(fields, schema(from), "", "");
    auto where = compiled(*s.where, fields);
    if (!where) return where.take_error();
    return "SELECT " + select_list(passthrough(schema(from), ""), "\"_lineage\"") + " FROM " +
           relation(from) + " WHERE " + where.value();
  }

  Result<std::string> derive(const Step& s) const {
    const std::string& from = s.from.front().text;
    std::vector<Output> outputs = passthrough(schema(from), "");
    SqlFields fields;
    add_fields(fields, schema(from), "", "");
    std::string inner = "SELECT * FROM " + relation(from);
    for (const auto& [name, expr] : s.derive) {
      auto value = compiled(expr, fields);
      if (!value) return value.take_error();
      inner = "SELECT *, " + value.value() + " AS " + quote_identifier(name.text) + " FROM (" +
              inner + ")";
      const std::string column = quote_identifier(name.text);
      const std::string valid = "(" + column + " IS NOT NULL)";
      fields.insert_or_assign(name.text, SqlField{column, valid});
      outputs.push_back({name.text, column, valid});
    }
    return "SELECT " + select_list(outputs, "\"_lineage\"") + " FROM (" + inner + ")";
  }

  // The condition on a pair (_l, _r) of a match-family step: any key set, and the window.
  Result<std::string> pair_condition(const Step& s) const {
    const std::string& from = s.from.front().text;
    const std::string& with = s.with->text;
    const Schema& left = schema(from);
    const Schema& right = schema(with);
    auto type_of = [](const Schema& schema, const std::string& name) {
      for (const model::SchemaField& f : schema) {
        if (f.name == name) return f.type.kind;
      }
      return TypeKind::unknown;
    };
    std::vector<std::string> any;
    for (const model::KeySet& k : s.match_any) {
      std::vector<std::string> all;
      for (const auto& [l, r] : k.pairs) {
        all.push_back(key_equal_sql("_l." + quote_identifier(l.text), type_of(left, l.text),
                                    "_r." + quote_identifier(r.text), type_of(right, r.text)));
      }
      if (k.where) {
        // As the validator typed it: this side bare and as "<from>.f", the other as "<with>.f".
        SqlFields fields;
        add_fields(fields, left, "", "_l.");
        add_fields(fields, left, from + ".", "_l.");
        add_fields(fields, right, with + ".", "_r.");
        auto where = compiled(*k.where, fields);
        if (!where) return where.take_error();
        all.push_back(where.value());
      }
      any.push_back("(" + join(all, " AND ") + ")");
    }
    std::string out = "(" + join(any, " OR ") + ")";
    if (s.window_left) {
      const auto window = parse_window(s.window_duration->text);
      if (!window) {
        return Error(
            "sql.unsupported", fmt::format("时间窗口“{}”无法转换为 SQL", s.window_duration->text),
            fmt::format("time window \"{}\" cannot be written as SQL", s.window_duration->text));
      }
      const std::string l = "_l." + quote_identifier(s.window_left->text);
      const std::string r = "_r." + quote_identifier(s.window_right->text);
      const std::string n = std::to_string(window->count);
      const std::string low =
          window->months ? add_months_sql(l, "(-" + n + ")") : fmt::format("({} - {})", l, n);
      const std::string high =
          window->months ? add_months_sql(l, n) : fmt::format("({} + {})", l, n);
      const std::string& relation_kind = s.window_relation->text;
      const std::string from_bound = relation_kind == "after" ? l : low;
      const std::string to_bound = relation_kind == "before" ? l : high;
      out +=
          fmt::format(" AND {} IS NOT NULL AND {} BETWEEN {} AND {}", l, r, from_bound, to_bound);
    }
    return out;
  }

  // match (inner), left (left join), presence, absence.
  Result<std::string> pairs(const Step& s, const std::string& mode) const {
    const std::string& from = s.from.front().text;
    const std::string& with = s.with->text;
    auto on = pair_condition(s);
    if (!on) return on.take_error();
    std::vector<Output> outputs = passthrough(schema(from), "_l.");
    const std::string sources = relation(from) + " AS _l";
    const std::string right = relation(with) + " AS _r";
    if (mode == "presence" || mode == "absence") {
      const std::string exists = "EXISTS (SELECT 1 FROM " + right + " WHERE " + on.value() + ")";
      if (mode == "absence") {
        return "SELECT " + select_list(outputs, "_l.\"_lineage\"") + " FROM " + sources +
               " WHERE NOT " + exists;
      }
      const std::string lineage =
          "_l.\"_lineage\" || coalesce(',' || (SELECT group_concat(_r."
          "\"_lineage\") FROM " +
          right + " WHERE " + on.value() + "), '')";
      return "SELECT " + select_list(outputs, lineage) + " FROM " + sources + " WHERE " + exists;
    }
    const bool left_join = mode == "left";
    for (const model::SchemaField& f : schema(with)) {
      const std::string valid = "_r." + quote_identifier(valid_column_name(f.name));
      outputs.push_back({with + "." + f.name, "_r." + quote_identifier(f.name),
                         left_join ? "coalesce(" + valid + ", 0)" : valid});
    }
    const std::string lineage = left_join
                                    ? "_l.\"_lineage\" || coalesce(',' || _r.\"_lineage\", '')"
                                    : "_l.\"_lineage\" || ',' || _r.\"_lineage\"";
    // A left join's ON is one term (… IS TRUE): SQLite 3.40 pushes ON terms that read only the
    // left side down into a left side that is an aggregate, where they drop left rows.
    return "SELECT " + select_list(outputs, lineage) + " FROM " + sources +
           (left_join ? " LEFT JOIN " + right + " ON (" + on.value() + ") IS TRUE"
                      : " JOIN " + right + " ON " + on.value());
  }

  Result<std::string> aggregate(const Step& s) const {
    const std::string& from = s.from.front().text;
    const Schema& input = schema(from);
    std::vector<std::string> inner;
    std::vector<std::string> keys;
    std::vector<Output> outputs;
    SqlFields fields;
    for (const model::Located& g : s.group_by) {
      const std::string column = quote_identifier(g.text);
      const std::string valid = quote_identifier(valid_column_name(g.text));
      keys.push_back(column);
      inner.push_back(column);
      outputs.push_back({g.text, column, valid});
      fields.insert_or_assign(g.text, SqlField{column, valid});
    }
    for (const auto& [name, measure] : s.measures) {
      const auto [fn, arg] = parse_measure(measure.text);
      const std::string f = quote_identifier(arg);
      TypeKind kind = TypeKind::unknown;
      for (const model::SchemaField& field : input) {
        if (field.name == arg) kind = field.type.kind;
      }
      std::string sql;
      if (fn == "count") {
        sql = arg.empty() ? "count(*)" : "count(" + f + ")";
      } else if (fn == "count_distinct") {
        sql = "count(DISTINCT " + f + ")";
      } else if (fn == "avg") {
        const std::string sum = "sum(" + f + ")";
        const std::string count = "count(" + f + ")";
        sql = kind == TypeKind::integer ? scaled_division_sql(sum, "1000000", count)
              : kind == TypeKind::money ? scaled_division_sql(sum, "10000", count)
                                        : rounded_division_sql(sum, count);
      } else if (fn == "sum" || fn == "min" || fn == "max") {
        sql = fn + "(" + f + ")";
      } else {
        return Error("sql.unsupported", fmt::format("汇总指标“{}”无法转换为 SQL", measure.text),
                     fmt::format("measure \"{}\" cannot be written as SQL", measure.text));
      }
      const std::string column = quote_identifier(name.text);
      const std::string valid = "(" + column + " IS NOT NULL)";
      inner.push_back(sql + " AS " + column);
      outputs.push_back({name.text, column, valid});
      fields.insert_or_assign(name.text, SqlField{column, valid});
    }
    for (const model::Located& g : s.group_by) {
      const std::string valid = quote_identifier(valid_column_name(g.text));
      inner.push_back("max(" + valid + ") AS " + valid);
    }
    inner.push_back("coalesce(group_concat(\"_lineage\"), '') AS \"_lineage\"");
    std::string grouped = "SELECT " + join(inner, ", ") + " FROM " + relation(from) +
                          (keys.empty() ? "" : " GROUP BY " + join(keys, ", "));
    std::string out = "SELECT " + select_list(outputs, "\"_lineage\"") + " FROM (" + grouped + ")";
    if (s.having) {
      auto having = compiled(*s.having, fields);
      if (!having) return having.take_error();
      out += " WHERE " + having.value();
    }
    return out;
  }

  Result<std::string> union_all(const Step& s) const {
    std::vector<std::string> parts;
    for (const model::Located& source : s.from) {
      parts.push_back("SELECT " +
                      select_list(passthrough(schema(source.text), ""), "\"_lineage\"") + " FROM " +
                      relation(source.text));
    }
    return join(parts, " UNION ALL ");
  }

  Result<std::string> distinct(const Step& s) const {
    const std::string& from = s.from.front().text;
    std::vector<std::string> select;
    std::vector<std::string> keys;
    for (const model::Located& f : s.on) {
      keys.push_back(quote_identifier(f.text));
      select.push_back(quote_identifier(f.text));
    }
    for (const model::Located& f : s.on) {
      const std::string valid = quote_identifier(valid_column_name(f.text));
      select.push_back("max(" + valid + ") AS " + valid);
    }
    select.push_back("group_concat(\"_lineage\") AS \"_lineage\"");
    return "SELECT " + join(select, ", ") + " FROM " + relation(from) +
           (keys.empty() ? " HAVING count(*) > 0" : " GROUP BY " + join(keys, ", "));
  }

  const model::ValidatedSpec& validated_;
  const Parameters& params_;
  std::set<std::string> inputs_;
};

}  // namespace

std::string link_table_name(std::string_view step) { return "link_" + std::string(step); }

std::string input_table_name(std::string_view input) { return "in_" + std::string(input); }

std::string valid_column_name(std::string_view field) { return "_valid_" + std::string(field); }

Result<SqlQuery> generate_step_sql(const model::ModelSpec& spec,
                                   const model::ValidatedSpec& validated, const Parameters& params,
                                   std::string_view step_id) {
  return Generator(spec, validated, params).run(step_id);
}

}  // namespace shanhai::engine
