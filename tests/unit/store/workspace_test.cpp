#include "store/workspace.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <fstream>

#include "store/catalog.h"
#include "store/dataset_version.h"
#include "store/migrations.h"
#include "store/version_writer.h"
#include "support/temp_dir.h"

namespace shanhai::store {
namespace {

using shanhai::testing::TempDir;
namespace fs = std::filesystem;

// Writes a one-column, two-row version of `dataset` and commits it.
Result<CommittedVersion> write_version(Workspace& ws, const std::string& dataset) {
  auto w = VersionWriter::start(ws, dataset);
  if (!w) return w.take_error();
  auto col = StringColumnWriter::create(w.value()->dir(), raw_column_file(0));
  EXPECT_TRUE(col.value()->append("张伟").ok());
  EXPECT_TRUE(col.value()->append("李娜").ok());
  w.value()->add_files(col.value()->close().value());
  auto rows = FixedColumnWriter<int64_t>::create(w.value()->dir(), kRowNumbersFile);
  EXPECT_TRUE(rows.value()->append(2).ok());
  EXPECT_TRUE(rows.value()->append(3).ok());
  w.value()->add_file(rows.value()->close().value());
  VersionManifest m;
  m.source_file = "a.csv";
  m.source_format = "csv";
  m.row_count = 2;
  m.columns.push_back({"姓名", "text", "", 0, 0});
  return w.value()->commit(m);
}

TEST(WorkspaceTest, CreateMakesCatalogInWalModeAtLatestSchema) {
  TempDir dir;
  auto ws = Workspace::create(dir / "ws");
  ASSERT_TRUE(ws.ok()) << ws.error().message();
  EXPECT_TRUE(fs::is_regular_file(dir / "ws" / "catalog.db"));
  EXPECT_TRUE(fs::is_directory(dir / "ws" / "data"));
  EXPECT_EQ(ws.value()->schema_version(), latest_schema_version());
  EXPECT_EQ(ws.value()->db().execAndGet("PRAGMA journal_mode").getString(), "wal");
}

TEST(WorkspaceTest, MigrationsAreNumberedWithoutGaps) {
  int expected = 1;
  for (const Migration& m : migrations()) EXPECT_EQ(m.number, expected++);
}

TEST(WorkspaceTest, OpenAppliesPendingMigrations) {
  TempDir dir;
  {
    SQLite::Database db((dir / "catalog.db").string(),
                        SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  }
  fs::create_directories(dir / "data");
  auto ws = Workspace::open(dir.path());
  ASSERT_TRUE(ws.ok()) << ws.error().message();
  EXPECT_EQ(ws.value()->schema_version(), latest_schema_version());
}

TEST(WorkspaceTest, NewerSchemaRefusedWithoutChange) {
  TempDir dir;
  { ASSERT_TRUE(Workspace::create(dir / "ws").ok()); }
  {
    SQLite::Database db((dir / "ws" / "catalog.db").string(), SQLite::OPEN_READWRITE);
    db.exec("PRAGMA user_version = 42");
  }
  auto ws = Workspace::open(dir / "ws");
  ASSERT_FALSE(ws.ok());
  EXPECT_EQ(ws.error().code(), "workspace.too_new");
  SQLite::Database db((dir / "ws" / "catalog.db").string(), SQLite::OPEN_READONLY);
  EXPECT_EQ(db.execAndGet("PRAGMA user_version").getInt(), 42);
}

TEST(WorkspaceTest, NotAWorkspace) {
  TempDir dir;
  auto missing = Workspace::open(dir / "none");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code(), "workspace.missing");
  auto plain = Workspace::open(dir.path());
  ASSERT_FALSE(plain.ok());
  EXPECT_EQ(plain.error().code(), "workspace.not_workspace");
  dir.write("catalog.db", "this is not sqlite, just text that is long enough to be read.......");
  auto garbage = Workspace::open(dir.path());
  ASSERT_FALSE(garbage.ok());
  EXPECT_EQ(garbage.error().code(), "workspace.open");
}

TEST(WorkspaceTest, CreateRefusesNonEmptyDirectoryAndExistingWorkspace) {
  TempDir dir;
  dir.write("x.txt", "x");
  EXPECT_EQ(Workspace::create(dir.path()).error().code(), "workspace.not_empty");
  ASSERT_TRUE(Workspace::create(dir / "ws").ok());
  EXPECT_EQ(Workspace::create(dir / "ws").error().code(), "workspace.exists");
}

TEST(VersionWriterTest, CommitMakesVersionVisibleAndVerifiable) {
  TempDir dir;
  auto ws = Workspace::create(dir / "ws").value();
  auto v1 = write_version(*ws, "名单");
  ASSERT_TRUE(v1.ok()) << v1.error().message();
  EXPECT_EQ(v1.value().version, 1);
  EXPECT_EQ(write_version(*ws, "名单").value().version, 2);
  auto info = find_version(*ws, "名单");
  ASSERT_TRUE(info.ok());
  EXPECT_EQ(info.value().version, 2);
  auto v = DatasetVersion::open(*ws, info.value());
  ASSERT_TRUE(v.ok());
  EXPECT_TRUE(v.value().verify().ok());
  EXPECT_EQ(v.value().raw(0).value().at(1), "李娜");
  EXPECT_EQ(v.value().row_numbers().value().at(1), 3);
  EXPECT_TRUE(fs::is_empty(ws->temp_dir()));
}

TEST(VersionWriterTest, AbandonedWriterLeavesNothing) {
  TempDir dir;
  auto ws = Workspace::create(dir / "ws").value();
  {
    auto w = VersionWriter::start(*ws, "名单");
    ASSERT_TRUE(w.ok());
    std::ofstream(w.value()->dir() / "c0.raw.dat") << "partial";
  }
  EXPECT_TRUE(fs::is_empty(ws->temp_dir()));
  EXPECT_TRUE(list_datasets(*ws).value().empty());
  EXPECT_FALSE(fs::exists(ws->data_dir() / "名单"));
}

TEST(VersionWriterTest, CorruptionIsDetected) {
  TempDir dir;
  auto ws = Workspace::create(dir / "ws").value();
  ASSERT_TRUE(write_version(*ws, "名单").ok());
  auto info = find_version(*ws, "名单").value();
  {
    std::fstream f(ws->root() / info.dir / "c0.raw.dat",
                   std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(0);
    f.put('X');
  }
  auto s = DatasetVersion::open(*ws, info).value().verify();
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code(), "store.corrupt");
  EXPECT_NE(s.error().where().file.find("c0.raw.dat"), std::string::npos);
}

TEST(VersionWriterTest, BadDatasetNames) {
  for (const char* name : {"", ".hidden", "a/b", "a\\b", "tab\there"}) {
    EXPECT_FALSE(validate_dataset_name(name).ok()) << name;
  }
  EXPECT_TRUE(validate_dataset_name("行政处罚决定 2023").ok());
  EXPECT_FALSE(validate_dataset_name(std::string(65, 'a')).ok());
}

// A process killed after renaming its version into place but before the catalog commit leaves a
// directory the catalog does not list. It is never shown, and the next version replaces it.
TEST(VersionWriterTest, DirectoryLeftByCrashBetweenRenameAndCommitIsReplaced) {
  TempDir dir;
  auto ws = Workspace::create(dir / "ws").value();
  fs::create_directories(ws->data_dir() / "名单" / "1");
  std::ofstream(ws->data_dir() / "名单" / "1" / "manifest.json") << "{\"stale\": true}";
  EXPECT_TRUE(list_datasets(*ws).value().empty());
  auto v = write_version(*ws, "名单");
  ASSERT_TRUE(v.ok()) << v.error().message();
  EXPECT_EQ(v.value().version, 1);
  auto info = find_version(*ws, "名单").value();
  EXPECT_TRUE(DatasetVersion::open(*ws, info).value().verify().ok());
}

TEST(VersionWriterTest, TempDirsOfDeadWritersAreRemovedOnOpenButNotLiveOnes) {
  TempDir dir;
  { ASSERT_TRUE(Workspace::create(dir / "ws").ok()); }
  const fs::path tmp = dir / "ws" / "data" / ".tmp";
  fs::create_directories(tmp / "dead");
  std::ofstream(tmp / "dead.lock") << "";
  fs::create_directories(tmp / "orphan");  // no lock file at all
  fs::create_directories(tmp / "live");
  const int fd = ::open((tmp / "live.lock").c_str(), O_RDWR | O_CREAT, 0644);
  ASSERT_EQ(::flock(fd, LOCK_EX), 0);
  // flock locks belong to the open file description: a child process sees it as held.
  const pid_t child = ::fork();
  if (child == 0) {
    auto ws = Workspace::open(dir / "ws");
    ::_exit(ws.ok() ? 0 : 1);
  }
  int status = 0;
  ::waitpid(child, &status, 0);
  ASSERT_EQ(WEXITSTATUS(status), 0);
  EXPECT_FALSE(fs::exists(tmp / "dead"));
  EXPECT_FALSE(fs::exists(tmp / "dead.lock"));
  EXPECT_FALSE(fs::exists(tmp / "orphan"));
  EXPECT_TRUE(fs::exists(tmp / "live"));
  ::close(fd);
}

}  // namespace
}  // namespace shanhai::store

