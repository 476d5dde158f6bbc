#include "model/dossier.h"

#include <set>

namespace shanhai::model {

namespace {

// The title of a "## " heading line, without trailing blanks; empty for any other line.
std::string_view heading(std::string_view line) {
  if (line.substr(0, 3) != "## ") return {};
  line.remove_prefix(3);
  while (!line.empty() && (line.back() == ' ' || line.back() == '\r' || line.back() == '\t')) {
    line.remove_suffix(1);
  }
  while (!line.empty() && line.front() == ' ') line.remove_prefix(1);
  return line;
}

bool names_section(std::string_view title, const std::string& section) {
  if (title.substr(0, section.size()) != section) return false;
  const std::string_view rest = title.substr(section.size());
  return rest.empty() || rest.front() == ' ' || rest.front() == '(' || rest.substr(0, 3) == "（";
}

}  // namespace

const std::vector<std::string>& dossier_sections() {
  static const std::vector<std::string> kSections = {"模型概述",
                                                     "监督依据",
                                                     "监督点研判规则及数据要素",
                                                     "数据来源及建模思路",
                                                     "模型导图",
                                                     "案例说明",
                                                     "效果",
                                                     "推广价值"};
  return kSections;
}

std::vector<std::string> missing_dossier_sections(std::string_view readme) {
  std::set<std::string> present;
  size_t start = 0;
  while (start <= readme.size()) {
    size_t end = readme.find('\n', start);
    if (end == std::string_view::npos) end = readme.size();
    const std::string_view title = heading(readme.substr(start, end - start));
    if (!title.empty()) {
      for (const std::string& s : dossier_sections()) {
        if (names_section(title, s)) present.insert(s);
      }
    }
    start = end + 1;
  }
  std::vector<std::string> missing;
  for (const std::string& s : dossier_sections()) {
    if (!present.count(s)) missing.push_back(s);
  }
  return missing;
}

}  // namespace shanhai::model
