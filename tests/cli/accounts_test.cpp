// `shanhai org`, `user`, `pairing`, `--org` and `serve` as an administrator meets them: the real
// binary on a real workspace, one test per kind of bad input, each leaving the workspace as it was.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include "support/process.h"
#include "support/temp_dir.h"

#include <chrono>
#include <thread>

namespace shanhai {
namespace {

using namespace shanhai::testing;

const std::string kSamples = std::string(SHANHAI_SOURCE_DIR) + "/samples";

// Everything an account or ownership change could touch, as text.
std::string catalog_state(const std::filesystem::path& ws) {
  SQLite::Database db((ws / "catalog.db").string(), SQLite::OPEN_READONLY);
  std::string out;
  for (const char* sql :
       {"SELECT code, name, coalesce(parent, '') FROM organisations ORDER BY code",
        "SELECT username, org, role, password_hash, disabled FROM users ORDER BY username",
        "SELECT assisting, assisted, starts_on, ends_on FROM pairings ORDER BY id",
        "SELECT name, org FROM datasets ORDER BY name",
        "SELECT dataset_id, version, row_count FROM dataset_versions ORDER BY id",
        "SELECT action, target FROM audit_log ORDER BY id"}) {
    SQLite::Statement q(db, sql);
    while (q.executeStep()) {
      for (int i = 0; i < q.getColumnCount(); ++i) out += q.getColumn(i).getString() + "\t";
      out += "\n";
    }
    out += "--\n";
  }
  return out;
}

class AccountsCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(run({"init", ws()}).exit_code, 0);
    ASSERT_EQ(run({"org", "add", ws(), "330000", "浙江省人民检察院"}).exit_code, 0);
    ASSERT_EQ(
        run({"org", "add", ws(), "330122", "桐庐县人民检察院", "--parent", "330000"}).exit_code, 0);
    ASSERT_EQ(run({"org", "add", ws(), "540400", "林芝市人民检察院"}).exit_code, 0);
  }
  ProcessResult run(const std::vector<std::string>& args, const std::string& in = "") {
    return run_shanhai(args, dir_.path(), in);
  }
  std::string ws() const { return (dir_ / "ws").string(); }
  // Exit 1, Chinese then English, and nothing changed in the workspace.
  void expect_refused(const std::vector<std::string>& args, const std::string& in,
                      const std::string& words) {
    const std::string before = catalog_state(dir_ / "ws");
    auto r = run(args, in);
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_EQ(r.err.rfind("错误：", 0), 0u) << r.err;
    EXPECT_NE(r.err.find("\nError: "), std::string::npos) << r.err;
    EXPECT_NE(r.err.find(words), std::string::npos) << r.err;
    EXPECT_EQ(catalog_state(dir_ / "ws"), before) << args.at(0);
  }
  TempDir dir_;
};

TEST_F(AccountsCliTest, OrganisationsUsersAndPairings) {
  auto orgs = nlohmann::json::parse(run({"org", "list", ws(), "--json"}).out);
  ASSERT_EQ(orgs.size(), 3u);
  EXPECT_EQ(orgs[1]["parent"], "330000");
  auto add = run({"user", "add", ws(), "zhang.jian", "--org", "330122", "--role", "prosecutor",
                  "--name", "张检", "--password-stdin"},
                 "correct horse battery\n");
  ASSERT_EQ(add.exit_code, 0) << add.err;
  EXPECT_NE(add.out.find("检察官"), std::string::npos);
  auto users = nlohmann::json::parse(run({"user", "list", ws(), "--json"}).out);
  ASSERT_EQ(users.size(), 1u);
  EXPECT_EQ(users[0]["role"], "prosecutor");
  EXPECT_EQ(users[0].count("password_hash"), 0u);
  EXPECT_EQ(
      run({"user", "passwd", ws(), "zhang.jian", "--password-stdin"}, "another secret\n").exit_code,
      0);
  auto pairing = run({"pairing", "add", ws(), "--assisting", "330000", "--assisted", "540400",
                      "--from", "2024-01-01", "--to", "2030-12-31"});
  EXPECT_EQ(pairing.exit_code, 0) << pairing.err;
}

