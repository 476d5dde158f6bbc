#include "engine/executor.h"

#include <algorithm>
#include <mutex>
#include <regex>
#include <set>
#include <thread>
#include <unordered_set>

#include <fmt/format.h>

#include "engine/arithmetic.h"
#include "engine/columns.h"
#include "engine/expr_eval.h"
#include "engine/link_step.h"
#include "engine/partitioned_join.h"

namespace shanhai::engine {

namespace {

using model::Step;
using model::TypeKind;

constexpr size_t kMorsel = 1 << 16;

using Pairs = std::vector<std::pair<uint32_t, uint32_t>>;  // (left row, right row)

std::shared_ptr<const Column> share(Column c) {
  return std::make_shared<const Column>(std::move(c));
}

// A time window: relation and duration of a time_window step.
struct Window {
  std::string relation;  // within, after, before
  int64_t count = 0;
  bool months = false;  // count is in months (months, years) rather than days (days, weeks)
};

Window parse_window(const Step& s) {
  static const std::regex kDuration(R"(\s*([0-9]+)\s*(\S+)\s*)");
  Window w;
  w.relation = s.window_relation->text;
  std::smatch m;
  const std::string& text = s.window_duration->text;
  if (std::regex_match(text, m, kDuration)) {
    w.count = std::stoll(m[1]);
    const std::string unit = m[2];
    if (unit == "week" || unit == "weeks" || unit == "周") w.count *= 7;
    if (unit == "year" || unit == "years" || unit == "年") w.count *= 12;
    w.months = unit == "month" || unit == "months" || unit == "个月" || unit == "月" ||
               unit == "year" || unit == "years" || unit == "年";
  }
  return w;
}

std::optional<int64_t> shift(int64_t day, int64_t count, bool months) {
  if (months) return add_months(day, count);
  return day + count;
}

class Executor {
 public:
  Executor(const model::ModelSpec& spec, const model::ValidatedSpec& validated,
           std::map<std::string, Table> inputs, const Parameters& params,
           const ExecutionOptions& options)
      : spec_(spec),
        validated_(validated),
        tables_(std::move(inputs)),
        params_(params),
        options_(options) {}

  // Runs the steps in `only` (all when nullptr), in the validated order.
  Result<std::map<std::string, Table>> run(const std::set<std::string>* only = nullptr) {
    size_t done = 0;
    const size_t total = only != nullptr ? only->size() : validated_.order.size();
    for (const Step* s : validated_.order) {
      if (only != nullptr && only->count(s->id.text) == 0) continue;
      if (options_.progress != nullptr) {
        options_.progress->update("执行步骤 running steps", done, total);
      }
      if (is_cancelled(options_.progress)) return cancelled_error();
      auto out = step(*s);
      if (!out) return out.take_error();
      tables_[s->id.text] = std::move(out.value());
      ++done;
    }
    if (options_.progress != nullptr) options_.progress->finish();
    return std::move(tables_);
  }

 private:
  const model::Expr& expr(const model::Located& where) const {
    return *validated_.expressions.at(fmt::format("{}:{}", where.pos.line, where.pos.column)).root;
  }

  const Table& table(const std::string& name) const { return tables_.at(name); }

  Result<Table> step(const Step& s) {
    const std::string& kind = s.kind.text;
    const Table& from = table(s.from.front().text);
    if (kind == "filter") return filter(from, expr(*s.where));
    if (kind == "derive") return derive(s, from);
    if (kind == "aggregate") return aggregate(s, from);
    if (kind == "distinct") return distinct(s, from);
    if (kind == "union") return union_all(s);
    if (kind == "link") {
      const Table* other = s.with ? &table(s.with->text) : nullptr;
      return execute_link(s, from, other,
                          {side_label(s.from.front().text),
                           side_label(s.with ? s.with->text : s.from.front().text)},
                          options_.threads, options_.link_decisions, options_.progress);
    }
    return join(s, from, table(s.with->text));
  }

