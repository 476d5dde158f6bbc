#pragma once
// The route table: every /api route with what it needs before its handler runs. The server
// (server.cpp) checks these for every request, in one place: login (401), CSRF token on
// writes (403), and that the caller's role holds `needs` somewhere (403). Handlers then check
// the object they touch with Context::require.

#include <functional>
#include <optional>
#include <regex>
#include <string>
#include <vector>

#include "access/policy.h"
#include "server/context.h"

namespace shanhai::server {

struct Route {
  std::string method;   // GET, POST, PATCH, DELETE
  std::string pattern;  // ECMAScript regex over the path, e.g. R"(/api/leads/(\d+))"
  bool login_required = true;
  std::optional<access::Permission> needs;
  // true: the handler reads the (multipart) body itself through Context::reader.
  bool streams_body = false;
  std::function<Result<Reply>(Context&)> handler;
  std::regex compiled;
};

using RouteTable = std::vector<Route>;

void add_session_routes(RouteTable& routes);
void add_admin_routes(RouteTable& routes);
void add_dataset_routes(RouteTable& routes);
void add_model_routes(RouteTable& routes);
void add_lead_routes(RouteTable& routes);
void add_stats_routes(RouteTable& routes);
void add_registry_routes(RouteTable& routes);

// Every route above, compiled.
RouteTable all_routes();

}  // namespace shanhai::server
