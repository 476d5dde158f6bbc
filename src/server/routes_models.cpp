// Models: list, detail (spec as JSON, README, inputs, parameters), the diff of two versions,
// element template download, binding preview, field-mapping suggestions, runs as background
// jobs, run history.

#include <map>

#include <fmt/format.h>

#include "common/clock.h"
#include "engine/binding.h"
#include "engine/element_template.h"
#include "engine/mapping_suggestion.h"
#include "engine/run.h"
#include "leads/run_history.h"
#include "model/spec_diff.h"
#include "model/spec_json.h"
#include "model/spec_loader.h"
#include "normalize/date.h"
#include "server/json_views.h"
#include "server/routes.h"
#include "store/catalog.h"
#include "store/model_catalog.h"

namespace shanhai::server {

namespace {

using access::Permission;

// Installed versions of one model, oldest first; every model when id is empty.
Result<std::map<std::string, std::vector<store::ModelRecord>>> installed(store::Workspace& ws) {
  auto all = store::list_models(ws);
  if (!all) return all.take_error();
  std::map<std::string, std::vector<store::ModelRecord>> out;
  for (auto& m : all.value()) out[m.model_id].push_back(std::move(m));
  return out;
}

// store::model_json of the highest version, with model_id and every installed version.
nlohmann::json model_json(const std::vector<store::ModelRecord>& versions) {
  nlohmann::json j = store::model_json(versions.back());
  j["model_id"] = versions.back().model_id;
  j["versions"] = nlohmann::json::array();
  for (const auto& v : versions) j["versions"].push_back(v.version);
  return j;
}

Result<std::vector<store::ModelRecord>> find_model(Context& ctx, const std::string& id) {
  auto all = installed(ctx.ws);
  if (!all) return all.take_error();
  const auto it = all->find(id);
  if (it == all->end()) return not_found("model");
  return it->second;
}

Result<Reply> list(Context& ctx) {
  SHANHAI_TRY(ctx.require(Permission::read_models, ctx.user().org, "model"));
  auto all = installed(ctx.ws);
  if (!all) return all.take_error();
  nlohmann::json out = nlohmann::json::array();
  for (const auto& [id, versions] : all.value()) out.push_back(model_json(versions));
  return Reply::json(out);
}

Result<store::ModelRecord> chosen_version(const std::vector<store::ModelRecord>& versions,
                                          const std::string& version) {
  if (version.empty()) return versions.back();
  for (const auto& v : versions) {
    if (v.version == version) return v;
  }
  return Error("model_version.not_found", fmt::format("没有安装版本 {}", version),
               fmt::format("version {} is not installed", version), Location::of_value(version));
}

// The parsed spec of the chosen version (the highest when version is empty).
Result<model::ModelSpec> chosen_spec(const std::vector<store::ModelRecord>& versions,
                                     const std::string& version) {
  auto m = chosen_version(versions, version);
  if (!m) return m.take_error();
  return model::load_spec_text(m->spec, m->model_id);
}

Result<Reply> detail(Context& ctx) {
  SHANHAI_TRY(ctx.require(Permission::read_models, ctx.user().org, "model"));
  auto versions = find_model(ctx, ctx.params.at(0));
  if (!versions) return versions.take_error();
  auto m = chosen_version(versions.value(), ctx.query("version"));
  if (!m) return m.take_error();
  auto spec = model::load_spec_text(m->spec, m->model_id);
  if (!spec) return spec.take_error();
  auto spec_json = model::spec_text_to_json(m->spec, m->model_id);
  if (!spec_json) return spec_json.take_error();
  nlohmann::json j = model_json(versions.value());
  j["version"] = m->version;
  j["name"] = m->name;
  j["legal_basis"] = m->legal_basis;
  j["description"] = m->description;
  j["readme"] = m->readme;
  j["spec"] = spec_json.value();
  j["spec_text"] = m->spec;
  // Provenance and self-test of the chosen version, not of the latest.
  const nlohmann::json chosen = store::model_json(m.value());
  for (const char* key :
       {"status", "status_label", "self_test", "signer", "source", "installed_at"}) {
    j[key] = chosen[key];
  }
  nlohmann::json inputs = nlohmann::json::array();
  for (const auto& in : spec->inputs) {
    nlohmann::json fields = nlohmann::json::array();
    for (const auto& f : in.fields) {
      fields.push_back({{"name", f.name.text},
                        {"label", f.label},
                        {"element", f.element.text},
                        {"required", f.required}});
    }
    inputs.push_back({{"name", in.name.text}, {"label", in.label}, {"fields", fields}});
  }
  j["inputs"] = inputs;
  nlohmann::json params = nlohmann::json::array();
  for (const auto& p : spec->parameters) {
    params.push_back({{"name", p.name.text},
                      {"type", p.type.text},
                      {"label", p.label},
                      {"default", p.default_value ? nlohmann::json(p.default_value->text)
                                                  : nlohmann::json(nullptr)}});
  }
  j["parameters"] = params;
  return Reply::json(j);
}

// The changes between two installed versions' specs (model/spec_diff.h).
Result<Reply> diff(Context& ctx) {
  SHANHAI_TRY(ctx.require(Permission::read_models, ctx.user().org, "model"));
  auto versions = find_model(ctx, ctx.params.at(0));
  if (!versions) return versions.take_error();
  const std::string from = ctx.query("from");
  const std::string to = ctx.query("to");
  if (from.empty()) {
    return invalid_field("from", "请用 from 给出要比较的旧版本",
                         "from (the earlier version) is required");
  }
  if (to.empty()) {
    return invalid_field("to", "请用 to 给出要比较的新版本", "to (the later version) is required");
  }
  auto before = chosen_spec(versions.value(), from);
  if (!before) return before.take_error();
  auto after = chosen_spec(versions.value(), to);
  if (!after) return after.take_error();
  return Reply::json(
      {{"model_id", ctx.params.at(0)},
       {"from", from},
       {"to", to},
       {"changes", model::spec_changes_json(model::diff_specs(before.value(), after.value()))}});
}

struct RunChoices {
  std::vector<engine::InputChoice> inputs;
  std::vector<engine::FieldChoice> fields;
  std::vector<std::pair<std::string, std::string>> params;
  std::string version;
};

// {inputs: {input: dataset}, fields: {"input.field": column}, params: {k: v}, version}; every
// chosen dataset must be the caller's organisation's (data never crosses organisations).
Result<RunChoices> read_choices(Context& ctx, const nlohmann::json& b) {
  RunChoices c;
  auto object = [&](const char* name) -> Result<nlohmann::json> {
    if (!b.contains(name) || b[name].is_null()) return nlohmann::json::object();
    if (!b[name].is_object()) {
      return invalid_field(name, fmt::format("{} 应为对象", name),
                           fmt::format("{} must be an object", name));
    }
    return b[name];
  };
  auto inputs = object("inputs");
  if (!inputs) return inputs.take_error();
  for (const auto& [input, dataset] : inputs->items()) {
    if (!dataset.is_string()) {
      return invalid_field("inputs", "数据集名称应为文字", "a dataset name must be a string");
    }
    auto choice = engine::parse_input_choice(input + "=" + dataset.get<std::string>());
    if (!choice) return choice.take_error();
    auto owner = store::dataset_org(ctx.ws, choice->dataset);
    if (!owner) return owner.take_error();
    if (!owner.value()) {
      return Error("dataset.not_found", fmt::format("没有数据集“{}”", choice->dataset),
                   fmt::format("no dataset \"{}\"", choice->dataset),
                   Location::of_value(choice->dataset));
    }
    SHANHAI_TRY(ctx.require(Permission::write_data, *owner.value(), "dataset"));
    c.inputs.push_back(choice.value());
  }
  auto fields = object("fields");
  if (!fields) return fields.take_error();
  for (const auto& [field, column] : fields->items()) {
    if (!column.is_string()) {
      return invalid_field("fields", "列名应为文字", "a column name must be a string");
    }
    if (column.get<std::string>().empty()) continue;  // "not mapped" in the dialog
    auto choice = engine::parse_field_choice(field + "=" + column.get<std::string>());
    if (!choice) return choice.take_error();
    c.fields.push_back(choice.value());
  }
  auto params = object("params");
  if (!params) return params.take_error();
  for (const auto& [name, value] : params->items()) {
    if (value.is_null()) continue;
    c.params.emplace_back(name, value.is_string() ? value.get<std::string>() : value.dump());
  }
  if (b.contains("version") && b["version"].is_string()) c.version = b["version"];
  return c;
}

// The route's model (URL) and the request body's choices, with the chosen version's spec.
struct ModelRequest {
  RunChoices choices;
  model::ModelSpec spec;
};
Result<ModelRequest> model_request(Context& ctx) {
  auto versions = find_model(ctx, ctx.params.at(0));
  if (!versions) return versions.take_error();
  auto body = ctx.json_body();
  if (!body) return body.take_error();
  auto choices = read_choices(ctx, body.value());
  if (!choices) return choices.take_error();
  auto spec = chosen_spec(versions.value(), choices->version);
  if (!spec) return spec.take_error();
  return ModelRequest{std::move(choices.value()), std::move(spec.value())};
}

Result<Reply> binding(Context& ctx) {
  SHANHAI_TRY(ctx.require(Permission::read_models, ctx.user().org, "model"));
  auto mr = model_request(ctx);
  if (!mr) return mr.take_error();
  const RunChoices* choices = &mr->choices;
  const model::ModelSpec* spec = &mr->spec;
  auto bound = engine::bind_model(ctx.ws, *spec, choices->inputs, choices->fields);
  nlohmann::json inputs = nlohmann::json::array();
  for (const auto& in : spec->inputs) {
    const engine::BoundInput* b = nullptr;
    if (bound) {
      for (const auto& bi : bound->inputs) {
        if (bi.input == in.name.text) b = &bi;
      }
    }
    nlohmann::json fields = nlohmann::json::array();
    for (const auto& f : in.fields) {
      nlohmann::json fj = {{"name", f.name.text},       {"label", f.label},
                           {"element", f.element.text}, {"required", f.required},
                           {"column", nullptr},         {"auto", false}};
      if (b != nullptr) {
        for (const auto& bf : b->fields) {
          if (bf.field != f.name.text || !bf.column) continue;
          fj["column"] = b->version.columns.at(*bf.column).name;
          fj["auto"] = bf.how != "mapped";
        }
      }
      fields.push_back(fj);
    }
    nlohmann::json ij = {{"name", in.name.text}, {"label", in.label}, {"fields", fields}};
    ij["dataset"] = b != nullptr ? nlohmann::json(b->version.dataset) : nlohmann::json(nullptr);
    ij["version"] = b != nullptr ? nlohmann::json(b->version.version) : nlohmann::json(nullptr);
    inputs.push_back(ij);
  }
  nlohmann::json problems = nlohmann::json::array();
  if (!bound) problems.push_back(error_json(bound.error())["error"]);
  return Reply::json({{"ok", bound.ok()}, {"inputs", inputs}, {"problems", problems}});
}

// The element template (要素模版) of the model's chosen version, as an .xlsx download.
Result<Reply> element_template(Context& ctx) {
  SHANHAI_TRY(ctx.require(Permission::read_models, ctx.user().org, "model"));
  auto versions = find_model(ctx, ctx.params.at(0));
  if (!versions) return versions.take_error();
  auto spec = chosen_spec(versions.value(), ctx.query("version"));
  if (!spec) return spec.take_error();
  auto bytes = engine::element_template_bytes(spec.value());
  if (!bytes) return bytes.take_error();
  Reply r;
  r.raw = std::move(bytes.value());
  r.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  r.filename = engine::template_file_name(spec.value());
  return r;
}

// Suggested columns for the fields of every input whose dataset the request chooses (a
// dataset the caller may use, as for the binding preview); inputs without a choice get none.
Result<Reply> mapping_suggestions(Context& ctx) {
  SHANHAI_TRY(ctx.require(Permission::read_models, ctx.user().org, "model"));
  auto mr = model_request(ctx);
  if (!mr) return mr.take_error();
  auto suggestions = engine::suggest_mapping(ctx.ws, mr->spec, mr->choices.inputs,
                                             engine::SameNameDataset::ignore);
  if (!suggestions) return suggestions.take_error();
  nlohmann::json inputs = nlohmann::json::array();
  for (const auto& s : suggestions.value()) inputs.push_back(engine::suggestion_json(s));
  return Reply::json({{"inputs", inputs},
                      {"confident", engine::kConfidentSuggestion},
                      {"minimum", engine::kMinSuggestionConfidence}});
}

Result<Reply> start_run(Context& ctx) {
  SHANHAI_TRY(ctx.require(Permission::write_data, ctx.user().org, "model"));
  auto mr = model_request(ctx);
  if (!mr) return mr.take_error();
  const RunChoices* choices = &mr->choices;
  engine::RunRequest request;
  request.inputs = choices->inputs;
  request.fields = choices->fields;
  request.params = choices->params;
  if (!choices->version.empty()) request.version = choices->version;
  request.run_by = ctx.user().username;
  request.org = ctx.user().org;
  const CivilDate d = local_today();
  request.today = normalize::days_from_civil(d.year, d.month, d.day);
  // Refuse a run that cannot bind now, rather than as a failed job later.
  auto bound = engine::bind_model(ctx.ws, mr->spec, request.inputs, request.fields);
  if (!bound) return bound.take_error();
  const std::string model_id = ctx.params.at(0);
  Services& services = ctx.services;
  JobInfo job = services.jobs().submit(
      "run", ctx.user().username, ctx.user().org,
      [request, model_id, &services](ProgressSink& progress) mutable -> Result<nlohmann::json> {
        auto ws = services.open_workspace();
        if (!ws) return ws.take_error();
        request.options.progress = &progress;
        auto outcome = engine::run_model(*ws.value(), model_id, request);
        if (!outcome) return outcome.take_error();
        const auto& o = outcome.value();
        return nlohmann::json{{"model", o.model_id},          {"model_version", o.model_version},
                              {"run_id", o.summary.run_id},   {"leads_total", o.summary.total},
                              {"leads_new", o.summary.added}, {"leads_gone", o.summary.vanished},
                              {"duration_ms", o.duration_ms}};
      });
  return Reply::json({{"job", job_json(job)}}, 202);
}

Result<Reply> runs(Context& ctx) {
  auto versions = find_model(ctx, ctx.params.at(0));
  if (!versions) return versions.take_error();
  auto rows = leads::list_runs(ctx.ws, ctx.params.at(0), ctx.orgs_with(Permission::read_stats));
  if (!rows) return rows.take_error();
  nlohmann::json out = nlohmann::json::array();
  for (const auto& r : rows.value()) {
    nlohmann::json j = leads::run_json(r);
    j["org"] = org_ref_json(r.org, ctx.graph);
    out.push_back(j);
  }
  return Reply::json(out);
}

// Jobs: only their owner sees and cancels them.
Result<JobInfo> own_job(Context& ctx) {
  auto job = ctx.services.jobs().get(ctx.params.at(0));
  if (!job || job->owner != ctx.user().username) return not_found("job");
  return job.value();
}

}  // namespace

void add_model_routes(RouteTable& routes) {
  routes.push_back({"GET", "/api/models", true, Permission::read_models, false, list});
  routes.push_back({"GET", R"(/api/models/([^/]+))", true, Permission::read_models, false, detail});
  routes.push_back({"GET", R"(/api/models/([^/]+)/template)", true, Permission::read_models, false,
                    element_template});
  routes.push_back(
      {"GET", R"(/api/models/([^/]+)/diff)", true, Permission::read_models, false, diff});
  routes.push_back(
      {"POST", R"(/api/models/([^/]+)/binding)", true, Permission::read_models, false, binding});
  routes.push_back({"POST", R"(/api/models/([^/]+)/mapping-suggestions)", true,
                    Permission::read_models, false, mapping_suggestions});
  routes.push_back(
      {"POST", R"(/api/models/([^/]+)/runs)", true, Permission::write_data, false, start_run});
  routes.push_back(
      {"GET", R"(/api/models/([^/]+)/runs)", true, Permission::read_stats, false, runs});
  routes.push_back(
      {"GET", "/api/jobs", true, std::nullopt, false, [](Context& ctx) -> Result<Reply> {
         nlohmann::json out = nlohmann::json::array();
         for (const auto& j : ctx.services.jobs().of_owner(ctx.user().username)) {
           out.push_back(job_json(j));
         }
         return Reply::json(out);
       }});
  routes.push_back({"GET", R"(/api/jobs/([A-Za-z0-9-]+))", true, std::nullopt, false,
                    [](Context& ctx) -> Result<Reply> {
                      auto job = own_job(ctx);
                      if (!job) return job.take_error();
                      return Reply::json(job_json(job.value()));
                    }});
  routes.push_back({"DELETE", R"(/api/jobs/([A-Za-z0-9-]+))", true, std::nullopt, false,
                    [](Context& ctx) -> Result<Reply> {
                      auto job = own_job(ctx);
                      if (!job) return job.take_error();
                      if (!ctx.services.jobs().cancel(job->id)) {
                        return Error("job.finished", "任务已结束，无法取消",
                                     "the job is over and cannot be cancelled");
                      }
                      return Reply::json(job_json(*ctx.services.jobs().get(job->id)), 202);
                    }});
}

}  // namespace shanhai::server
