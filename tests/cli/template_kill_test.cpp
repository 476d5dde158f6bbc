// SIGKILL at any instant of `shanhai run --template` never leaves a template half imported: the
// sheets' datasets are committed together, so after a kill either none of them has a new
// version or all of them have, and the workspace still works.
#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <thread>

#include "store/catalog.h"
#include "store/workspace.h"
#include "support/process.h"
#include "support/temp_dir.h"
#include "support/xlsx_fixture.h"

namespace shanhai {
namespace {

using namespace shanhai::testing;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr int kRows = 40000;

// The penalty model's template, filled with kRows rows per sheet (row 2 the element row).
fs::path write_big_template(const TempDir& dir) {
  auto note = [](const char* s) { return XlsxCell(std::string("【必填】") + s); };
  std::vector<XlsxSheet> book = {
      {"说明", {{std::string("要素模版")}}, {}},
      {"行政处罚决定",
       {{std::string("决定书文号"), std::string("当事人"), std::string("当事人证件号码"),
         std::string("罚款金额"), std::string("决定日期"), std::string("执法机关")},
        {note("案号"), note("文本"), note("证件"), note("金额"), note("日期"), note("单位")}},
       {}},
      {"罚款缴纳记录",
       {{std::string("决定书文号"), std::string("缴款人证件号码"), std::string("缴款金额"),
         std::string("缴款日期")},
        {note("案号"), note("证件"), note("金额"), note("日期")}},
       {}},
      {"法院强制执行申请",
       {{std::string("决定书文号"), std::string("被申请人证件号码"), std::string("申请日期")},
        {note("案号"), note("证件"), note("日期")}},
       {}},
  };
  for (int i = 0; i < kRows; ++i) {
    const std::string no = "杭西环罚〔2023〕" + std::to_string(i) + "号";
    const std::string id = "3301061985" + std::to_string(100000 + i % 900000) + "X";
    book[1].rows.push_back({no, std::string("某公司"), id, std::string("5000"),
                            std::string("2023-01-31"), std::string("某局")});
    book[2].rows.push_back({no, id, std::string("5000"), std::string("2023-02-01")});
    book[3].rows.push_back({no, id, std::string("2023-12-01")});
  }
  const fs::path p = dir / "big.xlsx";
  write_xlsx(p, book);
  return p;
}

// Versions of each of the template's datasets.
std::map<std::string, size_t> template_versions(const std::string& ws) {
  std::map<std::string, size_t> out;
  for (const char* input : {"penalties", "payments", "applications"}) {
    out[input] = 0;
  }
  auto w = store::Workspace::open(ws);
  EXPECT_TRUE(w.ok());
  if (!w.ok()) return out;
  auto datasets = store::list_datasets(*w.value());
  EXPECT_TRUE(datasets.ok());
  if (!datasets.ok()) return out;
  for (const auto& d : datasets.value()) {
    const std::string prefix = "admin-penalty-enforcement.";
    if (d.name.rfind(prefix, 0) == 0) out[d.name.substr(prefix.size())] = d.versions.size();
  }
  return out;
}

TEST(TemplateKillTest, SigkillNeverLeavesATemplateHalfImported) {
  TempDir dir;
  const std::string ws = (dir / "ws").string();
  ASSERT_EQ(run_shanhai({"init", ws}, dir.path()).exit_code, 0);
  const fs::path big = write_big_template(dir);
  const std::vector<std::string> args = {
      "run",        ws,        "admin-penalty-enforcement", "--template",
      big.string(), "--param", "as_of=2024-06-30"};

  auto full = Clock::duration::max();
  {
    const auto t0 = Clock::now();
    auto r = run_shanhai(args, dir.path());
    ASSERT_EQ(r.exit_code, 0) << r.err;
    full = Clock::now() - t0;
  }
  int killed = 0;
  for (int step = 1; step <= 8; ++step) {
    Process p(args, dir.path());
    std::this_thread::sleep_for(full * step / 10);
    if (!p.exited()) {
      p.kill();
      ++killed;
    }
    p.wait();
    const auto versions = template_versions(ws);
    EXPECT_EQ(versions.at("penalties"), versions.at("payments")) << "after a kill at " << step;
    EXPECT_EQ(versions.at("penalties"), versions.at("applications")) << "after a kill at " << step;
  }
  EXPECT_GE(killed, 4) << "the run finished too fast to be killed mid-way";
  // No temporary leftovers once the workspace is opened, and the template still runs.
  { auto w = store::Workspace::open(ws); }
  EXPECT_TRUE(!fs::exists(dir / "ws" / "data" / ".tmp") ||
              std::distance(fs::directory_iterator(dir / "ws" / "data" / ".tmp"),
                            fs::directory_iterator()) == 0);
  auto r = run_shanhai(args, dir.path());
  EXPECT_EQ(r.exit_code, 0) << r.err;
}

}  // namespace
}  // namespace shanhai
