// The record-linkage benchmark driver (bench/linkage_bench.sh runs it):
//
//   shanhai_link_people LEFT.csv RIGHT.csv TRUTH.csv [--threads N] [--keys DIR] [--json FILE]
//
// Reads the files of shanhai_gen_people into memory (not timed), then runs the linkage layer
// stage by stage on the raw text — normalising, blocking, estimating u, comparing, training m
// and λ by EM, scoring and classifying — timing each stage, and measures precision, recall and
// F1 against the truth. Prints a table (Chinese and English labels), sample explanations, and
// with --json a summary for the script; with --keys writes each side's normalised blocking keys
// and names (keys_left.csv, keys_right.csv) for the DuckDB reference join.
#include <fmt/format.h>
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "common/memory.h"
#include "linkage/blocking.h"
#include "linkage/comparison_vectors.h"
#include "linkage/em_training.h"
#include "linkage/evaluation.h"
#include "linkage/explanation.h"
#include "linkage/link_plan.h"
#include "linkage/parallel.h"
#include "linkage/prepared_records.h"
#include "linkage/scoring.h"
#include "linkage/u_estimation.h"
#include "normalize/date.h"
#include "normalize/text.h"

namespace {

using namespace shanhai;
using namespace shanhai::linkage;
using Clock = std::chrono::steady_clock;

// A CSV file without quoting (what shanhai_gen_people writes), as columns of views.
struct CsvFile {
  std::string text;
  Records records;
};

bool read_csv(const char* path, CsvFile& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  out.text = ss.str();
  std::vector<std::string> names;
  std::vector<std::vector<std::string_view>> columns;
  std::string_view all(out.text);
  bool header = true;
  size_t pos = 0;
  while (pos < all.size()) {
    size_t end = all.find('\n', pos);
    if (end == std::string_view::npos) end = all.size();
    std::string_view line = all.substr(pos, end - pos);
    pos = end + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) continue;
    size_t c = 0, start = 0;
    while (true) {
      const size_t comma = line.find(',', start);
      const std::string_view cell =
          line.substr(start, comma == std::string_view::npos ? line.size() - start : comma - start);
      if (header) {
        names.emplace_back(cell);
        columns.emplace_back();
      } else if (c < columns.size()) {
        columns[c].push_back(cell);
      }
      ++c;
      if (comma == std::string_view::npos) break;
      start = comma + 1;
    }
    header = false;
  }
  for (size_t c = 0; c < names.size(); ++c) {
    if (!out.records.add_column(names[c], std::move(columns[c])).ok()) return false;
  }
  return true;
}

double seconds_since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

long peak_rss_kib() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;
}

LinkSpec bench_spec(unsigned threads) {
  LinkSpec s;
  s.comparisons = {
      {.field = "身份证号",
       .kind = "id_number",
       .left_column = "公民身份号码",
       .right_column = "身份证号"},
      {.field = "姓名", .kind = "person_name", .left_column = "姓名", .right_column = "当事人姓名"},
      {.field = "出生日期",
       .kind = "date",
       .left_column = "出生日期",
       .right_column = "出生年月日"},
      {.field = "电话",
       .kind = "exact",
       .left_column = "联系电话",
       .right_column = "手机号",
       .label_en = "phones",
       .element = "phone"},
  };
  s.blocking = {
      {"身份证前14位", {{"身份证号", "region_birth"}}},
      {"姓名拼音+出生日期", {{"姓名", "pinyin"}, {"出生日期", "value"}}},
      {"电话", {{"电话", "value"}}},
      {"出生日期+姓名首字", {{"出生日期", "value"}, {"姓名", "first_char"}}},
      {"姓名+出生年份", {{"姓名", "value"}, {"出生日期", "year"}}},
  };
  s.keep_threshold = 0.01;  // keep enough pairs to draw the precision–recall curve
  s.threads = threads;
  s.left_label_zh = "甲表";
  s.right_label_zh = "乙表";
  s.left_label_en = "register A";
  s.right_label_en = "register B";
  return s;
}

