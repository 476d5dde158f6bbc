#pragma once
// Models installed in a workspace. Every installed version is kept (old versions stay runnable);
// whether a new version may be installed is decided by the model layer.

#include <string>
#include <vector>

#include "common/error.h"
#include "store/workspace.h"

namespace shanhai::store {

struct ModelRecord {
  std::string model_id;
  std::string version;
  std::string name;
  std::string category;
  std::string author_org;
  std::vector<std::string> legal_basis;
  std::string description;
  std::string spec;    // the spec text as installed
  std::string readme;  // README.md of the model folder ('' when none)
  std::string source;  // folder or package it came from
  bool builtin = false;
  std::string installed_at;  // set by add_model
};

// Records an installed model version. Error "model.exists" when that id and version are there.
Status add_model(Workspace& ws, const ModelRecord& model);

// Every installed model version, ordered by model id, then by installation.
Result<std::vector<ModelRecord>> list_models(Workspace& ws);

}  // namespace shanhai::store
