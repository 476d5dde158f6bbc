// /api/health, /api/session, /api/me.

#include <fmt/format.h>

#include "common/clock.h"
#include "server/json_views.h"
#include "server/routes.h"

namespace shanhai::server {

namespace {

std::vector<std::string> permissions_of(access::Role role) {
  using access::Permission;
  std::vector<std::string> out;
  for (Permission p : access::all_permissions()) {
    if (access::allowed_somewhere(role, p)) out.emplace_back(access::permission_name(p));
  }
  return out;
}

std::string session_cookie(const std::string& value, bool secure, int max_age) {
  return fmt::format("shanhai_session={}; Path=/; HttpOnly; SameSite=Strict; Max-Age={}{}", value,
                     max_age, secure ? "; Secure" : "");
}

Result<Reply> login(Context& ctx) {
  auto body = ctx.json_body();
  if (!body) return body.take_error();
  const auto& b = body.value();
  if (!b.contains("username") || !b["username"].is_string() || !b.contains("password") ||
      !b["password"].is_string()) {
    return invalid_field("username", "请填写用户名和密码", "username and password are required");
  }
  auto session =
      access::login(ctx.ws, b["username"].get<std::string>(), b["password"].get<std::string>(),
                    ctx.ip, std::chrono::system_clock::now());
  if (!session) return session.take_error();
  auto graph = access::OrgGraph::load(ctx.ws, utc_now_iso().substr(0, 10));
  if (!graph) return graph.take_error();
  const auto& s = session.value();
  Reply r = Reply::json({{"user", user_json(s.user, graph.value())},
                         {"csrf_token", s.csrf_token},
                         {"expires_at", s.expires_at},
                         {"permissions", permissions_of(s.user.role)}});
  r.headers.emplace_back("Set-Cookie",
                         session_cookie(s.token, ctx.services.secure_cookie(), 12 * 3600));
  return r;
}

}  // namespace

void add_session_routes(RouteTable& routes) {
  routes.push_back(
      {"GET", "/api/health", false, std::nullopt, false, [](Context&) -> Result<Reply> {
         return Reply::json({{"status", "ok"}});
       }});
  routes.push_back({"POST", "/api/session", false, std::nullopt, false, login});
  routes.push_back(
      {"DELETE", "/api/session", true, std::nullopt, false, [](Context& ctx) -> Result<Reply> {
         SHANHAI_TRY(access::logout(ctx.ws, ctx.session->token, ctx.ip));
         Reply r = Reply::no_content();
         r.headers.emplace_back("Set-Cookie", session_cookie("", ctx.services.secure_cookie(), 0));
         return r;
       }});
  routes.push_back({"GET", "/api/me", true, std::nullopt, false, [](Context& ctx) -> Result<Reply> {
                      return Reply::json({{"user", user_json(ctx.user(), ctx.graph)},
                                          {"csrf_token", ctx.session->csrf_token},
                                          {"expires_at", ctx.session->expires_at},
                                          {"permissions", permissions_of(ctx.user().role)}});
                    }});
}

}  // namespace shanhai::server
