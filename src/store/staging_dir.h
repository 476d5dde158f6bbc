#pragma once
// A private directory for files that become visible only when renamed into place. It lives
// under data/.tmp/<id>/ and is locked the way Workspace::open expects (an flock held on
// data/.tmp/<id>.lock while in use), so a process killed while staging leaves nothing that the
// next open does not remove.

#include <filesystem>
#include <memory>
#include <string_view>

#include "common/error.h"
#include "store/workspace.h"

namespace shanhai::store {

class StagingDir {
 public:
  // Creates and locks a fresh directory under ws.temp_dir(). Errors "store.write".
  static Result<std::unique_ptr<StagingDir>> create(Workspace& ws);
  // Removes the directory (unless released) and the lock.
  ~StagingDir();
  StagingDir(const StagingDir&) = delete;
  StagingDir& operator=(const StagingDir&) = delete;

  const std::filesystem::path& path() const { return dir_; }

  // Writes `bytes` to `relative` (a '/'-separated path inside the directory, parents created)
  // and fsyncs it.
  Status write_file(std::string_view relative, std::string_view bytes);

  // The directory has been renamed away: the destructor leaves it alone.
  void release() { released_ = true; }

 private:
  StagingDir() = default;
  std::filesystem::path dir_;
  std::filesystem::path lock_path_;
  int lock_fd_ = -1;
  bool released_ = false;
};

}  // namespace shanhai::store
