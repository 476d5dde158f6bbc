#pragma once
// Checking a model package before anything of it is installed. In this order, each failure a
// refusal with its own code and message (Chinese, then English), naming the package and the
// entry concerned:
//
//   package.unreadable      not a zip, truncated or damaged (zip_entries.h)
//   package.unsafe_path     an entry's name is absolute, has "..", "\\", ':' or control bytes
//   package.not_a_package   no manifest.json
//   package.unsigned        no manifest.sig or no signer.pub: unsigned packages are refused
//   package.bad_signer_key  signer.pub is not a public key
//   package.bad_manifest    manifest.json does not parse (manifest.h), package.too_new
//   package.signer_mismatch signer.pub is not the key the manifest names (replaced or altered)
//   package.bad_signature   the signature does not verify: manifest.json or manifest.sig was
//                           changed after signing
//   package.untrusted       the signer is neither an own key nor a trusted one
//   package.signer_org      the manifest's author organisation is not the key's organisation
//   package.missing_file    a listed file is not in the package
//   package.file_altered    a file's size or SHA-256 is not the manifest's (changed after signing)
//   package.extra_file      an entry the manifest does not list
//
// Reading the package changes nothing in the workspace.

#include <filesystem>
#include <vector>

#include "common/error.h"
#include "package/manifest.h"
#include "package/signing_keys.h"
#include "store/model_catalog.h"
#include "store/workspace.h"

namespace shanhai::package {

struct VerifiedPackage {
  PackageManifest manifest;
  std::vector<store::ModelFile> files;  // the model folder, in manifest order
  KnownKey signer;
};

Result<VerifiedPackage> verify_package(store::Workspace& ws, const std::filesystem::path& file);

}  // namespace shanhai::package
