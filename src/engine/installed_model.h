#pragma once
// Finding an installed model version by id: the highest installed version, or the one asked
// for. Used by runs, element templates and mapping suggestions alike.

#include <optional>
#include <string>

#include "common/error.h"
#include "model/spec.h"
#include "store/model_catalog.h"
#include "store/workspace.h"

namespace shanhai::engine {

// The installed record of model_id: the given version, or the highest installed one when
// version is empty. Error "model.not_found" (naming "id@version" and suggesting the closest id).
Result<store::ModelRecord> find_installed_model(store::Workspace& ws, const std::string& model_id,
                                                const std::optional<std::string>& version);

// find_installed_model, then its spec parsed (errors of the spec loader name "id@version").
Result<model::ModelSpec> installed_model_spec(store::Workspace& ws, const std::string& model_id,
                                              const std::optional<std::string>& version);

}  // namespace shanhai::engine
