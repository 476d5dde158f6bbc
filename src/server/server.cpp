#include "server/server.h"

#include <chrono>
#include <fstream>
#include <mutex>
#include <sstream>

#include <sys/socket.h>

#include <fmt/format.h>
#include <httplib.h>
#include <sodium.h>

#include "common/clock.h"
#include "server/routes.h"

namespace shanhai::server {

namespace fs = std::filesystem;

namespace {

constexpr size_t kMaxJsonBody = size_t{64} << 20;

std::string cookie_value(const httplib::Request& req, std::string_view name) {
  const std::string header = req.get_header_value("Cookie");
  size_t pos = 0;
  while (pos < header.size()) {
    size_t end = header.find(';', pos);
    if (end == std::string::npos) end = header.size();
    std::string_view part(header.data() + pos, end - pos);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    if (part.size() > name.size() && part.substr(0, name.size()) == name &&
        part[name.size()] == '=') {
      return std::string(part.substr(name.size() + 1));
    }
    pos = end + 1;
  }
  return "";
}

bool same_secret(const std::string& a, const std::string& b) {
  return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string today() {
  std::string iso = utc_now_iso();
  return iso.substr(0, 10);
}

void send(httplib::Response& res, const Reply& reply) {
  res.status = reply.status;
  res.set_header("Cache-Control", "no-store");
  for (const auto& [name, value] : reply.headers) res.set_header(name.c_str(), value);
  if (!reply.filename.empty()) {
    // RFC 5987: UTF-8 file names (Chinese) survive in every current browser.
    std::string encoded;
    for (unsigned char c : reply.filename) {
      if (std::isalnum(c) || c == '.' || c == '-' || c == '_') {
        encoded += static_cast<char>(c);
      } else {
        encoded += fmt::format("%{:02X}", c);
      }
    }
    res.set_header("Content-Disposition", "attachment; filename*=UTF-8''" + encoded);
  }
  if (reply.status == 204) return;
  if (reply.raw) {
    res.set_content(*reply.raw, reply.content_type.c_str());
  } else {
    res.set_content(reply.body.dump(), reply.content_type.c_str());
  }
}

void send_error(httplib::Response& res, const Error& e) {
  Reply r = Reply::json(error_json(e), http_status_for(e));
  send(res, r);
  if (e.code() == "auth.throttled" && e.where().value) {
    res.set_header("Retry-After", *e.where().value);
  }
}

}  // namespace

struct Server::Impl final : Services {
  ServerOptions options;
  httplib::Server http;
  RouteTable routes = all_routes();
  std::unique_ptr<JobManager> job_manager = std::make_unique<JobManager>();
  int bound_port = 0;

  std::mutex pool_mutex;
  std::vector<std::unique_ptr<store::Workspace>> pool;

  JobManager& jobs() override { return *job_manager; }
  const fs::path& workspace_path() const override { return options.workspace; }
  Result<std::unique_ptr<store::Workspace>> open_workspace() const override {
    auto ws = store::Workspace::open(options.workspace);
    if (ws) ws.value()->db().setBusyTimeout(10000);
    return ws;
  }
  size_t max_upload() const override { return options.max_upload; }
  bool secure_cookie() const override { return options.secure_cookie; }

  Result<std::unique_ptr<store::Workspace>> acquire() {
    {
      std::lock_guard lock(pool_mutex);
      if (!pool.empty()) {
        auto ws = std::move(pool.back());
        pool.pop_back();
        return ws;
      }
    }
    return open_workspace();
  }
  void release(std::unique_ptr<store::Workspace> ws) {
    std::lock_guard lock(pool_mutex);
    pool.push_back(std::move(ws));
  }

