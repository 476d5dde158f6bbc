#pragma once
// Exporting an installed model version as a signed package (manifest.h): the model folder as
// installed (spec, README dossier, test cases with their data and expected leads), a manifest
// listing every file with its size and SHA-256, the manifest's ed25519 signature by the
// exporting organisation's newest key, and that key's public half.

#include <filesystem>
#include <string>

#include "common/error.h"
#include "package/manifest.h"
#include "package/signing_keys.h"
#include "store/workspace.h"

namespace shanhai::package {

struct ExportRequest {
  std::string model_id;
  std::string version;  // '' for the highest installed version
  std::string org;      // the signing organisation; '' when the workspace's keys are one org's
  std::filesystem::path out;
};

struct ExportedPackage {
  PackageManifest manifest;
  OwnKey key;
};

// Writes the package to request.out (replaced only once fully written). Refused, writing
// nothing: "model.not_found", "model_version.not_found", "package.readme_sections" (the README
// dossier lacks sections of model/dossier.h; the message names them), the signing key's errors
// (signing_keys.h: "key.none" tells the user to run `shanhai key create`).
Result<ExportedPackage> export_model(store::Workspace& ws, const ExportRequest& request);

}  // namespace shanhai::package
