// Statistics for the dashboard (工作台): per status, model, organisation and month.

#include "leads/lead_stats.h"
#include "server/json_views.h"
#include "server/routes.h"

namespace shanhai::server {

namespace {

nlohmann::json counts_json(const leads::Counts& c) {
  return {{"leads", c.leads},          {"verified", c.verified},
          {"filed", c.filed},          {"recommendations", c.recommendations},
          {"replies", c.replies},      {"rectified", c.rectified},
          {"conversion", c.conversion}};
}

Result<Reply> stats(Context& ctx) {
  leads::StatsFilter f;
  f.visible_orgs = ctx.orgs_with(access::Permission::read_stats);
  if (auto v = ctx.query("model"); !v.empty()) f.model = v;
  if (ctx.http.has_param("org")) f.org = ctx.query("org");
  f.from = ctx.query("from");
  f.to = ctx.query("to");
  auto s = leads::lead_stats(ctx.ws, f);
  if (!s) return s.take_error();
  nlohmann::json by_model = nlohmann::json::array();
  for (const auto& m : s->by_model) {
    nlohmann::json j = counts_json(m.counts);
    j["model"] = m.model;
    j["name"] = m.name;
    by_model.push_back(j);
  }
  nlohmann::json by_org = nlohmann::json::array();
  for (const auto& o : s->by_org) {
    nlohmann::json j = counts_json(o.counts);
    j["org"] = o.org;
    j["name"] = o.name.empty() ? org_ref_json(o.org, ctx.graph)["name"] : nlohmann::json(o.name);
    by_org.push_back(j);
  }
  nlohmann::json monthly = nlohmann::json::array();
  for (const auto& m : s->monthly) {
    monthly.push_back({{"month", m.month}, {"leads", m.leads}, {"filed", m.filed}});
  }
  return Reply::json({{"total", counts_json(s->total)},
                      {"by_status", s->by_status},
                      {"by_model", by_model},
                      {"by_org", by_org},
                      {"monthly", monthly}});
}

}  // namespace

void add_stats_routes(RouteTable& routes) {
  routes.push_back({"GET", "/api/stats", true, access::Permission::read_stats, false, stats});
}

}  // namespace shanhai::server