  // How link explanations name a side: the input's label (死亡人员登记), else the name.
  std::string side_label(const std::string& name) const {
    for (const model::Input& in : spec_.inputs) {
      if (in.name.text == name && !in.label.empty()) return in.label;
    }
    return name;
  }

  // ---- filter, derive ---------------------------------------------------------------------

  std::vector<uint32_t> select(const Table& t, const model::Expr& condition) const {
    Frame frame;
    frame.params = &params_;
    frame.add_table(t);
    const size_t morsels = morsel_count(t.rows(), kMorsel);
    std::vector<std::vector<uint32_t>> parts(morsels);
    parallel_for(morsels, options_.threads, [&](size_t m) {
      select_true(condition, frame, m * kMorsel, std::min(t.rows(), (m + 1) * kMorsel), parts[m]);
    });
    std::vector<uint32_t> rows;
    for (const auto& p : parts) rows.insert(rows.end(), p.begin(), p.end());
    return rows;
  }

  Table take(const Table& t, const std::vector<uint32_t>& rows) const {
    Table out;
    out.columns.resize(t.columns.size());
    parallel_for(t.columns.size(), options_.threads, [&](size_t c) {
      out.columns[c] = {t.columns[c].name, share(gather(*t.columns[c].column, rows))};
    });
    out.lineage.reserve(rows.size(), rows.size());
    for (uint32_t r : rows) out.lineage.append_union(t.lineage, r);
    return out;
  }

  Table filter(const Table& t, const model::Expr& condition) const {
    return take(t, select(t, condition));
  }

  Column evaluate_all(const Table& t, const model::Expr& e) const {
    Frame frame;
    frame.params = &params_;
    frame.add_table(t);
    const size_t morsels = morsel_count(t.rows(), kMorsel);
    std::vector<Column> parts(morsels);
    parallel_for(morsels, options_.threads, [&](size_t m) {
      parts[m] = evaluate(e, frame, m * kMorsel, std::min(t.rows(), (m + 1) * kMorsel));
    });
    Column out;
    out.type = e.type;
    if (out.type.kind == TypeKind::null) out.type = TypeKind::text;
    for (const Column& p : parts) append_column(out, p);
    out.element_valid.clear();  // is_valid of a computed value: not null
    return out;
  }

  Table derive(const Step& s, const Table& from) const {
    Table out = from;
    for (const auto& [name, e] : s.derive) {
      out.columns.push_back({name.text, share(evaluate_all(out, expr(e)))});
    }
    return out;
  }

  // ---- match, absence, presence, time_window ------------------------------------------------

  // Candidate pairs of one key set: equal keys, then the key set's condition.
  Pairs key_set_pairs(const Step& s, const model::KeySet& k, const Table& left,
                      const Table& right) const {
    std::vector<const Column*> lcols, rcols;
    for (const auto& [l, r] : k.pairs) {
      lcols.push_back(left.find(l.text));
      rcols.push_back(right.find(r.text));
    }
    Pairs pairs;
    if (std::find(lcols.begin(), lcols.end(), nullptr) != lcols.end() ||
        std::find(rcols.begin(), rcols.end(), nullptr) != rcols.end()) {
      return pairs;  // a key column that was not loaded cannot match
    }
    const KeyColumns lkeys(lcols, false), rkeys(rcols, false);
    auto lcoded = coded_side(lkeys, left.rows(), options_.threads);
    auto rcoded = lcoded ? coded_side(rkeys, right.rows(), options_.threads) : std::nullopt;
    if (lcoded && rcoded) {
      pairs = partitioned_pairs(std::move(*lcoded), std::move(*rcoded), options_.threads);
      if (k.where) pairs = pairs_where(s, expr(*k.where), left, right, pairs);
      return pairs;
    }
    lcoded.reset();
    const HashIndex index(rkeys, right.rows(), options_.threads);
    const size_t morsels = morsel_count(left.rows(), kMorsel);
    std::vector<Pairs> parts(morsels);
    parallel_for(morsels, options_.threads, [&](size_t m) {
      const size_t end = std::min(left.rows(), (m + 1) * kMorsel);
      probe_batched(index, lkeys, m * kMorsel, end, [&](size_t l, const KeyCode& c) {
        index.for_each_match(
            lkeys, l, c, [&](uint32_t r) { parts[m].emplace_back(static_cast<uint32_t>(l), r); });
      });
    });
    for (const auto& p : parts) pairs.insert(pairs.end(), p.begin(), p.end());
    if (k.where) pairs = pairs_where(s, expr(*k.where), left, right, pairs);
    return pairs;
  }

