// The HTTP API of docs/api.md end to end: the real server in this process on a free loopback
// port, a real workspace, real uploads and model runs, spoken to over HTTP.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include <sodium.h>

#include "model/installer.h"
#include "server/support/test_server.h"

namespace shanhai::server::testing {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

class ApiTest : public SharedServerTest {
 protected:
  static std::string lead_path(int64_t id, const std::string& rest = "") {
    return "/api/leads/" + std::to_string(id) + rest;
  }
  static json transition(const std::string& action, json extra = json::object()) {
    extra["action"] = action;
    return extra;
  }
  static std::string base64(const std::string& bytes) {
    std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                      bytes.size(), sodium_base64_VARIANT_ORIGINAL);
    out.resize(out.size() - 1);  // the terminating NUL
    return out;
  }
  // The error body's location.field.
  static std::string field_of(const Response& r) {
    const json j = r.json();
    if (!j.contains("error")) return "";
    return j["error"]["location"].value("field", "");
  }
  static void expect_bilingual_error(const Response& r) {
    const json j = r.json();
    ASSERT_TRUE(j.contains("error")) << r.describe();
    EXPECT_FALSE(j["error"].value("message_zh", "").empty()) << r.describe();
    EXPECT_FALSE(j["error"].value("message_en", "").empty()) << r.describe();
  }
  static std::vector<std::string> dataset_names(Client& c) {
    std::vector<std::string> out;
    for (const auto& d : c.get("/api/datasets").json()) out.push_back(d["name"]);
    return out;
  }
};

// ---------------------------------------------------------------------------------------------
// Sessions