  void handle(const std::string& method, const httplib::Request& req, httplib::Response& res,
              const httplib::ContentReader* reader);
  void install();
};

void Server::Impl::handle(const std::string& method, const httplib::Request& req,
                          httplib::Response& res, const httplib::ContentReader* reader) {
  const auto started = std::chrono::steady_clock::now();
  const Route* route = nullptr;
  std::smatch m;
  bool path_known = false;
  for (const Route& r : routes) {
    if (!std::regex_match(req.path, m, r.compiled)) continue;
    path_known = true;
    if (r.method == method) {
      route = &r;
      break;
    }
  }
  auto finish = [&] {
    if (options.log) {
      const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                          std::chrono::steady_clock::now() - started)
                          .count();
      options.log(fmt::format("{} {} {} {}ms", method, req.path, res.status, ms));
    }
  };
  if (route == nullptr) {
    send_error(res, path_known ? Error("api.method", "不支持此请求方法", "method not allowed")
                               : Error("api.not_found", "没有这个接口", "no such API route"));
    if (path_known) res.status = 405;
    finish();
    return;
  }
  auto ws = acquire();
  if (!ws) {
    send_error(res, ws.error());
    finish();
    return;
  }
  std::unique_ptr<store::Workspace> conn = std::move(ws.value());
  Context ctx{req, {}, {}, reader, *conn, *this, std::nullopt, {}, req.remote_addr};
  for (size_t i = 1; i < m.size(); ++i) ctx.params.push_back(m[i].str());

