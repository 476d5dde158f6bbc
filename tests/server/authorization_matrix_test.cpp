// The authorisation matrix: every route of docs/api.md × every role (users of C) × how the
// object's organisation relates to C — own C, descendant X, ancestor P, paired T (C assists T),
// unrelated U. The expected table below is written by hand from docs/api.md ("角色与可见范围",
// the route table) and src/access/policy.h; it is not computed with access::allowed.
//
//   A  authorised: 2xx, or 409/422 from a business rule checked after authorisation
//   F  403 auth.forbidden (the object is visible but the role may not do this)
//   N  404 (the object is not visible: not leaked)
//
// Routes without an object are checked per role. Masking: every role that reads a lead gets it
// masked; only admin and prosecutor unmask, with a reason.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include "registry/registry.h"
#include "server/support/test_server.h"

namespace shanhai::server::testing {
namespace {

using nlohmann::json;

const std::vector<std::string> kRoles = {"admin", "model_admin", "prosecutor", "expert", "viewer"};
// The object's organisation for each relation, in the order of the expectation strings.
const std::vector<std::pair<std::string, std::string>> kRelations = {
    {"own", "C"}, {"descendant", "X"}, {"ancestor", "P"}, {"paired", "T"}, {"unrelated", "U"}};

struct ObjectRow {
  std::string route;
  std::string role;
  std::string expect;  // own, descendant, ancestor, paired, unrelated
};

// clang-format off
const std::vector<ObjectRow> kObjectMatrix = {
    // route                                  role           C X P T U
    {"POST /api/orgs",                        "admin",       "AANNN"},
    {"POST /api/orgs",                        "model_admin", "FFFFF"},
    {"POST /api/orgs",                        "prosecutor",  "FFFFF"},
    {"POST /api/orgs",                        "expert",      "FFFFF"},
    {"POST /api/orgs",                        "viewer",      "FFFFF"},
    {"POST /api/users",                       "admin",       "AANNN"},
    {"POST /api/users",                       "model_admin", "FFFFF"},
    {"POST /api/users",                       "prosecutor",  "FFFFF"},
    {"POST /api/users",                       "expert",      "FFFFF"},
    {"POST /api/users",                       "viewer",      "FFFFF"},
    {"PATCH /api/users/{username}",           "admin",       "AANNN"},
    {"PATCH /api/users/{username}",           "model_admin", "FFFFF"},
    {"PATCH /api/users/{username}",           "prosecutor",  "FFFFF"},
    {"PATCH /api/users/{username}",           "expert",      "FFFFF"},
    {"PATCH /api/users/{username}",           "viewer",      "FFFFF"},
    {"POST /api/pairings",                    "admin",       "AANNN"},
    {"POST /api/pairings",                    "model_admin", "FFFFF"},
    {"POST /api/pairings",                    "prosecutor",  "FFFFF"},
    {"POST /api/pairings",                    "expert",      "FFFFF"},
    {"POST /api/pairings",                    "viewer",      "FFFFF"},
    {"GET /api/datasets/{name}",              "admin",       "AANNN"},
    {"GET /api/datasets/{name}",              "model_admin", "AANNN"},
    {"GET /api/datasets/{name}",              "prosecutor",  "AANNN"},
    {"GET /api/datasets/{name}",              "expert",      "ANNNN"},
    {"GET /api/datasets/{name}",              "viewer",      "ANNNN"},
    {"GET /api/datasets/{name}/rows",         "admin",       "AANNN"},
    {"GET /api/datasets/{name}/rows",         "model_admin", "AANNN"},
    {"GET /api/datasets/{name}/rows",         "prosecutor",  "AANNN"},
    {"GET /api/datasets/{name}/rows",         "expert",      "ANNNN"},
    {"GET /api/datasets/{name}/rows",         "viewer",      "ANNNN"},
    // A binding preview prepares a run: the chosen dataset must be one the caller may write.
    {"POST /api/models/{id}/binding",         "admin",       "AFNNN"},
    {"POST /api/models/{id}/binding",         "model_admin", "AFNNN"},
    {"POST /api/models/{id}/binding",         "prosecutor",  "AFNNN"},
    {"POST /api/models/{id}/binding",         "expert",      "FNNNN"},
    {"POST /api/models/{id}/binding",         "viewer",      "FNNNN"},
    // Mapping suggestions read the chosen dataset's values: the same rule as the preview.
    {"POST /api/models/{id}/mapping-suggestions", "admin",       "AFNNN"},
    {"POST /api/models/{id}/mapping-suggestions", "model_admin", "AFNNN"},
    {"POST /api/models/{id}/mapping-suggestions", "prosecutor",  "AFNNN"},
    {"POST /api/models/{id}/mapping-suggestions", "expert",      "FNNNN"},
    {"POST /api/models/{id}/mapping-suggestions", "viewer",      "FNNNN"},
    {"POST /api/models/{id}/runs",            "admin",       "AFNNN"},
    {"POST /api/models/{id}/runs",            "model_admin", "AFNNN"},
    {"POST /api/models/{id}/runs",            "prosecutor",  "AFNNN"},
    {"POST /api/models/{id}/runs",            "expert",      "FFFFF"},
    {"POST /api/models/{id}/runs",            "viewer",      "FFFFF"},
    // T's matrix lead is shared with C for consultation.
    {"GET /api/leads/{id}",                   "admin",       "AANNN"},
    {"GET /api/leads/{id}",                   "model_admin", "AANNN"},
    {"GET /api/leads/{id}",                   "prosecutor",  "AANNN"},
    {"GET /api/leads/{id}",                   "expert",      "ANNAN"},
    {"GET /api/leads/{id}",                   "viewer",      "ANNNN"},
    {"POST /api/leads/{id}/unmask",           "admin",       "AANNN"},
    {"POST /api/leads/{id}/unmask",           "model_admin", "FFFFF"},
    {"POST /api/leads/{id}/unmask",           "prosecutor",  "AANNN"},
    {"POST /api/leads/{id}/unmask",           "expert",      "FFFFF"},
    {"POST /api/leads/{id}/unmask",           "viewer",      "FFFFF"},
    {"POST /api/leads/{id}/transitions",      "admin",       "AFNNN"},
    {"POST /api/leads/{id}/transitions",      "model_admin", "FFFFF"},
    {"POST /api/leads/{id}/transitions",      "prosecutor",  "AFNNN"},
    {"POST /api/leads/{id}/transitions",      "expert",      "FFFFF"},
    {"POST /api/leads/{id}/transitions",      "viewer",      "FFFFF"},
    {"POST /api/leads/{id}/comments",         "admin",       "AFNNN"},
    {"POST /api/leads/{id}/comments",         "model_admin", "FFFFF"},
    {"POST /api/leads/{id}/comments",         "prosecutor",  "AFNNN"},
    {"POST /api/leads/{id}/comments",         "expert",      "ANNAN"},
    {"POST /api/leads/{id}/comments",         "viewer",      "FFFFF"},
    {"POST /api/leads/{id}/shares",           "admin",       "AFNNN"},
    {"POST /api/leads/{id}/shares",           "model_admin", "FFFFF"},
    {"POST /api/leads/{id}/shares",           "prosecutor",  "AFNNN"},
    {"POST /api/leads/{id}/shares",           "expert",      "FFFFF"},
    {"POST /api/leads/{id}/shares",           "viewer",      "FFFFF"},
    // Deciding on a linked pair needs what a workflow transition needs. The matrix lead has no
    // linked pairs: an authorised decision is refused (409) by the lead itself.
    {"POST /api/leads/{id}/link-decisions",   "admin",       "AFNNN"},
    {"POST /api/leads/{id}/link-decisions",   "model_admin", "FFFFF"},
    {"POST /api/leads/{id}/link-decisions",   "prosecutor",  "AFNNN"},
    {"POST /api/leads/{id}/link-decisions",   "expert",      "FFFFF"},
    {"POST /api/leads/{id}/link-decisions",   "viewer",      "FFFFF"},
    {"GET /api/leads/{id}/attachments/{aid}", "admin",       "AANNN"},
    {"GET /api/leads/{id}/attachments/{aid}", "model_admin", "AANNN"},
    {"GET /api/leads/{id}/attachments/{aid}", "prosecutor",  "AANNN"},
    {"GET /api/leads/{id}/attachments/{aid}", "expert",      "ANNFN"},  // attachments cannot be masked
    {"GET /api/leads/{id}/attachments/{aid}", "viewer",      "ANNNN"},
    // Registry objects are submissions of the organisation: one waiting for review, one
    // approved and listed with scope "tree" (its own organisation and those below).
    {"POST /api/registry/submissions/{id}/review", "admin",       "AANNN"},
    {"POST /api/registry/submissions/{id}/review", "model_admin", "AANNN"},
    {"POST /api/registry/submissions/{id}/review", "prosecutor",  "FFFFF"},
    {"POST /api/registry/submissions/{id}/review", "expert",      "FFFFF"},
    {"POST /api/registry/submissions/{id}/review", "viewer",      "FFFFF"},
    {"GET /api/registry/listings/{id}",       "admin",       "AAANN"},  // P's tree holds C
    {"GET /api/registry/listings/{id}",       "model_admin", "AAANN"},
    {"GET /api/registry/listings/{id}",       "prosecutor",  "ANANN"},
    {"GET /api/registry/listings/{id}",       "expert",      "ANANN"},
    {"GET /api/registry/listings/{id}",       "viewer",      "ANANN"},
    {"POST /api/registry/listings/{id}/install", "admin",       "ANANN"},
    {"POST /api/registry/listings/{id}/install", "model_admin", "ANANN"},
    {"POST /api/registry/listings/{id}/install", "prosecutor",  "FFFFF"},
    {"POST /api/registry/listings/{id}/install", "expert",      "FFFFF"},
    {"POST /api/registry/listings/{id}/install", "viewer",      "FFFFF"},
};

// Routes without an object: one letter per role (admin, model_admin, prosecutor, expert, viewer).
// The job is c_prosecutor's: only its owner sees it.
const std::vector<std::pair<std::string, std::string>> kRoleMatrix = {
    {"GET /api/health",                 "AAAAA"},
    {"POST /api/session",               "AAAAA"},
    {"DELETE /api/session",             "AAAAA"},
    {"GET /api/me",                     "AAAAA"},
    {"GET /api/orgs",                   "AAAAA"},
    {"GET /api/users",                  "AFFFF"},
    {"GET /api/handlers",               "AFAFF"},
    {"GET /api/pairings",               "AFFFF"},
    {"GET /api/datasets",               "AAAAA"},
    {"POST /api/datasets",              "AAAFF"},
    {"GET /api/models",                 "AAAAA"},
    {"GET /api/models/{id}",            "AAAAA"},
    {"GET /api/models/{id}/template",   "AAAAA"},
    {"GET /api/models/{id}/diff",       "AAAAA"},
    {"GET /api/models/{id}/runs",       "AAAAA"},
    {"GET /api/jobs",                   "AAAAA"},
    {"GET /api/jobs/{id}",              "NNANN"},
    {"DELETE /api/jobs/{id}",           "NNANN"},
    {"GET /api/leads",                  "AAAAA"},
    {"GET /api/leads/export",           "AFAFF"},
    {"GET /api/stats",                  "AAAAA"},
    {"GET /api/audit",                  "AFFFF"},
    {"GET /api/registry/listings",      "AAAAA"},
    {"GET /api/registry/submissions",   "AAAAA"},
    {"POST /api/registry/submissions",  "AAFFF"},
    {"PUT /api/registry/favourites/{id}",    "AAAAA"},
    {"DELETE /api/registry/favourites/{id}", "AAAAA"},
};

// Whose objects each role finds in the lists (organisation codes, sorted).
const std::vector<std::pair<std::string, std::vector<std::string>>> kScopes = {
    // list                           admin  model_admin prosecutor expert viewer
    {"GET /api/leads",               {"CX",  "CX",       "CX",      "CT",  "C"}},
    {"GET /api/datasets",            {"CX",  "CX",       "CX",      "C",   "C"}},
    {"GET /api/stats",               {"CX",  "CX",       "CX",      "CT",  "C"}},
    {"GET /api/models/{id}/runs",    {"CX",  "CX",       "CX",      "CT",  "C"}},
    {"GET /api/orgs",                {"CPTX", "CPTX",    "CPTX",    "CPTX", "CPTX"}},
    {"GET /api/registry/submissions", {"CX", "CX",       "",        "",    ""}},
};
// clang-format on

char classify(const Response& r) {
  if (r.status >= 200 && r.status < 300) return 'A';
  if (r.status == 409 || r.status == 422) return 'A';
  if (r.status == 403 && r.error_code() == "auth.forbidden") return 'F';
  if (r.status == 404 && r.error_code() != "api.not_found") return 'N';
  return '?';
}

std::string meaning(char c) {
  switch (c) {
    case 'A':
      return "A (authorised: 2xx/409/422)";
    case 'F':
      return "F (403 auth.forbidden)";
    case 'N':
      return "N (404, not visible)";
  }
  return std::string(1, c) + " (unexpected)";
}

class AuthorizationMatrixTest : public SharedServerTest {
 protected:
  // The client of the demo organisation C's user of this role (c_admin, c_prosecutor, …).
  static Client& as(const std::string& role) { return SharedServerTest::as("c_" + role); }

