#pragma once
// What a user could see of a workspace: the catalog's datasets and versions and every file under
// data/. Two equal snapshots mean "the workspace is exactly as before".

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "store/catalog.h"
#include "store/workspace.h"

namespace shanhai::testing {

struct WorkspaceSnapshot {
  std::vector<std::string> versions;  // "dataset@version rows=N"
  std::vector<std::string> files;     // paths under data/, relative
  bool operator==(const WorkspaceSnapshot&) const = default;
};

inline WorkspaceSnapshot snapshot(store::Workspace& ws) {
  WorkspaceSnapshot s;
  auto list = store::list_datasets(ws);
  for (const auto& d : list.value()) {
    for (const auto& v : d.versions) {
      s.versions.push_back(d.name + "@" + std::to_string(v.version) +
                           " rows=" + std::to_string(v.row_count));
    }
  }
  for (const auto& e : std::filesystem::recursive_directory_iterator(ws.data_dir())) {
    s.files.push_back(std::filesystem::relative(e.path(), ws.data_dir()).string());
  }
  std::sort(s.files.begin(), s.files.end());
  // An empty data/.tmp is invisible scaffolding.
  std::erase(s.files, std::string(".tmp"));
  return s;
}

}  // namespace shanhai::testing
