#include "engine/installed_model.h"

#include <vector>

#include <fmt/format.h>

#include "model/installer.h"
#include "model/name_suggestion.h"
#include "model/spec_loader.h"

namespace shanhai::engine {

Result<store::ModelRecord> find_installed_model(store::Workspace& ws, const std::string& model_id,
                                                const std::optional<std::string>& version) {
  auto models = store::list_models(ws);
  if (!models) return models.take_error();
  const store::ModelRecord* record = nullptr;
  std::vector<std::string> ids;
  for (const store::ModelRecord& m : models.value()) {
    ids.push_back(m.model_id);
    if (m.model_id != model_id) continue;
    if (version ? m.version == *version
                : (record == nullptr || model::compare_versions(m.version, record->version) > 0)) {
      record = &m;
    }
  }
  if (record == nullptr) {
    const std::string wanted = model_id + (version ? "@" + *version : "");
    const auto near = model::closest_name(model_id, ids);
    return Error(
        "model.not_found",
        fmt::format("工作区中没有模型“{}”{}{}", wanted, version ? "的该版本" : "",
                    model::did_you_mean_zh(near)),
        fmt::format("no model \"{}\" in the workspace{}", wanted, model::did_you_mean_en(near)),
        Location::of_value(wanted));
  }
  return *record;
}

Result<model::ModelSpec> installed_model_spec(store::Workspace& ws, const std::string& model_id,
                                              const std::optional<std::string>& version) {
  auto record = find_installed_model(ws, model_id, version);
  if (!record) return record.take_error();
  return model::load_spec_text(record->spec, record->model_id + "@" + record->version);
}

}  // namespace shanhai::engine
