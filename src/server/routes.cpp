#include "server/routes.h"

namespace shanhai::server {

RouteTable all_routes() {
  RouteTable routes;
  add_session_routes(routes);
  add_admin_routes(routes);
  add_dataset_routes(routes);
  add_model_routes(routes);
  add_lead_routes(routes);
  add_stats_routes(routes);
  add_registry_routes(routes);
  for (Route& r : routes) r.compiled = std::regex(r.pattern);
  return routes;
}

}  // namespace shanhai::server