  auto run = [&]() -> Result<Reply> {
    if (route->login_required) {
      auto session = access::find_session(ctx.ws, cookie_value(req, "shanhai_session"),
                                          std::chrono::system_clock::now());
      if (!session) return session.take_error();
      ctx.session = std::move(session.value());
      if (method != "GET" &&
          !same_secret(req.get_header_value("X-CSRF-Token"), ctx.session->csrf_token)) {
        return Error("auth.csrf", "缺少或错误的 CSRF 令牌，请刷新页面后重试",
                     "missing or wrong CSRF token; reload the page and try again");
      }
      if (route->needs && !access::allowed_somewhere(ctx.user().role, *route->needs)) {
        return forbidden();
      }
      auto graph = access::OrgGraph::load(ctx.ws, today());
      if (!graph) return graph.take_error();
      ctx.graph = std::move(graph.value());
    }
    if (reader != nullptr && !route->streams_body) {
      bool too_large = false;
      (*reader)([&](const char* data, size_t len) {
        if (ctx.body.size() + len > kMaxJsonBody) {
          too_large = true;
          return false;
        }
        ctx.body.append(data, len);
        return true;
      });
      if (too_large) {
        return Error("request.too_large", "请求内容过大", "the request body is too large");
      }
    } else if (reader == nullptr) {
      ctx.body = req.body;
    }
    return route->handler(ctx);
  };
  Result<Reply> reply = Error("internal", "服务器内部错误", "internal server error");
  try {
    reply = run();
  } catch (const std::exception& e) {
    reply = Error("internal", fmt::format("服务器内部错误：{}", e.what()),
                  fmt::format("internal server error: {}", e.what()));
  }
  if (reply) {
    send(res, reply.value());
  } else {
    send_error(res, reply.error());
  }
  release(std::move(conn));
  finish();
}

void Server::Impl::install() {
  http.new_task_queue = [n = options.threads] { return new httplib::ThreadPool(n); };
  http.set_payload_max_length(options.max_upload);
  http.set_default_headers({{"X-Content-Type-Options", "nosniff"},
                            {"X-Frame-Options", "DENY"},
                            {"Referrer-Policy", "same-origin"}});
  const std::string api = R"(/api(/.*)?)";
  http.Get(api, [this](const httplib::Request& q, httplib::Response& s) {
    handle("GET", q, s, nullptr);
  });
  http.Delete(api, [this](const httplib::Request& q, httplib::Response& s) {
    handle("DELETE", q, s, nullptr);
  });
  http.Post(api, [this](const httplib::Request& q, httplib::Response& s,
                        const httplib::ContentReader& r) { handle("POST", q, s, &r); });
  http.Patch(api, [this](const httplib::Request& q, httplib::Response& s,
                         const httplib::ContentReader& r) { handle("PATCH", q, s, &r); });
  http.Put(api, [this](const httplib::Request& q, httplib::Response& s,
                       const httplib::ContentReader& r) { handle("PUT", q, s, &r); });

  const fs::path index = options.web_dir / "index.html";
  if (fs::exists(index)) {
    http.set_mount_point("/", options.web_dir.string());
    http.set_file_extension_and_mimetype_mapping("js", "text/javascript");
    http.set_file_extension_and_mimetype_mapping("mjs", "text/javascript");
    // Files under /assets/ carry a content hash in their name and never change; index.html does.
    http.set_file_request_handler([](const httplib::Request& q, httplib::Response& s) {
      s.set_header("Cache-Control", q.path.rfind("/assets/", 0) == 0
                                        ? "public, max-age=31536000, immutable"
                                        : "no-cache");
    });
    // Paths of the single-page app (/leads, /models/x: no file extension, not /api or
    // /assets) are answered with index.html; a missing file stays 404.
    http.set_error_handler([index](const httplib::Request& q, httplib::Response& s) {
      if (s.status != 404 || q.path.rfind("/api", 0) == 0 || q.path.rfind("/assets/", 0) == 0) {
        return;
      }
      const std::string last = q.path.substr(q.path.rfind('/') + 1);
      if (last.find('.') != std::string::npos) return;
      std::ifstream in(index, std::ios::binary);
      std::stringstream html;
      html << in.rdbuf();
      s.status = 200;
      s.set_header("Cache-Control", "no-cache");
      s.set_content(html.str(), "text/html; charset=utf-8");
    });
  } else {
    const std::string dir = options.web_dir.string();
    http.Get("/", [dir](const httplib::Request&, httplib::Response& s) {
      s.set_content(fmt::format("<!doctype html><meta charset=utf-8><title>山海</title>"
                                "<p>网页应用尚未构建：请运行 <code>bash scripts/web build</code>"
                                "（目录 {}）。</p><p>The web app is not built: run "
                                "<code>bash scripts/web build</code>. The API is at /api.</p>",
                                dir),
                    "text/html; charset=utf-8");
    });
  }
}

Result<std::unique_ptr<Server>> Server::create(ServerOptions options) {
  auto impl = std::make_unique<Impl>();
  impl->options = std::move(options);
  auto ws = impl->open_workspace();
  if (!ws) return ws.take_error();
  impl->release(std::move(ws.value()));
  impl->install();
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Server::~Server() { stop(); }

Result<int> Server::bind() {
  Impl& i = *impl_;
  // cpp-httplib's default sets SO_REUSEPORT, which would let a second server share the port
  // silently; SO_REUSEADDR alone allows a quick restart but refuses a port that is in use.
  i.http.set_socket_options([](socket_t sock) {
    int yes = 1;
    ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
  });
  if (i.options.port == 0) {
    i.bound_port = i.http.bind_to_any_port(i.options.host.c_str());
  } else if (i.http.bind_to_port(i.options.host.c_str(), i.options.port)) {
    i.bound_port = i.options.port;
  } else {
    i.bound_port = -1;
  }
  if (i.bound_port <= 0) {
    return Error("server.bind",
                 fmt::format("无法在 {}:{} 上监听（端口已被占用或地址无效）", i.options.host,
                             i.options.port),
                 fmt::format("cannot listen on {}:{} (port in use or bad address)", i.options.host,
                             i.options.port),
                 Location::of_value(fmt::format("{}:{}", i.options.host, i.options.port)));
  }
  return i.bound_port;
}

void Server::run() { impl_->http.listen_after_bind(); }
void Server::stop() {
  if (impl_ && impl_->http.is_running()) impl_->http.stop();
}

}  // namespace shanhai::server