  static json run_body(const std::string& org) {
    return {{"inputs",
             {{"penalties", org + "_penalties"},
              {"payments", org + "_payments"},
              {"applications", org + "_applications"}}},
            {"params", {{"as_of", "2024-06-30"}}}};
  }

  // Sends `route` as `c` on an object of organisation `org`.
  static Response call(const std::string& route, Client& c, const std::string& org) {
    static int serial = 0;
    const std::string unique = fmt::format("m{}", ++serial);
    const std::string lead = std::to_string(srv().matrix_lead(org));
    const std::string model = std::string("/api/models/") + kModel;
    if (route == "POST /api/orgs") {
      return c.post("/api/orgs", {{"code", unique}, {"name", "新设院" + unique}, {"parent", org}});
    }
    if (route == "POST /api/users") {
      return c.post("/api/users", {{"username", "new_" + unique},
                                   {"display_name", "新用户"},
                                   {"org", org},
                                   {"role", "viewer"},
                                   {"password", kPassword}});
    }
    if (route == "PATCH /api/users/{username}") {
      const std::string user =
          org == "C" ? "c_prosecutor2" : fmt::format("{}_prosecutor", char(std::tolower(org[0])));
      return c.patch("/api/users/" + user, {{"display_name", "改名" + unique}});
    }
    if (route == "POST /api/pairings") {
      return c.post("/api/pairings", {{"assisting", "C"},
                                      {"assisted", org},
                                      {"starts_on", "2001-01-01"},
                                      {"ends_on", "2001-12-31"}});
    }
    if (route == "GET /api/datasets/{name}") return c.get("/api/datasets/" + org + "_penalties");
    if (route == "GET /api/datasets/{name}/rows") {
      return c.get("/api/datasets/" + org + "_penalties/rows?limit=3");
    }
    if (route == "POST /api/models/{id}/binding") {
      return c.post(model + "/binding", {{"inputs", {{"penalties", org + "_penalties"}}}});
    }
    if (route == "POST /api/models/{id}/mapping-suggestions") {
      return c.post(model + "/mapping-suggestions",
                    {{"inputs", {{"penalties", org + "_penalties"}}}});
    }
    if (route == "POST /api/models/{id}/runs") return c.post(model + "/runs", run_body(org));
    if (route == "GET /api/leads/{id}") return c.get("/api/leads/" + lead);
    if (route == "POST /api/leads/{id}/unmask") {
      return c.post("/api/leads/" + lead + "/unmask", {{"reason", "核对当事人身份"}});
    }
    if (route == "POST /api/leads/{id}/transitions") {
      // The matrix lead is triaged: "file" is refused by the workflow (409) once authorised,
      // so the lead never changes.
      return c.post("/api/leads/" + lead + "/transitions", {{"action", "file"}});
    }
    if (route == "POST /api/leads/{id}/comments") {
      return c.post("/api/leads/" + lead + "/comments", {{"comment", "意见" + unique}});
    }
    if (route == "POST /api/leads/{id}/link-decisions") {
      return c.post("/api/leads/" + lead + "/link-decisions",
                    {{"step", "same_person"}, {"pair_key", "0-0"}, {"decision", "confirm"}});
    }
    if (route == "POST /api/leads/{id}/shares") {
      return c.post("/api/leads/" + lead + "/shares", {{"org", "C"}});
    }
    if (route == "POST /api/registry/submissions/{id}/review") {
      // An unknown decision: refused (422) by the review itself once the role may review.
      return c.post(fmt::format("/api/registry/submissions/{}/review", submission(org, false)),
                    {{"decision", "maybe"}});
    }
    if (route == "GET /api/registry/listings/{id}") {
      return c.get(fmt::format("/api/registry/listings/{}", submission(org, true)));
    }
    if (route == "POST /api/registry/listings/{id}/install") {
      return c.post(fmt::format("/api/registry/listings/{}/install", submission(org, true)),
                    json::object());
    }
    if (route == "GET /api/leads/{id}/attachments/{aid}") {
      return c.get("/api/leads/" + lead + "/attachments/" + std::to_string(srv().attachment(org)));
    }
    ADD_FAILURE() << "no request for " << route;
    return {};
  }

