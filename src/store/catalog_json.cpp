#include "store/catalog_json.h"

namespace shanhai::store {

nlohmann::json version_json(const store::VersionInfo& v) {
  nlohmann::json cols = nlohmann::json::array();
  for (const auto& c : v.columns) {
    cols.push_back({{"name", c.name},
                    {"type", c.type},
                    {"element", c.element},
                    {"rejected", c.rejected},
                    {"invalid", c.invalid}});
  }
  return {{"version", v.version},
          {"created_at", v.created_at},
          {"source_file", v.source_file},
          {"source_format", v.source_format},
          {"sheet", v.source_sheet},
          {"encoding", v.encoding},
          {"header_row", v.header_row},
          {"rows", v.row_count},
          {"rejected_cells", v.rejected_cells},
          {"invalid_cells", v.invalid_cells},
          {"ragged_rows", v.ragged_rows},
          {"columns", cols}};
}

nlohmann::json datasets_json(const std::vector<store::DatasetInfo>& datasets) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& d : datasets) {
    nlohmann::json versions = nlohmann::json::array();
    for (const auto& v : d.versions) versions.push_back(version_json(v));
    out.push_back({{"name", d.name},
                   {"created_at", d.created_at},
                   {"latest_version", d.versions.empty() ? 0 : d.versions.back().version},
                   {"versions", versions}});
  }
  return out;
}

}  // namespace shanhai::store
