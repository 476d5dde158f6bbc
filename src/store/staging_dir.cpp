#include "store/staging_dir.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <random>

#include <fmt/format.h>

#include "store/column_file.h"

namespace shanhai::store {

namespace fs = std::filesystem;

namespace {

Error staging_error(std::string zh, std::string en, const fs::path& path) {
  return Error("store.write", std::move(zh), std::move(en), Location::in_file(path.string()));
}

}  // namespace

Result<std::unique_ptr<StagingDir>> StagingDir::create(Workspace& ws) {
  std::error_code ec;
  fs::create_directories(ws.temp_dir(), ec);
  if (ec) {
    return staging_error(fmt::format("无法创建临时目录：{}", ec.message()),
                         fmt::format("cannot create the temporary directory: {}", ec.message()),
                         ws.temp_dir());
  }
  std::random_device rd;
  const std::string id = fmt::format("{:x}-m{:08x}{:08x}", ::getpid(), rd(), rd());
  auto s = std::unique_ptr<StagingDir>(new StagingDir());
  s->lock_path_ = ws.temp_dir() / (id + ".lock");
  s->lock_fd_ = ::open(s->lock_path_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (s->lock_fd_ < 0 || ::flock(s->lock_fd_, LOCK_EX) != 0) {
    return staging_error("无法锁定临时目录", "cannot lock the temporary directory", s->lock_path_);
  }
  s->dir_ = ws.temp_dir() / id;
  fs::create_directory(s->dir_, ec);
  if (ec) {
    return staging_error(fmt::format("无法创建临时目录：{}", ec.message()),
                         fmt::format("cannot create the temporary directory: {}", ec.message()),
                         s->dir_);
  }
  return s;
}

StagingDir::~StagingDir() {
  std::error_code ec;
  if (!released_ && !dir_.empty()) fs::remove_all(dir_, ec);
  if (lock_fd_ >= 0) {
    fs::remove(lock_path_, ec);
    ::close(lock_fd_);
  }
}

Status StagingDir::write_file(std::string_view relative, std::string_view bytes) {
  const fs::path target = dir_ / fs::path(std::string(relative));
  std::error_code ec;
  fs::create_directories(target.parent_path(), ec);
  if (ec) {
    return staging_error(fmt::format("无法创建目录：{}", ec.message()),
                         fmt::format("cannot create a directory: {}", ec.message()),
                         target.parent_path());
  }
  auto w = FileWriter::create(target);
  if (!w) return w.take_error();
  SHANHAI_TRY(w.value()->write(bytes));
  auto digest = w.value()->close();
  if (!digest) return digest.take_error();
  return Status::Ok();
}

}  // namespace shanhai::store
