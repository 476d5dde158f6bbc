#include "store/workspace.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <vector>

#include <fmt/format.h>

#include "store/migrations.h"

namespace shanhai::store {

namespace fs = std::filesystem;

namespace {

constexpr const char* kCatalog = "catalog.db";

void configure(SQLite::Database& db) {
  db.exec("PRAGMA journal_mode = WAL");
  db.exec("PRAGMA synchronous = FULL");
  db.exec("PRAGMA foreign_keys = ON");
  // Reads of a busy catalog (the lead list of a 100,000-lead workspace) stay in memory: a
  // larger page cache per connection and the file mapped rather than copied page by page.
  db.exec("PRAGMA cache_size = -32768");
  db.exec("PRAGMA mmap_size = 268435456");
  db.setBusyTimeout(10000);
}

}  // namespace

Error Workspace::catalog_error(std::string code, std::string_view zh, std::string_view en,
                               const std::exception& detail) const {
  return Error(std::move(code), fmt::format("{}：{}", zh, detail.what()),
               fmt::format("{}: {}", en, detail.what()),
               Location::in_file((root_ / kCatalog).string()));
}

int Workspace::schema_version() const { return db_->execAndGet("PRAGMA user_version").getInt(); }

Result<std::unique_ptr<Workspace>> Workspace::create(const fs::path& dir) {
  std::error_code ec;
  if (fs::exists(dir, ec)) {
    if (!fs::is_directory(dir, ec)) {
      return Error("workspace.not_directory", "工作区路径已存在且不是目录",
                   "the workspace path exists and is not a directory",
                   Location::in_file(dir.string()));
    }
    if (fs::exists(dir / kCatalog, ec)) {
      return Error("workspace.exists", "该目录已是山海工作区",
                   "this directory is already a Shanhai workspace",
                   Location::in_file(dir.string()));
    }
    if (!fs::is_empty(dir, ec)) {
      return Error("workspace.not_empty", "目录非空，不能在此创建工作区",
                   "the directory is not empty; refusing to create a workspace in it",
                   Location::in_file(dir.string()));
    }
  }
  fs::create_directories(dir / "data", ec);
  if (ec) {
    return Error("workspace.create", fmt::format("无法创建工作区目录：{}", ec.message()),
                 fmt::format("cannot create the workspace directory: {}", ec.message()),
                 Location::in_file(dir.string()));
  }
  try {
    auto db = std::make_unique<SQLite::Database>((dir / kCatalog).string(),
                                                 SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    configure(*db);
    SHANHAI_TRY(migrate(*db, (dir / kCatalog).string()));
    db->exec(
        fmt::format("INSERT INTO workspace_info(key, value) VALUES ('created_at', "
                    "strftime('%Y-%m-%dT%H:%M:%SZ','now')), ('created_by_version', '{}')",
                    latest_schema_version()));
    return std::unique_ptr<Workspace>(new Workspace(fs::absolute(dir), std::move(db)));
  } catch (const SQLite::Exception& e) {
    return Error("workspace.create", fmt::format("无法创建工作区目录：{}", e.what()),
                 fmt::format("cannot create the workspace catalog: {}", e.what()),
                 Location::in_file(dir.string()));
  }
}

Result<std::unique_ptr<Workspace>> Workspace::open(const fs::path& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    return Error("workspace.missing", "工作区不存在，请先运行 shanhai init 创建",
                 "the workspace does not exist; create it with `shanhai init`",
                 Location::in_file(dir.string()));
  }
  if (!fs::is_regular_file(dir / kCatalog, ec)) {
    return Error("workspace.not_workspace",
                 "该目录不是山海工作区（缺少 catalog.db），请先运行 shanhai init",
                 "not a Shanhai workspace (catalog.db is missing); run `shanhai init`",
                 Location::in_file(dir.string()));
  }
  try {
    auto db = std::make_unique<SQLite::Database>((dir / kCatalog).string(), SQLite::OPEN_READWRITE);
    configure(*db);
    SHANHAI_TRY(migrate(*db, (dir / kCatalog).string()));
    auto ws = std::unique_ptr<Workspace>(new Workspace(fs::absolute(dir), std::move(db)));
    ws->remove_abandoned_temp_dirs();
    return ws;
  } catch (const SQLite::Exception& e) {
    return Error("workspace.open",
                 fmt::format("无法打开工作区目录（catalog.db 已损坏或不是数据库）：{}", e.what()),
                 fmt::format("cannot open the workspace catalog (corrupt or not a "
                             "database): {}",
                             e.what()),
                 Location::in_file((dir / kCatalog).string()));
  }
}

// A writer holds an exclusive flock on data/.tmp/<id>.lock for as long as data/.tmp/<id>/ is in
// use. A lock we can take belongs to a dead process, so its directory is garbage.
void Workspace::remove_abandoned_temp_dirs() {
  std::error_code ec;
  const fs::path tmp = temp_dir();
  if (!fs::is_directory(tmp, ec)) return;
  std::vector<fs::path> entries;
  for (const auto& e : fs::directory_iterator(tmp, ec)) entries.push_back(e.path());
  for (const fs::path& p : entries) {
    if (p.extension() != ".lock") continue;
    const int fd = ::open(p.c_str(), O_RDWR | O_CLOEXEC);
    if (fd < 0) continue;
    if (::flock(fd, LOCK_EX | LOCK_NB) == 0) {
      fs::path dir = p;
      dir.replace_extension();
      fs::remove_all(dir, ec);
      fs::remove(p, ec);
    }
    ::close(fd);
  }
  // Directories whose lock file is gone (the lock is created before and removed after them).
  for (const fs::path& p : entries) {
    if (p.extension() == ".lock") continue;
    fs::path lock = p;
    lock += ".lock";
    if (!fs::exists(lock, ec)) fs::remove_all(p, ec);
  }
}

}  // namespace shanhai::store
