#include "ingest/sheet_choice.h"

#include <algorithm>

#include <fmt/format.h>

namespace shanhai::ingest {

Result<size_t> choose_sheet(const std::vector<std::string>& names, const std::string& wanted,
                            const std::string& file) {
  if (wanted.empty()) return size_t{0};
  const auto it = std::find(names.begin(), names.end(), wanted);
  if (it != names.end()) return static_cast<size_t>(it - names.begin());
  std::string zh, en;
  for (const auto& n : names) {
    zh += (zh.empty() ? "" : "、") + n;
    en += (en.empty() ? "" : ", ") + n;
  }
  return Error("import.no_such_sheet",
               fmt::format("工作表“{}”不存在，可用的工作表：{}", wanted, zh),
               fmt::format("there is no sheet named \"{}\"; the sheets are: {}", wanted, en),
               Location::in_file(file, wanted));
}

}  // namespace shanhai::ingest
