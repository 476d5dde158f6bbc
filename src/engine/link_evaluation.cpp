#include "engine/link_evaluation.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>

#include "engine/executor.h"
#include "engine/installed_model.h"
#include "engine/link_labels.h"
#include "engine/link_step.h"
#include "engine/parameters.h"
#include "engine/run.h"
#include "model/spec_loader.h"
#include "model/spec_validator.h"
#include "store/dataset_version.h"

namespace shanhai::engine {

namespace {

std::string link_step_list(const std::vector<const model::Step*>& steps) {
  std::string out;
  for (const model::Step* s : steps) out += (out.empty() ? "" : ", ") + s->id.text;
  return out;
}

Result<const model::Step*> choose_link_step(const model::ModelSpec& spec, const std::string& id) {
  std::vector<const model::Step*> links;
  for (const model::Step& s : spec.steps) {
    if (s.kind.text == "link") links.push_back(&s);
  }
  if (links.empty()) {
    return Error("link_eval.no_link_step",
                 fmt::format("模型“{}”没有 link（模糊身份关联）步骤，无可评估", spec.id.text),
                 fmt::format("model \"{}\" has no link step to evaluate", spec.id.text),
                 Location::of_value(spec.id.text));
  }
  if (id.empty()) {
    if (links.size() == 1) return links.front();
    return Error(
        "link_eval.choose_step",
        fmt::format("模型有多个 link 步骤，请用 --step 指定其一：{}", link_step_list(links)),
        fmt::format("the model has several link steps; choose one with --step: {}",
                    link_step_list(links)));
  }
  for (const model::Step* s : links) {
    if (s->id.text == id) return s;
  }
  return Error(
      "link_eval.not_link_step",
      fmt::format("“{}”不是该模型的 link 步骤；link 步骤有：{}", id, link_step_list(links)),
      fmt::format("\"{}\" is not a link step of the model; its link steps are: {}", id,
                  link_step_list(links)),
      Location::of_value(id));
}

// The model input whose rows a step's (or input's) rows are: through `from` of row-wise steps,
// through every source of a union. nullopt when the sources of a union differ.
std::optional<size_t> traced_input(const model::ModelSpec& spec, const std::string& name,
                                   int depth = 0) {
  for (size_t i = 0; i < spec.inputs.size(); ++i) {
    if (spec.inputs[i].name.text == name) return i;
  }
  if (depth > static_cast<int>(spec.steps.size())) return std::nullopt;  // validated: no cycles
  for (const model::Step& s : spec.steps) {
    if (s.id.text != name || s.from.empty()) continue;
    const auto first = traced_input(spec, s.from.front().text, depth + 1);
    if (s.kind.text == "union") {
      for (const model::Located& f : s.from) {
        if (traced_input(spec, f.text, depth + 1) != first) return std::nullopt;
      }
    }
    return first;
  }
  return std::nullopt;
}

// The source row numbers of a dataset version, sorted, to check labels against.
struct SourceRows {
  std::vector<int64_t> sorted;
  bool contains(int64_t row) const { return std::binary_search(sorted.begin(), sorted.end(), row); }
};

// For every row of a side's table, its source row in input `input`.
Result<std::vector<int64_t>> side_source_rows(const Table& t, uint32_t input,
                                              const store::FixedColumnReader<int64_t>& rows,
                                              const std::string& step, bool left) {
  std::vector<int64_t> out(t.rows());
  for (size_t r = 0; r < t.rows(); ++r) {
    const std::vector<RowRef> refs = t.lineage.of(r);
    const RowRef* only = nullptr;
    size_t count = 0;
    for (const RowRef& ref : refs) {
      if (ref.input != input) continue;
      only = &ref;
      ++count;
    }
    if (count != 1) {
      return Error("link_eval.aggregated_row",
                   fmt::format("步骤“{}”的{}有的行合并了输入的多行（汇总或去重），没有自己的行号，"
                               "无法按行号标注",
                               step, left ? "左表" : "右表"),
                   fmt::format("the {} side of step \"{}\" has rows that stand for several input "
                               "rows (aggregate, distinct): they have no row number to label",
                               left ? "left" : "right", step));
    }
    out[r] = rows.at(only->row);
  }
  return out;
}

uint64_t pair_key(int64_t left, int64_t right, bool unordered) {
  if (unordered && right < left) std::swap(left, right);
  return (static_cast<uint64_t>(left) << 32) | static_cast<uint64_t>(right);
}

std::vector<double> curve_thresholds(const LinkEvaluation& e) {
  std::vector<double> t;
  for (int i = 0; i <= 20; ++i) t.push_back(i / 20.0);
  t.push_back(e.match_threshold);
  t.push_back(e.possible_threshold);
  t.push_back(e.threshold);
  std::sort(t.begin(), t.end());
  t.erase(
      std::unique(t.begin(), t.end(), [](double a, double b) { return std::fabs(a - b) < 1e-9; }),
      t.end());
  return t;
}

}  // namespace

Result<LinkEvaluation> evaluate_link_step(store::Workspace& ws, const std::string& model_id,
                                          const LinkEvaluationRequest& request) {
  auto found = find_installed_model(ws, model_id, request.version);
  if (!found) return found.take_error();
  const store::ModelRecord& record = found.value();
  auto loaded = model::load_spec_text(record.spec, record.model_id + "@" + record.version);
  if (!loaded) return loaded.take_error();
  const model::ModelSpec& spec = loaded.value();
  auto validated = model::validate_spec(spec);
  if (!validated) return validated.take_error();
  auto chosen = choose_link_step(spec, request.step);
  if (!chosen) return chosen.take_error();
  const model::Step& step = *chosen.value();

  LinkEvaluation e;
  e.model_id = record.model_id;
  e.model_version = record.version;
  e.step = step.id.text;
  e.dedupe = !step.with.has_value();
  e.match_threshold = link_match_threshold(step);
  e.possible_threshold = link_possible_threshold(step);
  e.threshold = request.threshold.value_or(e.match_threshold);
  e.threshold_from_model = !request.threshold.has_value();
  if (!(e.threshold >= 0 && e.threshold <= 1)) {
    return Error("link_eval.threshold", "阈值须在 0 到 1 之间", "the threshold must be in [0, 1]",
                 Location::of_value(fmt::format("{}", e.threshold)));
  }
  const std::string left_name = step.from.front().text;
  const std::string right_name = step.with ? step.with->text : left_name;
  const auto left_input = traced_input(spec, left_name);
  const auto right_input = traced_input(spec, right_name);
  if (!left_input || !right_input) {
    const std::string& side = !left_input ? left_name : right_name;
    return Error(
        "link_eval.side_input",
        fmt::format("步骤“{}”的一侧“{}”来自多个输入，无法确定标注行号属于哪个数据集", e.step, side),
        fmt::format("one side of step \"{}\", \"{}\", comes from several inputs: the "
                    "labels' row numbers cannot be placed in one dataset",
                    e.step, side),
        Location::of_value(side));
  }

  // The labels first: a bad file is refused before any data is loaded.
  auto labels = read_link_labels(
      request.labels, request.labels_name.empty() ? request.labels.string() : request.labels_name,
      e.dedupe);
  if (!labels) return labels.take_error();
  e.labels_file = labels.value().file;
  e.repeated_labels = labels.value().repeated;

  auto binding = bind_model(ws, spec, request.inputs, request.fields);
  if (!binding) return binding.take_error();
  auto params = resolve_parameters(spec, request.params, request.today);
  if (!params) return params.take_error();
  const auto side_of = [&](size_t input) {
    const BoundInput& b = binding.value().inputs[input];
    return LinkEvaluationSide{spec.inputs[input].name.text, spec.inputs[input].label,
                              b.version.dataset, b.version.version};
  };
  e.left = side_of(*left_input);
  e.right = side_of(*right_input);

  const std::set<std::string> needed = needed_fields(spec, validated.value());
  std::map<std::string, Table> inputs;
  std::vector<store::FixedColumnReader<int64_t>> source_rows;
  for (size_t i = 0; i < spec.inputs.size(); ++i) {
    const BoundInput& b = binding.value().inputs[i];
    auto table =
        load_input(ws, spec.inputs[i], b, static_cast<uint32_t>(i), needed, request.threads);
    if (!table) return table.take_error();
    inputs[spec.inputs[i].name.text] = std::move(table.value());
    auto version = store::DatasetVersion::open(ws, b.version);
    if (!version) return version.take_error();
    auto rows = version.value().row_numbers();
    if (!rows) return rows.take_error();
    source_rows.push_back(std::move(rows.value()));
  }

  // Every label's row numbers must be rows of its side's dataset.
  std::map<size_t, SourceRows> known;
  for (const size_t input : {*left_input, *right_input}) {
    if (known.count(input) != 0) continue;
    SourceRows& s = known[input];
    const auto& rows = source_rows[input];
    s.sorted.reserve(rows.size());
    for (uint64_t r = 0; r < rows.size(); ++r) s.sorted.push_back(rows.at(r));
    std::sort(s.sorted.begin(), s.sorted.end());
  }
  for (const LinkLabel& label : labels.value().pairs) {
    for (const bool left : {true, false}) {
      const size_t input = left ? *left_input : *right_input;
      const int64_t row = left ? label.left_row : label.right_row;
      const SourceRows& s = known.at(input);
      if (s.contains(row) && row <= UINT32_MAX) continue;
      const LinkEvaluationSide& side = left ? e.left : e.right;
      const std::string range = s.sorted.empty()
                                    ? std::string("无数据 / no rows")
                                    : fmt::format("{}–{}", s.sorted.front(), s.sorted.back());
      return Error(
          "link_eval.row_not_found",
          fmt::format("行号 {} 不是数据集“{}”（版本 {}，输入 {}）中的数据行；数据行的行号为 {}",
                      row, side.dataset, side.version, side.input, range),
          fmt::format("row {} is not a data row of dataset \"{}\" (version {}, input {}); its "
                      "data rows are numbered {}",
                      row, side.dataset, side.version, side.input, range),
          label_cell(labels.value(), label, left));
    }
  }
  std::unordered_map<uint64_t, bool> truth_of;
  for (const LinkLabel& label : labels.value().pairs) {
    truth_of[pair_key(label.left_row, label.right_row, e.dedupe)] = label.is_match;
    ++(label.is_match ? e.labelled_matches : e.labelled_non_matches);
  }
  e.labelled_pairs = labels.value().pairs.size();

  ExecutionOptions options;
  options.threads = request.threads;
  options.progress = request.progress;
  auto tables = execute_upstream_of(spec, validated.value(), std::move(inputs), params.value(),
                                    e.step, options);
  if (!tables) return tables.take_error();
  const Table& left_table = tables.value().at(left_name);
  const Table* right_table = step.with ? &tables.value().at(right_name) : nullptr;
  auto left_rows = side_source_rows(left_table, static_cast<uint32_t>(*left_input),
                                    source_rows[*left_input], e.step, true);
  if (!left_rows) return left_rows.take_error();
  Result<std::vector<int64_t>> right_rows =
      right_table == nullptr ? Result<std::vector<int64_t>>(left_rows.value())
                             : side_source_rows(*right_table, static_cast<uint32_t>(*right_input),
                                                source_rows[*right_input], e.step, false);
  if (!right_rows) return right_rows.take_error();

  // Score every candidate pair, keeping the labelled ones whatever their probability.
  LinkScoring scoring;
  scoring.labels = {e.left.label.empty() ? e.left.input : e.left.label,
                    e.right.label.empty() ? e.right.input : e.right.label};
  scoring.threads = request.threads;
  scoring.progress = request.progress;
  scoring.keep_threshold = 0;
  const std::vector<int64_t>& lrows = left_rows.value();
  const std::vector<int64_t>& rrows = right_rows.value();
  scoring.keep_pair = [&](uint32_t l, uint32_t r) {
    return truth_of.count(pair_key(lrows[l], rrows[r], e.dedupe)) != 0;
  };
  auto linked = score_link_step(step, left_table, right_table, scoring);
  if (!linked) return linked.take_error();
  e.candidate_pairs = linked.value().candidate_pairs;

  // A source pair may stand in the step more than once (a row joined to several): its best.
  std::unordered_map<uint64_t, linkage::LinkPair> best;
  for (const linkage::LinkPair& p : linked.value().pairs) {
    linkage::LinkPair q;
    q.left_row = static_cast<uint32_t>(lrows[p.left_row]);
    q.right_row = static_cast<uint32_t>(rrows[p.right_row]);
    q.probability = p.probability;
    q.weight = p.weight;
    const auto [it, added] = best.emplace(pair_key(q.left_row, q.right_row, e.dedupe), q);
    if (!added && q.probability > it->second.probability) it->second = q;
  }
  std::vector<linkage::LinkPair> scored;
  scored.reserve(best.size());
  for (const auto& [key, p] : best) scored.push_back(p);

  const std::unordered_set<int64_t> left_present(lrows.begin(), lrows.end());
  const std::unordered_set<int64_t> right_present(rrows.begin(), rrows.end());
  std::vector<linkage::LabelledPair> truth_pairs;
  for (const LinkLabel& label : labels.value().pairs) {
    truth_pairs.push_back({static_cast<uint32_t>(label.left_row),
                           static_cast<uint32_t>(label.right_row), label.is_match});
    if (best.count(pair_key(label.left_row, label.right_row, e.dedupe)) != 0) continue;
    ++e.not_proposed;
    const bool reached =
        e.dedupe
            ? left_present.count(label.left_row) != 0 && left_present.count(label.right_row) != 0
            : left_present.count(label.left_row) != 0 && right_present.count(label.right_row) != 0;
    if (!reached) ++e.not_in_step;
  }
  const linkage::Truth truth = linkage::Truth::labelled(truth_pairs, e.dedupe);
  e.at_threshold = linkage::evaluate(scored, truth, e.threshold);
  const std::vector<double> thresholds = curve_thresholds(e);
  e.curve = linkage::precision_recall_curve(scored, truth, thresholds);
  return e;
}

}  // namespace shanhai::engine