namespace shanhai::store {
namespace {

// A workspace written before migration 2 (no division tables) is upgraded on open, keeping its
// datasets.
TEST(WorkspaceTest, WorkspaceAtSchemaOneIsMigrated) {
  TempDir dir;
  {
    auto ws = Workspace::create(dir / "ws").value();
    ASSERT_TRUE(write_version(*ws, "名单").ok());
    // What a workspace of schema 1 looked like: no tables of later migrations.
    ws->db().exec(
        "DROP TABLE model_installs; DROP TABLE model_favourites; DROP TABLE model_reviews; "
        "DROP TABLE model_submissions; "
        "DROP TABLE signing_keys; DROP TABLE trusted_keys; DROP TABLE link_decisions; "
        "DELETE FROM workspace_info WHERE key = 'link_pair_salt'; "
        "DROP TABLE region_tables; DROP TABLE models; DROP TABLE lead_shares; "
        "DROP TABLE lead_links; DROP TABLE lead_attachments; DROP TABLE lead_events; "
        "DROP TABLE lead_evidence; "
        "DROP TABLE leads; DROP TABLE runs; DROP TABLE audit_log; DROP TABLE login_failures; "
        "DROP TABLE sessions; DROP TABLE pairings; DROP TABLE users; DROP TABLE organisations; "
        "ALTER TABLE datasets DROP COLUMN org; PRAGMA user_version = 1");
  }
  auto ws = Workspace::open(dir / "ws");
  ASSERT_TRUE(ws.ok()) << ws.error().message();
  EXPECT_EQ(ws.value()->schema_version(), latest_schema_version());
  EXPECT_TRUE(ws.value()->db().tableExists("region_tables"));
  EXPECT_TRUE(ws.value()->db().tableExists("models"));
  EXPECT_TRUE(ws.value()->db().tableExists("link_decisions"));
  // Migration 11 gives the workspace its own secret for pair keys (32 hex digits).
  EXPECT_EQ(ws.value()
                ->db()
                .execAndGet("SELECT length(value) FROM workspace_info WHERE key = 'link_pair_salt'")
                .getInt(),
            32);
  EXPECT_EQ(find_version(*ws.value(), "名单").value().row_count, 2);
}

}  // namespace
}  // namespace shanhai::store