  // Sets matched[l] for every left row with a partner under key set k (no condition).
  void mark_matched(const model::KeySet& k, const Table& left, const Table& right,
                    std::vector<uint8_t>& matched) const {
    std::vector<const Column*> lcols, rcols;
    for (const auto& [l, r] : k.pairs) {
      lcols.push_back(left.find(l.text));
      rcols.push_back(right.find(r.text));
    }
    if (std::find(lcols.begin(), lcols.end(), nullptr) != lcols.end() ||
        std::find(rcols.begin(), rcols.end(), nullptr) != rcols.end()) {
      return;
    }
    const KeyColumns lkeys(lcols, false), rkeys(rcols, false);
    auto lcoded = coded_side(lkeys, left.rows(), options_.threads);
    auto rcoded = lcoded ? coded_side(rkeys, right.rows(), options_.threads) : std::nullopt;
    if (lcoded && rcoded) {
      partitioned_mark(std::move(*lcoded), std::move(*rcoded), options_.threads, matched);
      return;
    }
    lcoded.reset();
    const HashIndex index(rkeys, right.rows(), options_.threads);
    parallel_for(morsel_count(left.rows(), kMorsel), options_.threads, [&](size_t m) {
      const size_t end = std::min(left.rows(), (m + 1) * kMorsel);
      probe_batched(index, lkeys, m * kMorsel, end, [&](size_t l, const KeyCode& c) {
        if (matched[l] == 0 && index.contains(lkeys, l, c)) matched[l] = 1;
      });
    });
  }

  // The pairs for which a condition over both rows is true.
  Pairs pairs_where(const Step& s, const model::Expr& condition, const Table& left,
                    const Table& right, const Pairs& pairs) const {
    const std::string& from = s.from.front().text;
    const std::string& with = s.with->text;
    const std::vector<std::string> names = model::referenced_fields(condition);
    const size_t morsels = morsel_count(pairs.size(), kMorsel);
    std::vector<Pairs> kept(morsels);
    parallel_for(morsels, options_.threads, [&](size_t m) {
      const size_t begin = m * kMorsel, end = std::min(pairs.size(), (m + 1) * kMorsel);
      std::vector<uint32_t> lrows, rrows;
      for (size_t i = begin; i < end; ++i) {
        lrows.push_back(pairs[i].first);
        rrows.push_back(pairs[i].second);
      }
      std::vector<Column> gathered;
      gathered.reserve(names.size());
      Frame frame;
      frame.params = &params_;
      for (const std::string& name : names) {
        const Column* source = nullptr;
        const std::vector<uint32_t>* rows = nullptr;
        if (name.rfind(with + ".", 0) == 0 && right.find(name.substr(with.size() + 1))) {
          source = right.find(name.substr(with.size() + 1));
          rows = &rrows;
        } else if (name.rfind(from + ".", 0) == 0 && left.find(name.substr(from.size() + 1))) {
          source = left.find(name.substr(from.size() + 1));
          rows = &lrows;
        } else if (left.find(name) != nullptr) {
          source = left.find(name);
          rows = &lrows;
        }
        if (source == nullptr) continue;
        gathered.push_back(gather(*source, *rows));
      }
      size_t g = 0;
      for (const std::string& name : names) {
        const bool found = (name.rfind(with + ".", 0) == 0 &&
                            right.find(name.substr(with.size() + 1)) != nullptr) ||
                           (name.rfind(from + ".", 0) == 0 &&
                            left.find(name.substr(from.size() + 1)) != nullptr) ||
                           left.find(name) != nullptr;
        if (found) frame.add(name, &gathered[g++]);
      }
      std::vector<uint32_t> selected;
      select_true(condition, frame, 0, end - begin, selected);
      for (uint32_t i : selected) kept[m].push_back(pairs[begin + i]);
    });
    Pairs out;
    for (const auto& p : kept) out.insert(out.end(), p.begin(), p.end());
    return out;
  }

