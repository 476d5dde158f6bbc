// The lead catalog at 100,000 leads: recording a run (100,000 new leads with 2 evidence rows
// each; then the same run again, every lead found again) and answering the lead list (the
// default page, a status filter, a text search and a deep page) over 12 organisations.
//
//   build/bench/shanhai_lead_bench [--benchmark_filter=RecordRun]
//
// Targets: recording well under 2 s; a list page in a few milliseconds.

#include <benchmark/benchmark.h>
#include <stdlib.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "leads/lead_query.h"
#include "leads/lead_store.h"
#include "store/workspace.h"

namespace {

using namespace shanhai;

constexpr int kLeads = 100'000;
constexpr int kOrgs = 12;

class TempWorkspace {
 public:
  TempWorkspace() {
    std::string tmpl =
        (std::filesystem::temp_directory_path() / "shanhai-lead-bench-XXXXXX").string();
    dir_ = mkdtemp(tmpl.data());
    ws_ = std::move(store::Workspace::create(dir_ / "ws").value());
  }
  ~TempWorkspace() {
    ws_.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  store::Workspace& ws() { return *ws_; }

 private:
  std::filesystem::path dir_;
  std::unique_ptr<store::Workspace> ws_;
};

std::vector<leads::DetectedLead> make_leads(int count) {
  std::vector<leads::DetectedLead> out;
  out.reserve(count);
  for (int i = 0; i < count; ++i) {
    leads::DetectedLead d;
    d.rule = "unpaid-and-not-enforced";
    d.subject = fmt::format("杭林罚〔2026〕{}号", i);
    d.subject_masked = d.subject;
    d.title = fmt::format("马明{}被处罚款 5000 元，逾期未缴纳且未申请强制执行", i);
    d.title_masked = fmt::format("马*{}被处罚款 5000 元，逾期未缴纳且未申请强制执行", i);
    d.category = "行政非诉执行监督";
    d.evidence = {{"penalties", "行政处罚决定", 1, "/data/行政处罚决定.csv", "", i + 2},
                  {"payments", "缴款记录", 1, "/data/缴款记录.csv", "", i + 2}};
    out.push_back(std::move(d));
  }
  return out;
}

leads::RunRecord run_record(const std::string& org, const std::string& started_at) {
  leads::RunRecord r;
  r.org = org;
  r.model_id = "admin-penalty-enforcement";
  r.model_version = "1.0.0";
  r.started_at = started_at;
  return r;
}

void BM_RecordRunNew(benchmark::State& state) {
  const auto detected = make_leads(kLeads);
  for (auto _ : state) {
    state.PauseTiming();
    auto tw = std::make_unique<TempWorkspace>();
    state.ResumeTiming();
    auto s = leads::record_run(tw->ws(), run_record("3301", "2026-11-23T00:00:00Z"), detected);
    if (!s.ok()) state.SkipWithError(s.error().message().c_str());
    state.PauseTiming();
    tw.reset();
    state.ResumeTiming();
  }
  state.SetItemsProcessed(state.iterations() * kLeads);
}
BENCHMARK(BM_RecordRunNew)->Unit(benchmark::kMillisecond)->Iterations(3);

void BM_RecordRunAgain(benchmark::State& state) {
  const auto detected = make_leads(kLeads);
  TempWorkspace tw;
  (void)leads::record_run(tw.ws(), run_record("3301", "2026-11-23T00:00:00Z"), detected);
  for (auto _ : state) {
    auto s = leads::record_run(tw.ws(), run_record("3301", "2026-11-24T00:00:00Z"), detected);
    if (!s.ok()) state.SkipWithError(s.error().message().c_str());
  }
  state.SetItemsProcessed(state.iterations() * kLeads);
}
BENCHMARK(BM_RecordRunAgain)->Unit(benchmark::kMillisecond)->Iterations(3);

// 100,000 leads over 12 organisations, 1 in 7 past new, updated at distinct times.
TempWorkspace& catalog() {
  static TempWorkspace* tw = [] {
    auto* w = new TempWorkspace;
    const auto detected = make_leads(kLeads);
    for (int o = 0; o < kOrgs; ++o) {
      std::vector<leads::DetectedLead> part;
      for (int i = o; i < kLeads; i += kOrgs) part.push_back(detected[i]);
      (void)leads::record_run(w->ws(),
                              run_record(fmt::format("33{:02d}", o), "2026-11-23T00:00:00Z"), part);
    }
    w->ws().db().exec(
        "UPDATE leads SET updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', '2026-01-01', "
        "'+' || (id * 97 % 100000) || ' minutes'), status = CASE WHEN id % 7 = 0 THEN "
        "'verifying' ELSE 'new' END, handler = CASE WHEN id % 7 = 0 THEN 'wang' ELSE '' END");
    return w;
  }();
  return *tw;
}

leads::LeadFilter visible(int orgs) {
  leads::LeadFilter f;
  for (int o = 0; o < orgs; ++o) f.visible_orgs.push_back(fmt::format("33{:02d}", o));
  return f;
}

void run_query(benchmark::State& state, const leads::LeadFilter& f) {
  auto& ws = catalog().ws();
  for (auto _ : state) {
    auto page = leads::query_leads(ws, f);
    if (!page.ok()) state.SkipWithError(page.error().message().c_str());
    benchmark::DoNotOptimize(page);
  }
}

void BM_QueryDefaultPage(benchmark::State& state) {
  run_query(state, visible(static_cast<int>(state.range(0))));
}
BENCHMARK(BM_QueryDefaultPage)->Arg(1)->Arg(4)->Arg(kOrgs)->Unit(benchmark::kMillisecond);

void BM_QueryStatus(benchmark::State& state) {
  auto f = visible(kOrgs);
  f.statuses = {"verifying"};
  run_query(state, f);
}
BENCHMARK(BM_QueryStatus)->Unit(benchmark::kMillisecond);

void BM_QuerySortBySubject(benchmark::State& state) {
  auto f = visible(kOrgs);
  f.sort = "subject";
  run_query(state, f);
}
BENCHMARK(BM_QuerySortBySubject)->Unit(benchmark::kMillisecond);

void BM_QueryText(benchmark::State& state) {
  auto f = visible(kOrgs);
  f.q = "马*4711";
  run_query(state, f);
}
BENCHMARK(BM_QueryText)->Unit(benchmark::kMillisecond);

void BM_QueryDeepPage(benchmark::State& state) {
  auto f = visible(kOrgs);
  f.page = 200;
  f.page_size = 50;
  run_query(state, f);
}
BENCHMARK(BM_QueryDeepPage)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