TEST_F(ApiTest, HealthNeedsNoLogin) {
  Response r = srv().client().get("/api/health");
  ASSERT_EQ(r.status, 200) << r.describe();
  EXPECT_EQ(r.json(), (json{{"status", "ok"}}));
  EXPECT_EQ(r.header("Cache-Control"), "no-store");
  EXPECT_EQ(r.header("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(srv().client().get("/api/nothing-here").status, 404);
  EXPECT_EQ(srv().client().del("/api/health").status, 405);
}

TEST_F(ApiTest, LoginSetsAnHttpOnlyStrictCookie) {
  Client c = srv().client();
  Response r = c.login("c_viewer");
  ASSERT_EQ(r.status, 200) << r.describe();
  EXPECT_EQ(c.set_cookie.rfind("shanhai_session=", 0), 0u) << c.set_cookie;
  EXPECT_NE(c.set_cookie.find("HttpOnly"), std::string::npos) << c.set_cookie;
  EXPECT_NE(c.set_cookie.find("SameSite=Strict"), std::string::npos) << c.set_cookie;
  EXPECT_NE(c.set_cookie.find("Path=/"), std::string::npos) << c.set_cookie;
  EXPECT_EQ(c.set_cookie.find("Secure"), std::string::npos);  // plain HTTP in tests
  EXPECT_EQ(c.cookie.size(), 64u);
  const json j = r.json();
  EXPECT_EQ(j["user"]["username"], "c_viewer");
  EXPECT_EQ(j["user"]["role"], "viewer");
  EXPECT_EQ(j["user"]["role_label"], "只读用户");
  EXPECT_EQ(j["user"]["org"], (json{{"code", "C"}, {"name", "市人民检察院"}}));
  EXPECT_EQ(j["csrf_token"].get<std::string>().size(), 64u);
  EXPECT_EQ(r.body.find(c.cookie), std::string::npos);  // the token only in the cookie
  EXPECT_EQ(r.body.find("argon2"), std::string::npos);
}

TEST_F(ApiTest, BadLoginsAreOneErrorAndMalformedOnes422) {
  Client c = srv().client();
  Response wrong = c.login("c_expert", "not-the-password");
  Response unknown = c.login("nobody-at-all", kPassword);
  ASSERT_EQ(wrong.status, 401) << wrong.describe();
  ASSERT_EQ(unknown.status, 401) << unknown.describe();
  EXPECT_EQ(wrong.error_code(), "auth.bad_credentials");
  EXPECT_EQ(wrong.body, unknown.body);  // usernames cannot be probed
  EXPECT_TRUE(c.cookie.empty());
  EXPECT_EQ(c.post("/api/session", json{{"username", "c_expert"}}).status, 422);
  EXPECT_EQ(c.post_raw("/api/session", "not json", "application/json").status, 422);
}

TEST_F(ApiTest, MeShowsUserCsrfAndPermissions) {
  Client& c = as("c_expert");
  Response r = c.get("/api/me");
  ASSERT_EQ(r.status, 200) << r.describe();
  const json j = r.json();
  EXPECT_EQ(j["user"]["username"], "c_expert");
  EXPECT_EQ(j["user"]["org"]["code"], "C");
  EXPECT_EQ(j["csrf_token"], c.csrf);
  std::set<std::string> perms(j["permissions"].begin(), j["permissions"].end());
  EXPECT_EQ(perms, (std::set<std::string>{"read_data", "read_models", "read_stats", "read_shared",
                                          "comment_leads"}));
  std::set<std::string> admin_perms;
  for (const auto& p : as("c_admin").get("/api/me").json_at("permissions")) admin_perms.insert(p);
  EXPECT_TRUE(admin_perms.count("manage_users") && admin_perms.count("read_audit") &&
              admin_perms.count("unmask") && !admin_perms.count("read_shared"));
}

TEST_F(ApiTest, LogoutEndsOnlyThatSession) {
  Client a = srv().as("c_viewer");
  Client b = srv().as("c_viewer");
  Response out = a.del("/api/session");
  ASSERT_EQ(out.status, 204) << out.describe();
  EXPECT_NE(out.header("Set-Cookie").find("Max-Age=0"), std::string::npos);
  Response me = a.get("/api/me");
  EXPECT_EQ(me.status, 401);
  EXPECT_EQ(me.error_code(), "auth.required");
  EXPECT_EQ(b.get("/api/me").status, 200);
  EXPECT_EQ(a.del("/api/session").status, 401);
}

TEST_F(ApiTest, OrganisationsWithTheirRelation) {
  std::map<std::string, std::string> rel;
  for (const auto& o : as("c_prosecutor").get("/api/orgs").json()) rel[o["code"]] = o["relation"];
  EXPECT_EQ(rel, (std::map<std::string, std::string>{
                     {"C", "own"}, {"X", "descendant"}, {"P", "ancestor"}, {"T", "paired"}}));
  rel.clear();
  for (const auto& o : as("x_prosecutor").get("/api/orgs").json()) rel[o["code"]] = o["relation"];
  EXPECT_EQ(rel, (std::map<std::string, std::string>{
                     {"C", "ancestor"}, {"X", "own"}, {"P", "ancestor"}}));
}

// Every route but health and login, without a session.
TEST_F(ApiTest, EveryRouteNeedsASession) {
  const int64_t lead = srv().matrix_lead("C");
  const std::string l = std::to_string(lead);
  const std::vector<std::pair<std::string, std::string>> routes = {
      {"DELETE", "/api/session"},
      {"GET", "/api/me"},
      {"GET", "/api/orgs"},
      {"POST", "/api/orgs"},
      {"GET", "/api/users"},
      {"POST", "/api/users"},
      {"PATCH", "/api/users/c_viewer"},
      {"GET", "/api/pairings"},
      {"POST", "/api/pairings"},
      {"GET", "/api/datasets"},
      {"POST", "/api/datasets"},
      {"GET", "/api/datasets/C_penalties"},
      {"GET", "/api/datasets/C_penalties/rows"},
      {"GET", "/api/models"},
      {"GET", std::string("/api/models/") + kModel},
      {"GET", std::string("/api/models/") + kModel + "/diff?from=1.0.0&to=1.1.0"},
      {"POST", std::string("/api/models/") + kModel + "/binding"},
      {"GET", std::string("/api/models/") + kModel + "/template"},
      {"POST", std::string("/api/models/") + kModel + "/mapping-suggestions"},
      {"POST", std::string("/api/models/") + kModel + "/runs"},
      {"GET", std::string("/api/models/") + kModel + "/runs"},
      {"GET", "/api/jobs"},
      {"GET", "/api/jobs/1-abc"},
      {"DELETE", "/api/jobs/1-abc"},
      {"GET", "/api/leads"},
      {"GET", "/api/leads/" + l},
      {"POST", "/api/leads/" + l + "/unmask"},
      {"POST", "/api/leads/" + l + "/transitions"},
      {"POST", "/api/leads/" + l + "/comments"},
      {"POST", "/api/leads/" + l + "/shares"},
      {"POST", "/api/leads/" + l + "/link-decisions"},
      {"GET", "/api/leads/" + l + "/attachments/" + std::to_string(srv().attachment("C"))},
      {"GET", "/api/leads/export?format=csv"},
      {"GET", "/api/stats"},
      {"GET", "/api/audit"},
  };
  Client anonymous = srv().client();
  Client forged = srv().client();
  forged.cookie = std::string(64, 'a');
  forged.csrf = std::string(64, 'b');
  for (Client* c : {&anonymous, &forged}) {
    for (const auto& [method, path] : routes) {
      SCOPED_TRACE(method + " " + path);
      Response r = method == "GET"      ? c->get(path)
                   : method == "DELETE" ? c->del(path)
                   : method == "PATCH"  ? c->patch(path, json::object())
                                        : c->post(path, json::object());
      EXPECT_EQ(r.status, 401) << r.describe();
      EXPECT_EQ(r.error_code(), "auth.required");
      expect_bilingual_error(r);
    }
  }
}

TEST_F(ApiTest, WritesNeedTheCsrfToken) {
  const Client& admin = as("c_admin");
  const std::string l = std::to_string(srv().lead("C", "杭州西溪"));
  const std::vector<std::pair<std::string, std::string>> writes = {
      {"POST", "/api/orgs"},
      {"POST", "/api/users"},
      {"PATCH", "/api/users/c_viewer"},
      {"POST", "/api/pairings"},
      {"POST", "/api/datasets"},
      {"POST", std::string("/api/models/") + kModel + "/binding"},
      {"POST", std::string("/api/models/") + kModel + "/mapping-suggestions"},
      {"POST", std::string("/api/models/") + kModel + "/runs"},
      {"DELETE", "/api/jobs/1-abc"},
      {"POST", "/api/leads/" + l + "/unmask"},
      {"POST", "/api/leads/" + l + "/transitions"},
      {"POST", "/api/leads/" + l + "/comments"},
      {"POST", "/api/leads/" + l + "/shares"},
      {"POST", "/api/leads/" + l + "/link-decisions"},
      {"DELETE", "/api/session"},
  };
  const json bodies = {{"code", "NEW1"},
                       {"name", "新院"},
                       {"parent", "C"},
                       {"username", "csrf_victim"},
                       {"org", "C"},
                       {"role", "viewer"},
                       {"password", kPassword},
                       {"display_name", "改名"},
                       {"reason", "核查"},
                       {"action", "approve"},
                       {"comment", "意见"}};
  for (const std::optional<std::string>& token :
       {std::optional<std::string>(), std::optional<std::string>(std::string(64, '0')),
        std::optional<std::string>("")}) {
    Client c = admin;
    c.send_csrf = token.has_value();
    c.csrf_override = token;
    for (const auto& [method, path] : writes) {
      SCOPED_TRACE(method + " " + path + (token ? " with a wrong token" : " without a token"));
      Response r = method == "DELETE"  ? c.del(path)
                   : method == "PATCH" ? c.patch(path, bodies)
                                       : c.post(path, bodies);
      EXPECT_EQ(r.status, 403) << r.describe();
      EXPECT_EQ(r.error_code(), "auth.csrf");
    }
  }
  // Nothing happened: no organisation, no user, the lead untouched, the session alive.
  std::set<std::string> codes;
  for (const auto& o : admin.get("/api/orgs").json()) codes.insert(o["code"]);
  EXPECT_FALSE(codes.count("NEW1"));
  EXPECT_EQ(srv().client().login("csrf_victim").status, 401);
  const json lead = admin.get("/api/leads/" + l).json();
  EXPECT_EQ(lead["status"], "new");
  EXPECT_TRUE(lead["events"].empty());
  EXPECT_EQ(admin.get("/api/me").status, 200);
  // Reads need no token.
  Client reader = admin;
  reader.send_csrf = false;
  EXPECT_EQ(reader.get("/api/leads").status, 200);
}

TEST_F(ApiTest, SixthLoginAfterFiveFailuresIs429EvenWithTheRightPassword) {
  Response created = as("c_admin").post("/api/users", {{"username", "c_locked"},
                                                       {"display_name", "被锁定"},
                                                       {"org", "C"},
                                                       {"role", "viewer"},
                                                       {"password", kPassword}});
  ASSERT_EQ(created.status, 201) << created.describe();
  Client c = srv().client();
  for (int i = 0; i < 5; ++i) {
    Response r = c.login("c_locked", "wrong-password-" + std::to_string(i));
    ASSERT_EQ(r.status, 401) << r.describe();
  }
  Response r = c.login("c_locked", kPassword);
  ASSERT_EQ(r.status, 429) << r.describe();
  EXPECT_EQ(r.error_code(), "auth.throttled");
  expect_bilingual_error(r);
  const std::string retry = r.header("Retry-After");
  ASSERT_FALSE(retry.empty());
  const int seconds = std::stoi(retry);
  EXPECT_GT(seconds, 14 * 60);
  EXPECT_LE(seconds, 15 * 60 + 1);
  EXPECT_TRUE(c.cookie.empty());
  // Another account is not affected.
  EXPECT_EQ(srv().client().login("c_viewer").status, 200);
  Response audit = as("c_admin").get("/api/audit?action=login_throttled&username=c_locked");
  EXPECT_EQ(audit.json()["total"], 1) << audit.describe();
}

// ---------------------------------------------------------------------------------------------
// Datasets

TEST_F(ApiTest, UploadGb18030CsvImportsInTheBackground) {
  Client& c = as("c_model_admin");
  const std::string bytes =
      TestServer::read_file(std::string(SHANHAI_SOURCE_DIR) + "/samples/行政处罚决定台账.csv");
  Response r = c.upload("/api/datasets", {{"file", bytes, "行政处罚决定台账.csv", "text/csv"},
                                          {"name", "C_sample", "", ""},
                                          {"encoding", "auto", "", ""}});
  ASSERT_EQ(r.status, 202) << r.describe();
  const json job = r.json()["job"];
  EXPECT_EQ(job["kind"], "import");
  const json done = c.wait_job(job["id"]);
  ASSERT_EQ(done["state"], "succeeded") << done.dump();
  EXPECT_EQ(done["result"]["dataset"], "C_sample");
  EXPECT_EQ(done["result"]["encoding"], "gb18030") << done.dump();
  EXPECT_GT(done["result"]["rows"].get<int>(), 5);
  EXPECT_EQ(done["result"]["header_row"], 2);  // below the title row
  EXPECT_TRUE(done["result"]["report"].is_object());

  json listed;
  for (const auto& d : c.get("/api/datasets").json()) {
    if (d["name"] == "C_sample") listed = d;
  }
  ASSERT_FALSE(listed.is_null());
  EXPECT_EQ(listed["org"], (json{{"code", "C"}, {"name", "市人民检察院"}}));
  EXPECT_EQ(listed["latest_version"], 1);

  Response detail = c.get("/api/datasets/C_sample");
  ASSERT_EQ(detail.status, 200) << detail.describe();
  const json version = detail.json()["versions"][0];
  EXPECT_EQ(version["source_file"], "行政处罚决定台账.csv");
  EXPECT_EQ(version["encoding"], "gb18030");
  // The import report: the title row above the header, the rejected-cell samples.
  EXPECT_EQ(version["report"]["table"]["title_rows"][0]["text"],
            "某县林业局行政处罚决定台账（2023年度）")
      << version.dump();
  EXPECT_TRUE(version["report"].contains("rejected_samples")) << version.dump();

  // The preview masks personal columns.
  Response rows = c.get("/api/datasets/C_sample/rows?limit=2");
  ASSERT_EQ(rows.status, 200) << rows.describe();
  const json p = rows.json();
  EXPECT_EQ(p["masked"], true);
  ASSERT_EQ(p["rows"].size(), 2u);
  std::map<std::string, size_t> col;
  for (size_t i = 0; i < p["columns"].size(); ++i) col[p["columns"][i]["name"]] = i;
  ASSERT_TRUE(col.count("当事人") && col.count("当事人证件号码"));
  EXPECT_EQ(p["columns"][col["当事人"]]["personal"], true);
  EXPECT_EQ(p["rows"][0]["values"][col["当事人"]], "张*");
  EXPECT_EQ(p["rows"][0]["values"][col["当事人证件号码"]], "3301**********771X");
  EXPECT_EQ(p["rows"][0]["values"][col["决定书文号"]], "林罚决字〔2023〕第1号");
  EXPECT_EQ(rows.body.find("张伟"), std::string::npos);
  EXPECT_EQ(rows.body.find("33010619850315771X"), std::string::npos);
}

TEST_F(ApiTest, BadUploadsAreRefusedClearly) {
  Client& c = as("c_prosecutor");
  const auto before = dataset_names(c);
  const std::string csv = TestServer::penalties_gb18030();

  Response no_file = c.upload("/api/datasets", {{"name", "C_nofile", "", ""}});
  EXPECT_EQ(no_file.status, 422) << no_file.describe();
  EXPECT_EQ(field_of(no_file), "file");
  expect_bilingual_error(no_file);

  Response not_multipart = c.post("/api/datasets", json{{"file", "x"}});
  EXPECT_EQ(not_multipart.status, 422) << not_multipart.describe();
  expect_bilingual_error(not_multipart);

  Response bad_encoding = c.upload("/api/datasets", {{"file", csv, "处罚.csv", "text/csv"},
                                                     {"name", "C_badenc", "", ""},
                                                     {"encoding", "latin-9", "", ""}});
  EXPECT_EQ(bad_encoding.status, 422) << bad_encoding.describe();
  EXPECT_EQ(field_of(bad_encoding), "encoding");
  expect_bilingual_error(bad_encoding);

  Response taken = c.upload(
      "/api/datasets", {{"file", csv, "处罚.csv", "text/csv"}, {"name", "X_penalties", "", ""}});
  EXPECT_EQ(taken.status, 409) << taken.describe();
  EXPECT_EQ(taken.error_code(), "dataset.exists");
  EXPECT_EQ(field_of(taken), "name");
  EXPECT_NE(taken.json()["error"]["message_zh"].get<std::string>().find("X_penalties"),
            std::string::npos);
  expect_bilingual_error(taken);

  // A file that cannot be read: the job fails with the importer's message, nothing is added.
  Response broken =
      c.upload("/api/datasets", {{"file", std::string("PK\x03\x04", 4) + std::string(200, '\x7f'),
                                  "坏文件.xlsx", "application/octet-stream"},
                                 {"name", "C_broken", "", ""}});
  ASSERT_EQ(broken.status, 202) << broken.describe();
  const json job = c.wait_job(broken.json()["job"]["id"]);
  ASSERT_EQ(job["state"], "failed") << job.dump();
  EXPECT_FALSE(job["error"]["message_zh"].get<std::string>().empty());
  EXPECT_FALSE(job["error"]["message_en"].get<std::string>().empty());
  EXPECT_NE(job["error"]["code"].get<std::string>().find('.'), std::string::npos);
  EXPECT_EQ(c.get("/api/datasets/C_broken").status, 404);
  EXPECT_EQ(dataset_names(c), before);
  // The uploaded files are gone too.
  const auto uploads = srv().workspace_path() / "uploads";
  size_t left = 0;
  if (std::filesystem::exists(uploads)) {
    for (auto it = std::filesystem::recursive_directory_iterator(uploads);
         it != std::filesystem::recursive_directory_iterator(); ++it) {
      if (it->is_regular_file()) ++left;
    }
  }
  EXPECT_EQ(left, 0u);
}

// ---------------------------------------------------------------------------------------------
// Models, runs, jobs

TEST_F(ApiTest, ModelsAndBindingPreview) {
  Client& c = as("c_model_admin");
  Response list = c.get("/api/models");
  ASSERT_EQ(list.status, 200);
  std::set<std::string> ids;
  for (const auto& m : list.json()) ids.insert(m["model_id"]);
  EXPECT_TRUE(ids.count(kModel));
  EXPECT_EQ(ids.size(), 4u);  // the built-in models
  Response detail = c.get(std::string("/api/models/") + kModel);
  ASSERT_EQ(detail.status, 200) << detail.describe();
  EXPECT_EQ(detail.json()["inputs"].size(), 3u);
  EXPECT_FALSE(detail.json()["readme"].get<std::string>().empty());
  EXPECT_EQ(c.get("/api/models/no-such-model").status, 404);

  Response preview = c.post(std::string("/api/models/") + kModel + "/binding",
                            {{"inputs",
                              {{"penalties", "C_penalties"},
                               {"payments", "C_payments"},
                               {"applications", "C_applications"}}}});
  ASSERT_EQ(preview.status, 200) << preview.describe();
  const json p = preview.json();
  EXPECT_EQ(p["ok"], true) << p.dump();
  EXPECT_TRUE(p["problems"].empty());
  ASSERT_EQ(p["inputs"][0]["name"], "penalties");
  EXPECT_EQ(p["inputs"][0]["dataset"], "C_penalties");
  std::map<std::string, json> fields;
  for (const auto& f : p["inputs"][0]["fields"]) fields[f["name"]] = f;
  EXPECT_EQ(fields["decision_no"]["column"], "决定书文号");
  EXPECT_EQ(fields["party_id"]["column"], "当事人证件号码");
  EXPECT_EQ(fields["party_id"]["auto"], true);

  Response partial = c.post(std::string("/api/models/") + kModel + "/binding",
                            {{"inputs", {{"penalties", "C_penalties"}}}});
  ASSERT_EQ(partial.status, 200) << partial.describe();
  EXPECT_EQ(partial.json()["ok"], false);
  EXPECT_FALSE(partial.json()["problems"].empty());
}

TEST_F(ApiTest, DiffOfTwoInstalledVersions) {
  // A second version of the tree model (not run by other tests): a relabelled input field.
  const std::string id = "ancient-trees-protection";
  const fs::path folder = srv().dir() / "trees-1.1.0";
  fs::copy(fs::path(SHANHAI_SOURCE_DIR) / "models" / id, folder, fs::copy_options::recursive);
  std::ifstream in(folder / "model.yaml");
  std::string spec((std::istreambuf_iterator<char>(in)), {});
  in.close();
  for (const auto& [from, to] :
       {std::pair<std::string, std::string>{"version: 1.0.0", "version: 1.1.0"},
        {"label: 古树名木普查名录", "label: 古树名木资源普查名录"}}) {
    ASSERT_NE(spec.find(from), std::string::npos) << from;
    spec.replace(spec.find(from), from.size(), to);
  }
  std::ofstream(folder / "model.yaml", std::ios::trunc) << spec;
  auto installed = model::install_model_folder(srv().ws(), folder);
  ASSERT_TRUE(installed.ok()) << installed.error().message();

  Client& c = as("c_viewer");
  const std::string base = "/api/models/" + id + "/diff";
  Response r = c.get(base + "?from=1.0.0&to=1.1.0");
  ASSERT_EQ(r.status, 200) << r.describe();
  const json j = r.json();
  EXPECT_EQ(j["model_id"], id);
  ASSERT_EQ(j["changes"].size(), 2u) << j.dump(2);
  EXPECT_EQ(j["changes"][0]["subject"], "version");
  EXPECT_EQ(j["changes"][1]["area"], "input");
  EXPECT_EQ(j["changes"][1]["aspect"], "label");
  EXPECT_EQ(j["changes"][1]["description_zh"],
            "输入 census 的名称由“古树名木普查名录”改为“古树名木资源普查名录”");
  EXPECT_TRUE(c.get(base + "?from=1.1.0&to=1.1.0").json()["changes"].empty());
  Response missing = c.get(base + "?from=1.0.0");
  EXPECT_EQ(missing.status, 422);
  EXPECT_EQ(field_of(missing), "to");
  expect_bilingual_error(missing);
  EXPECT_EQ(c.get(base + "?from=1.0.0&to=9.9.9").status, 404);
  EXPECT_EQ(c.get("/api/models/no-such-model/diff?from=1.0.0&to=1.1.0").status, 404);
  // The list shows the model's versions and each version's status.
  for (const auto& m : c.get("/api/models").json()) {
    if (m["model_id"] != id) continue;
    EXPECT_EQ(m["versions"], json::array({"1.0.0", "1.1.0"}));
    EXPECT_EQ(m["status"], "untested");
  }
}

TEST_F(ApiTest, RunJobRecordsLeadsAndAFinishedJobCannotBeCancelled) {
  Client& c = as("c_prosecutor");
  const int64_t before = c.get("/api/leads?org=C").json()["total"];
  Response r = c.post(std::string("/api/models/") + kModel + "/runs",
                      {{"inputs",
                        {{"penalties", "C_penalties"},
                         {"payments", "C_payments"},
                         {"applications", "C_applications"}}},
                       {"params", {{"as_of", "2025-12-31"}}}});
  ASSERT_EQ(r.status, 202) << r.describe();
  const json job = r.json()["job"];
  EXPECT_EQ(job["kind"], "run");
  const json done = c.wait_job(job["id"]);
  ASSERT_EQ(done["state"], "succeeded") << done.dump();
  const int64_t added = done["result"]["leads_new"];
  EXPECT_GT(added, 0);
  EXPECT_EQ(done["result"]["leads_total"].get<int64_t>(), 5 + added);
  EXPECT_EQ(c.get("/api/leads?org=C").json()["total"], before + added);
  // The run history names the run and its organisation.
  Response runs = c.get(std::string("/api/models/") + kModel + "/runs");
  ASSERT_EQ(runs.status, 200);
  bool found = false;
  for (const auto& run : runs.json()) {
    if (run["id"] == done["result"]["run_id"]) {
      found = true;
      EXPECT_EQ(run["org"]["code"], "C");
      EXPECT_EQ(run["run_by"], "c_prosecutor");
    }
  }
  EXPECT_TRUE(found) << runs.body;
  // Jobs are their owner's: another user gets 404.
  const std::string path = "/api/jobs/" + job["id"].get<std::string>();
  EXPECT_EQ(as("c_admin").get(path).status, 404);
  EXPECT_EQ(as("c_admin").del(path).status, 404);
  Response cancel = c.del(path);
  EXPECT_EQ(cancel.status, 409) << cancel.describe();
  expect_bilingual_error(cancel);
  EXPECT_EQ(c.get("/api/jobs/9999-000000").status, 404);
  // A run on another organisation's data is refused before any job starts.
  Response foreign = c.post(std::string("/api/models/") + kModel + "/runs",
                            {{"inputs",
                              {{"penalties", "X_penalties"},
                               {"payments", "C_payments"},
                               {"applications", "C_applications"}}}});
  EXPECT_EQ(foreign.status, 403) << foreign.describe();
}

// ---------------------------------------------------------------------------------------------
// Leads

TEST_F(ApiTest, LeadListFiltersSortsAndPages) {
  Client& c = as("c_prosecutor");
  Response all = c.get("/api/leads?page_size=200");
  ASSERT_EQ(all.status, 200) << all.describe();
  std::set<std::string> orgs;
  for (const auto& l : all.json_at("items")) orgs.insert(l["org"]["code"]);
  EXPECT_EQ(orgs, (std::set<std::string>{"C", "X"}));
  EXPECT_EQ(all.json()["page_size"], 200);

  auto total = [&](const std::string& query) -> int64_t {
    Response r = c.get("/api/leads?" + query);
    EXPECT_EQ(r.status, 200) << query << " " << r.describe();
    return r.json().value("total", -1);
  };
  EXPECT_EQ(total("org=X"), 5);
  EXPECT_EQ(total("org=X&status=new"), 4);
  EXPECT_EQ(total("org=X&status=triaged"), 1);
  EXPECT_EQ(total("org=X&status=new,triaged"), 5);
  EXPECT_EQ(total(std::string("org=X&model=") + kModel), 5);
  EXPECT_EQ(total("org=X&model=ancient-trees-protection"), 0);
  EXPECT_EQ(total("org=X&q=" + url_encode("张*")), 1);
  EXPECT_EQ(total("org=X&q=" + url_encode("张三")), 0);      // raw names are not searchable
  EXPECT_EQ(total("org=X&q=" + url_encode("杭西环罚")), 1);  // in the subject
  EXPECT_EQ(total("org=P"), 0);                              // not visible: nothing, not an error

  // Sorting by subject, both ways; the list shows masked titles.
  auto subjects = [&](const std::string& order) {
    std::vector<std::string> out;
    for (const auto& l : c.get("/api/leads?org=X&sort=subject&order=" + order).json_at("items")) {
      out.push_back(l["subject"]);
      EXPECT_EQ(l["masked"], true);
      EXPECT_EQ(l["title"].get<std::string>().find("张三"), std::string::npos);
    }
    return out;
  };
  auto asc = subjects("asc");
  auto desc = subjects("desc");
  ASSERT_EQ(asc.size(), 5u);
  EXPECT_TRUE(std::is_sorted(asc.begin(), asc.end()));
  std::reverse(desc.begin(), desc.end());
  EXPECT_EQ(asc, desc);

  // Pages do not overlap and cover everything.
  std::set<int64_t> seen;
  for (int page = 1; page <= 3; ++page) {
    const json j =
        c.get("/api/leads?org=X&sort=subject&page_size=2&page=" + std::to_string(page)).json();
    EXPECT_EQ(j["total"], 5);
    EXPECT_EQ(j["page"], page);
    EXPECT_EQ(j["items"].size(), page < 3 ? 2u : 1u);
    for (const auto& l : j["items"]) seen.insert(l["id"].get<int64_t>());
  }
  EXPECT_EQ(seen.size(), 5u);
  EXPECT_TRUE(c.get("/api/leads?org=X&page=4&page_size=2").json()["items"].empty());
  EXPECT_EQ(c.get("/api/leads").json()["page_size"], 20);  // the default
  for (const auto& [query, field] :
       std::vector<std::pair<std::string, std::string>>{{"page_size=201", "page_size"},
                                                        {"page_size=0", "page_size"},
                                                        {"page=0", "page"},
                                                        {"sort=title", "sort"},
                                                        {"order=up", "order"},
                                                        {"status=nonsense", "status"}}) {
    Response r = c.get("/api/leads?" + query);
    EXPECT_EQ(r.status, 422) << query << " " << r.describe();
    EXPECT_EQ(field_of(r), field) << query << " " << r.describe();
  }
  EXPECT_EQ(c.get("/api/leads?page_size=200").status, 200);
}

TEST_F(ApiTest, DetailIsMasked) {
  Client& c = as("c_prosecutor");
  const int64_t id = srv().matrix_lead("C");
  Response r = c.get(lead_path(id));
  ASSERT_EQ(r.status, 200) << r.describe();
  const json j = r.json();
  EXPECT_EQ(j["masked"], true);
  EXPECT_EQ(j["status"], "triaged");
  EXPECT_EQ(j["org"], (json{{"code", "C"}, {"name", "市人民检察院"}}));
  EXPECT_EQ(j["title"].get<std::string>().rfind("张*被处罚款4000元", 0), 0u) << j["title"];
  ASSERT_EQ(j["evidence"].size(), 1u);
  const json& e = j["evidence"][0];
  EXPECT_EQ(e["dataset"], "C_penalties");
  EXPECT_EQ(e["input"], "penalties");
  EXPECT_EQ(e["row"], 13);
  EXPECT_EQ(e["values"]["当事人"], "张*");
  EXPECT_EQ(e["values"]["当事人证件号码"], "1101**********002X");
  EXPECT_EQ(e["values"]["罚款金额"], "4000");
  std::set<std::string> personal(e["personal_columns"].begin(), e["personal_columns"].end());
  EXPECT_TRUE(personal.count("当事人") && personal.count("当事人证件号码"));
  EXPECT_EQ(r.body.find("张三"), std::string::npos);
  EXPECT_EQ(r.body.find("11010119900307002X"), std::string::npos);
  std::set<std::string> actions;
  for (const auto& a : j["actions"]) actions.insert(a["action"]);
  EXPECT_EQ(actions, (std::set<std::string>{"approve", "return", "dispatch"}));
  EXPECT_EQ(j["can_unmask"], true);
  ASSERT_EQ(j["events"].size(), 1u);
  EXPECT_EQ(j["events"][0]["action"], "triage");
  EXPECT_EQ(j["events"][0]["action_label"], "分拣");
  // Viewers see the same masked detail and may do nothing with it.
  const json v = as("c_viewer").get(lead_path(id)).json();
  EXPECT_EQ(v["title"], j["title"]);
  EXPECT_TRUE(v["actions"].empty());
  EXPECT_EQ(v["can_unmask"], false);
  EXPECT_EQ(c.get("/api/leads/999999").status, 404);
}

TEST_F(ApiTest, UnmaskNeedsAReasonAndIsAudited) {
  Client& c = as("c_prosecutor");
  const int64_t id = srv().matrix_lead("X");  // a descendant's lead
  for (const json& body : {json::object(), json{{"reason", ""}}, json{{"reason", 5}}}) {
    Response r = c.post(lead_path(id, "/unmask"), body);
    EXPECT_EQ(r.status, 422) << body.dump() << " " << r.describe();
    EXPECT_EQ(field_of(r), "reason");
    expect_bilingual_error(r);
  }
  Response r = c.post(lead_path(id, "/unmask"), {{"reason", "通知当事人到案"}});
  ASSERT_EQ(r.status, 200) << r.describe();
  const json j = r.json();
  EXPECT_EQ(j["masked"], false);
  EXPECT_EQ(j["title"].get<std::string>().rfind("张三被处罚款4000元", 0), 0u) << j["title"];
  EXPECT_EQ(j["evidence"][0]["values"]["当事人"], "张三");
  EXPECT_EQ(j["evidence"][0]["values"]["当事人证件号码"], "11010119900307002X");
  Response audit = as("c_admin").get("/api/audit?action=unmask&username=c_prosecutor");
  ASSERT_EQ(audit.status, 200) << audit.describe();
  bool found = false;
  for (const auto& e : audit.json_at("items")) {
    if (e["target"] == "lead:" + std::to_string(id)) {
      found = true;
      EXPECT_EQ(e["detail"]["reason"], "通知当事人到案");
      EXPECT_EQ(e["org"], "C");
    }
  }
  EXPECT_TRUE(found) << audit.body;
  // model_admin reads the lead but may not unmask it.
  EXPECT_EQ(as("c_model_admin").post(lead_path(id, "/unmask"), {{"reason", "x"}}).status, 403);
}

TEST_F(ApiTest, FullWorkflowWithRequiredFieldsAndStatistics) {
  Client& c = as("c_prosecutor");
  const json stats_before = c.get("/api/stats?org=C").json();
  const int64_t id = srv().lead("C", "吴秀英");
  ASSERT_GT(id, 0);
  auto step = [&](const json& body, int status = 200) {
    Response r = c.post(lead_path(id, "/transitions"), body);
    EXPECT_EQ(r.status, status) << body.dump() << " " << r.describe();
    return r;
  };
  EXPECT_EQ(step(transition("triage", {{"comment", "已分拣"}})).json()["status"], "triaged");
  EXPECT_EQ(step(transition("approve")).json()["status"], "approved");

  Response no_handler = step(transition("assign"), 422);
  EXPECT_EQ(no_handler.error_code(), "workflow.missing_field");
  EXPECT_EQ(field_of(no_handler), "handler");
  expect_bilingual_error(no_handler);
  Response viewer_handler = step(transition("assign", {{"handler", "c_viewer"}}), 422);
  EXPECT_EQ(viewer_handler.error_code(), "workflow.invalid_handler");
  EXPECT_EQ(step(transition("assign", {{"handler", "x_prosecutor"}}), 422).error_code(),
            "workflow.invalid_handler");
  Response assigned = step(transition("assign", {{"handler", "c_prosecutor"}}));
  EXPECT_EQ(assigned.json()["status"], "verifying");
  EXPECT_EQ(assigned.json()["handler"], "c_prosecutor");

  // From verifying on, only the handler (or an admin) works the lead.
  Response other = as("c_prosecutor2").post(lead_path(id, "/transitions"), transition("file"));
  EXPECT_EQ(other.status, 403) << other.describe();
  EXPECT_TRUE(as("c_prosecutor2").get(lead_path(id)).json()["actions"].empty());

  EXPECT_EQ(step(transition("file")).json()["status"], "filed");
  Response no_doc = step(transition("recommend"), 422);
  EXPECT_EQ(field_of(no_doc), "document_no");
  EXPECT_EQ(step(transition("recommend", {{"document_no", "  "}}), 422).error_code(),
            "workflow.missing_field");
  EXPECT_EQ(
      step(transition("recommend", {{"document_no", "杭检行建〔2026〕3号"}})).json()["status"],
      "recommended");
  EXPECT_EQ(step(transition("reply")).json()["status"], "replied");
  // An admin of the organisation may act on an assigned lead too.
  Response by_admin = as("c_admin").post(lead_path(id, "/transitions"), transition("rectify"));
  ASSERT_EQ(by_admin.status, 200) << by_admin.describe();
  EXPECT_EQ(by_admin.json()["status"], "rectified");
  EXPECT_EQ(step(transition("close", {{"comment", "办结"}})).json()["status"], "closed");

  Response illegal = step(transition("triage"), 409);
  EXPECT_EQ(illegal.error_code(), "workflow.illegal");
  EXPECT_NE(illegal.json()["error"]["message_zh"].get<std::string>().find("已办结"),
            std::string::npos)
      << illegal.body;
  EXPECT_NE(illegal.json()["error"]["message_en"].get<std::string>().find("closed"),
            std::string::npos);
  EXPECT_EQ(step(transition("fly"), 422).error_code(), "request.invalid");

  const json d = c.get(lead_path(id)).json();
  EXPECT_EQ(d["status"], "closed");
  EXPECT_EQ(d["status_label"], "已办结");
  std::vector<std::string> events;
  for (const auto& e : d["events"]) events.push_back(e["action"]);
  EXPECT_EQ(events, (std::vector<std::string>{"triage", "approve", "assign", "file", "recommend",
                                              "reply", "rectify", "close"}));
  EXPECT_EQ(d["events"][6]["username"], "c_admin");
  EXPECT_EQ(d["events"][4]["detail"]["document_no"], "杭检行建〔2026〕3号");
  EXPECT_TRUE(d["actions"].empty());

  // Transitions are audited; the statistics count the lead's steps.
  Response audit = as("c_admin").get("/api/audit?action=transition&page_size=200");
  int transitions = 0;
  for (const auto& e : audit.json_at("items"))
    transitions += e["target"] == "lead:" + std::to_string(id);
  EXPECT_EQ(transitions, 8) << audit.body;
  const json s = c.get("/api/stats?org=C").json();
  ASSERT_EQ(s["by_status"].size(), 12u) << s.dump();
  for (const char* k : {"filed", "recommendations", "replies", "rectified", "verified"}) {
    EXPECT_EQ(s["total"][k].get<int64_t>(), stats_before["total"][k].get<int64_t>() + 1) << k;
  }
  EXPECT_EQ(s["by_status"]["closed"].get<int64_t>(),
            stats_before["by_status"]["closed"].get<int64_t>() + 1);
  EXPECT_EQ(s["total"]["leads"], c.get("/api/leads?org=C").json()["total"]);
}

TEST_F(ApiTest, ReturnAndDispatchNeedTheirFields) {
  Client& p = as("p_prosecutor");
  const int64_t id = srv().lead("P", "杭州西溪");
  ASSERT_GT(id, 0);
  ASSERT_EQ(p.post(lead_path(id, "/transitions"), transition("triage")).status, 200);
  Response no_reason = p.post(lead_path(id, "/transitions"), transition("return"));
  EXPECT_EQ(no_reason.status, 422);
  EXPECT_EQ(field_of(no_reason), "reason");
  Response no_target = p.post(lead_path(id, "/transitions"), transition("dispatch"));
  EXPECT_EQ(no_target.status, 422);
  EXPECT_EQ(field_of(no_target), "target_org");
  Response sideways =
      p.post(lead_path(id, "/transitions"), transition("dispatch", {{"target_org", "U"}}));
  EXPECT_EQ(sideways.status, 422) << sideways.describe();
  EXPECT_EQ(sideways.error_code(), "workflow.invalid_target");
  Response down =
      p.post(lead_path(id, "/transitions"), transition("dispatch", {{"target_org", "C"}}));
  ASSERT_EQ(down.status, 200) << down.describe();
  EXPECT_EQ(down.json()["org"]["code"], "C");
  EXPECT_EQ(down.json()["status"], "new");
  // Now the lead is C's: P's prosecutor still sees it, but may no longer work it; C's may.
  EXPECT_EQ(p.get(lead_path(id)).status, 200);
  EXPECT_EQ(p.post(lead_path(id, "/transitions"), transition("triage")).status, 403);
  Response c = as("c_prosecutor").post(lead_path(id, "/transitions"), transition("triage"));
  EXPECT_EQ(c.status, 200) << c.describe();
}

TEST_F(ApiTest, AttachmentsAreStoredAndDownloadable) {
  Client& c = as("c_prosecutor");
  const int64_t id = srv().lead("C", "钱丽华");
  ASSERT_GT(id, 0);
  std::string pdf = "%PDF-1.4\n";
  for (int i = 0; i < 256; ++i) pdf += static_cast<char>(i);
  Response bad =
      c.post(lead_path(id, "/transitions"),
             transition("triage",
                        {{"attachments", {{{"filename", "x.pdf"}, {"content_base64", "@@@"}}}}}));
  EXPECT_EQ(bad.status, 422) << bad.describe();
  EXPECT_EQ(field_of(bad), "attachments");
  Response r = c.post(lead_path(id, "/transitions"),
                      transition("triage", {{"comment", "附询问笔录"},
                                            {"attachments",
                                             {{{"filename", "询问笔录.pdf"},
                                               {"content_type", "application/pdf"},
                                               {"content_base64", base64(pdf)}}}}}));
  ASSERT_EQ(r.status, 200) << r.describe();
  const json d = c.get(lead_path(id)).json();
  ASSERT_EQ(d["attachments"].size(), 1u);
  const json a = d["attachments"][0];
  EXPECT_EQ(a["filename"], "询问笔录.pdf");
  EXPECT_EQ(a["size"], pdf.size());
  EXPECT_EQ(a["sha256"].get<std::string>().size(), 64u);
  EXPECT_EQ(a["event_id"], d["events"].back()["id"]);
  Response file = c.get(lead_path(id, "/attachments/" + std::to_string(a["id"].get<int64_t>())));
  ASSERT_EQ(file.status, 200) << file.describe();
  EXPECT_EQ(file.body, pdf);
  EXPECT_EQ(file.header("Content-Type"), "application/pdf");
  // RFC 5987 on the wire; cpp-httplib's client decodes the percent-escapes of header values.
  EXPECT_EQ(file.header("Content-Disposition"), "attachment; filename*=UTF-8''询问笔录.pdf");
  // Not an attachment of that lead: 404.
  EXPECT_EQ(c.get(lead_path(id, "/attachments/" + std::to_string(srv().attachment("C")))).status,
            404);
}

TEST_F(ApiTest, Comments) {
  Client& c = as("c_prosecutor");
  const int64_t id = srv().lead("C", "杭州某某餐饮");
  ASSERT_GT(id, 0);
  Response blank = c.post(lead_path(id, "/comments"), {{"comment", ""}});
  EXPECT_EQ(blank.status, 422);
  EXPECT_EQ(field_of(blank), "comment");
  Response r = c.post(lead_path(id, "/comments"), {{"comment", "建议先调取缴款凭证"}});
  ASSERT_EQ(r.status, 201) << r.describe();
  const json d = c.get(lead_path(id)).json();
  EXPECT_EQ(d["status"], "new");  // unchanged
  ASSERT_EQ(d["events"].size(), 1u);
  EXPECT_EQ(d["events"][0]["action"], "comment");
  EXPECT_EQ(d["events"][0]["comment"], "建议先调取缴款凭证");
  EXPECT_EQ(d["events"][0]["username"], "c_prosecutor");
  EXPECT_EQ(as("c_viewer").post(lead_path(id, "/comments"), {{"comment", "x"}}).status, 403);
}

TEST_F(ApiTest, ShareForConsultationWithTheAssistingOrganisation) {
  Client& t = as("t_prosecutor");
  const int64_t id = srv().lead("T", "吴秀英");
  ASSERT_GT(id, 0);
  Response wrong = t.post(lead_path(id, "/shares"), {{"org", "X"}});
  EXPECT_EQ(wrong.status, 422) << wrong.describe();
  EXPECT_EQ(field_of(wrong), "org");
  // Before the share C's expert does not see it.
  Client& expert = as("c_expert");
  EXPECT_EQ(expert.get(lead_path(id)).status, 404);
  Response shared = t.post(lead_path(id, "/shares"), {{"org", "C"}});
  ASSERT_EQ(shared.status, 201) << shared.describe();

  Response d = expert.get(lead_path(id));
  ASSERT_EQ(d.status, 200) << d.describe();
  const json j = d.json();
  EXPECT_EQ(j["masked"], true);
  EXPECT_EQ(j["title"].get<std::string>().rfind("吴**被处罚款", 0), 0u) << j["title"];
  EXPECT_EQ(d.body.find("吴秀英"), std::string::npos);
  EXPECT_EQ(d.body.find("330106196511030429"), std::string::npos);
  EXPECT_EQ(j["can_unmask"], false);
  EXPECT_EQ(j["can_comment"], true);
  EXPECT_TRUE(j["actions"].empty());
  ASSERT_EQ(j["shared_with"].size(), 1u);
  EXPECT_EQ(j["shared_with"][0]["org"], "C");
  // The expert lists it, comments on it, but can neither unmask nor work it.
  std::set<int64_t> listed;
  for (const auto& l : expert.get("/api/leads?org=T").json_at("items"))
    listed.insert(l["id"].get<int64_t>());
  EXPECT_EQ(listed, (std::set<int64_t>{id, srv().matrix_lead("T")}));
  Response comment =
      expert.post(lead_path(id, "/comments"), {{"comment", "会诊意见：建议核实缴款"}});
  EXPECT_EQ(comment.status, 201) << comment.describe();
  EXPECT_EQ(expert.post(lead_path(id, "/unmask"), {{"reason", "会诊"}}).status, 403);
  EXPECT_EQ(expert.post(lead_path(id, "/transitions"), transition("triage")).status, 403);
  // The consultation shows on T's side, with the expert's organisation.
  const json events = t.get(lead_path(id)).json()["events"];
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0]["action"], "share");
  EXPECT_EQ(events[1]["action"], "comment");
  EXPECT_EQ(events[1]["org"], "C");
  // Others of C still do not see T's leads.
  EXPECT_EQ(as("c_prosecutor").get(lead_path(id)).status, 404);
  EXPECT_EQ(as("c_admin").get(lead_path(id)).status, 404);
}

