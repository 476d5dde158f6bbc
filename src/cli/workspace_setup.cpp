#include "cli/workspace_setup.h"

#include <cstdlib>

#include "model/installer.h"

namespace shanhai::cli {

namespace fs = std::filesystem;

fs::path builtin_models_dir() {
  if (const char* dir = std::getenv("SHANHAI_MODELS_DIR"); dir != nullptr && *dir != '\0') {
    return dir;
  }
  return fs::path(SHANHAI_SOURCE_DIR) / "models";
}

Result<CreatedWorkspace> create_workspace(const fs::path& dir) {
  std::error_code ec;
  const bool existed = fs::exists(dir, ec);
  auto ws = store::Workspace::create(dir);
  if (!ws) return ws.take_error();
  auto models = model::install_builtin_models(*ws.value(), builtin_models_dir());
  if (!models) {
    ws.value().reset();
    if (existed) {
      fs::remove_all(dir / "data", ec);
      fs::remove_all(dir / "models", ec);
      for (const char* f : {"catalog.db", "catalog.db-wal", "catalog.db-shm"})
        fs::remove(dir / f, ec);
    } else {
      fs::remove_all(dir, ec);
    }
    return models.take_error();
  }
  return CreatedWorkspace{std::move(ws.value()), std::move(models.value())};
}

}  // namespace shanhai::cli
