// Fills a workspace with N leads of one organisation for the lead-list API benchmark
// (bench/api_bench.sh): realistic titles and subjects (masked forms as the engine writes them),
// two evidence rows each, statuses spread over the workflow, creation times over twelve months.
//
//   shanhai_gen_leads WORKSPACE ORG N

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <fmt/format.h>

#include <cstdio>
#include <iostream>
#include <random>

#include "leads/lead_store.h"
#include "store/workspace.h"

using namespace shanhai;

int main(int argc, char** argv) {
  if (argc != 4) {
    std::cerr << "usage: shanhai_gen_leads WORKSPACE ORG N\n";
    return 2;
  }
  auto ws = store::Workspace::open(argv[1]);
  if (!ws) {
    std::cerr << ws.error().message() << "\n";
    return 1;
  }
  const std::string org = argv[2];
  const long n = std::stol(argv[3]);
  static const char* kSurnames[] = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周"};
  static const char* kGiven[] = {"伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军"};
  std::mt19937_64 rng(42);
  std::vector<leads::DetectedLead> detected;
  detected.reserve(static_cast<size_t>(n));
  for (long i = 0; i < n; ++i) {
    const std::string surname = kSurnames[rng() % 10];
    const std::string name = surname + kGiven[rng() % 10];
    const std::string id =
        fmt::format("3301221980{:02}{:02}{:03}X", 1 + rng() % 12, 1 + rng() % 28, rng() % 1000);
    const std::string doc = fmt::format("桐林罚决字〔{}〕第{}号", 2020 + i % 5, i + 1);
    const long amount = 500 + static_cast<long>(rng() % 50) * 100;
    leads::DetectedLead d;
    d.rule = "unpaid-and-not-enforced";
    d.subject = doc;
    d.subject_masked = doc;
    d.title = fmt::format("{}（{}）被处罚款{}元（{}），逾期未缴纳且未申请法院强制执行", name, id,
                          amount, doc);
    d.title_masked =
        fmt::format("{}*（{}**********{}）被处罚款{}元（{}），逾期未缴纳且未申请法院强制执行",
                    surname, id.substr(0, 4), id.substr(14), amount, doc);
    d.category = "行政非诉执行监督";
    d.evidence = {{"penalties", "行政处罚决定", 1, "行政处罚决定台账.csv", "", i + 3},
                  {"payments", "罚款缴纳记录", 1, "罚款缴纳记录.xlsx", "Sheet1", i + 4}};
    detected.push_back(std::move(d));
  }
  leads::RunRecord run;
  run.org = org;
  run.model_id = "admin-penalty-enforcement";
  run.model_version = "1.1.0";
  run.started_at = "2026-01-01T00:00:00Z";
  run.run_by = "bench";
  auto summary = leads::record_run(*ws.value(), run, detected);
  if (!summary) {
    std::cerr << summary.error().message() << "\n";
    return 1;
  }
  // Spread statuses and dates as a year of work would.
  static const char* kStatuses[] = {"new",       "new",   "new",         "triaged", "approved",
                                    "verifying", "filed", "recommended", "replied", "closed"};
  auto& db = ws.value()->db();
  SQLite::Transaction tx(db);
  SQLite::Statement up(db,
                       "UPDATE leads SET status = ?, created_at = ?, updated_at = ?, handler = ? "
                       "WHERE id = ?");
  SQLite::Statement ids(db, "SELECT id FROM leads WHERE org = ?");
  ids.bind(1, org);
  long k = 0;
  while (ids.executeStep()) {
    const int64_t id = ids.getColumn(0).getInt64();
    const std::string status = kStatuses[k % 10];
    const std::string created = fmt::format("2026-{:02}-{:02}T08:00:00Z", 1 + k % 11, 1 + k % 28);
    const std::string updated =
        fmt::format("2026-{:02}-{:02}T09:{:02}:00Z", 1 + k % 11, 1 + k % 28, k % 60);
    up.bind(1, status);
    up.bind(2, created);
    up.bind(3, updated);
    up.bind(4, status == "new" || status == "triaged" || status == "approved" ? "" : "zhang.jian");
    up.bind(5, id);
    up.exec();
    up.reset();
    ++k;
  }
  tx.commit();
  std::cout << fmt::format("{} leads for {} ({} new)\n", summary->total, org, summary->added);
  return 0;
}
