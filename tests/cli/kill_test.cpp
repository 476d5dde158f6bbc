// SIGKILL at any instant of an import leaves the workspace exactly as before: no version
// appears, no file is left under data/ once the workspace is next opened, and the next import
// succeeds. The import is killed at many points spread over its whole duration.
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "store/workspace.h"
#include "support/process.h"
#include "support/temp_dir.h"
#include "support/workspace_snapshot.h"

namespace shanhai {
namespace {

using namespace shanhai::testing;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr int kRows = 800000;

// A CSV large enough that importing it takes a noticeable time.
fs::path write_big_csv(const TempDir& dir, int rows) {
  const fs::path p = dir / "big.csv";
  std::ofstream out(p);
  out << "编号,姓名,身份证号,金额,日期,单位,备注\n";
  for (int i = 0; i < rows; ++i) {
    out << i << ",张" << (i % 97) << ",3301061985" << (100000 + i % 900000) << "X," << (i % 5000)
        << ".5,2023-" << (1 + i % 12) << "-" << (1 + i % 28) << ",某县林业局,第" << i << "条记录\n";
  }
  return p;
}

TEST(KillTest, SigkillDuringImportLeavesWorkspaceExactlyAsBefore) {
  TempDir dir;
  const std::string ws = (dir / "ws").string();
  ASSERT_EQ(run_shanhai({"init", ws}, dir.path()).exit_code, 0);
  const auto small = dir.write("small.csv", "a,b\n1,2\n");
  ASSERT_EQ(run_shanhai({"import", ws, "台账", small.string()}, dir.path()).exit_code, 0);
  const fs::path big = write_big_csv(dir, kRows);

  std::string before_json = run_shanhai({"datasets", ws, "--json"}, dir.path()).out;
  WorkspaceSnapshot before;
  {
    auto w = store::Workspace::open(ws);
    before = snapshot(*w.value());
  }

  // How long a whole import takes here (into a scratch workspace).
  const std::string scratch = (dir / "scratch").string();
  ASSERT_EQ(run_shanhai({"init", scratch}, dir.path()).exit_code, 0);
  auto full = Clock::duration::max();
  for (int i = 0; i < 2; ++i) {  // the faster of two runs (the first warms the page cache)
    const auto t0 = Clock::now();
    ASSERT_EQ(run_shanhai({"import", scratch, "台账", big.string()}, dir.path()).exit_code, 0);
    full = std::min(full, Clock::now() - t0);
  }

  int killed = 0;
  int completed = 0;
  for (int step = 1; step <= 12; ++step) {
    const auto delay = full * step / 14;
    Process p({"import", ws, "台账", big.string()}, dir.path());
    std::this_thread::sleep_for(delay);
    if (p.exited()) {
      // Finished before the kill (timing noise): a legitimate new version, the new baseline.
      ASSERT_EQ(p.wait().exit_code, 0);
      ++completed;
      before_json = run_shanhai({"datasets", ws, "--json"}, dir.path()).out;
      before = snapshot(*store::Workspace::open(ws).value());
      continue;
    }
    p.kill();
    ASSERT_EQ(p.wait().exit_code, -SIGKILL);
    ++killed;
    // Any command opens the workspace; what a user sees must be what was there before.
    EXPECT_EQ(run_shanhai({"datasets", ws, "--json"}, dir.path()).out, before_json)
        << "after a kill at " << step << "/14";
    auto w = store::Workspace::open(ws);
    ASSERT_TRUE(w.ok());
    EXPECT_EQ(snapshot(*w.value()), before) << "after a kill at " << step << "/14";
  }
  EXPECT_GE(killed, 6) << "the import finished too fast to be killed mid-way";

  // The workspace still works: the import runs to completion.
  auto r = run_shanhai({"import", ws, "台账", big.string(), "--json"}, dir.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["version"], 2 + completed);
  EXPECT_EQ(j["rows"], kRows);
}

}  // namespace
}  // namespace shanhai