  Pairs window_pairs(const Step& s, const Table& left, const Table& right,
                     const Pairs& pairs) const {
    const Column* lc = left.find(s.window_left->text);
    const Column* rc = right.find(s.window_right->text);
    if (lc == nullptr || rc == nullptr) return {};
    const Window w = parse_window(s);
    Pairs out;
    for (const auto& [l, r] : pairs) {
      if (lc->is_null(l) || rc->is_null(r)) continue;
      const int64_t L = lc->values[l], R = rc->values[r];
      const bool after = w.relation == "after", before = w.relation == "before";
      auto lo = after ? std::optional<int64_t>(L) : shift(L, -w.count, w.months);
      auto hi = before ? std::optional<int64_t>(L) : shift(L, w.count, w.months);
      if (lo && hi && *lo <= R && R <= *hi) out.emplace_back(l, r);
    }
    return out;
  }

  Result<Table> join(const Step& s, const Table& left, const Table& right) const {
    const std::string& kind = s.kind.text;
    const bool is_window = kind == "time_window";
    const std::string mode = is_window         ? (s.window_mode ? s.window_mode->text : "presence")
                             : kind == "match" ? "match"
                                               : kind;
    // Absence without conditions needs only to know whether a partner exists.
    const bool plain = std::none_of(s.match_any.begin(), s.match_any.end(),
                                    [](const model::KeySet& k) { return k.where.has_value(); });
    if (mode == "absence" && !is_window && plain) {
      std::vector<uint8_t> matched(left.rows(), 0);
      for (const model::KeySet& k : s.match_any) mark_matched(k, left, right, matched);
      std::vector<uint32_t> rows;
      for (uint32_t l = 0; l < left.rows(); ++l) {
        if (matched[l] == 0) rows.push_back(l);
      }
      return take(left, rows);
    }
    Pairs pairs;
    for (const model::KeySet& k : s.match_any) {
      Pairs p = key_set_pairs(s, k, left, right);
      pairs.insert(pairs.end(), p.begin(), p.end());
    }
    if (is_window) pairs = window_pairs(s, left, right, pairs);
    // One key set yields pairs in (left, right) order already; several need merging.
    if (!std::is_sorted(pairs.begin(), pairs.end())) std::sort(pairs.begin(), pairs.end());
    pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());

    if (mode == "absence" || mode == "presence") {
      const bool want = mode == "presence";
      std::vector<uint32_t> rows;
      std::vector<std::pair<size_t, size_t>> spans;  // pairs range of each kept row
      size_t i = 0;
      for (uint32_t l = 0; l < left.rows(); ++l) {
        const size_t start = i;
        while (i < pairs.size() && pairs[i].first == l) ++i;
        if ((i > start) == want) {
          rows.push_back(l);
          spans.emplace_back(start, i);
        }
      }
      Table out = take(left, rows);
      if (want) {
        // The row's lineage gains every matching right row.
        Lineage lineage;
        std::vector<uint32_t> partners;
        for (size_t k = 0; k < rows.size(); ++k) {
          partners.clear();
          for (size_t p = spans[k].first; p < spans[k].second; ++p) {
            partners.push_back(pairs[p].second);
          }
          Lineage right_union;
          right_union.append_union_of(right.lineage, partners);
          lineage.append_union(left.lineage, rows[k], &right_union, 0);
        }
        out.lineage = std::move(lineage);
      }
      return out;
    }

