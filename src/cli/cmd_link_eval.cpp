// `shanhai link-eval WORKSPACE MODEL_ID --labels FILE [--step STEP_ID] [--input NAME=DATASET]...
//  [--map INPUT.FIELD=COLUMN]... [--param K=V]... [--threshold P] [--format text|json|csv]
//  [--out FILE]`: a model's link step measured against hand-labelled pairs
// (engine/link_evaluation.h). Writes nothing to the workspace.

#include <cmath>
#include <fstream>
#include <iostream>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/binding_options.h"
#include "cli/commands.h"
#include "cli/terminal_progress.h"
#include "common/clock.h"
#include "engine/link_evaluation.h"
#include "engine/parameters.h"
#include "normalize/date.h"

namespace shanhai::cli {

namespace {

struct Args {
  std::string workspace, model, labels, step, version, format = "text", out;
  std::vector<std::string> inputs, maps, params;
  std::optional<double> threshold;
  unsigned threads = 0;
};

// A threshold as people write it: 0.05, 0.75, 0.955 (at least two decimals, no trailing zeros).
std::string threshold_text(double t) {
  std::string s = fmt::format("{:.6f}", t);
  while (s.size() > 4 && s.back() == '0' && s[s.size() - 3] != '.') s.pop_back();
  return s;
}

double rounded(double v) { return std::round(v * 1e6) / 1e6; }

std::string side_text(const engine::LinkEvaluationSide& s) {
  return fmt::format("{}{} ← {}@{}", s.input, s.label.empty() ? "" : "（" + s.label + "）",
                     s.dataset, s.version);
}

void write_text(std::ostream& out, const engine::LinkEvaluation& e) {
  out << fmt::format("关联评估 link evaluation：模型 model {} {}，步骤 step {}{}\n", e.model_id,
                     e.model_version, e.step, e.dedupe ? "（查重 deduplication）" : "");
  out << fmt::format("  左表 left:  {}\n", side_text(e.left));
  if (!e.dedupe) out << fmt::format("  右表 right: {}\n", side_text(e.right));
  out << fmt::format(
      "  标注文件 labels: {}：{} 对 pairs（同一人 match {}，不是同一人 non-match {}）\n",
      e.labels_file, e.labelled_pairs, e.labelled_matches, e.labelled_non_matches);
  if (e.repeated_labels > 0) {
    out << fmt::format("  重复的标注行（已合并）/ repeated label rows (merged): {}\n",
                       e.repeated_labels);
  }
  out << fmt::format("  分块提出的候选记录对 candidate pairs blocking proposed: {}\n",
                     e.candidate_pairs);
  out << fmt::format(
      "  分块未提出的标注对 labelled pairs blocking never proposed: {}（按不匹配计 / counted as "
      "predicted non-matches）\n",
      e.not_proposed);
  if (e.not_in_step > 0) {
    out << fmt::format(
        "    其中 {} 对有一行未进入该步骤（在前面的步骤被筛掉）/ of which {} have a row that never "
        "reached the step (filtered out before it)\n",
        e.not_in_step, e.not_in_step);
  }
  const linkage::Metrics& m = e.at_threshold;
  out << fmt::format(
      "\n阈值 threshold {}（{}）\n", threshold_text(e.threshold),
      e.threshold_from_model ? "模型的匹配阈值 / the model's match_threshold" : "--threshold");
  out << fmt::format("  标注对 labelled pairs:       {}\n", e.labelled_pairs);
  out << fmt::format("  真阳性 true positives:       {}\n", m.true_positives);
  out << fmt::format("  假阳性 false positives:      {}\n", m.false_positives);
  out << fmt::format("  假阴性 false negatives:      {}\n", m.false_negatives);
  out << fmt::format("  精确率 precision:            {:.4f}\n", m.precision);
  out << fmt::format("  召回率 recall:               {:.4f}\n", m.recall);
  out << fmt::format("  F1:                          {:.4f}\n", m.f1);
  out << "\n精确率—召回率曲线 precision–recall curve（概率不低于阈值为匹配 / a pair at or above "
         "the threshold is a match）\n";
  out << "  阈值 threshold  精确率 precision  召回率 recall  F1\n";
  for (const linkage::Metrics& c : e.curve) {
    std::string note;
    if (std::fabs(c.threshold - e.match_threshold) < 1e-9) note += "  ← 匹配阈值 match_threshold";
    if (std::fabs(c.threshold - e.possible_threshold) < 1e-9) {
      note += "  ← 可能匹配阈值 possible_threshold";
    }
    if (!e.threshold_from_model && std::fabs(c.threshold - e.threshold) < 1e-9) {
      note += "  ← --threshold";
    }
    out << fmt::format("  {:<14}  {:<16.4f}  {:<13.4f}  {:.4f}{}\n", threshold_text(c.threshold),
                       c.precision, c.recall, c.f1, note);
  }
  out << "\n未写入工作区：不记录运行，不产生线索。/ Nothing was written to the workspace: no run "
         "record, no leads.\n";
}

nlohmann::json metrics_json(const linkage::Metrics& m) {
  return {{"threshold", rounded(m.threshold)},
          {"true_positives", m.true_positives},
          {"false_positives", m.false_positives},
          {"false_negatives", m.false_negatives},
          {"precision", rounded(m.precision)},
          {"recall", rounded(m.recall)},
          {"f1", rounded(m.f1)}};
}

nlohmann::json side_json(const engine::LinkEvaluationSide& s) {
  return {{"input", s.input}, {"label", s.label}, {"dataset", s.dataset}, {"version", s.version}};
}

void write_json(std::ostream& out, const engine::LinkEvaluation& e) {
  nlohmann::json j;
  j["model"] = e.model_id;
  j["version"] = e.model_version;
  j["step"] = e.step;
  j["dedupe"] = e.dedupe;
  j["left"] = side_json(e.left);
  j["right"] = side_json(e.right);
  j["labels"] = {{"file", e.labels_file},
                 {"pairs", e.labelled_pairs},
                 {"matches", e.labelled_matches},
                 {"non_matches", e.labelled_non_matches},
                 {"repeated_rows", e.repeated_labels}};
  j["candidate_pairs"] = e.candidate_pairs;
  j["not_proposed"] = e.not_proposed;
  j["not_in_step"] = e.not_in_step;
  j["match_threshold"] = rounded(e.match_threshold);
  j["possible_threshold"] = rounded(e.possible_threshold);
  j["threshold_source"] = e.threshold_from_model ? "model" : "option";
  nlohmann::json at = metrics_json(e.at_threshold);
  at["labelled_pairs"] = e.labelled_pairs;
  j["at_threshold"] = at;
  j["curve"] = nlohmann::json::array();
  for (const linkage::Metrics& c : e.curve) j["curve"].push_back(metrics_json(c));
  j["recorded"] = false;
  out << j.dump(2) << "\n";
}

void write_csv(std::ostream& out, const engine::LinkEvaluation& e) {
  out << "threshold,precision,recall,f1\n";
  for (const linkage::Metrics& c : e.curve) {
    out << fmt::format("{},{:.6f},{:.6f},{:.6f}\n", threshold_text(c.threshold), c.precision,
                       c.recall, c.f1);
  }
}

Status run_link_eval(const Args& a) {
  if (a.format != "text" && a.format != "json" && a.format != "csv") {
    return Error("link_eval.bad_format", "不支持的输出格式，可用：text、json、csv",
                 "unsupported format; use text, json or csv", Location::of_value(a.format));
  }
  engine::LinkEvaluationRequest request;
  SHANHAI_TRY(bind_request(request, a.inputs, a.maps, a.params));
  if (!a.version.empty()) request.version = a.version;
  const CivilDate today = local_today();
  request.today = normalize::days_from_civil(today.year, today.month, today.day);
  request.step = a.step;
  request.threshold = a.threshold;
  request.labels = a.labels;
  request.threads = a.threads;
  std::unique_ptr<TerminalProgress> progress;
  if (stderr_is_terminal()) {
    progress = std::make_unique<TerminalProgress>(true);
    request.progress = progress.get();
  }
  auto ws = store::Workspace::open(a.workspace);
  if (!ws) return ws.take_error();
  auto evaluated = engine::evaluate_link_step(*ws.value(), a.model, request);
  if (!evaluated) return evaluated.take_error();
  if (progress) progress->finish();

  std::ostringstream text;
  if (a.format == "json") {
    write_json(text, evaluated.value());
  } else if (a.format == "csv") {
    write_csv(text, evaluated.value());
  } else {
    write_text(text, evaluated.value());
  }
  if (a.out.empty()) {
    std::cout << text.str();
    return Status::Ok();
  }
  std::ofstream file(a.out, std::ios::binary | std::ios::trunc);
  file << text.str();
  file.close();
  if (!file) {
    return Error("link_eval.out", "无法写入输出文件", "cannot write the output file",
                 Location::in_file(a.out));
  }
  return Status::Ok();
}

}  // namespace

void add_link_eval_command(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand(
      "link-eval",
      "用人工标注的记录对评估模型的 link（模糊身份关联）步骤：在模型阈值（或 --threshold）处的"
      "精确率、召回率、F1，以及精确率—召回率曲线。运行模型的输入和该步骤之前的步骤，对分块提出的"
      "每一对标注记录打分（不论概率高低）；不写入工作区，不记录运行，不产生线索。\n"
      "Measure a model's link step against hand-labelled pairs: precision, recall and F1 at the "
      "model's match threshold (or --threshold), and the precision-recall curve. Runs the "
      "model's inputs and the steps up to the link step and scores every labelled pair blocking "
      "proposes, whatever its probability; nothing is written to the workspace (no run record, "
      "no leads).");
  auto a = std::make_shared<Args>();
  cmd->add_option("WORKSPACE", a->workspace, "工作区目录 / workspace directory")->required();
  cmd->add_option("MODEL_ID", a->model, "模型标识 / model id (see `shanhai models`)")->required();
  cmd->add_option(
         "--labels", a->labels,
         "标注文件（CSV 或 XLSX）：表头含 左表行号、右表行号、是否同一人（或 left_row、right_row、"
         "label）；行号为数据集源文件中的行号；标注写 1/0、是/否、match/non-match、true/false "
         "/ labels file (CSV or XLSX): columns left_row, right_row, label (or 左表行号, 右表行号, "
         "是否同一人); row numbers are the datasets' source file rows; labels 1/0, 是/否, "
         "match/non-match, true/false")
      ->required();
  cmd->add_option("--step", a->step,
                  "要评估的 link 步骤（模型只有一个时可省略）/ the link step to evaluate "
                  "(optional when the model has only one)");
  cmd->add_option("--input", a->inputs,
                  "输入名=数据集[@版本]，同 run / NAME=DATASET[@VERSION], as for run");
  cmd->add_option("--map", a->maps, "输入名.字段=列名，同 run / INPUT.FIELD=COLUMN, as for run");
  cmd->add_option("--param", a->params, "参数名=值，同 run / NAME=VALUE, as for run");
  cmd->add_option("--version", a->version,
                  "模型版本，默认最高版本 / model version (default: the highest installed)");
  cmd->add_option("--threshold", a->threshold,
                  "在此概率阈值处计算精确率、召回率、F1（默认模型的 match_threshold）/ the "
                  "probability threshold for precision, recall and F1 (default: the step's "
                  "match_threshold)");
  cmd->add_option("--format", a->format,
                  "text（双语表格）| json（机器读取）| csv（曲线：threshold,precision,recall,f1）"
                  "/ text (bilingual table) | json | csv (the curve)")
      ->capture_default_str();
  cmd->add_option("--out", a->out, "写入文件而非标准输出 / write to a file instead of stdout");
  cmd->add_option("--threads", a->threads, "线程数，0 为全部核心 / threads (0: every core)")
      ->capture_default_str();
  cmd->callback([a, &exit_code] {
    Status s = run_link_eval(*a);
    if (!s.ok()) exit_code = report(s.error());
  });
}

}  // namespace shanhai::cli