// Writes row, id14, pinyin, birth, phone, first_char, name of every record of one side.
void write_keys(const std::string& path, const LinkPlan& plan, const PreparedRecords& records,
                bool right) {
  std::ofstream out(path, std::ios::binary);
  out << "row,id14,pinyin,birth,phone,first_char,name\n";
  const PreparedField& id = records.field(0);
  const PreparedField& name = records.field(1);
  const PreparedField& birth = records.field(2);
  const PreparedField& phone = records.field(3);
  const size_t rows = right ? records.right_rows() : records.left_rows();
  std::string line;
  for (uint32_t row = 0; row < rows; ++row) {
    const uint32_t i = right ? records.right_index(row) : records.left_index(row);
    line = std::to_string(row);
    line += ',';
    if (!id.missing(i)) line.append(id.id(i).chars.data(), 14);
    line += ',';
    const NameRef ref = name.name(i);
    if (ref.canonical != kNoValue) {
      const NameForm& form = name.names.form(ref.canonical);
      if (form.pinyin != kNoValue) line += name.names.pinyin_text(form.pinyin);
    }
    line += ',';
    if (!birth.missing(i)) line += normalize::format_date(birth.day(i));
    line += ',';
    if (!phone.missing(i)) line += phone.value_text(phone.value(i));
    line += ',';
    if (ref.canonical != kNoValue) {
      normalize::append_utf8(line, name.names.code_points(ref.canonical)[0]);
      line += ',';
      line += name.names.plain_text(name.names.form(ref.canonical).plain);
    } else {
      line += ',';
    }
    line += '\n';
    out << line;
  }
  (void)plan;
}

}  // namespace