    // match: inner, or left (every left row at least once).
    const bool left_join = s.join && s.join->text == "left";
    std::vector<uint32_t> lrows, rrows;
    if (!left_join) {
      lrows.resize(pairs.size());
      rrows.resize(pairs.size());
      parallel_for(morsel_count(pairs.size(), kMorsel), options_.threads, [&](size_t m) {
        const size_t end = std::min(pairs.size(), (m + 1) * kMorsel);
        for (size_t p = m * kMorsel; p < end; ++p) {
          lrows[p] = pairs[p].first;
          rrows[p] = pairs[p].second;
        }
      });
    } else {
      size_t i = 0;
      for (uint32_t l = 0; l < left.rows(); ++l) {
        const size_t start = i;
        while (i < pairs.size() && pairs[i].first == l) {
          lrows.push_back(l);
          rrows.push_back(pairs[i].second);
          ++i;
        }
        if (i == start) {
          lrows.push_back(l);
          rrows.push_back(kNoRow);
        }
      }
    }
    pairs = {};
    Table out;
    const std::string& with = s.with->text;
    std::vector<std::pair<std::string, const Column*>> sources;
    for (const NamedColumn& c : left.columns) sources.emplace_back(c.name, c.column.get());
    for (const NamedColumn& c : right.columns) {
      sources.emplace_back(with + "." + c.name, c.column.get());
    }
    out.columns.resize(sources.size());
    const size_t left_count = left.columns.size();
    parallel_for(sources.size(), options_.threads, [&](size_t c) {
      out.columns[c] = {sources[c].first,
                        share(gather(*sources[c].second, c < left_count ? lrows : rrows))};
    });
    out.lineage.reserve(lrows.size(), lrows.size() * 2);
    for (size_t k = 0; k < lrows.size(); ++k) {
      if (rrows[k] == kNoRow) {
        out.lineage.append_union(left.lineage, lrows[k]);
      } else {
        out.lineage.append_union(left.lineage, lrows[k], &right.lineage, rrows[k]);
      }
    }
    return out;
  }

  // ---- aggregate, distinct, union ----------------------------------------------------------

  // Group id of every row by the given columns (null is a value), and the first row of each
  // group, in order of first appearance. Hash aggregation with linear probing.
  std::vector<uint32_t> group_rows(const Table& t, const std::vector<const Column*>& keys,
                                   std::vector<uint32_t>& first_rows) const {
    const size_t rows = t.rows();
    std::vector<uint32_t> group(rows);
    if (keys.empty()) {
      first_rows.push_back(0);  // one group, as SQL has for an aggregate without GROUP BY
      return group;
    }
    const KeyColumns k(keys, true);
    if (auto coded = coded_side(k, rows, options_.threads)) {
      return partitioned_groups(std::move(*coded), options_.threads, first_rows);
    }
    std::vector<uint64_t> hashes(rows);
    parallel_for(morsel_count(rows, kMorsel), options_.threads, [&](size_t m) {
      const size_t end = std::min(rows, (m + 1) * kMorsel);
      for (size_t r = m * kMorsel; r < end; ++r) hashes[r] = k.hash(r);
    });
    // Slots hold the group and the hash's high half; the table starts at a size for every row
    // in a group of its own (at most 2/3 full) and never needs to grow.
    struct Slot {
      uint32_t tag;
      uint32_t group;
    };
    uint64_t mask = 15;
    while (mask + 1 < rows + rows / 2) mask = mask * 2 + 1;
    std::vector<Slot> table(mask + 1, Slot{0, kNoRow});
    auto tag_of = [](uint64_t h) { return static_cast<uint32_t>(h >> 32); };
    constexpr size_t kAhead = 16;
    for (size_t r = 0; r < rows; ++r) {
      if (r + kAhead < rows) __builtin_prefetch(&table[hashes[r + kAhead] & mask]);
      const uint64_t h = hashes[r];
      for (uint64_t i = h & mask;; i = (i + 1) & mask) {
        Slot& slot = table[i];
        if (slot.group == kNoRow) {
          slot = Slot{tag_of(h), static_cast<uint32_t>(first_rows.size())};
          group[r] = slot.group;
          first_rows.push_back(static_cast<uint32_t>(r));
          break;
        }
        if (slot.tag == tag_of(h) && k.equal(r, k, first_rows[slot.group])) {
          group[r] = slot.group;
          break;
        }
      }
    }
    return group;
  }