  static Response call_role(const std::string& route, const std::string& role,
                            const std::string& job) {
    Client& c = as(role);
    const std::string model = std::string("/api/models/") + kModel;
    if (route == "GET /api/health") return c.get("/api/health");
    if (route == "POST /api/session") return srv().client().login("c_" + role);
    if (route == "DELETE /api/session") {
      Client fresh = srv().as("c_" + role);
      return fresh.del("/api/session");
    }
    if (route == "GET /api/me") return c.get("/api/me");
    if (route == "GET /api/orgs") return c.get("/api/orgs");
    if (route == "GET /api/handlers") return c.get("/api/handlers");
    if (route == "GET /api/users") return c.get("/api/users");
    if (route == "GET /api/pairings") return c.get("/api/pairings");
    if (route == "GET /api/datasets") return c.get("/api/datasets");
    if (route == "POST /api/datasets") {
      // No file part: refused (422) by the upload itself once the role may upload.
      return c.upload("/api/datasets", {{"name", "C_nofile", "", ""}});
    }
    if (route == "GET /api/models") return c.get("/api/models");
    if (route == "GET /api/models/{id}") return c.get(model);
    if (route == "GET /api/models/{id}/template") return c.get(model + "/template");
    if (route == "GET /api/models/{id}/diff") {
      const std::string v = c.get(model).json()["version"];
      return c.get(model + "/diff?from=" + v + "&to=" + v);
    }
    if (route == "GET /api/models/{id}/runs") return c.get(model + "/runs");
    if (route == "GET /api/jobs") return c.get("/api/jobs");
    if (route == "GET /api/jobs/{id}") return c.get("/api/jobs/" + job);
    if (route == "DELETE /api/jobs/{id}") return c.del("/api/jobs/" + job);
    if (route == "GET /api/leads") return c.get("/api/leads");
    if (route == "GET /api/leads/export") return c.get("/api/leads/export?format=csv");
    if (route == "GET /api/stats") return c.get("/api/stats");
    if (route == "GET /api/audit") return c.get("/api/audit");
    if (route == "GET /api/registry/listings") return c.get("/api/registry/listings");
    if (route == "GET /api/registry/submissions") return c.get("/api/registry/submissions");
    if (route == "POST /api/registry/submissions") {
      submission("C", false);
      // A second submission while one waits is refused (409) by the registry: authorised.
      return c.post("/api/registry/submissions",
                    {{"model", kModel}, {"version", model_version()}, {"scope", "tree"}});
    }
    submission("C", true);  // the model is listed, so it can be a favourite
    if (route == "PUT /api/registry/favourites/{id}") {
      return c.put(std::string("/api/registry/favourites/") + kModel, json::object());
    }
    if (route == "DELETE /api/registry/favourites/{id}") {
      return c.del(std::string("/api/registry/favourites/") + kModel);
    }
    ADD_FAILURE() << "no request for " << route;
    return {};
  }

