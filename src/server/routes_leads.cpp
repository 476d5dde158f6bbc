// Leads: list, detail (masked), unmask with a reason (audited), workflow transitions with
// attachments, comments, consultation shares, attachment download, export (audited), and
// decisions on the possible matches behind a lead (audited).

#include <sodium.h>

#include <sstream>

#include <fmt/format.h>

#include "leads/lead_query.h"
#include "leads/link_decisions.h"
#include "leads/workflow.h"
#include "server/json_views.h"
#include "server/routes.h"

namespace shanhai::server {

namespace {

using access::Permission;

constexpr std::string_view kAssignedStatuses[] = {"verifying", "filed",   "recommended", "sued",
                                                  "other",     "replied", "rectified"};

bool assigned(std::string_view status) {
  for (auto s : kAssignedStatuses) {
    if (s == status) return true;
  }
  return false;
}

nlohmann::json summary_json(const leads::LeadSummary& l, const access::OrgGraph& g) {
  nlohmann::json org = org_ref_json(l.org, g);
  if (org["name"] == "" && !l.org_name.empty()) org["name"] = l.org_name;
  return {{"id", l.id},
          {"fingerprint", l.fingerprint},
          {"model", l.model},
          {"model_name", l.model_name},
          {"rule", l.rule},
          {"subject", l.subject_masked},
          {"title", l.title_masked},
          {"category", l.category},
          {"status", l.status},
          {"status_label", leads::status_label(l.status)},
          {"org", org},
          {"handler", l.handler},
          {"detected", l.detected},
          {"created_at", l.created_at},
          {"updated_at", l.updated_at},
          {"masked", true}};
}

Result<int64_t> lead_id(const Context& ctx) {
  try {
    return std::stoll(ctx.params.at(0));
  } catch (const std::exception&) {
    return not_found("lead");
  }
}

// Whether the caller sees the lead through a consultation share (会诊).
bool sees_as_consultant(Context& ctx, const leads::LeadSummary& lead) {
  if (!access::allowed(ctx.user().role, Permission::read_shared, ctx.relation_to(lead.org))) {
    return false;
  }
  auto shares = leads::lead_shared_with(ctx.ws, lead.id);
  if (!shares) return false;
  for (const auto& s : shares.value()) {
    if (s.org == ctx.user().org) return true;
  }
  return false;
}

// The lead, when the caller may see it at all (else 404).
Result<leads::LeadSummary> visible_lead(Context& ctx) {
  auto id = lead_id(ctx);
  if (!id) return id.take_error();
  auto lead = leads::get_lead_summary(ctx.ws, id.value());
  if (!lead) return not_found("lead");
  if (ctx.require(Permission::read_data, lead->org, "lead")) return lead;
  if (sees_as_consultant(ctx, lead.value())) return lead;
  return not_found("lead");
}

// Whether the caller may move the lead through the workflow: work_leads on its organisation
// and, once it has a handler, the handler rule. Decisions on its linked pairs need the same.
bool may_work(Context& ctx, const leads::LeadSummary& lead) {
  if (!access::allowed(ctx.user().role, Permission::work_leads, ctx.relation_to(lead.org))) {
    return false;
  }
  if (!assigned(lead.status)) return true;
  return access::may_work_assigned_lead(ctx.user().role, lead.handler == ctx.user().username);
}

bool may_act(Context& ctx, const leads::LeadSummary& lead, const leads::Action& action) {
  (void)action;
  return may_work(ctx, lead);
}

nlohmann::json decision_json(const leads::LinkDecisionRecord& d) {
  return {{"decision", d.decision}, {"reason", d.reason},         {"user", d.username},
          {"org", d.org},           {"decided_at", d.decided_at}, {"lead", d.lead_id}};
}

// The lead's linked pairs, each with the decision on its pair key now on record (null when
// none; it takes effect on the model's next run).
nlohmann::json links_json(Context& ctx, const leads::LeadDetail& d) {
  nlohmann::json links = d.links;
  if (links.empty()) return links;
  auto decisions = leads::link_decisions(ctx.ws, d.lead.model);
  std::map<std::pair<std::string, std::string>, const leads::LinkDecisionRecord*> by_key;
  if (decisions) {
    for (const auto& r : decisions.value()) by_key[{r.step, r.pair_key}] = &r;
  }
  for (auto& l : links) {
    if (!l.is_object()) continue;
    const std::string step = l.value("step", "");
    const std::string key = l.value("pair_key", "");
    if (!l.contains("pair_key")) l["pair_key"] = nullptr;
    const auto it = by_key.find({step, key});
    l["decision"] =
        it == by_key.end() || key.empty() ? nlohmann::json() : decision_json(*it->second);
  }
  return links;
}

std::string_view event_label(const leads::LeadEvent& e) {
  if (e.action == "link_decision") {
    return e.detail.value("decision", "") == "reject" ? "否定关联" : "确认为同一人";
  }
  return leads::action_label(e.action);
}

nlohmann::json detail_json(Context& ctx, const leads::LeadDetail& d) {
  nlohmann::json j = summary_json(d.lead, ctx.graph);
  j["subject"] = d.subject;
  j["title"] = d.title;
  j["masked"] = d.masked;
  nlohmann::json evidence = nlohmann::json::array();
  for (const auto& e : d.evidence) {
    nlohmann::json values = nlohmann::json::object();
    nlohmann::json personal = nlohmann::json::array();
    for (const auto& v : e.values) {
      values[v.column] = v.value;
      if (v.personal) personal.push_back(v.column);
    }
    evidence.push_back({{"input", e.input},
                        {"dataset", e.dataset},
                        {"version", e.version},
                        {"source", e.source},
                        {"sheet", e.sheet},
                        {"row", e.row},
                        {"values", values},
                        {"personal_columns", personal}});
  }
  j["evidence"] = evidence;
  j["links"] = links_json(ctx, d);
  nlohmann::json events = nlohmann::json::array();
  for (const auto& e : d.events) {
    events.push_back({{"id", e.id},
                      {"at", e.at},
                      {"username", e.username},
                      {"org", e.org},
                      {"action", e.action},
                      {"action_label", event_label(e)},
                      {"from_status", e.from_status},
                      {"to_status", e.to_status},
                      {"comment", e.comment},
                      {"detail", e.detail}});
  }
  j["events"] = events;
  nlohmann::json attachments = nlohmann::json::array();
  for (const auto& a : d.attachments) {
    attachments.push_back({{"id", a.id},
                           {"event_id", a.event_id},
                           {"filename", a.filename},
                           {"content_type", a.content_type},
                           {"size", a.size},
                           {"sha256", a.sha256}});
  }
  j["attachments"] = attachments;
  nlohmann::json shared = nlohmann::json::array();
  for (const auto& s : d.shared_with) {
    shared.push_back(
        {{"org", s.org}, {"org_name", s.org_name}, {"shared_by", s.shared_by}, {"at", s.at}});
  }
  j["shared_with"] = shared;
  nlohmann::json actions = nlohmann::json::array();
  for (const leads::Action& a : leads::actions_from(d.lead.status)) {
    if (!may_act(ctx, d.lead, a)) continue;
    nlohmann::json required = nlohmann::json::array();
    for (auto r : a.required) required.push_back(r);
    actions.push_back({{"action", a.name},
                       {"label", a.label},
                       {"to", a.to},
                       {"to_label", leads::status_label(a.to)},
                       {"required", required}});
  }
  j["actions"] = actions;
  const auto rel = ctx.relation_to(d.lead.org);
  j["can_unmask"] = access::allowed(ctx.user().role, Permission::unmask, rel);
  j["can_comment"] = access::allowed(ctx.user().role, Permission::comment_leads, rel);
  j["can_share"] = access::allowed(ctx.user().role, Permission::work_leads, rel);
  j["can_decide_links"] = may_work(ctx, d.lead);
  return j;
}

leads::LeadFilter filter_from(Context& ctx) {
  leads::LeadFilter f;
  f.visible_orgs = ctx.orgs_with(Permission::read_data);
  if (ctx.user().role == access::Role::expert) f.shared_with = ctx.user().org;
  if (auto v = ctx.query("model"); !v.empty()) f.model = v;
  if (auto v = ctx.query("org"); ctx.http.has_param("org")) f.org = v;
  if (auto v = ctx.query("handler"); !v.empty()) f.handler = v;
  if (auto v = ctx.query("detected"); !v.empty()) f.detected = v == "1" || v == "true";
  std::string statuses = ctx.query("status");
  for (size_t pos = 0; !statuses.empty() && pos <= statuses.size();) {
    size_t comma = statuses.find(',', pos);
    if (comma == std::string::npos) comma = statuses.size();
    if (comma > pos) f.statuses.push_back(statuses.substr(pos, comma - pos));
    pos = comma + 1;
  }
  f.q = ctx.query("q");
  f.sort = ctx.query("sort", "updated_at");
  f.order = ctx.query("order", "desc");
  f.page = ctx.query_int("page", 1);
  f.page_size = ctx.query_int("page_size", 20);
  return f;
}

Result<Reply> list(Context& ctx) {
  leads::LeadFilter f = filter_from(ctx);
  auto page = leads::query_leads(ctx.ws, f);
  if (!page) return page.take_error();
  nlohmann::json items = nlohmann::json::array();
  for (const auto& l : page->items) items.push_back(summary_json(l, ctx.graph));
  return Reply::json({{"total", page->total},
                      {"page", page->page},
                      {"page_size", page->page_size},
                      {"items", items}});
}

Result<Reply> detail(Context& ctx) {
  auto lead = visible_lead(ctx);
  if (!lead) return lead.take_error();
  auto d = leads::get_lead(ctx.ws, lead->id);
  if (!d) return d.take_error();
  return Reply::json(detail_json(ctx, leads::masked(d.value())));
}

Result<std::string> required_text(const nlohmann::json& b, const char* field, std::string_view zh) {
  if (!b.contains(field) || !b[field].is_string() || b[field].get<std::string>().empty()) {
    return invalid_field(field, fmt::format("请填写{}", zh), fmt::format("{} is required", field));
  }
  return b[field].get<std::string>();
}

Result<Reply> unmask(Context& ctx) {
  auto lead = visible_lead(ctx);
  if (!lead) return lead.take_error();
  SHANHAI_TRY(ctx.require(Permission::unmask, lead->org, "lead"));
  auto body = ctx.json_body();
  if (!body) return body.take_error();
  auto reason = required_text(body.value(), "reason", "查看完整信息的理由");
  if (!reason) return reason.take_error();
  auto d = leads::get_lead(ctx.ws, lead->id);
  if (!d) return d.take_error();
  SHANHAI_TRY(ctx.audit(
      "unmask", fmt::format("lead:{}", lead->id),
      {{"reason", reason.value()}, {"model", lead->model}, {"fingerprint", lead->fingerprint}}));
  return Reply::json(detail_json(ctx, d.value()));
}

std::string text_or_empty(const nlohmann::json& b, const char* field) {
  return b.contains(field) && b[field].is_string() ? b[field].get<std::string>() : "";
}

Result<std::string> decode_base64(const std::string& text, size_t index) {
  std::string out(text.size() / 4 * 3 + 3, '\0');
  size_t len = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.c_str(),
                        text.size(), " \r\n", &len, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0) {
    return invalid_field("attachments",
                         fmt::format("第 {} 个附件的内容不是有效的 base64", index + 1),
                         fmt::format("attachment {} is not valid base64", index + 1));
  }
  out.resize(len);
  return out;
}

Result<Reply> transition(Context& ctx) {
  auto lead = visible_lead(ctx);
  if (!lead) return lead.take_error();
  auto body = ctx.json_body();
  if (!body) return body.take_error();
  const auto& b = body.value();
  leads::TransitionRequest req;
  req.action = text_or_empty(b, "action");
  const leads::Action* action = leads::find_action(req.action);
  if (action == nullptr) {
    return invalid_field("action", fmt::format("未知的处置操作“{}”", req.action),
                         fmt::format("unknown workflow action \"{}\"", req.action));
  }
  if (!may_act(ctx, lead.value(), *action)) return forbidden();
  req.comment = text_or_empty(b, "comment");
  req.reason = text_or_empty(b, "reason");
  req.handler = text_or_empty(b, "handler");
  req.target_org = text_or_empty(b, "target_org");
  req.document_no = text_or_empty(b, "document_no");
  if (b.contains("attachments") && b["attachments"].is_array()) {
    for (size_t i = 0; i < b["attachments"].size(); ++i) {
      const auto& a = b["attachments"][i];
      if (!a.is_object()) continue;
      auto bytes = decode_base64(text_or_empty(a, "content_base64"), i);
      if (!bytes) return bytes.take_error();
      req.attachments.push_back(
          {text_or_empty(a, "filename"), text_or_empty(a, "content_type"), bytes.value()});
    }
  }
  auto updated =
      leads::apply_transition(ctx.ws, lead->id, req, {ctx.user().username, ctx.user().org});
  if (!updated) return updated.take_error();
  SHANHAI_TRY(ctx.audit("transition", fmt::format("lead:{}", lead->id),
                        {{"action", req.action},
                         {"from", lead->status},
                         {"to", updated->status},
                         {"org", updated->org}}));
  return Reply::json(summary_json(updated.value(), ctx.graph));
}

Result<Reply> comment(Context& ctx) {
  auto lead = visible_lead(ctx);
  if (!lead) return lead.take_error();
  const auto rel = ctx.relation_to(lead->org);
  if (!access::allowed(ctx.user().role, Permission::comment_leads, rel)) return forbidden();
  if (rel == access::Relation::paired && !sees_as_consultant(ctx, lead.value())) return forbidden();
  auto body = ctx.json_body();
  if (!body) return body.take_error();
  auto text = required_text(body.value(), "comment", "意见");
  if (!text) return text.take_error();
  auto event =
      leads::add_comment(ctx.ws, lead->id, {ctx.user().username, ctx.user().org}, text.value());
  if (!event) return event.take_error();
  return Reply::json({{"id", event->id},
                      {"at", event->at},
                      {"username", event->username},
                      {"action", "comment"},
                      {"comment", event->comment}},
                     201);
}

Result<Reply> share(Context& ctx) {
  auto lead = visible_lead(ctx);
  if (!lead) return lead.take_error();
  SHANHAI_TRY(ctx.require(Permission::work_leads, lead->org, "lead"));
  auto body = ctx.json_body();
  if (!body) return body.take_error();
  auto org = required_text(body.value(), "org", "会诊单位");
  if (!org) return org.take_error();
  if (ctx.graph.relation(org.value(), lead->org) != access::Relation::paired) {
    return invalid_field("org", "只能分享给与本院结对（且在结对期内）的援助单位",
                         "a lead can only be shared with an organisation assisting this one "
                         "under a current pairing");
  }
  SHANHAI_TRY(
      leads::share_lead(ctx.ws, lead->id, org.value(), {ctx.user().username, ctx.user().org}));
  SHANHAI_TRY(ctx.audit("share", fmt::format("lead:{}", lead->id), {{"org", org.value()}}));
  return Reply::json({{"lead", lead->id}, {"org", org.value()}}, 201);
}

Result<Reply> attachment(Context& ctx) {
  auto lead = visible_lead(ctx);
  if (!lead) return lead.take_error();
  // Attachments cannot be masked: only those who read the lead's organisation's data get them,
  // not consultants (会诊 shows a lead masked, docs/api.md).
  if (!access::allowed(ctx.user().role, Permission::read_data, ctx.relation_to(lead->org))) {
    return forbidden();
  }
  int64_t aid = 0;
  try {
    aid = std::stoll(ctx.params.at(1));
  } catch (const std::exception&) {
    return not_found("attachment");
  }
  auto a = leads::get_attachment(ctx.ws, lead->id, aid);
  if (!a) return not_found("attachment");
  Reply r;
  r.raw = std::move(a->bytes);
  r.content_type = a->info.content_type.empty() ? "application/octet-stream" : a->info.content_type;
  r.filename = a->info.filename;
  return r;
}

// POST /api/leads/{id}/link-decisions {step, pair_key, decision: confirm|reject, reason}:
// confirms or rejects a possible match behind the lead, for every later run of its model.
Result<Reply> link_decision(Context& ctx) {
  auto lead = visible_lead(ctx);
  if (!lead) return lead.take_error();
  if (!may_work(ctx, lead.value())) return forbidden();
  auto body = ctx.json_body();
  if (!body) return body.take_error();
  const auto& b = body.value();
  auto step = required_text(b, "step", "关联步骤");
  if (!step) return step.take_error();
  auto key = required_text(b, "pair_key", "记录对标识");
  if (!key) return key.take_error();
  leads::LinkDecisionRecord record;
  record.decision = text_or_empty(b, "decision");
  if (record.decision != "confirm" && record.decision != "reject") {
    return invalid_field(
        "decision",
        fmt::format("未知的关联处理“{}”，应为 confirm（确认为同一人）或 reject（否定）",
                    record.decision),
        fmt::format("unknown decision \"{}\": confirm or reject", record.decision));
  }
  record.reason = text_or_empty(b, "reason");
  if (record.decision == "reject" && record.reason.empty()) {
    return invalid_field("reason", "否定关联须填写理由",
                         "rejecting a linked pair requires a reason");
  }
  auto d = leads::get_lead(ctx.ws, lead->id);
  if (!d) return d.take_error();
  // Only a pair the model scored as a possible match can be decided; a confirmed pair stays
  // one (its model_class) and may be rejected later, and the other way round.
  bool possible = false;
  for (const auto& l : d->links) {
    if (!l.is_object() || l.value("step", "") != step.value() ||
        l.value("pair_key", "") != key.value()) {
      continue;
    }
    possible = possible || l.value("model_class", l.value("class", "")) == "possible";
  }
  if (!possible) {
    return Error(
        "link.conflict",
        fmt::format("线索 {} 没有步骤“{}”中标识为 {} 的可能匹配记录对，只能确认或否定可能匹配",
                    lead->id, step.value(), key.value()),
        fmt::format("lead {} has no possible match {} of step \"{}\": only possible "
                    "matches can be confirmed or rejected",
                    lead->id, key.value(), step.value()),
        Location::of_field("pair_key", key.value()));
  }
  record.model_id = lead->model;
  record.step = step.value();
  record.pair_key = key.value();
  record.username = ctx.user().username;
  record.org = ctx.user().org;
  record.lead_id = lead->id;
  auto saved = leads::record_link_decision(ctx.ws, record);
  if (!saved) return saved.take_error();
  SHANHAI_TRY(ctx.audit("link_decision", fmt::format("lead:{}", lead->id),
                        {{"model", lead->model},
                         {"step", saved->step},
                         {"pair_key", saved->pair_key},
                         {"decision", saved->decision},
                         {"reason", saved->reason}}));
  nlohmann::json out = decision_json(saved.value());
  out["step"] = saved->step;
  out["pair_key"] = saved->pair_key;
  out["model"] = saved->model_id;
  return Reply::json(out, 201);
}

std::string csv_cell(const std::string& v) {
  if (v.find_first_of(",\"\r\n") == std::string::npos) return v;
  std::string out = "\"";
  for (char c : v) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

// CSV of the filtered list (masked), with a UTF-8 BOM so that Excel reads Chinese correctly.
Result<Reply> export_list(Context& ctx) {
  leads::LeadFilter f = filter_from(ctx);
  f.visible_orgs = ctx.orgs_with(Permission::export_data);
  f.shared_with.reset();
  f.page_size = leads::kMaxPageSize;
  std::ostringstream out;
  out << "\xEF\xBB\xBF编号,模型,规则,对象,标题,类别,状态,单位,承办人,仍被检出,生成时间,"
         "更新时间\r\n";
  int64_t count = 0;
  for (f.page = 1;; ++f.page) {
    auto page = leads::query_leads(ctx.ws, f);
    if (!page) return page.take_error();
    for (const auto& l : page->items) {
      out << l.id << ',' << csv_cell(l.model_name.empty() ? l.model : l.model_name) << ','
          << csv_cell(l.rule) << ',' << csv_cell(l.subject_masked) << ','
          << csv_cell(l.title_masked) << ',' << csv_cell(l.category) << ','
          << csv_cell(std::string(leads::status_label(l.status))) << ','
          << csv_cell(l.org_name.empty() ? l.org : l.org_name) << ',' << csv_cell(l.handler) << ','
          << (l.detected ? "是" : "否") << ',' << l.created_at << ',' << l.updated_at << "\r\n";
      ++count;
    }
    if (page->items.size() < static_cast<size_t>(f.page_size)) break;
  }
  SHANHAI_TRY(ctx.audit("export", "leads",
                        {{"format", "csv"},
                         {"count", count},
                         {"masked", true},
                         {"filter", ctx.http.params.empty() ? "" : ctx.http.target}}));
  Reply r;
  r.raw = out.str();
  r.content_type = "text/csv; charset=utf-8";
  r.filename = "线索.csv";
  return r;
}

}  // namespace

void add_lead_routes(RouteTable& routes) {
  routes.push_back({"GET", "/api/leads", true, std::nullopt, false, list});
  routes.push_back({"GET", "/api/leads/export", true, Permission::export_data, false, export_list});
  routes.push_back({"GET", R"(/api/leads/(\d+))", true, std::nullopt, false, detail});
  routes.push_back({"POST", R"(/api/leads/(\d+)/unmask)", true, Permission::unmask, false, unmask});
  routes.push_back(
      {"POST", R"(/api/leads/(\d+)/transitions)", true, Permission::work_leads, false, transition});
  routes.push_back(
      {"POST", R"(/api/leads/(\d+)/comments)", true, Permission::comment_leads, false, comment});
  routes.push_back(
      {"POST", R"(/api/leads/(\d+)/shares)", true, Permission::work_leads, false, share});
  routes.push_back(
      {"GET", R"(/api/leads/(\d+)/attachments/(\d+))", true, std::nullopt, false, attachment});
  routes.push_back({"POST", R"(/api/leads/(\d+)/link-decisions)", true, Permission::work_leads,
                    false, link_decision});
}

}  // namespace shanhai::server