  // The rows of every group, compressed-row style: rows of group g are
  // rows[offsets[g] .. offsets[g+1]), ascending.
  struct Members {
    std::vector<uint32_t> offsets;
    std::vector<uint32_t> rows;
  };
  static Members members(const std::vector<uint32_t>& group, size_t groups) {
    Members m;
    m.offsets.assign(groups + 1, 0);
    for (uint32_t g : group) m.offsets[g + 1]++;
    for (size_t g = 0; g < groups; ++g) m.offsets[g + 1] += m.offsets[g];
    m.rows.resize(group.size());
    std::vector<uint32_t> next(m.offsets.begin(), m.offsets.end() - 1);
    for (size_t r = 0; r < group.size(); ++r) m.rows[next[group[r]]++] = static_cast<uint32_t>(r);
    return m;
  }

  static void group_lineage(const Lineage& from, const Members& m, Lineage& out) {
    for (size_t g = 0; g + 1 < m.offsets.size(); ++g) {
      out.append_union_of(from, m.rows.data() + m.offsets[g], m.offsets[g + 1] - m.offsets[g]);
    }
  }

  Column measure(const std::string& text, const Table& t, const std::vector<uint32_t>& group,
                 size_t groups, model::Type type) const {
    static const std::regex kMeasure(R"(\s*(\w+)\s*\(\s*([^)\s]*)\s*\)\s*)");
    std::smatch m;
    std::regex_match(text, m, kMeasure);
    const std::string fn = m[1];
    const std::string arg = m[2];
    Column out;
    out.type = type;
    out.present.assign(groups, 0);
    if (type.kind == TypeKind::text) {
      out.texts.offsets.assign(groups + 1, 0);
    } else {
      out.values.assign(groups, 0);
    }
    const Column* f = arg.empty() ? nullptr : t.find(arg);
    if (fn == "count" && arg.empty()) {
      for (uint32_t g : group) out.values[g]++;
      std::fill(out.present.begin(), out.present.end(), 1);
      return out;
    }
    if (fn == "count" || fn == "count_distinct") {
      std::fill(out.present.begin(), out.present.end(), 1);
      if (f == nullptr) return out;
      if (fn == "count") {
        for (size_t r = 0; r < group.size(); ++r) out.values[group[r]] += f->present[r];
        return out;
      }
      std::unordered_set<std::string> seen;
      for (size_t r = 0; r < group.size(); ++r) {
        if (f->is_null(r)) continue;
        std::string key = std::to_string(group[r]) + "\x1f";
        key += f->is_text() ? std::string(f->texts.at(r)) : std::to_string(f->values[r]);
        if (seen.insert(std::move(key)).second) out.values[group[r]]++;
      }
      return out;
    }
    if (f == nullptr) {
      if (type.kind == TypeKind::text) {
        out.texts.offsets.assign(groups + 1, 0);
      }
      return out;
    }
    if (fn == "sum" || fn == "avg") {
      std::vector<i128> sum(groups, 0);
      std::vector<int64_t> count(groups, 0);
      for (size_t r = 0; r < group.size(); ++r) {
        if (f->is_null(r)) continue;
        sum[group[r]] += f->values[r];
        count[group[r]]++;
      }
      for (size_t g = 0; g < groups; ++g) {
        if (count[g] == 0) continue;
        std::optional<int64_t> v;
        if (fn == "sum") {
          v = fit(sum[g]);
        } else {
          const i128 scaled = f->type.kind == TypeKind::integer ? sum[g] * 1'000'000
                              : f->type.kind == TypeKind::money ? sum[g] * 10'000
                                                                : sum[g];
          v = fit(div_round(scaled, count[g]));
        }
        if (v) {
          out.values[g] = *v;
          out.present[g] = 1;
        }
      }
      return out;
    }
    // min, max
    const bool is_min = fn == "min";
    std::vector<uint32_t> best(groups, kNoRow);
    for (size_t r = 0; r < group.size(); ++r) {
      if (f->is_null(r)) continue;
      uint32_t& b = best[group[r]];
      if (b == kNoRow) {
        b = static_cast<uint32_t>(r);
        continue;
      }
      bool better = false;
      if (f->is_text()) {
        better = is_min ? f->texts.at(r) < f->texts.at(b) : f->texts.at(r) > f->texts.at(b);
      } else {
        better = is_min ? f->values[r] < f->values[b] : f->values[r] > f->values[b];
      }
      if (better) b = static_cast<uint32_t>(r);
    }
    Column g = gather(*f, best);
    g.element_valid.clear();
    return g;
  }

