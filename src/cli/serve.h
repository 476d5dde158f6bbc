#pragma once
// Serving a workspace until SIGINT or SIGTERM: shared by `shanhai serve` and `shanhai demo`.

#include <filesystem>
#include <functional>
#include <string>

#include "common/error.h"

namespace shanhai::cli {

struct ServeArgs {
  std::string workspace;
  std::string host = "127.0.0.1";
  int port = 8080;
  std::string web_dir;  // empty: the built web app of the source tree (web/dist)
  bool quiet = false;   // no request log
};

// Blocks until a signal stops the server. `on_listening` runs once the port is bound (the
// demo prints its accounts then).
Status serve(const ServeArgs& args,
             const std::function<void(const std::string& url)>& on_listening = {});

}  // namespace shanhai::cli
