#pragma once
// Installing a model with its own data tests run first: from a signed package
// (`shanhai model add WORKSPACE FILE.shmodel`) or from a folder (`shanhai model add WORKSPACE
// FOLDER`). The model's tests/<case>/case.yaml run in a scratch directory outside the
// workspace (engine/model_self_test.h); the model is installed either way, with status
// "verified" when every case produced its leads, "unverified" when one did not (the report
// says which and why) and "untested" when it has no cases.

#include <filesystem>
#include <optional>

#include "common/error.h"
#include "engine/model_self_test.h"
#include "package/signing_keys.h"
#include "store/model_catalog.h"
#include "store/workspace.h"

namespace shanhai::package {

struct InstalledModel {
  store::ModelRecord record;
  engine::SelfTestReport self_test;
  std::optional<KnownKey> signer;  // for a package
};

// Verifies the package (package_verifier.h), checks the spec, that the manifest's id and
// version are the spec's ("package.spec_mismatch") and the version rule (model/installer.h:
// "model.not_newer" names both versions), runs the self-test, then installs. A refusal at any
// step before the install leaves the workspace unchanged.
Result<InstalledModel> install_package(store::Workspace& ws, const std::filesystem::path& file);

// Reads the folder, checks it, runs its self-test and installs it (no signature: a folder is
// what the user has at hand, not something received).
Result<InstalledModel> install_folder(store::Workspace& ws, const std::filesystem::path& folder);

}  // namespace shanhai::package