int main(int argc, char** argv) {
  shanhai::configure_memory();  // as the shanhai program does
  if (argc < 4) {
    std::fprintf(stderr,
                 "usage: shanhai_link_people LEFT.csv RIGHT.csv TRUTH.csv [--threads N] "
                 "[--keys DIR] [--json FILE] [--show-errors N]\n");
    return 2;
  }
  unsigned threads = 0;
  int show_errors = 0;
  std::string keys_dir, json_path;
  for (int i = 4; i + 1 < argc; i += 2) {
    const std::string_view opt = argv[i];
    if (opt == "--threads") threads = static_cast<unsigned>(std::atoi(argv[i + 1]));
    if (opt == "--keys") keys_dir = argv[i + 1];
    if (opt == "--json") json_path = argv[i + 1];
    if (opt == "--show-errors") show_errors = std::atoi(argv[i + 1]);
  }
  threads = thread_count(threads);

  const auto t_read = Clock::now();
  CsvFile left, right, truth_file;
  if (!read_csv(argv[1], left) || !read_csv(argv[2], right) || !read_csv(argv[3], truth_file)) {
    std::fprintf(stderr, "cannot read the input files\n");
    return 1;
  }
  std::vector<RowPair> truth_pairs;
  {
    const auto& l = truth_file.records.column(0).values;
    const auto& r = truth_file.records.column(1).values;
    for (size_t i = 0; i < l.size(); ++i) {
      truth_pairs.push_back({static_cast<uint32_t>(std::stoul(std::string(l[i])) - 1),
                             static_cast<uint32_t>(std::stoul(std::string(r[i])) - 1)});
    }
  }
  const double read_s = seconds_since(t_read);

  // ---- the linkage, stage by stage ------------------------------------------------------
  const auto t0 = Clock::now();
  rusage ru0;
  getrusage(RUSAGE_SELF, &ru0);
  auto plan_or = plan_link(bench_spec(threads), left.records.names(), right.records.names());
  if (!plan_or) {
    std::fprintf(stderr, "%s\n", plan_or.error().message().c_str());
    return 1;
  }
  const LinkPlan plan = std::move(plan_or.value());
  auto t = Clock::now();
  const PreparedRecords records = PreparedRecords::prepare(plan, left.records, right.records);
  const double prepare_s = seconds_since(t);
  t = Clock::now();
  auto candidates = find_candidate_pairs(plan, records);
  if (!candidates) {
    std::fprintf(stderr, "%s\n", candidates.error().message().c_str());
    return 1;
  }
  const double block_s = seconds_since(t);
  t = Clock::now();
  const UEstimate u = estimate_u(plan, records);
  const double u_s = seconds_since(t);
  t = Clock::now();
  const std::vector<ComparisonVector> vectors = compare_pairs(plan, records, candidates->pairs);
  const double compare_s = seconds_since(t);
  t = Clock::now();
  auto training =
      train_parameters(plan, *candidates, vectors, u,
                       all_pairs(records.left_rows(), records.right_rows(), records.dedupe()));
  if (!training) {
    std::fprintf(stderr, "%s\n", training.error().message().c_str());
    return 1;
  }
  const double train_s = seconds_since(t);
  t = Clock::now();
  ScoringSummary summary;
  const std::vector<LinkPair> pairs =
      score_pairs(plan, records, training->parameters, *candidates, vectors, &summary);
  const double score_s = seconds_since(t);
  const double total_s = seconds_since(t0);
  rusage ru1;
  getrusage(RUSAGE_SELF, &ru1);
  auto secs = [](const timeval& a, const timeval& b) {
    return static_cast<double>(b.tv_sec - a.tv_sec) +
           static_cast<double>(b.tv_usec - a.tv_usec) / 1e6;
  };
  const double user_s = secs(ru0.ru_utime, ru1.ru_utime),
               system_s = secs(ru0.ru_stime, ru1.ru_stime);
  const long page_faults = ru1.ru_minflt - ru0.ru_minflt;
  const long rss_kib = peak_rss_kib();

  // ---- accuracy -------------------------------------------------------------------------
  const Truth truth = Truth::complete(truth_pairs);
  const std::vector<double> thresholds = {0.01, 0.1, 0.5, 0.8, 0.9, 0.95, 0.99, 0.999};
  const std::vector<Metrics> curve = precision_recall_curve(pairs, truth, thresholds);
  const Metrics at_match = evaluate(pairs, truth, plan.match_threshold);
  // How many true pairs blocking proposed at all (recall's ceiling).
  uint64_t proposed = 0;
  for (const RowPair& p : candidates->pairs) {
    if (truth.label(p.left, p.right).value_or(false)) ++proposed;
  }

  const double per_second = static_cast<double>(candidates->size()) / (compare_s + score_s);
  std::printf("连接基准 linkage benchmark: %zu × %zu records, %u threads\n", left.records.rows(),
              right.records.rows(), threads);
  std::printf("读入 CSV（不计时）/ read CSV, not timed: %.2f s\n\n", read_s);
  std::printf("%-36s %10s\n", "阶段 stage", "秒 s");
  const std::pair<const char*, double> stages[] = {
      {"规范化 normalise (prepare)", prepare_s}, {"分块 blocking", block_s},
      {"u 估计 u from random pairs", u_s},       {"比较 comparison vectors", compare_s},
      {"EM 训练 EM training (m, λ)", train_s},   {"打分与分类 scoring + classes", score_s},
      {"合计 total (incl. training)", total_s}};
  for (const auto& [name, s] : stages) std::printf("%-36s %10.2f\n", name, s);
  std::printf(
      "\n候选对 candidate pairs: %zu (真匹配中被分块找到 true pairs proposed: %llu / %zu)\n",
      candidates->size(), static_cast<unsigned long long>(proposed), truth_pairs.size());
  std::printf("每秒比较并打分 pairs compared+scored per second: %.0f\n", per_second);
  std::printf(
      "峰值内存 peak memory (maxrss): %.0f MiB; 计时部分缺页 page faults in the timed part: %ld\n",
      rss_kib / 1024.0, page_faults);
  std::printf("CPU 时间 CPU time: user %.2f s, system %.2f s (%.0f%% of %u threads × wall time)\n",
              user_s, system_s, 100.0 * (user_s + system_s) / (threads * total_s), threads);
  std::printf("匹配 match %llu, 可能 possible %llu, 不匹配 non-match %llu\n",
              static_cast<unsigned long long>(summary.matches),
              static_cast<unsigned long long>(summary.possible_matches),
              static_cast<unsigned long long>(summary.non_matches));
  std::printf("\n%-28s %-10s %10s %10s %10s\n", "分块规则 blocking rule", "", "pairs", "new",
              "skipped");
  for (const RuleReport& r : candidates->rules) {
    std::printf("%-28s %10s %10llu %10llu %10llu\n", r.rule.c_str(), "",
                static_cast<unsigned long long>(r.pairs),
                static_cast<unsigned long long>(r.new_pairs),
                static_cast<unsigned long long>(r.skipped_blocks));
  }
  std::printf("\nEM: λ = %.3g (expected matches %.0f, %d iterations);", training->parameters.lambda,
              training->expected_matches, training->lambda_iterations);
  for (const EmSession& s : training->sessions) {
    std::printf(" [%s: %llu pairs, %d it%s]", s.rule.empty() ? "all" : s.rule.c_str(),
                static_cast<unsigned long long>(s.pairs), s.iterations,
                s.converged ? "" : ", not converged");
  }
  std::printf("\n%-26s %8s %8s %8s\n", "字段/层级 field/level", "m", "u", "weight");
  for (size_t f = 0; f < plan.comparisons.size(); ++f) {
    const ComparisonPlan& c = plan.comparisons[f];
    for (size_t l = 1; l < c.levels.size(); ++l) {
      std::printf("  %-24s %8.5f %8.6f %+8.2f\n", (c.field + " " + c.levels[l].code()).c_str(),
                  training->parameters.fields[f].m[l], training->parameters.fields[f].u[l],
                  training->parameters.level_weight(f, static_cast<uint8_t>(l)));
    }
  }
  std::printf("\n精确率/召回率 precision–recall (threshold, precision, recall, F1):\n");
  for (const Metrics& m : curve) {
    std::printf("  %6.3f  %.4f  %.4f  %.4f\n", m.threshold, m.precision, m.recall, m.f1);
  }
  std::printf(
      "匹配阈值 at the match threshold %.2f: precision %.4f, recall %.4f, F1 %.4f "
      "(TP %llu, FP %llu, FN %llu)\n",
      plan.match_threshold, at_match.precision, at_match.recall, at_match.f1,
      static_cast<unsigned long long>(at_match.true_positives),
      static_cast<unsigned long long>(at_match.false_positives),
      static_cast<unsigned long long>(at_match.false_negatives));

  // A few explanations of true pairs that needed a fuzzy level, one per kind of damage.
  std::printf("\n解释示例 sample explanations:\n");
  std::vector<std::string> shown_levels;
  for (const LinkPair& p : pairs) {
    if (shown_levels.size() >= 8) break;
    if (!truth.label(p.left_row, p.right_row).value_or(false)) continue;
    std::string signature;
    for (const FieldContribution& c : p.contributions()) {
      const LevelKind k = plan.comparisons[c.field].levels[c.level].kind;
      if (k != LevelKind::exact)
        signature += plan.comparisons[c.field].levels[c.level].code() + ";";
    }
    if (signature.empty()) continue;
    bool seen = false;
    for (const auto& s : shown_levels) seen = seen || s == signature;
    if (seen) continue;
    shown_levels.push_back(signature);
    std::printf("  %s\n  %s\n", explain_with_verdict(plan, p, Language::zh).c_str(),
                explain_with_verdict(plan, p, Language::en).c_str());
  }

  // False positives and false negatives with their raw values, for looking at mistakes.
  if (show_errors > 0) {
    auto row_text = [](const Records& r, uint32_t row) {
      std::string out;
      for (const RecordColumn& c : r.columns()) out += std::string(c.values[row]) + " | ";
      return out;
    };
    std::printf("\n误报 false positives at %.2f:\n", plan.match_threshold);
    int shown = 0;
    for (const LinkPair& p : pairs) {
      if (shown >= show_errors) break;
      if (p.match_class != MatchClass::match ||
          truth.label(p.left_row, p.right_row).value_or(false))
        continue;
      ++shown;
      std::printf("  %s\n    L %s\n    R %s\n", explain_with_verdict(plan, p, Language::zh).c_str(),
                  row_text(left.records, p.left_row).c_str(),
                  row_text(right.records, p.right_row).c_str());
    }
    std::printf("\n漏报 false negatives:\n");
    shown = 0;
    std::vector<char> found(right.records.rows(), 0);
    for (const LinkPair& p : pairs) {
      if (p.match_class == MatchClass::match &&
          truth.label(p.left_row, p.right_row).value_or(false))
        found[p.right_row] = 1;
    }
    for (const RowPair& tp : truth_pairs) {
      if (shown >= show_errors) break;
      if (found[tp.right]) continue;
      ++shown;
      const LinkPair p = score_pair(plan, records, training->parameters, tp.left, tp.right);
      std::printf("  %s\n    L %s\n    R %s\n", explain_with_verdict(plan, p, Language::zh).c_str(),
                  row_text(left.records, tp.left).c_str(),
                  row_text(right.records, tp.right).c_str());
    }
  }

  if (!keys_dir.empty()) {
    write_keys(keys_dir + "/keys_left.csv", plan, records, false);
    write_keys(keys_dir + "/keys_right.csv", plan, records, true);
  }
  if (!json_path.empty()) {
    std::ofstream out(json_path);
    out << fmt::format(
        "{{\"rows_left\": {}, \"rows_right\": {}, \"threads\": {}, \"seconds\": {:.3f}, "
        "\"prepare_s\": {:.3f}, \"block_s\": {:.3f}, \"u_s\": {:.3f}, \"compare_s\": {:.3f}, "
        "\"train_s\": {:.3f}, \"score_s\": {:.3f}, \"candidates\": {}, \"pairs_per_second\": "
        "{:.0f}, \"peak_mib\": {:.0f}, \"precision\": {:.4f}, \"recall\": {:.4f}, \"f1\": {:.4f}, "
        "\"matches\": {}, \"user_s\": {:.2f}, \"system_s\": {:.2f}, \"page_faults\": {}}}\n",
        left.records.rows(), right.records.rows(), threads, total_s, prepare_s, block_s, u_s,
        compare_s, train_s, score_s, candidates->size(), per_second, rss_kib / 1024.0,
        at_match.precision, at_match.recall, at_match.f1, summary.matches, user_s, system_s,
        page_faults);
  }
  return 0;
}
