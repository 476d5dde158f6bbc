#include "support/random_model.h"

#include <algorithm>
#include <functional>
#include <random>
#include <set>
#include <vector>

#include <fmt/format.h>

#include "support/random_expression.h"
#include "support/table_builder.h"

namespace shanhai::testing {

namespace {

using model::TypeKind;

struct PoolField {
  std::string name;
  TypeKind type;
  std::string element;
};

// Every input draws its fields from this pool, so that inputs share names and types and joins
// find partners.
const std::vector<PoolField> kPool = {
    {"k", TypeKind::integer, "integer"}, {"n", TypeKind::integer, "integer"},
    {"code", TypeKind::text, "text"},    {"名称", TypeKind::text, "person_name"},
    {"金额", TypeKind::money, "money"},  {"x", TypeKind::decimal, "decimal"},
    {"浓度", TypeKind::decimal, "bac"},  {"d", TypeKind::date, "date"},
    {"d2", TypeKind::date, "date"},      {"flag", TypeKind::boolean, "bool"},
    {"memo", TypeKind::text, "text"}};

const std::vector<std::string> kMemos = {
    "186.5mg/100ml", "未检出", "abc", "0.8mg/ml", "x1y22", "中文b", "79.9毫克/100毫升"};
const std::vector<int64_t> kFen = {0, 1, 50, 100, 500, 10000, 12345, -100, 800000};
const std::vector<int64_t> kMicro = {0, 500000, 1250000, -2000000, 3000000, 5000000, 80000000};

std::string yaml_quoted(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    if (c == '\\' || c == '"') out += '\\';
    out += c;
  }
  return out + "\"";
}

bool is_number(TypeKind t) { return t == TypeKind::integer || t == TypeKind::decimal; }

bool comparable_keys(TypeKind a, TypeKind b) {
  auto numeric = [](TypeKind t) { return is_number(t) || t == TypeKind::money; };
  return a == b || (numeric(a) && numeric(b));
}

class Generator {
 public:
  explicit Generator(uint64_t seed) : choices_(seed), expressions_(choices_) {}

  RandomModel run(uint64_t seed);

 private:
  int pick(int lo, int hi) { return choices_.pick(lo, hi); }
  bool chance(double p) { return choices_.chance(p); }
  template <class T>
  const T& one_of(const std::vector<T>& v) {
    return choices_.one_of(v);
  }
  template <class T>
  void shuffle(std::vector<T>& v) {
    choices_.shuffle(v);
  }
  std::string expr(TypeKind t, int depth, const RandomFields& env) {
    return expressions_.expression(t, depth, env);
  }

  // ---- Steps. ----

  std::string new_name(std::string_view prefix) { return fmt::format("{}{}", prefix, ++names_); }

  std::string new_step_id() {
    ++steps_;
    return chance(0.15) ? fmt::format("步骤{}", steps_) : fmt::format("s{}", steps_);
  }

  void add_step(const std::string& id, const std::string& body, RandomFields schema) {
    steps_yaml_ += "  - id: " + id + "\n" + body;
    schemas_[id] = std::move(schema);
    sources_.push_back(id);
    last_step_ = id;
  }

  void use(const std::string& source) { used_.insert(source); }

  // A source, preferring inputs no step reads yet.
  std::string source() {
    std::vector<std::string> unused;
    for (const std::string& in : inputs_) {
      if (used_.count(in) == 0) unused.push_back(in);
    }
    const std::string s = !unused.empty() && chance(0.6) ? one_of(unused) : one_of(sources_);
    use(s);
    return s;
  }

  void filter_step(const std::string& from, const std::string& id) {
    const std::string where = expr(TypeKind::boolean, 3, schemas_[from]);
    add_step(
        id,
        fmt::format("    kind: filter\n    from: {}\n    where: {}\n", from, yaml_quoted(where)),
        schemas_[from]);
  }

  void derive_step(const std::string& from) {
    RandomFields schema = schemas_[from];
    std::string body = fmt::format("    kind: derive\n    from: {}\n    fields:\n", from);
    const int n = pick(1, 3);
    for (int i = 0; i < n; ++i) {
      const TypeKind t = expressions_.any_type();
      const std::string name = new_name(chance(0.2) ? "派生" : "v");
      const std::string e = chance(0.03) ? "null" : expr(t, pick(1, 3), schema);
      body += fmt::format("      {}: {}\n", name, yaml_quoted(e));
      schema.push_back({name, e == "null" ? TypeKind::null : t});
    }
    add_step(new_step_id(), body, schema);
  }

