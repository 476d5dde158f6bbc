#include "leads/run_history.h"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

namespace shanhai::leads {

Result<std::vector<RunRow>> list_runs(store::Workspace& ws, const std::string& model_id,
                                      const std::vector<std::string>& orgs, int64_t limit) {
  if (orgs.empty()) return std::vector<RunRow>{};
  std::string in;
  for (size_t i = 0; i < orgs.size(); ++i) in += i ? ", ?" : "?";
  try {
    SQLite::Statement q(
        ws.db(), fmt::format("SELECT id, model_id, model_version, org, run_by, started_at, "
                             "duration_ms, parameters, inputs, leads_total, leads_new, leads_gone "
                             "FROM runs WHERE (? = '' OR model_id = ?) AND org IN ({}) "
                             "ORDER BY id DESC LIMIT ?",
                             in));
    int k = 1;
    q.bind(k++, model_id);
    q.bind(k++, model_id);
    for (const auto& o : orgs) q.bind(k++, o);
    q.bind(k, limit);
    std::vector<RunRow> out;
    while (q.executeStep()) {
      RunRow r;
      r.id = q.getColumn(0).getInt64();
      r.model_id = q.getColumn(1).getString();
      r.model_version = q.getColumn(2).getString();
      r.org = q.getColumn(3).getString();
      r.run_by = q.getColumn(4).getString();
      r.started_at = q.getColumn(5).getString();
      r.duration_ms = q.getColumn(6).getInt64();
      r.parameters = nlohmann::json::parse(q.getColumn(7).getString(), nullptr, false);
      r.inputs = nlohmann::json::parse(q.getColumn(8).getString(), nullptr, false);
      r.leads_total = q.getColumn(9).getInt64();
      r.leads_new = q.getColumn(10).getInt64();
      r.leads_gone = q.getColumn(11).getInt64();
      out.push_back(std::move(r));
    }
    return out;
  } catch (const std::exception& e) {
    return ws.catalog_error("catalog.runs", "读取运行历史失败", "cannot read the run history", e);
  }
}

nlohmann::json run_json(const RunRow& r) {
  return {{"id", r.id},
          {"model", r.model_id},
          {"model_version", r.model_version},
          {"org", r.org},
          {"run_by", r.run_by},
          {"started_at", r.started_at},
          {"duration_ms", r.duration_ms},
          {"parameters", r.parameters},
          {"inputs", r.inputs},
          {"leads_total", r.leads_total},
          {"leads_new", r.leads_new},
          {"leads_gone", r.leads_gone}};
}

}  // namespace shanhai::leads