  Result<Table> aggregate(const Step& s, const Table& from) const {
    std::vector<const Column*> keys;
    for (const auto& g : s.group_by) keys.push_back(from.find(g.text));
    const bool missing = std::find(keys.begin(), keys.end(), nullptr) != keys.end();
    std::vector<uint32_t> first_rows;
    std::vector<uint32_t> group;
    if (!missing) group = group_rows(from, keys, first_rows);
    Table out;
    for (size_t k = 0; k < keys.size(); ++k) {
      if (keys[k] != nullptr) {
        out.columns.push_back({s.group_by[k].text, share(gather(*keys[k], first_rows))});
      }
    }
    const model::Schema& schema = validated_.schemas.at(s.id.text);
    for (const auto& [name, text] : s.measures) {
      model::Type type = TypeKind::integer;
      for (const auto& f : schema) {
        if (f.name == name.text) type = f.type;
      }
      out.columns.push_back(
          {name.text, share(measure(text.text, from, group, first_rows.size(), type))});
    }
    // Apply the threshold before building lineage, so that only groups that pass pay for it.
    const size_t groups = first_rows.size();
    out.lineage = Lineage::identity(0, groups);  // rows() for the condition; replaced below
    std::vector<uint32_t> kept;
    if (s.having) {
      kept = select(out, expr(*s.having));
    } else {
      kept.resize(groups);
      for (size_t g = 0; g < groups; ++g) kept[g] = static_cast<uint32_t>(g);
    }
    if (kept.size() < groups) {
      for (NamedColumn& c : out.columns) c.column = share(gather(*c.column, kept));
    }
    // Members of the kept groups only, compressed-row style in the order of `kept`.
    std::vector<uint32_t> slot(groups, kNoRow);
    for (size_t i = 0; i < kept.size(); ++i) slot[kept[i]] = static_cast<uint32_t>(i);
    Members m;
    m.offsets.assign(kept.size() + 1, 0);
    for (uint32_t g : group) {
      if (slot[g] != kNoRow) m.offsets[slot[g] + 1]++;
    }
    for (size_t i = 0; i < kept.size(); ++i) m.offsets[i + 1] += m.offsets[i];
    m.rows.resize(m.offsets.back());
    std::vector<uint32_t> next(m.offsets.begin(), m.offsets.end() - 1);
    for (size_t r = 0; r < group.size(); ++r) {
      if (slot[group[r]] != kNoRow) m.rows[next[slot[group[r]]]++] = static_cast<uint32_t>(r);
    }
    Lineage lineage;
    group_lineage(from.lineage, m, lineage);
    out.lineage = std::move(lineage);
    return out;
  }