  // match, presence, absence or time_window; false when the two sides cannot be paired.
  bool pair_step(const std::string& kind) {
    const std::set<std::string> used_before = used_;
    if (!pair_step_from(kind)) {
      used_ = used_before;
      return false;
    }
    return true;
  }

  bool pair_step_from(const std::string& kind) {
    const std::string from = source();
    const std::string with = source();
    const RandomFields& left = schemas_[from];
    const RandomFields& right = schemas_[with];
    const bool adds = kind == "match";
    for (const RandomField& f : left) {
      if (f.name.rfind(with + ".", 0) == 0) return false;  // the output would repeat a name
    }
    std::vector<std::pair<std::string, std::string>> candidates;
    std::vector<std::pair<std::string, std::string>> same_name;
    for (const RandomField& l : left) {
      for (const RandomField& r : right) {
        if (!comparable_keys(l.type, r.type)) continue;
        candidates.emplace_back(l.name, r.name);
        if (l.name == r.name) same_name.emplace_back(l.name, r.name);
      }
    }
    std::vector<std::string> left_dates;
    std::vector<std::string> right_dates;
    for (const RandomField& f : left) {
      if (f.type == TypeKind::date) left_dates.push_back(f.name);
    }
    for (const RandomField& f : right) {
      if (f.type == TypeKind::date) right_dates.push_back(f.name);
    }
    const bool window = kind == "time_window";
    if (candidates.empty() || (window && (left_dates.empty() || right_dates.empty()))) {
      return false;
    }
    // The where of a key set sees the left bare and as "<from>.f", the right as "<with>.f".
    RandomFields env;
    for (const RandomField& f : left) env.push_back(f);
    if (from != with) {
      for (const RandomField& f : left) {
        if (f.name.find('.') == std::string::npos) env.push_back({from + "." + f.name, f.type});
      }
    }
    for (const RandomField& f : right) {
      if (f.name.find('.') == std::string::npos) env.push_back({with + "." + f.name, f.type});
    }
    std::string body =
        fmt::format("    kind: {}\n    from: {}\n    {}: {}\n", kind, from,
                    kind == "presence" || kind == "absence" ? "against" : "with", with);
    std::string mode;
    if (kind == "match" && chance(0.7)) {
      body += fmt::format("    join: {}\n", chance(0.5) ? "left" : "inner");
    }
    if (window) {
      static const std::vector<std::string> kModes = {"presence", "absence", "match", ""};
      mode = one_of(kModes);
      if (!mode.empty()) body += "    mode: " + mode + "\n";
      static const std::vector<std::string> kUnits = {"days", "天",   "weeks", "months",
                                                      "个月", "year", "years"};
      const std::string unit = one_of(kUnits);
      const int count = unit == "days" || unit == "天" ? pick(0, 60) : pick(0, 3);
      body +=
          fmt::format("    window: {{left: {}, right: {}, {}: {} {}}}\n", one_of(left_dates),
                      one_of(right_dates),
                      one_of(std::vector<std::string>{"within", "after", "before"}), count, unit);
    }
    body += "    match_any:\n";
    const int sets = pick(1, 2);
    for (int s = 0; s < sets; ++s) {
      std::map<std::string, std::string> pairs;  // one pair per left field
      const int n = pick(1, 2);
      for (int i = 0; i < n; ++i) {
        const auto& p = !same_name.empty() && chance(0.7) ? one_of(same_name) : one_of(candidates);
        pairs.emplace(p.first, p.second);
      }
      std::string on;
      for (const auto& [l, r] : pairs) on += (on.empty() ? "" : ", ") + l + ": " + r;
      body += "      - on: {" + on + "}\n";
      if (chance(0.35)) {
        body += "        where: " + yaml_quoted(expr(TypeKind::boolean, 2, env)) + "\n";
      }
    }
    RandomFields schema = left;
    if (adds || mode == "match") {
      for (const RandomField& f : right) schema.push_back({with + "." + f.name, f.type});
    }
    add_step(new_step_id(), body, schema);
    return true;
  }