TEST_F(ApiTest, ExportIsMaskedAndAudited) {
  Client& c = as("c_prosecutor");
  Response r = c.get("/api/leads/export?format=csv&org=X&status=new,triaged");
  ASSERT_EQ(r.status, 200) << r.describe();
  EXPECT_EQ(r.header("Content-Type").rfind("text/csv", 0), 0u);
  EXPECT_EQ(r.header("Content-Disposition"), "attachment; filename*=UTF-8''线索.csv");
  EXPECT_EQ(r.body.rfind("\xEF\xBB\xBF编号,", 0), 0u);
  size_t lines = 0;
  for (char ch : r.body) lines += ch == '\n';
  EXPECT_GE(lines, 6u);  // header + X's five leads (and any dispatched there)
  EXPECT_NE(r.body.find("张*"), std::string::npos);
  EXPECT_EQ(r.body.find("张三"), std::string::npos);
  EXPECT_EQ(r.body.find("11010119900307002X"), std::string::npos);
  Response audit = as("c_admin").get("/api/audit?action=export&username=c_prosecutor");
  ASSERT_GE(audit.json()["total"].get<int>(), 1) << audit.body;
  EXPECT_EQ(audit.json()["items"][0]["detail"]["masked"], true);
  EXPECT_EQ(as("c_viewer").get("/api/leads/export?format=csv").status, 403);
  EXPECT_EQ(as("c_model_admin").get("/api/leads/export?format=csv").status, 403);
}

