#include "server/support/test_server.h"

#include <unicode/ucnv.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <fmt/format.h>

#include "access/organisations.h"
#include "access/users.h"
#include "common/clock.h"
#include "engine/run.h"
#include "ingest/importer.h"
#include "leads/lead_query.h"
#include "leads/lead_store.h"
#include "leads/workflow.h"
#include "model/installer.h"
#include "normalize/date.h"
#include "store/catalog.h"

namespace shanhai::server::testing {

namespace fs = std::filesystem;

namespace {

const fs::path kBasicCase =
    fs::path(SHANHAI_SOURCE_DIR) / "models" / "admin-penalty-enforcement" / "tests" / "basic";

[[noreturn]] void fail(const std::string& what, const Error& e) {
  throw std::runtime_error(what + ": " + e.message());
}

template <typename T>
T must(Result<T> r, const std::string& what) {
  if (!r) fail(what, r.error());
  return std::move(r.value());
}

void must(Status s, const std::string& what) {
  if (!s) fail(what, s.error());
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Response and Client

nlohmann::json Response::json() const {
  auto j = nlohmann::json::parse(body, nullptr, false);
  return j.is_discarded() ? nlohmann::json() : j;
}

nlohmann::json Response::json_at(const std::string& key) const {
  const nlohmann::json j = json();
  return j.is_object() && j.contains(key) ? j[key] : nlohmann::json();
}

std::string Response::header(const std::string& name) const {
  const auto it = headers.find(name);
  return it == headers.end() ? "" : it->second;
}

std::string Response::error_code() const {
  const nlohmann::json j = json();
  if (j.is_object() && j.contains("error") && j["error"].is_object()) {
    return j["error"].value("code", "");
  }
  return "";
}

std::string Response::describe() const {
  return fmt::format("status {} body {}", status, body.substr(0, 600));
}

std::string url_encode(const std::string& value) {
  std::string out;
  for (unsigned char c : value) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += fmt::format("%{:02X}", c);
    }
  }
  return out;
}

httplib::Headers Client::headers() const {
  httplib::Headers h;
  if (!cookie.empty()) h.emplace("Cookie", "shanhai_session=" + cookie);
  if (send_csrf) {
    if (csrf_override) {
      h.emplace("X-CSRF-Token", *csrf_override);
    } else if (!csrf.empty()) {
      h.emplace("X-CSRF-Token", csrf);
    }
  }
  return h;
}

Response Client::wrap(const char* method, const std::string& path, httplib::Result r) const {
  Response out;
  if (!r) {
    out.body = fmt::format("{} {}: no answer ({})", method, path, httplib::to_string(r.error()));
    return out;
  }
  out.status = r->status;
  out.body = r->body;
  out.headers = r->headers;
  return out;
}

namespace {
httplib::Client connect(int port) {
  httplib::Client c("127.0.0.1", port);
  c.set_read_timeout(60, 0);
  c.set_keep_alive(false);
  return c;
}
}  // namespace

Response Client::login(const std::string& user, const std::string& password) {
  auto c = connect(port_);
  const std::string body = nlohmann::json{{"username", user}, {"password", password}}.dump();
  Response r =
      wrap("POST", "/api/session", c.Post("/api/session", headers(), body, "application/json"));
  if (r.status == 200) {
    username = user;
    csrf = r.json().value("csrf_token", "");
    set_cookie = r.header("Set-Cookie");
    const std::string prefix = "shanhai_session=";
    if (set_cookie.rfind(prefix, 0) == 0) {
      cookie = set_cookie.substr(prefix.size(), set_cookie.find(';') - prefix.size());
    }
  }
  return r;
}

Response Client::get(const std::string& path) const {
  auto c = connect(port_);
  return wrap("GET", path, c.Get(path.c_str(), headers()));
}

Response Client::post(const std::string& path, const nlohmann::json& body) const {
  return post_raw(path, body.dump(), "application/json");
}

Response Client::post_raw(const std::string& path, const std::string& body,
                          const std::string& content_type) const {
  auto c = connect(port_);
  return wrap("POST", path, c.Post(path.c_str(), headers(), body, content_type.c_str()));
}

Response Client::patch(const std::string& path, const nlohmann::json& body) const {
  auto c = connect(port_);
  return wrap("PATCH", path, c.Patch(path.c_str(), headers(), body.dump(), "application/json"));
}

Response Client::put(const std::string& path, const nlohmann::json& body) const {
  auto c = connect(port_);
  return wrap("PUT", path, c.Put(path.c_str(), headers(), body.dump(), "application/json"));
}

Response Client::del(const std::string& path) const {
  auto c = connect(port_);
  return wrap("DELETE", path, c.Delete(path.c_str(), headers()));
}

Response Client::upload(const std::string& path,
                        const httplib::MultipartFormDataItems& items) const {
  auto c = connect(port_);
  return wrap("POST", path, c.Post(path.c_str(), headers(), items));
}

nlohmann::json Client::wait_job(const std::string& id) const {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  nlohmann::json job;
  while (std::chrono::steady_clock::now() < deadline) {
    Response r = get("/api/jobs/" + id);
    if (r.status != 200) return nlohmann::json{{"state", "http " + std::to_string(r.status)}};
    job = r.json();
    const std::string state = job.value("state", "");
    if (state != "queued" && state != "running") return job;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return job;
}

// ---------------------------------------------------------------------------------------------
// TestServer

std::string TestServer::read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string TestServer::penalties_utf8() {
  // The built-in model's basic case, with the lead every organisation's matrix tests use.
  return read_file(kBasicCase / "行政处罚决定.csv") +
         "12,杭西综执罚〔2023〕20号,张三,11010119900307002X,4000,2023-03-01,"
         "杭州市西湖区综合行政执法局,擅自占用城市道路\n";
}

std::string TestServer::to_gb18030(const std::string& utf8) {
  UErrorCode status = U_ZERO_ERROR;
  std::string out(utf8.size() * 2 + 16, '\0');
  const int32_t n = ucnv_convert("GB18030", "UTF-8", out.data(), static_cast<int32_t>(out.size()),
                                 utf8.data(), static_cast<int32_t>(utf8.size()), &status);
  if (U_FAILURE(status)) throw std::runtime_error("cannot convert to GB18030");
  out.resize(static_cast<size_t>(n));
  return out;
}

std::string TestServer::penalties_gb18030() { return to_gb18030(penalties_utf8()); }

std::unique_ptr<TestServer> TestServer::start() {
  std::unique_ptr<TestServer> t(new TestServer());
  t->build();
  return t;
}

void TestServer::build() {
  ws_path_ = dir_ / "ws";
  ws_ = must(store::Workspace::create(ws_path_), "workspace");
  ws_->db().setBusyTimeout(10000);
  must(model::install_builtin_models(*ws_, fs::path(SHANHAI_SOURCE_DIR) / "models"),
       "built-in models");

  for (auto [code, name, parent] :
       {std::tuple{"P", "省人民检察院", ""}, std::tuple{"C", "市人民检察院", "P"},
        std::tuple{"X", "县人民检察院", "C"}, std::tuple{"U", "无关人民检察院", ""},
        std::tuple{"T", "受援人民检察院", ""}}) {
    must(access::add_organisation(*ws_, code, name, parent), fmt::format("org {}", code));
  }
  must(access::add_pairing(*ws_, "C", "T", "2020-01-01", "2099-12-31"), "pairing C→T");
  must(access::add_pairing(*ws_, "C", "U", "2020-01-01", "2020-12-31"), "pairing C→U");

  using access::Role;
  for (auto [username, org, role] :
       {std::tuple{"c_admin", "C", Role::admin},
        std::tuple{"c_model_admin", "C", Role::model_admin},
        std::tuple{"c_prosecutor", "C", Role::prosecutor},
        std::tuple{"c_prosecutor2", "C", Role::prosecutor},
        std::tuple{"c_expert", "C", Role::expert}, std::tuple{"c_viewer", "C", Role::viewer},
        std::tuple{"x_prosecutor", "X", Role::prosecutor},
        std::tuple{"p_prosecutor", "P", Role::prosecutor},
        std::tuple{"t_prosecutor", "T", Role::prosecutor},
        std::tuple{"u_prosecutor", "U", Role::prosecutor}}) {
    must(access::add_user(*ws_,
                          {username, std::string(username) + "（测试）", org, role, kPassword}),
         username);
  }

  // Datasets and leads of every organisation.
  const fs::path files = dir_ / "files";
  fs::create_directories(files);
  std::ofstream(files / "处罚.csv", std::ios::binary) << penalties_gb18030();
  const CivilDate d = local_today();
  for (const std::string& org : kOrgs) {
    for (auto [input, file] : {std::pair{"penalties", files / "处罚.csv"},
                               std::pair{"payments", kBasicCase / "罚款缴纳记录.csv"},
                               std::pair{"applications", kBasicCase / "法院强制执行申请.csv"}}) {
      ingest::ImportRequest req;
      req.file = file;
      req.dataset = org + "_" + input;
      req.source_name = file.filename().string();
      must(ingest::import_file(*ws_, req), "import " + req.dataset);
      must(store::set_dataset_org(*ws_, req.dataset, org), "dataset org " + req.dataset);
    }
    engine::RunRequest run;
    for (const char* input : {"penalties", "payments", "applications"}) {
      run.inputs.push_back({input, org + "_" + input, std::nullopt});
    }
    run.params = {{"as_of", "2024-06-30"}};
    run.org = org;
    run.run_by =
        org == "C" ? "c_prosecutor" : fmt::format("{}_prosecutor", char(std::tolower(org[0])));
    run.today = normalize::days_from_civil(d.year, d.month, d.day);
    auto outcome = must(engine::run_model(*ws_, kModel, run), "run for " + org);
    if (outcome.summary.total != 5) {
      throw std::runtime_error(fmt::format("{}: {} leads, expected 5", org, outcome.summary.total));
    }
    // The matrix lead: triaged with an attachment.
    const int64_t id = matrix_lead(org);
    if (id < 0) throw std::runtime_error("no lead of 张三 for " + org);
    leads::TransitionRequest triage;
    triage.action = "triage";
    triage.comment = "附核查笔录";
    triage.attachments.push_back({"核查笔录.txt", "text/plain", "笔录：张三，11010119900307002X"});
    must(leads::apply_transition(*ws_, id, triage, {run.run_by, org}), "triage " + org);
    if (org == "T") must(leads::share_lead(*ws_, id, "C", {run.run_by, org}), "share T → C");
  }

  ServerOptions options;
  options.workspace = ws_path_;
  options.port = 0;
  options.web_dir = dir_ / "no-web";
  options.threads = 4;
  server_ = must(Server::create(options), "server");
  port_ = must(server_->bind(), "bind");
  thread_ = std::thread([this] { server_->run(); });
  // Wait until it answers, so that stop() always finds it running.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (client().get("/api/health").status != 200) {
    if (std::chrono::steady_clock::now() > deadline) {
      throw std::runtime_error("the server does not answer");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

TestServer::~TestServer() {
  if (server_) server_->stop();
  if (thread_.joinable()) thread_.join();
  server_.reset();
}

Client TestServer::as(const std::string& username) const {
  Client c = client();
  Response r = c.login(username);
  if (r.status != 200)
    throw std::runtime_error("cannot log in as " + username + ": " + r.describe());
  return c;
}

int64_t TestServer::lead(const std::string& org, const std::string& title_part) {
  auto all = must(leads::list_leads(*ws_, std::string(kModel)), "leads");
  for (const auto& l : all) {
    if (l.org == org && l.title.find(title_part) != std::string::npos) return l.id;
  }
  return -1;
}

int64_t TestServer::attachment(const std::string& org) {
  auto d = must(leads::get_lead(*ws_, matrix_lead(org)), "lead");
  return d.attachments.empty() ? -1 : d.attachments.front().id;
}

}  // namespace shanhai::server::testing
