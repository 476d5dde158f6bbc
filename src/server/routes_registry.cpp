// 模型共享与上架: submissions for listing, their review against the checklist, the listings
// an organisation sees, favourites, installs and usage statistics (registry/registry.h).

#include <fmt/format.h>

#include "registry/registry.h"
#include "server/json_views.h"
#include "server/routes.h"

namespace shanhai::server {

namespace {

using access::Permission;

nlohmann::json counts_json(const leads::Counts& c) {
  return {{"leads", c.leads},          {"verified", c.verified},
          {"filed", c.filed},          {"recommendations", c.recommendations},
          {"replies", c.replies},      {"rectified", c.rectified},
          {"conversion", c.conversion}};
}

nlohmann::json submission_json(const registry::Submission& s, const access::OrgGraph& graph) {
  nlohmann::json review = nlohmann::json::array();
  for (const registry::ReviewItem& r : s.review) {
    std::string label = r.item;
    for (const auto& c : registry::checklist()) {
      if (c.name == r.item) label = std::string(c.label);
    }
    review.push_back({{"item", r.item},
                      {"label", label},
                      {"passed", r.passed},
                      {"comment", r.comment},
                      {"reviewer", r.reviewer},
                      {"at", r.at}});
  }
  return {{"id", s.id},
          {"model_id", s.model_id},
          {"version", s.version},
          {"model_name", s.model_name},
          {"org", org_ref_json(s.org, graph)},
          {"scope", s.scope},
          {"note", s.note},
          {"status", s.status},
          {"submitted_by", s.submitted_by},
          {"submitted_at", s.submitted_at},
          {"decided_by", s.decided_by},
          {"decided_at", s.decided_at},
          {"decision_comment", s.decision_comment},
          {"review", review}};
}

Result<int64_t> id_param(const Context& ctx) {
  try {
    return std::stoll(ctx.params.at(0));
  } catch (const std::exception&) {
    return not_found("submission");
  }
}

// The submission if its scope reaches the caller's organisation (a listing), or the caller
// may review it or submitted it for their organisation; else 404.
Result<registry::Submission> visible_submission(Context& ctx) {
  auto id = id_param(ctx);
  if (!id) return id.take_error();
  auto s = registry::get_submission(ctx.ws, id.value());
  if (!s) return s.take_error();
  const std::string& org = s.value().org;
  const bool visible =
      registry::reaches(ctx.graph, s.value(), ctx.user().org) ||
      access::allowed(ctx.user().role, Permission::review_models, ctx.relation_to(org)) ||
      access::allowed(ctx.user().role, Permission::manage_models, ctx.relation_to(org));
  if (!visible) return not_found("submission");
  return s;
}

Result<Reply> list_listings(Context& ctx) {
  auto all = registry::listings(ctx.ws, ctx.graph, ctx.user().org, ctx.user().username);
  if (!all) return all.take_error();
  nlohmann::json out = nlohmann::json::array();
  for (const registry::Listing& l : all.value()) {
    nlohmann::json j = submission_json(l.submission, ctx.graph);
    j["favourite"] = l.favourite;
    j["installed_version"] = l.installed_version;
    j["installs"] = l.installs;
    out.push_back(std::move(j));
  }
  return Reply::json(out);
}

Result<Reply> listing_detail(Context& ctx) {
  auto s = visible_submission(ctx);
  if (!s) return s.take_error();
  auto u = registry::usage(ctx.ws, s.value());
  if (!u) return u.take_error();
  nlohmann::json orgs = nlohmann::json::array();
  for (const registry::OrgUsage& o : u.value().orgs) {
    orgs.push_back({{"org", org_ref_json(o.org, ctx.graph)},
                    {"publisher", o.publisher},
                    {"installed_version", o.installed_version},
                    {"installed_at", o.installed_at},
                    {"runs", o.runs},
                    {"counts", counts_json(o.counts)}});
  }
  nlohmann::json j = submission_json(s.value(), ctx.graph);
  j["usage"] = {{"installs", u.value().installs},
                {"runs", u.value().runs},
                {"total", counts_json(u.value().total)},
                {"orgs", orgs}};
  return Reply::json(j);
}

Result<Reply> install(Context& ctx) {
  SHANHAI_TRY(ctx.require(Permission::manage_models, ctx.user().org, "model"));
  auto s = visible_submission(ctx);
  if (!s) return s.take_error();
  if (!registry::reaches(ctx.graph, s.value(), ctx.user().org)) return not_found("submission");
  SHANHAI_TRY(registry::install(ctx.ws, s.value().id, ctx.user().org, ctx.user().username));
  SHANHAI_TRY(ctx.audit("model.install", "model:" + s.value().model_id,
                        {{"version", s.value().version}, {"submission", s.value().id}}));
  return listing_detail(ctx);
}

Result<Reply> favourite(Context& ctx, bool on) {
  SHANHAI_TRY(registry::set_favourite(ctx.ws, ctx.user().username, ctx.params.at(0), on));
  return Reply::no_content();
}

Result<Reply> list_submissions(Context& ctx) {
  std::vector<std::string> orgs = ctx.orgs_with(Permission::review_models);
  for (const std::string& o : ctx.orgs_with(Permission::manage_models)) {
    if (std::find(orgs.begin(), orgs.end(), o) == orgs.end()) orgs.push_back(o);
  }
  std::optional<std::string> status;
  if (const std::string s = ctx.query("status"); !s.empty()) status = s;
  auto all = registry::list_submissions(ctx.ws, orgs, status);
  if (!all) return all.take_error();
  nlohmann::json out = nlohmann::json::array();
  for (const registry::Submission& s : all.value()) {
    nlohmann::json j = submission_json(s, ctx.graph);
    // Whether the caller may review it: a reviewer of the publisher (or above) who did not
    // submit it, while it waits.
    j["can_review"] =
        s.status == "submitted" && s.submitted_by != ctx.user().username &&
        access::allowed(ctx.user().role, Permission::review_models, ctx.relation_to(s.org));
    out.push_back(std::move(j));
  }
  return Reply::json(out);
}

Result<Reply> submit(Context& ctx) {
  SHANHAI_TRY(ctx.require(Permission::manage_models, ctx.user().org, "model"));
  auto body = ctx.json_body();
  if (!body) return body.take_error();
  registry::SubmitRequest r;
  r.model_id = body->value("model", "");
  r.version = body->value("version", "");
  r.scope = body->value("scope", "tree");
  r.note = body->value("note", "");
  r.org = ctx.user().org;
  r.username = ctx.user().username;
  if (r.model_id.empty() || r.version.empty()) {
    return invalid_field("model", "请选择要上架的模型及版本", "model and version are required");
  }
  auto s = registry::submit(ctx.ws, r);
  if (!s) return s.take_error();
  SHANHAI_TRY(ctx.audit("model.submit", "model:" + r.model_id,
                        {{"version", r.version}, {"scope", r.scope}, {"submission", s->id}}));
  return Reply::json(submission_json(s.value(), ctx.graph), 201);
}

Result<Reply> review(Context& ctx) {
  auto id = id_param(ctx);
  if (!id) return id.take_error();
  auto current = registry::get_submission(ctx.ws, id.value());
  if (!current) return current.take_error();
  SHANHAI_TRY(ctx.require(Permission::review_models, current->org, "submission"));
  auto body = ctx.json_body();
  if (!body) return body.take_error();
  registry::ReviewRequest r;
  r.submission_id = id.value();
  r.decision = body->value("decision", "");
  r.comment = body->value("comment", "");
  r.reviewer = ctx.user().username;
  const auto items = body->value("items", nlohmann::json::array());
  if (!items.is_array()) {
    return invalid_field("items", "审核项应为列表", "items must be a list");
  }
  for (const auto& i : items) {
    if (!i.is_object()) return invalid_field("items", "审核项格式错误", "malformed checklist item");
    r.items.push_back(
        {i.value("item", ""), i.value("passed", false), i.value("comment", std::string())});
  }
  auto s = registry::review(ctx.ws, r);
  if (!s) return s.take_error();
  SHANHAI_TRY(
      ctx.audit("model.review", "model:" + s->model_id,
                {{"version", s->version}, {"submission", s->id}, {"decision", r.decision}}));
  return Reply::json(submission_json(s.value(), ctx.graph));
}

}  // namespace

void add_registry_routes(RouteTable& routes) {
  routes.push_back({"GET", "/api/registry/listings", true, std::nullopt, false, list_listings});
  routes.push_back(
      {"GET", R"(/api/registry/listings/(\d+))", true, std::nullopt, false, listing_detail});
  routes.push_back({"POST", R"(/api/registry/listings/(\d+)/install)", true,
                    Permission::manage_models, false, install});
  routes.push_back({"PUT", R"(/api/registry/favourites/([a-z0-9-]+))", true, std::nullopt, false,
                    [](Context& c) { return favourite(c, true); }});
  routes.push_back({"DELETE", R"(/api/registry/favourites/([a-z0-9-]+))", true, std::nullopt, false,
                    [](Context& c) { return favourite(c, false); }});
  routes.push_back(
      {"GET", "/api/registry/submissions", true, std::nullopt, false, list_submissions});
  routes.push_back(
      {"POST", "/api/registry/submissions", true, Permission::manage_models, false, submit});
  routes.push_back({"POST", R"(/api/registry/submissions/(\d+)/review)", true,
                    Permission::review_models, false, review});
}

}  // namespace shanhai::server
