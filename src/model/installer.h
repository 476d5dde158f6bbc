#pragma once
// Installing models into a workspace from folders (models/<id>/ with model.yaml or model.json
// and a README.md). A model is installed only when its spec loads and validates; a new version
// of an installed model must be higher than every installed version (old ones stay).

#include <filesystem>
#include <string>
#include <vector>

#include "common/error.h"
#include "store/model_catalog.h"
#include "store/workspace.h"

namespace shanhai::model {

// Compares semantic versions "x.y.z" numerically: <0, 0 or >0. Malformed parts count as 0.
int compare_versions(const std::string& a, const std::string& b);

// Installs the model in `folder`. Errors name the spec file, line and column for spec errors,
// "model.not_newer" when an equal or higher version is installed, "model.no_spec" when the
// folder holds no model.yaml/model.json.
Result<store::ModelRecord> install_model_folder(store::Workspace& ws,
                                                const std::filesystem::path& folder,
                                                bool builtin = false);

// Installs each model folder under models_dir whose id and version are not installed yet, and
// returns what it installed. Used when a workspace is created.
Result<std::vector<store::ModelRecord>> install_builtin_models(
    store::Workspace& ws, const std::filesystem::path& models_dir);

}  // namespace shanhai::model