  Result<Table> distinct(const Step& s, const Table& from) const {
    std::vector<const Column*> keys;
    std::vector<std::string> names;
    for (const auto& f : s.on) {
      if (const Column* c = from.find(f.text)) {
        keys.push_back(c);
        names.push_back(f.text);
      }
    }
    Table out;
    if (keys.empty() && from.rows() == 0) return out;  // no rows, no group
    std::vector<uint32_t> first_rows;
    const std::vector<uint32_t> group = group_rows(from, keys, first_rows);
    for (size_t k = 0; k < keys.size(); ++k) {
      out.columns.push_back({names[k], share(gather(*keys[k], first_rows))});
    }
    group_lineage(from.lineage, members(group, first_rows.size()), out.lineage);
    return out;
  }

  Result<Table> union_all(const Step& s) const {
    Table out;
    const Table& first = table(s.from.front().text);
    for (const NamedColumn& c : first.columns) {
      bool everywhere = true;
      for (const auto& source : s.from) everywhere = everywhere && table(source.text).find(c.name);
      if (!everywhere) continue;
      Column merged;
      merged.type = c.column->type;
      for (const auto& source : s.from) append_column(merged, *table(source.text).find(c.name));
      out.columns.push_back({c.name, share(std::move(merged))});
    }
    for (const auto& source : s.from) {
      const Table& t = table(source.text);
      for (size_t r = 0; r < t.rows(); ++r) out.lineage.append_union(t.lineage, r);
    }
    return out;
  }

  const model::ModelSpec& spec_;
  const model::ValidatedSpec& validated_;
  std::map<std::string, Table> tables_;
  const Parameters& params_;
  ExecutionOptions options_;
};

Status check_inputs(const model::ModelSpec& spec, const std::map<std::string, Table>& inputs) {
  for (const model::Input& in : spec.inputs) {
    if (inputs.count(in.name.text) == 0) {
      const Location where = Location::of_value(in.name.text);
      return Error("engine.missing_input", fmt::format("模型输入“{}”没有数据", in.name.text),
                   fmt::format("model input \"{}\" has no data", in.name.text), where);
    }
  }
  return Status::Ok();
}

}  // namespace

Result<std::map<std::string, Table>> execute(const model::ModelSpec& spec,
                                             const model::ValidatedSpec& validated,
                                             std::map<std::string, Table> inputs,
                                             const Parameters& params,
                                             const ExecutionOptions& options) {
  SHANHAI_TRY(check_inputs(spec, inputs));
  return Executor(spec, validated, std::move(inputs), params, options).run();
}

Result<std::map<std::string, Table>> execute_upstream_of(const model::ModelSpec& spec,
                                                         const model::ValidatedSpec& validated,
                                                         std::map<std::string, Table> inputs,
                                                         const Parameters& params,
                                                         const std::string& target,
                                                         const ExecutionOptions& options) {
  std::map<std::string, const Step*> steps;
  for (const Step& s : spec.steps) steps[s.id.text] = &s;
  const auto found = steps.find(target);
  if (found == steps.end()) {
    return Error("engine.unknown_step", fmt::format("模型没有步骤“{}”", target),
                 fmt::format("the model has no step \"{}\"", target), Location::of_value(target));
  }
  SHANHAI_TRY(check_inputs(spec, inputs));
  // The steps `target` reads, directly or through others (the spec is acyclic once validated).
  std::set<std::string> upstream;
  std::vector<const Step*> pending = {found->second};
  while (!pending.empty()) {
    const Step* s = pending.back();
    pending.pop_back();
    std::vector<std::string> sources;
    for (const model::Located& f : s->from) sources.push_back(f.text);
    if (s->with) sources.push_back(s->with->text);
    for (const std::string& name : sources) {
      const auto it = steps.find(name);
      if (it != steps.end() && upstream.insert(name).second) pending.push_back(it->second);
    }
  }
  return Executor(spec, validated, std::move(inputs), params, options).run(&upstream);
}

}  // namespace shanhai::engine