  static std::string model_version() {
    SQLite::Statement q(srv().ws().db(), "SELECT version FROM models WHERE model_id = ?");
    q.bind(1, kModel);
    return q.executeStep() ? q.getColumn(0).getString() : "";
  }

  // A submission of the model by org's prosecutor: approved (by someone else) with scope
  // "tree", or waiting for review. Made once per organisation and kind.
  static int64_t submission(const std::string& org, bool approved) {
    static std::map<std::pair<std::string, bool>, int64_t> made;
    const auto key = std::make_pair(org, approved);
    if (auto it = made.find(key); it != made.end()) return it->second;
    // The approved one first: nothing can be submitted while a submission waits.
    if (!approved) submission(org, true);
    registry::SubmitRequest r;
    r.model_id = kModel;
    r.version = model_version();
    r.org = org;
    r.username = org + "_publisher";
    auto s = registry::submit(srv().ws(), r);
    EXPECT_TRUE(s.ok()) << s.error().message();
    if (!s.ok()) return -1;
    if (approved) {
      registry::ReviewRequest review;
      review.submission_id = s->id;
      review.decision = "approve";
      review.reviewer = org + "_reviewer";
      for (const auto& item : registry::checklist()) {
        review.items.push_back({std::string(item.name), true, "符合"});
      }
      auto done = registry::review(srv().ws(), review);
      EXPECT_TRUE(done.ok()) << done.error().message();
    }
    return made[key] = s->id;
  }
};

TEST_F(AuthorizationMatrixTest, ExpectedTableCoversEveryRouteAndRole) {
  std::map<std::string, std::set<std::string>> roles_of;
  for (const auto& row : kObjectMatrix) {
    ASSERT_EQ(row.expect.size(), kRelations.size()) << row.route << " " << row.role;
    EXPECT_TRUE(roles_of[row.route].insert(row.role).second)
        << "twice: " << row.route << " " << row.role;
  }
  for (const auto& [route, roles] : roles_of) {
    EXPECT_EQ(roles, std::set<std::string>(kRoles.begin(), kRoles.end())) << route;
  }
  for (const auto& [route, expect] : kRoleMatrix) EXPECT_EQ(expect.size(), kRoles.size()) << route;
  EXPECT_EQ(roles_of.size() + kRoleMatrix.size(), 19u + 27u);
}

TEST_F(AuthorizationMatrixTest, ObjectRoutesByRoleAndRelation) {
  std::vector<std::string> failures;
  std::string table;
  for (const ObjectRow& row : kObjectMatrix) {
    std::string got;
    for (size_t i = 0; i < kRelations.size(); ++i) {
      const auto& [relation, org] = kRelations[i];
      Response r = call(row.route, as(row.role), org);
      const char actual = classify(r);
      got += actual;
      if (actual != row.expect[i]) {
        failures.push_back(
            fmt::format("{} as {} (org C) on an object of {} {}: expected {}, got {} "
                        "— {}",
                        row.route, row.role, relation, org, meaning(row.expect[i]), meaning(actual),
                        r.describe()));
      }
    }
    table += fmt::format("  {:40} {:12} expected {}  got {}{}\n", row.route, row.role, row.expect,
                         got, got == row.expect ? "" : "   <-- differs");
  }
  EXPECT_TRUE(failures.empty()) << failures.size() << " cell(s) differ:\n"
                                << fmt::format("{}", fmt::join(failures, "\n")) << "\n\n"
                                << "relations: own C, descendant X, ancestor P, paired T, "
                                   "unrelated U\n"
                                << table;
}

TEST_F(AuthorizationMatrixTest, RoutesWithoutAnObjectByRole) {
  // A finished job of c_prosecutor's.
  Response started =
      as("prosecutor").post(std::string("/api/models/") + kModel + "/runs", run_body("C"));
  ASSERT_EQ(started.status, 202) << started.describe();
  const std::string job = started.json()["job"]["id"];
  ASSERT_EQ(as("prosecutor").wait_job(job)["state"], "succeeded");

  std::vector<std::string> failures;
  std::string table;
  for (const auto& [route, expect] : kRoleMatrix) {
    std::string got;
    for (size_t i = 0; i < kRoles.size(); ++i) {
      Response r = call_role(route, kRoles[i], job);
      const char actual = classify(r);
      got += actual;
      if (actual != expect[i]) {
        failures.push_back(fmt::format("{} as {}: expected {}, got {} — {}", route, kRoles[i],
                                       meaning(expect[i]), meaning(actual), r.describe()));
      }
    }
    table += fmt::format("  {:30} expected {}  got {}{}\n", route, expect, got,
                         got == expect ? "" : "   <-- differs");
  }
  EXPECT_TRUE(failures.empty()) << failures.size() << " cell(s) differ:\n"
                                << fmt::format("{}", fmt::join(failures, "\n")) << "\n\n"
                                << "roles: admin model_admin prosecutor expert viewer\n"
                                << table;
}

TEST_F(AuthorizationMatrixTest, ListsShowOnlyVisibleOrganisations) {
  for (const auto& [route, expected] : kScopes) {
    for (size_t i = 0; i < kRoles.size(); ++i) {
      Client& c = as(kRoles[i]);
      std::set<char> orgs;
      auto add = [&](const json& code) {
        if (code.is_string() && !code.get<std::string>().empty())
          orgs.insert(code.get<std::string>()[0]);
      };
      if (route == "GET /api/leads") {
        for (const auto& l : c.get("/api/leads?page_size=200").json_at("items"))
          add(l["org"]["code"]);
      } else if (route == "GET /api/datasets") {
        for (const auto& d : c.get("/api/datasets").json()) add(d["org"]["code"]);
      } else if (route == "GET /api/stats") {
        for (const auto& o : c.get("/api/stats").json_at("by_org")) add(o["org"]);
      } else if (route == "GET /api/models/{id}/runs") {
        for (const auto& r : c.get(std::string("/api/models/") + kModel + "/runs").json()) {
          add(r["org"]["code"]);
        }
      } else if (route == "GET /api/registry/submissions") {
        for (const std::string& o : kOrgs) submission(o, false);
        for (const auto& s : c.get("/api/registry/submissions").json()) add(s["org"]["code"]);
      } else if (route == "GET /api/orgs") {
        for (const auto& o : c.get("/api/orgs").json()) {
          // Only the fixture's: the matrix itself adds organisations below C and X.
          if (std::count(kOrgs.begin(), kOrgs.end(), o["code"].get<std::string>())) add(o["code"]);
        }
      }
      const std::string got(orgs.begin(), orgs.end());
      EXPECT_EQ(got, expected[i]) << route << " as " << kRoles[i] << " (org C)";
    }
  }
  // The expert sees T's leads only when shared: of T's five, the matrix lead.
  const json t = as("expert").get("/api/leads?org=T").json();
  ASSERT_EQ(t["total"], 1);
  EXPECT_EQ(t["items"][0]["id"], srv().matrix_lead("T"));
  // Administrators list users of their organisation and below.
  std::set<std::string> users;
  for (const auto& u : as("admin").get("/api/users").json()) users.insert(u["org"]["code"]);
  EXPECT_EQ(users, (std::set<std::string>{"C", "X"}));
}

TEST_F(AuthorizationMatrixTest, EveryReaderGetsLeadsMaskedOnlyAdminAndProsecutorUnmask) {
  for (const ObjectRow& row : kObjectMatrix) {
    if (row.route != "GET /api/leads/{id}") continue;
    for (size_t i = 0; i < kRelations.size(); ++i) {
      if (row.expect[i] != 'A') continue;
      const std::string org = kRelations[i].second;
      SCOPED_TRACE(row.role + " reading the lead of " + org);
      Response r = as(row.role).get("/api/leads/" + std::to_string(srv().matrix_lead(org)));
      ASSERT_EQ(r.status, 200) << r.describe();
      const json j = r.json();
      EXPECT_EQ(j["masked"], true);
      EXPECT_EQ(j["title"].get<std::string>().rfind("张*被处罚款", 0), 0u) << j["title"];
      EXPECT_EQ(j["evidence"][0]["values"]["当事人"], "张*");
      EXPECT_EQ(j["evidence"][0]["values"]["当事人证件号码"], "1101**********002X");
      EXPECT_EQ(r.body.find("张三"), std::string::npos);
      EXPECT_EQ(r.body.find("11010119900307002X"), std::string::npos);
      const bool may_unmask =
          (row.role == "admin" || row.role == "prosecutor") && (org == "C" || org == "X");
      EXPECT_EQ(j["can_unmask"], may_unmask);
    }
  }
  // Lists are masked for every role.
  for (const std::string& role : kRoles) {
    Response r = as(role).get("/api/leads?page_size=200");
    ASSERT_EQ(r.status, 200);
    EXPECT_EQ(r.body.find("张三"), std::string::npos) << role;
    for (const auto& l : r.json_at("items")) EXPECT_EQ(l["masked"], true) << role;
  }
  // Unmasking: admin and prosecutor with a reason see the raw values; without a reason, 422.
  for (const std::string role : {"admin", "prosecutor"}) {
    for (const std::string org : {"C", "X"}) {
      SCOPED_TRACE(role + " unmasking the lead of " + org);
      const std::string path = "/api/leads/" + std::to_string(srv().matrix_lead(org)) + "/unmask";
      EXPECT_EQ(as(role).post(path, json::object()).status, 422);
      Response r = as(role).post(path, {{"reason", "依法核查"}});
      ASSERT_EQ(r.status, 200) << r.describe();
      EXPECT_EQ(r.json()["masked"], false);
      EXPECT_EQ(r.json()["evidence"][0]["values"]["当事人"], "张三");
      EXPECT_EQ(r.json()["evidence"][0]["values"]["当事人证件号码"], "11010119900307002X");
    }
  }
}

}  // namespace
}  // namespace shanhai::server::testing
