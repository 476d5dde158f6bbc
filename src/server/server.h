#pragma once
// `shanhai serve`: the HTTP JSON API of docs/api.md and the web app's static files, on one
// workspace. Requests are served by a pool of threads, each with its own catalog connection;
// long work (imports, model runs) goes to the JobManager.

#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "common/error.h"

namespace shanhai::server {

struct ServerOptions {
  std::filesystem::path workspace;
  std::string host = "127.0.0.1";
  int port = 8080;  // 0: any free port (tests)
  // The built web app (web/dist); when it has no index.html a page explains how to build it.
  std::filesystem::path web_dir;
  size_t threads = 8;
  // Largest upload accepted, in bytes.
  size_t max_upload = size_t{2} << 30;
  // Set the Secure attribute on the session cookie (behind HTTPS).
  bool secure_cookie = false;
  // One line per request (method, path, status, milliseconds) when set.
  std::function<void(const std::string&)> log;
};

class Server {
 public:
  // Opens the workspace (migrating it) and prepares the routes. Errors: the workspace's.
  static Result<std::unique_ptr<Server>> create(ServerOptions options);
  ~Server();

  // Binds the socket; returns the port (useful with port 0). Error "server.bind".
  Result<int> bind();
  // Serves until stop() is called (from another thread or a signal handler's thread).
  void run();
  void stop();

 private:
  struct Impl;
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace shanhai::server