  void aggregate_step(const std::string& from) {
    const RandomFields& input = schemas_[from];
    RandomFields schema;
    std::string group;
    std::set<std::string> chosen;
    const int g = pick(0, 2);
    for (int i = 0; i < g; ++i) {
      const RandomField& f = one_of(input);
      if (!chosen.insert(f.name).second) continue;
      group += (group.empty() ? "" : ", ") + f.name;
      schema.push_back(f);
    }
    std::string measures;
    const int m = pick(1, 3);
    for (int i = 0; i < m; ++i) {
      const std::string name = new_name(chance(0.2) ? "合计" : "m");
      const RandomField& f = one_of(input);
      const bool numeric = is_number(f.type) || f.type == TypeKind::money;
      std::string text;
      TypeKind type = TypeKind::integer;
      switch (pick(0, 6)) {
        case 0:
          text = "count()";
          break;
        case 1:
          text = "count(" + f.name + ")";
          break;
        case 2:
          text = "count_distinct(" + f.name + ")";
          break;
        case 3:
          text = numeric ? "sum(" + f.name + ")" : "count()";
          type = numeric ? f.type : TypeKind::integer;
          break;
        case 4:
          text = numeric ? "avg(" + f.name + ")" : "count(" + f.name + ")";
          type = numeric ? TypeKind::decimal : TypeKind::integer;
          break;
        default:
          text = (chance(0.5) ? "min(" : "max(") + f.name + ")";
          type = f.type;
      }
      measures += fmt::format("      {}: {}\n", name, yaml_quoted(text));
      schema.push_back({name, type});
    }
    std::string body = fmt::format(
        "    kind: aggregate\n    from: {}\n    group_by: [{}]\n"
        "    measures:\n{}",
        from, group, measures);
    if (chance(0.4)) {
      body += "    having: " + yaml_quoted(expr(TypeKind::boolean, 2, schema)) + "\n";
    }
    add_step(new_step_id(), body, schema);
  }

  void union_step(const std::string& from) {
    const std::string filtered = new_step_id();
    filter_step(from, filtered);
    std::vector<std::string> parts = {from, filtered};
    if (chance(0.3)) parts.push_back(chance(0.5) ? from : filtered);
    shuffle(parts);
    std::string list;
    for (const std::string& p : parts) list += (list.empty() ? "" : ", ") + p;
    add_step(new_step_id(), fmt::format("    kind: union\n    from: [{}]\n", list), schemas_[from]);
  }

  void distinct_step(const std::string& from) {
    const RandomFields& input = schemas_[from];
    RandomFields schema;
    std::set<std::string> chosen;
    std::string on;
    const int n = pick(1, 3);
    for (int i = 0; i < n; ++i) {
      const RandomField& f = one_of(input);
      if (!chosen.insert(f.name).second) continue;
      on += (on.empty() ? "" : ", ") + f.name;
      schema.push_back(f);
    }
    add_step(new_step_id(),
             fmt::format("    kind: distinct\n    from: {}\n    on: [{}]\n", from, on), schema);
  }

  void random_step() {
    static const std::vector<std::string> kKinds = {
        "filter",      "filter",    "derive",    "derive",      "match",
        "match",       "absence",   "presence",  "time_window", "time_window",
        "time_window", "aggregate", "aggregate", "union",       "distinct"};
    const std::string kind = one_of(kKinds);
    if (kind == "match" || kind == "absence" || kind == "presence" || kind == "time_window") {
      if (pair_step(kind)) return;
      filter_step(source(), new_step_id());
    } else if (kind == "filter") {
      filter_step(source(), new_step_id());
    } else if (kind == "derive") {
      derive_step(source());
    } else if (kind == "aggregate") {
      aggregate_step(source());
    } else if (kind == "union") {
      union_step(source());
    } else {
      distinct_step(source());
    }
  }

  // ---- Data. ----

  engine::Column column(TypeKind t, const std::string& name, size_t rows) {
    engine::Column c;
    c.type = t;
    for (size_t r = 0; r < rows; ++r) {
      const bool null = chance(0.15);
      c.present.push_back(null ? 0 : 1);
      int64_t v = 0;
      std::string s;
      switch (t) {
        case TypeKind::integer:
          v = pick(-2, 5);
          break;
        case TypeKind::decimal:
          v = name == "浓度" ? one_of(std::vector<int64_t>{0, 80000000, 186500000, 79900000})
                             : one_of(kMicro);
          break;
        case TypeKind::money:
          v = one_of(kFen);
          break;
        case TypeKind::date:
          v = chance(0.75) ? day(one_of(random_dates())) : day("2023-01-01") + pick(0, 730);
          break;
        case TypeKind::boolean:
          v = pick(0, 1);
          break;
        default:
          s = name == "memo" ? one_of(kMemos) : one_of(random_texts());
      }
      if (c.is_text()) {
        c.texts.push_back(null ? "" : s);
      } else {
        c.values.push_back(null ? 0 : v);
      }
      // Validity is a function of the value, as an element's check is.
      const size_t h = c.is_text() ? std::hash<std::string>()(s) : static_cast<size_t>(v * 7 + 3);
      c.element_valid.push_back(!null && h % 4 != 0 ? 1 : 0);
    }
    return c;
  }

