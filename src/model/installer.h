#pragma once
// Installing models into a workspace from folders (models/<id>/ with model.yaml or model.json,
// a README.md dossier and tests/<case>/ data) or from the files of a verified package
// (src/package). A model is installed only when its spec loads and validates; a new version
// of an installed model must be higher than every installed version (old ones stay). The
// folder's files are kept under the workspace (store/model_catalog.h).

#include <filesystem>
#include <string>
#include <vector>

#include "common/error.h"
#include "model/spec.h"
#include "store/model_catalog.h"
#include "store/workspace.h"

namespace shanhai::model {

// Compares semantic versions "x.y.z" numerically: <0, 0 or >0. Malformed parts count as 0.
int compare_versions(const std::string& a, const std::string& b);

// Every regular file below `folder`, as '/'-separated relative paths in path order. Hidden
// files and folders (".git", ".DS_Store") are left out. Error "model.read" names a file that
// cannot be read.
Result<std::vector<store::ModelFile>> read_model_folder(const std::filesystem::path& folder);

// The spec among `files`: model.yaml, model.yml or model.json at the top, in that order;
// nullptr when there is none.
const store::ModelFile* spec_file_of(const std::vector<store::ModelFile>& files);

// Loads and validates the spec among `files` and checks that it may be installed. `origin`
// (the folder or package) names the files in messages. Errors: "model.no_spec", the spec's own
// (file, line and column), "model.not_newer" naming the installed and the offered version.
Result<ModelSpec> check_installable(store::Workspace& ws,
                                    const std::vector<store::ModelFile>& files,
                                    const std::string& origin);

struct InstallOptions {
  bool builtin = false;
  std::string source;  // the folder or package it comes from, as recorded
  std::string status = store::kModelUntested;
  std::string self_test;  // JSON report of the data tests run before installing
  std::string signer;     // fingerprint of the package's signing key
  std::string signer_org;
};

// Installs `files` as a new model version after check_installable(files, options.source).
Result<store::ModelRecord> install_model_files(store::Workspace& ws,
                                               const std::vector<store::ModelFile>& files,
                                               const InstallOptions& options);

// Installs the model in `folder` (read_model_folder, then install_model_files).
Result<store::ModelRecord> install_model_folder(store::Workspace& ws,
                                                const std::filesystem::path& folder,
                                                bool builtin = false);

// Installs each model folder under models_dir whose id and version are not installed yet, and
// returns what it installed. Used when a workspace is created.
Result<std::vector<store::ModelRecord>> install_builtin_models(
    store::Workspace& ws, const std::filesystem::path& models_dir);

}  // namespace shanhai::model
