#pragma once
// What a route handler gets: the request, the caller's session (when logged in), a workspace
// connection of its own, the organisation graph, and the one authorisation check
// (`require`). Handlers return a Reply or an Error; errors become HTTP statuses in one place
// (http_status_for).

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "access/organisations.h"
#include "access/policy.h"
#include "access/sessions.h"
#include "common/error.h"
#include "server/jobs.h"
#include "store/workspace.h"

namespace shanhai::server {

struct Reply {
  int status = 200;
  nlohmann::json body;
  // When set, sent instead of `body` (downloads).
  std::optional<std::string> raw;
  std::string content_type = "application/json; charset=utf-8";
  std::string filename;  // Content-Disposition attachment name for downloads
  std::vector<std::pair<std::string, std::string>> headers;  // extra (Set-Cookie …)

  static Reply json(nlohmann::json body, int status = 200) {
    Reply r;
    r.body = std::move(body);
    r.status = status;
    return r;
  }
  static Reply no_content() {
    Reply r;
    r.status = 204;
    return r;
  }
};

// The HTTP status of an error: auth.required/auth.bad_credentials 401, auth.forbidden and
// auth.csrf 403, *.not_found 404, workflow.illegal / *.exists / *.conflict / job.* 409, auth.throttled 429,
// catalog.* and store.* 500, anything else (bad input) 422.
int http_status_for(const Error& error);
nlohmann::json error_json(const Error& error);

// What handlers share for the life of the server.
class Services {
 public:
  virtual ~Services() = default;
  virtual JobManager& jobs() = 0;
  virtual const std::filesystem::path& workspace_path() const = 0;
  // A new connection to the workspace, for work that outlives the request (jobs).
  virtual Result<std::unique_ptr<store::Workspace>> open_workspace() const = 0;
  virtual size_t max_upload() const = 0;
  virtual bool secure_cookie() const = 0;
};

struct Context {
  const httplib::Request& http;
  std::vector<std::string> params;                 // the route pattern's captures
  std::string body;                                // the request body (not for multipart uploads)
  const httplib::ContentReader* reader = nullptr;  // routes with streams_body only
  store::Workspace& ws;
  Services& services;
  std::optional<access::Session> session;
  access::OrgGraph graph;
  std::string ip;

  const access::User& user() const { return session->user; }
  // The request body as a JSON object; Error "request.invalid" otherwise.
  Result<nlohmann::json> json_body() const;
  // A query parameter, or `fallback`.
  std::string query(const std::string& name, const std::string& fallback = "") const;
  int64_t query_int(const std::string& name, int64_t fallback) const;

  access::Relation relation_to(const std::string& org) const {
    return graph.relation(user().org, org);
  }
  // The authorisation check for an object owned by `org` (access::allowed). When denied: 404
  // "<what>.not_found" if the caller may not even see the object, else 403 "auth.forbidden".
  Status require(access::Permission permission, const std::string& org,
                 std::string_view what = "object") const;
  // Organisation codes on which the caller holds the permission ("" included when allowed).
  std::vector<std::string> orgs_with(access::Permission permission) const;
  // Writes an audit entry for the caller.
  Status audit(std::string action, std::string target,
               nlohmann::json detail = nlohmann::json::object());
};

Error forbidden();
Error not_found(std::string_view what);
Error invalid_field(std::string_view field, std::string_view zh, std::string_view en);

}  // namespace shanhai::server
