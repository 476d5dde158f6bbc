// `shanhai serve WORKSPACE [--host] [--port] [--web DIR]`.

#include <signal.h>

#include <iostream>
#include <thread>

#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/serve.h"
#include "common/clock.h"
#include "server/server.h"

namespace shanhai::cli {

Status serve(const ServeArgs& a, const std::function<void(const std::string&)>& on_listening) {
  // SIGINT and SIGTERM are taken by a thread of our own (sigwait), which stops the server;
  // blocked here so that every thread the server starts inherits the mask.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  server::ServerOptions options;
  options.workspace = a.workspace;
  options.host = a.host;
  options.port = a.port;
  options.web_dir = a.web_dir.empty() ? std::string(SHANHAI_SOURCE_DIR) + "/web/dist" : a.web_dir;
  if (!a.quiet) {
    options.log = [](const std::string& line) {
      std::cerr << utc_now_iso() << " " << line << "\n";
    };
  }
  auto srv = server::Server::create(options);
  if (!srv) return srv.take_error();
  auto port = srv.value()->bind();
  if (!port) return port.take_error();
  const std::string url = fmt::format("http://{}:{}", a.host, port.value());
  if (on_listening) on_listening(url);
  std::cout << fmt::format(
                   "山海已启动 Shanhai is serving {} at {}\n按 Ctrl+C 停止 / press Ctrl+C "
                   "to stop\n",
                   a.workspace, url)
            << std::flush;
  server::Server* raw = srv.value().get();
  std::thread waiter([signals, raw] {
    int sig = 0;
    sigwait(&signals, &sig);
    raw->stop();
  });
  raw->run();
  // run() also returns when the server fails; wake the waiter so it can be joined.
  pthread_kill(waiter.native_handle(), SIGTERM);
  waiter.join();
  std::cout << "山海已停止 / stopped\n";
  return Status::Ok();
}

void add_serve_command(CLI::App& app, int& exit_code) {
  auto a = std::make_shared<ServeArgs>();
  auto* cmd =
      app.add_subcommand("serve", "启动网页服务 / serve the web app and API on a workspace");
  cmd->add_option("WORKSPACE", a->workspace, "工作区目录 / workspace directory")->required();
  cmd->add_option("--host", a->host, "监听地址 / address to listen on")->capture_default_str();
  cmd->add_option("--port", a->port, "端口 / port (0: any free port)")->capture_default_str();
  cmd->add_option("--web", a->web_dir, "网页应用目录 / built web app (default: web/dist)");
  cmd->add_flag("--quiet", a->quiet, "不输出请求日志 / no request log");
  cmd->callback([a, &exit_code] {
    if (Status s = serve(*a); !s) exit_code = report(s.error());
  });
}

}  // namespace shanhai::cli
