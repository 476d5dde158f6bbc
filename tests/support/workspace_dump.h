#pragma once
// Everything a workspace holds, as text: every row of every catalog table and every file and
// folder under the workspace except the catalog's own files (path, size and a hash of the
// bytes). Two equal dumps mean the workspace is, byte for byte, as it was.

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

namespace shanhai::testing {

inline std::string workspace_dump(const std::filesystem::path& ws) {
  namespace fs = std::filesystem;
  std::string out;
  {
    SQLite::Database db((ws / "catalog.db").string(), SQLite::OPEN_READONLY);
    std::vector<std::string> tables;
    SQLite::Statement t(db, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
    while (t.executeStep()) tables.push_back(t.getColumn(0).getString());
    for (const std::string& table : tables) {
      out += "table " + table + "\n";
      SQLite::Statement q(db, "SELECT * FROM \"" + table + "\" ORDER BY rowid");
      while (q.executeStep()) {
        for (int i = 0; i < q.getColumnCount(); ++i) out += q.getColumn(i).getString() + "\t";
        out += "\n";
      }
    }
  }
  std::vector<std::string> files;
  for (const auto& e : fs::recursive_directory_iterator(ws)) {
    const std::string rel = fs::relative(e.path(), ws).string();
    if (rel.rfind("catalog.db", 0) == 0) continue;
    if (e.is_directory()) {
      files.push_back(rel + "/");
      continue;
    }
    std::ifstream in(e.path(), std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    files.push_back(rel + " " + std::to_string(bytes.str().size()) + " " +
                    std::to_string(std::hash<std::string>{}(bytes.str())));
  }
  std::sort(files.begin(), files.end());
  for (const std::string& f : files) out += f + "\n";
  return out;
}

}  // namespace shanhai::testing