TEST_F(ApiTest, AuditSearchForAdminsOfTheirOrganisations) {
  Client& admin = as("c_admin");
  (void)as("t_prosecutor");  // a login in T
  (void)as("x_prosecutor");  // a login in X
  Response r = admin.get("/api/audit?action=login&page_size=200");
  ASSERT_EQ(r.status, 200) << r.describe();
  std::set<std::string> users, orgs;
  for (const auto& e : r.json_at("items")) {
    users.insert(e["username"]);
    orgs.insert(e["org"]);
    EXPECT_EQ(e["action"], "login");
  }
  EXPECT_TRUE(users.count("c_admin") && users.count("x_prosecutor"));
  EXPECT_FALSE(users.count("t_prosecutor"));  // T is not C's or below it
  EXPECT_EQ(orgs, (std::set<std::string>{"C", "X"}));
  Response paged = admin.get("/api/audit?page_size=1&page=2");
  EXPECT_EQ(paged.json()["items"].size(), 1u);
  EXPECT_EQ(paged.json()["page"], 2);
  EXPECT_GE(paged.json()["total"].get<int>(), 2);
  Response one = admin.get("/api/audit?username=x_prosecutor&action=login");
  EXPECT_GE(one.json()["total"].get<int>(), 1);
  for (const auto& e : one.json_at("items")) EXPECT_EQ(e["username"], "x_prosecutor");
  EXPECT_EQ(as("c_prosecutor").get("/api/audit").status, 403);
}

TEST_F(ApiTest, StatisticsOfAnUntouchedOrganisation) {
  // U's leads: only U sees them; its numbers are exactly the fixture's.
  Response r = as("u_prosecutor").get("/api/stats");
  ASSERT_EQ(r.status, 200) << r.describe();
  const json s = r.json();
  EXPECT_EQ(s["total"]["leads"], 5);
  EXPECT_EQ(s["total"]["verified"], 0);
  EXPECT_EQ(s["total"]["filed"], 0);
  EXPECT_EQ(s["total"]["conversion"], 0.0);
  EXPECT_EQ(s["by_status"]["new"], 4);
  EXPECT_EQ(s["by_status"]["triaged"], 1);
  ASSERT_EQ(s["by_org"].size(), 1u);
  EXPECT_EQ(s["by_org"][0]["org"], "U");
  ASSERT_EQ(s["by_model"].size(), 1u);
  EXPECT_EQ(s["by_model"][0]["model"], kModel);
  EXPECT_EQ(as("u_prosecutor").get("/api/stats?from=not-a-date").status, 422);
}

}  // namespace
}  // namespace shanhai::server::testing