TEST_F(AccountsCliTest, BadOrganisationsAreRefused) {
  expect_refused({"org", "add", ws(), "33 01", "某院"}, "", "单位编码");
  expect_refused({"org", "add", ws(), "330000", "重复"}, "", "已存在");
  expect_refused({"org", "add", ws(), "330100", "杭州市人民检察院", "--parent", "339999"}, "",
                 "上级单位不存在");
  expect_refused({"pairing", "add", ws(), "--assisting", "330000", "--assisted", "330000", "--from",
                  "2024-01-01", "--to", "2024-12-31"},
                 "", "同一单位");
  expect_refused({"pairing", "add", ws(), "--assisting", "330000", "--assisted", "540400", "--from",
                  "2025-01-01", "--to", "2024-12-31"},
                 "", "结对期限无效");
  expect_refused({"pairing", "add", ws(), "--assisting", "330000", "--assisted", "999999", "--from",
                  "2024-01-01", "--to", "2024-12-31"},
                 "", "999999");
}

TEST_F(AccountsCliTest, BadUsersAreRefused) {
  expect_refused(
      {"user", "add", ws(), "a", "--org", "330122", "--role", "judge", "--password-stdin"},
      "long enough\n", "未知角色");
  expect_refused({"user", "add", ws(), "a", "--org", "330122", "--role", "viewer"}, "",
                 "--password-stdin");
  expect_refused(
      {"user", "add", ws(), "a", "--org", "330122", "--role", "viewer", "--password-stdin"},
      "short\n", "密码长度");
  expect_refused(
      {"user", "add", ws(), "a", "--org", "999999", "--role", "viewer", "--password-stdin"},
      "long enough\n", "999999");
  expect_refused(
      {"user", "add", ws(), "张 三", "--org", "330122", "--role", "viewer", "--password-stdin"},
      "long enough\n", "用户名");
  ASSERT_EQ(
      run({"user", "add", ws(), "a", "--org", "330122", "--role", "viewer", "--password-stdin"},
          "long enough\n")
          .exit_code,
      0);
  expect_refused(
      {"user", "add", ws(), "a", "--org", "330122", "--role", "viewer", "--password-stdin"},
      "long enough\n", "已存在");
  expect_refused({"user", "passwd", ws(), "nobody", "--password-stdin"}, "long enough\n", "nobody");
}

TEST_F(AccountsCliTest, ADatasetOfOneOrganisationCannotTakeAVersionForAnother) {
  auto first =
      run({"import", ws(), "处罚决定", kSamples + "/行政处罚决定台账.csv", "--org", "330122"});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  expect_refused(
      {"import", ws(), "处罚决定", kSamples + "/行政处罚决定台账.csv", "--org", "540400"}, "",
      "330122");
  auto again =
      run({"import", ws(), "处罚决定", kSamples + "/行政处罚决定台账.csv", "--org", "330122"});
  EXPECT_EQ(again.exit_code, 0) << again.err;
}

TEST_F(AccountsCliTest, ServeRefusesAnAddressInUse) {
  // Two servers on one port: the second says so and exits.
  const auto scratch = dir_ / "first";
  std::filesystem::create_directories(scratch);
  Process first({"serve", ws(), "--port", "18931", "--quiet"}, scratch);
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  auto second = run({"serve", ws(), "--port", "18931", "--quiet"});
  EXPECT_EQ(second.exit_code, 1) << second.err;
  EXPECT_NE(second.err.find("无法在 127.0.0.1:18931 上监听"), std::string::npos) << second.err;
  first.kill();
}

}  // namespace
}  // namespace shanhai
