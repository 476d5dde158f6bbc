#pragma once
// Creating a workspace the way every command that creates one does: the catalog, then the
// built-in models (models/ of the source tree, or $SHANHAI_MODELS_DIR).

#include <filesystem>
#include <memory>
#include <vector>

#include "common/error.h"
#include "store/model_catalog.h"
#include "store/workspace.h"

namespace shanhai::cli {

// Where the built-in models are: $SHANHAI_MODELS_DIR when set, else <source>/models.
std::filesystem::path builtin_models_dir();

struct CreatedWorkspace {
  std::unique_ptr<store::Workspace> workspace;
  std::vector<store::ModelRecord> models;  // built-in models installed
};

// Creates the workspace and installs the built-in models. On a model error the new workspace
// directory is removed again, so a failed init leaves nothing behind.
Result<CreatedWorkspace> create_workspace(const std::filesystem::path& dir);

}  // namespace shanhai::cli
