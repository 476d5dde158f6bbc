// `shanhai run` as a procurator meets it: the built-in penalty model on the demo's messy sample
// files (GB18030 CSV with a title row, XLSX with a two-row header, JSON Lines), recorded runs,
// idempotent re-runs, and every kind of bad option refused without touching the workspace.
#include <gtest/gtest.h>

#include <SQLiteCpp/Database.h>
#include <nlohmann/json.hpp>

#include "support/process.h"
#include "support/temp_dir.h"
#include "support/workspace_snapshot.h"

namespace shanhai {
namespace {

using namespace shanhai::testing;

const std::string kSamples = std::string(SHANHAI_SOURCE_DIR) + "/samples";

class RunTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(run({"init", ws()}).exit_code, 0);
    for (const auto& [name, file] : std::vector<std::pair<std::string, std::string>>{
             {"行政处罚决定", "行政处罚决定台账.csv"},
             {"罚款缴纳记录", "罚款缴纳记录.xlsx"},
             {"法院强制执行申请", "法院强制执行申请.jsonl"}}) {
      auto r = run({"import", ws(), name, kSamples + "/" + file});
      ASSERT_EQ(r.exit_code, 0) << r.err;
    }
  }
  ProcessResult run(const std::vector<std::string>& args) {
    return run_shanhai(args, dir_.path(), "");
  }
  std::string ws() const { return (dir_ / "ws").string(); }
  std::vector<std::string> penalty_run(const std::string& as_of) {
    return {"run",
            ws(),
            "admin-penalty-enforcement",
            "--input",
            "penalties=行政处罚决定",
            "--input",
            "payments=罚款缴纳记录",
            "--input",
            "applications=法院强制执行申请",
            "--map",
            "payments.amount=缴款金额（元）",
            "--param",
            "as_of=" + as_of};
  }
  nlohmann::json leads_json() {
    auto r = run({"leads", ws(), "--format", "json"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return nlohmann::json::parse(r.out);
  }
  int64_t runs_recorded() {
    SQLite::Database db((dir_ / "ws" / "catalog.db").string());
    return db.execAndGet("SELECT count(*) FROM runs").getInt64();
  }
  static void expect_bilingual_error(const ProcessResult& r, const std::string& needle) {
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_EQ(r.err.rfind("错误：", 0), 0u) << r.err;
    EXPECT_NE(r.err.find("\nError: "), std::string::npos) << r.err;
    EXPECT_NE(r.err.find(needle), std::string::npos) << r.err;
  }
  TempDir dir_;
};

TEST_F(RunTest, PenaltyModelOnTheMessySamplesFindsExactlyTheTwoUnenforcedFines) {
  auto args = penalty_run("2024-06-30");
  args.push_back("--json");
  auto r = run(args);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["leads"]["total"], 2);
  EXPECT_EQ(j["leads"]["new"], 2);
  EXPECT_EQ(j["parameters"]["as_of"], "2024-06-30");
  EXPECT_EQ(j["inputs"]["payments"]["fields"]["amount"], "缴款金额（元）");
  // Ten penalties; nine months have passed for eight (the ninth is exactly nine months old);
  // four of those are paid: by 〔〕 vs () numbers, by 第N号 vs N号, and by id and amount written
  // 伍仟元整 without a number; two of the rest have court applications.
  EXPECT_EQ(j["steps"][0]["rows"], 8);
  EXPECT_EQ(j["steps"][1]["rows"], 4);
  EXPECT_EQ(j["steps"][2]["rows"], 2);

  const auto leads = leads_json();
  ASSERT_EQ(leads.size(), 2u);
  EXPECT_EQ(leads[0]["subject"], "林罚决字(2023)6号");
  EXPECT_EQ(leads[0]["title"],
            "王芳被处罚款3000元（林罚决字(2023)6号），逾期未缴纳且未申请法院强制执行");
  EXPECT_EQ(leads[0]["evidence"][0]["row"], 9);  // line 9 of the CSV: title row, header, rows
  EXPECT_EQ(leads[0]["evidence"][0]["dataset"], "行政处罚决定");
  EXPECT_EQ(leads[1]["subject"], "林罚决字(2023)7号");
  EXPECT_EQ(leads[1]["title"],
            "马明被处罚款（空）元（林罚决字(2023)7号），逾期未缴纳且未申请法院强制执行");

  SQLite::Database db((dir_ / "ws" / "catalog.db").string());
  SQLite::Statement q(db, "SELECT run_by, parameters, inputs, leads_total FROM runs");
  ASSERT_TRUE(q.executeStep());
  EXPECT_FALSE(q.getColumn(0).getString().empty());
  EXPECT_EQ(nlohmann::json::parse(q.getColumn(1).getString())["as_of"], "2024-06-30");
  EXPECT_EQ(nlohmann::json::parse(q.getColumn(2).getString())["penalties"]["dataset"],
            "行政处罚决定");
  EXPECT_EQ(q.getColumn(3).getInt64(), 2);
}

TEST_F(RunTest, RerunsAreIdempotentAndVanishedLeadsAreKept) {
  ASSERT_EQ(run(penalty_run("2024-06-30")).exit_code, 0);
  auto again = run(penalty_run("2024-06-30"));
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find("检出 2 条线索，其中新增 0 条，0 条已不再检出"), std::string::npos)
      << again.out;
  // Earlier, the July fine is not nine months old yet: its lead is no longer detected, but kept.
  auto earlier = run(penalty_run("2024-03-05"));
  ASSERT_EQ(earlier.exit_code, 0) << earlier.err;
  EXPECT_NE(earlier.out.find("检出 1 条线索，其中新增 0 条，1 条已不再检出"), std::string::npos)
      << earlier.out;
  const auto leads = leads_json();
  ASSERT_EQ(leads.size(), 2u);
  EXPECT_EQ(leads[0]["detected"], true);
  EXPECT_EQ(leads[1]["detected"], false);
  EXPECT_EQ(runs_recorded(), 3);
}

