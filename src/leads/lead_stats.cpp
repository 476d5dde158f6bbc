#include "leads/lead_stats.h"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include "leads/lead_query.h"
#include "leads/workflow.h"

namespace shanhai::leads {

namespace {

bool is_date(const std::string& s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  return true;
}

void add(Counts& c, int64_t n, bool verified, bool filed, bool recommended, bool replied,
         bool rectified) {
  c.leads += n;
  if (verified) c.verified += n;
  if (filed) c.filed += n;
  if (recommended) c.recommendations += n;
  if (replied) c.replies += n;
  if (rectified) c.rectified += n;
}

void finish(Counts& c) {
  c.conversion = c.leads == 0 ? 0.0 : static_cast<double>(c.filed) / static_cast<double>(c.leads);
}

}  // namespace

Result<LeadStats> lead_stats(store::Workspace& ws, const StatsFilter& f) {
  for (const auto& [field, value] : {std::pair{"from", &f.from}, std::pair{"to", &f.to}}) {
    if (!value->empty() && !is_date(*value)) {
      return Error("request.invalid", fmt::format("日期“{}”应写作 YYYY-MM-DD", *value),
                   fmt::format("date \"{}\" must be written YYYY-MM-DD", *value),
                   Location::of_field(field, *value));
    }
  }
  LeadStats stats;
  for (const StatusInfo& s : statuses()) stats.by_status[std::string(s.name)] = 0;
  if (f.visible_orgs.empty()) return stats;

  std::string where = "l.org IN (";
  std::vector<std::string> params;
  for (size_t i = 0; i < f.visible_orgs.size(); ++i) {
    where += i == 0 ? "?" : ",?";
    params.push_back(f.visible_orgs[i]);
  }
  where += ")";
  if (f.model) {
    where += " AND l.model_id = ?";
    params.push_back(*f.model);
  }
  if (f.org) {
    where += " AND l.org = ?";
    params.push_back(*f.org);
  }
  if (!f.from.empty()) {
    where += " AND substr(l.created_at, 1, 10) >= ?";
    params.push_back(f.from);
  }
  if (!f.to.empty()) {
    where += " AND substr(l.created_at, 1, 10) <= ?";
    params.push_back(f.to);
  }
  // Per lead: what its events say (one pass over the events, grouped by lead), then counts per
  // combination of model, organisation, status, month and flags.
  const std::string sql = fmt::format(R"sql(
WITH ev AS (
  SELECT lead_id,
         MAX(to_status NOT IN ('', 'new', 'triaged', 'approved')) AS verified,
         MAX(action = 'file') AS filed,
         MAX(action = 'recommend') AS recommended,
         MAX(action = 'reply') AS replied,
         MAX(action = 'rectify') AS rectified,
         substr(MIN(CASE WHEN action = 'file' THEN at END), 1, 7) AS filed_month
  FROM lead_events GROUP BY lead_id)
SELECT l.model_id, l.org, l.status, substr(l.created_at, 1, 7),
       l.status NOT IN ('new', 'triaged', 'approved') OR COALESCE(ev.verified, 0),
       COALESCE(ev.filed, 0), COALESCE(ev.recommended, 0), COALESCE(ev.replied, 0),
       COALESCE(ev.rectified, 0), COALESCE(ev.filed_month, ''), COUNT(*)
FROM leads l LEFT JOIN ev ON ev.lead_id = l.id
WHERE {}
GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10)sql",
                                      where);
  try {
    SQLite::Database& db = ws.db();
    SQLite::Statement q(db, sql);
    for (size_t i = 0; i < params.size(); ++i) q.bind(static_cast<int>(i + 1), params[i]);
    std::map<std::string, Counts> by_model, by_org;
    std::map<std::string, MonthCounts> monthly;
    while (q.executeStep()) {
      const std::string model = q.getColumn(0).getString();
      const std::string org = q.getColumn(1).getString();
      const std::string status = q.getColumn(2).getString();
      const std::string month = q.getColumn(3).getString();
      const bool verified = q.getColumn(4).getInt() != 0;
      const bool filed = q.getColumn(5).getInt() != 0;
      const bool recommended = q.getColumn(6).getInt() != 0;
      const bool replied = q.getColumn(7).getInt() != 0;
      const bool rectified = q.getColumn(8).getInt() != 0;
      const std::string filed_month = q.getColumn(9).getString();
      const int64_t n = q.getColumn(10).getInt64();
      stats.by_status[status] += n;
      add(stats.total, n, verified, filed, recommended, replied, rectified);
      add(by_model[model], n, verified, filed, recommended, replied, rectified);
      add(by_org[org], n, verified, filed, recommended, replied, rectified);
      if (!month.empty()) {
        monthly[month].month = month;
        monthly[month].leads += n;
      }
      if (!filed_month.empty()) {
        monthly[filed_month].month = filed_month;
        monthly[filed_month].filed += n;
      }
    }
    finish(stats.total);
    auto names = model_names(ws);
    if (!names) return names.take_error();
    for (auto& [model, c] : by_model) {
      finish(c);
      const auto it = names.value().find(model);
      stats.by_model.push_back({model, it == names.value().end() ? "" : it->second, c});
    }
    SQLite::Statement name(db, "SELECT name FROM organisations WHERE code = ?");
    for (auto& [org, c] : by_org) {
      finish(c);
      name.bind(1, org);
      const std::string org_name = name.executeStep() ? name.getColumn(0).getString() : "";
      name.reset();
      stats.by_org.push_back({org, org_name, c});
    }
    for (auto& [month, m] : monthly) stats.monthly.push_back(m);
    return stats;
  } catch (const SQLite::Exception& e) {
    return ws.catalog_error("catalog.leads", "统计线索失败", "cannot compute lead statistics", e);
  }
}

}  // namespace shanhai::leads