  RandomChoices choices_;
  RandomExpressions expressions_;
  std::vector<std::string> inputs_;
  std::vector<std::string> sources_;
  std::set<std::string> used_;
  std::map<std::string, RandomFields> schemas_;
  std::string steps_yaml_;
  std::string last_step_;
  int names_ = 0;
  int steps_ = 0;
};

RandomModel Generator::run(uint64_t seed) {
  RandomModel out;
  out.seed = seed;
  static const std::vector<std::string> kInputNames = {"甲", "orders", "payments", "人员"};
  std::vector<std::string> names = kInputNames;
  shuffle(names);
  const int input_count = pick(1, 3);
  std::string inputs_yaml = "inputs:\n";
  for (int i = 0; i < input_count; ++i) {
    const std::string& name = names[static_cast<size_t>(i)];
    std::vector<PoolField> pool = kPool;
    shuffle(pool);
    pool.resize(static_cast<size_t>(pick(4, 7)));
    const size_t rows = chance(0.03) ? 0 : static_cast<size_t>(pick(5, 40));
    inputs_yaml += "  " + name + ":\n    fields:\n";
    std::vector<std::pair<std::string, engine::Column>> columns;
    RandomFields schema;
    for (const PoolField& f : pool) {
      inputs_yaml += fmt::format("      {}: {{element: {}}}\n", f.name, f.element);
      columns.emplace_back(f.name, column(f.type, f.name, rows));
      schema.push_back({f.name, f.type});
    }
    out.inputs[name] = make_table(static_cast<uint32_t>(i), std::move(columns));
    schemas_[name] = schema;
    inputs_.push_back(name);
    sources_.push_back(name);
  }

  const int step_count = pick(2, 6);
  for (int i = 0; i < step_count; ++i) random_step();
  for (const std::string& in : inputs_) {
    if (used_.count(in) == 0) {
      use(in);
      filter_step(in, new_step_id());
    }
  }

  out.params.emplace("p_int", parameter_value(TypeKind::integer, pick(-1, 4)));
  out.params.emplace(
      "p_dec",
      parameter_value(TypeKind::decimal, one_of(std::vector<int64_t>{500000, 1500000, 80000000})));
  out.params.emplace("p_money",
                     parameter_value(TypeKind::money, one_of(std::vector<int64_t>{0, 500, 10000})));
  out.params.emplace("p_date", parameter_value(TypeKind::date, day(one_of(random_dates()))));
  out.params.emplace("p_text", parameter_text(one_of(std::vector<std::string>{"a", "中", ""})));
  out.params.emplace("p_bool", parameter_value(TypeKind::boolean, pick(0, 1)));
  // Now and then a parameter without a value (null), which every use must carry as null.
  for (auto& [name, value] : out.params) {
    if (chance(0.04)) {
      engine::Column null;
      null.type = value.type;
      null.append_null();
      value = std::move(null);
    }
  }

  const RandomFields& last = schemas_[last_step_];
  out.yaml = fmt::format(
      "id: random-{}\nversion: 1.0.0\nname: 随机模型 {}\nlegal_basis: [测试]\n"
      "parameters:\n"
      "  p_int: {{type: integer, default: 3}}\n"
      "  p_dec: {{type: decimal, default: 1.5}}\n"
      "  p_money: {{type: money, default: 100}}\n"
      "  p_date: {{type: date, default: 2023-02-28}}\n"
      "  p_text: {{type: text, default: a}}\n"
      "  p_bool: {{type: bool, default: true}}\n"
      "{}steps:\n{}leads:\n  - {{step: {}, rule: r, subject: {}, title: t}}\n",
      seed, seed, inputs_yaml, steps_yaml_, last_step_, yaml_quoted(last.front().name));
  return out;
}

}  // namespace

RandomModel make_random_model(uint64_t seed) { return Generator(seed).run(seed); }

}  // namespace shanhai::testing
