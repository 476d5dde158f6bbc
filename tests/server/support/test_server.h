#pragma once
// The HTTP server as the web app meets it, for tests: a real workspace in a temporary directory
// with organisations, users of every role, the built-in models, datasets and leads, and the real
// server on a free loopback port, spoken to over HTTP with cpp-httplib.
//
//   P 省院 ─ C 市院 ─ X 县院        U 无关院 (top level)      T 受援院 (top level)
//   C assists T under a pairing valid today (2020-01-01 … 2099-12-31); C's pairing with U ended
//   in 2020, so U stays unrelated.
//
// Users (password kPassword): c_admin, c_model_admin, c_prosecutor, c_prosecutor2, c_expert,
// c_viewer in C; x_prosecutor, p_prosecutor, t_prosecutor, u_prosecutor in X, P, T, U.
// Datasets of every organisation O in {C, X, P, T, U}: O_penalties (GB18030 CSV), O_payments and
// O_applications (UTF-8 CSV), owned by O. Leads: the built-in admin-penalty-enforcement model run
// for every organisation with as_of 2024-06-30, five leads each; the lead of 张三 (id number
// 11010119900307002X) is each organisation's "matrix lead": triaged, with one attachment, and
// for T shared with C for consultation.

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include "server/server.h"
#include "store/workspace.h"
#include "support/temp_dir.h"

namespace shanhai::server::testing {

inline constexpr const char* kPassword = "Shanhai-test-pass-1";
inline constexpr const char* kModel = "admin-penalty-enforcement";
inline const std::vector<std::string> kOrgs = {"C", "X", "P", "T", "U"};

struct Response {
  int status = 0;  // 0: no answer
  std::string body;
  httplib::Headers headers;

  nlohmann::json json() const;  // null when the body is not JSON
  // json()[key] by value: safe as the range of a for loop (a temporary's element is not).
  nlohmann::json json_at(const std::string& key) const;
  std::string header(const std::string& name) const;
  std::string error_code() const;  // error.code of an error body, else ""
  // "GET /x → 403 {body…}", for failure messages.
  std::string describe() const;
};

// Percent-encodes a query value (UTF-8 bytes, '&', '=', '+', …).
std::string url_encode(const std::string& value);

// One browser: a cookie and a CSRF token once logged in.
class Client {
 public:
  explicit Client(int port) : port_(port) {}

  // POST /api/session; on 200 keeps the cookie and the CSRF token.
  Response login(const std::string& username, const std::string& password = kPassword);
  Response get(const std::string& path) const;
  Response post(const std::string& path, const nlohmann::json& body) const;
  Response post_raw(const std::string& path, const std::string& body,
                    const std::string& content_type) const;
  Response patch(const std::string& path, const nlohmann::json& body) const;
  Response put(const std::string& path, const nlohmann::json& body) const;
  Response del(const std::string& path) const;
  Response upload(const std::string& path, const httplib::MultipartFormDataItems& items) const;
  // Polls GET /api/jobs/{id} until the job is over (30 s at most); returns the last job JSON.
  nlohmann::json wait_job(const std::string& id) const;

  std::string username;
  std::string cookie;  // the shanhai_session value
  std::string csrf;
  std::string set_cookie;  // the last login's Set-Cookie header
  // What is sent as X-CSRF-Token: the session's token unless overridden; nothing when
  // send_csrf is false.
  bool send_csrf = true;
  std::optional<std::string> csrf_override;

 private:
  httplib::Headers headers() const;
  Response wrap(const char* method, const std::string& path, httplib::Result r) const;
  int port_;
};

class TestServer {
 public:
  // Builds the workspace above and starts the server; throws std::runtime_error on failure.
  static std::unique_ptr<TestServer> start();
  ~TestServer();

  int port() const { return port_; }
  store::Workspace& ws() { return *ws_; }
  const std::filesystem::path& workspace_path() const { return ws_path_; }
  const shanhai::testing::TempDir& dir() const { return dir_; }

  Client client() const { return Client(port_); }
  // A client logged in as `username` (throws when the login fails).
  Client as(const std::string& username) const;

  // The id of org's lead whose raw title contains `title_part`; -1 when there is none.
  int64_t lead(const std::string& org, const std::string& title_part);
  int64_t matrix_lead(const std::string& org) { return lead(org, "张三"); }
  // The attachment of org's matrix lead.
  int64_t attachment(const std::string& org);

  // The penalties ledger of every organisation, as GB18030 bytes / UTF-8 text.
  static std::string penalties_utf8();
  static std::string penalties_gb18030();
  static std::string to_gb18030(const std::string& utf8);
  static std::string read_file(const std::filesystem::path& path);

 private:
  TestServer() = default;
  void build();

  shanhai::testing::TempDir dir_;
  std::filesystem::path ws_path_;
  std::unique_ptr<store::Workspace> ws_;
  std::unique_ptr<Server> server_;
  std::thread thread_;
  int port_ = 0;
};

// A test suite sharing one TestServer, with a logged-in client per user kept for the suite (each
// login costs an argon2id check). A suite that needs more (data imported once) calls
// SharedServerTest::SetUpTestSuite() first in its own and uses srv() when started().
class SharedServerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = TestServer::start().release(); }
  static void TearDownTestSuite() {
    clients_.clear();
    delete server_;
    server_ = nullptr;
  }
  void SetUp() override { ASSERT_NE(server_, nullptr) << "the test server did not start"; }

  static bool started() { return server_ != nullptr; }
  static TestServer& srv() { return *server_; }
  static Client& as(const std::string& username) {
    auto it = clients_.find(username);
    if (it == clients_.end()) it = clients_.emplace(username, srv().as(username)).first;
    return it->second;
  }

 private:
  static inline TestServer* server_ = nullptr;
  static inline std::map<std::string, Client> clients_;
};

}  // namespace shanhai::server::testing