TEST_F(RunTest, DryRunRecordsNothing) {
  auto args = penalty_run("2024-06-30");
  args.push_back("--dry-run");
  auto r = run(args);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("检出 2 条线索（试运行，未记录）"), std::string::npos) << r.out;
  EXPECT_EQ(runs_recorded(), 0);
  EXPECT_TRUE(leads_json().empty());
}

TEST_F(RunTest, BadOptionsAreRefusedAndLeaveTheWorkspaceAsItWas) {
  auto snap = [&] { return snapshot(*store::Workspace::open(ws()).value()); };
  const auto before = snap();
  auto with = [&](std::vector<std::string> extra, const std::string& as_of = "2024-06-30") {
    auto args = penalty_run(as_of);
    args.insert(args.end(), extra.begin(), extra.end());
    return run(args);
  };
  expect_bilingual_error(run({"run", ws(), "admin-penalty-enforcment"}),
                         "admin-penalty-enforcement");  // suggested
  expect_bilingual_error(with({}, "明年"), "as_of");
  expect_bilingual_error(with({"--param", "as_off=2024-01-01"}), "as_of");
  expect_bilingual_error(with({"--param", "no-equals-sign"}), "--param");
  expect_bilingual_error(with({"--input", "penalty=行政处罚决定"}), "penalties");
  expect_bilingual_error(with({"--input", "penalties=另一个数据集"}), "两次");
  expect_bilingual_error(
      run({"run", ws(), "admin-penalty-enforcement", "--input", "penalties=不存在的数据集"}),
      "不存在的数据集");
  expect_bilingual_error(with({"--map", "payments.paid_date=缴款日"}), "缴款日期");
  expect_bilingual_error(with({"--version", "9.9.9"}), "9.9.9");
  // Without --input the inputs look for datasets named like them: there are none.
  expect_bilingual_error(run({"run", ws(), "admin-penalty-enforcement"}), "penalties");
  EXPECT_EQ(snap(), before);
  EXPECT_EQ(runs_recorded(), 0);
}

}  // namespace
}  // namespace shanhai
