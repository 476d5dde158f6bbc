#pragma once
// The manifest of a model package (.shmodel, docs/packages.md): a zip holding
//
//   manifest.json   what the package is and every file of the model folder with size and SHA-256
//   manifest.sig    the detached ed25519 signature of manifest.json's bytes (64 raw bytes)
//   signer.pub      the signer's public key file (signing_keys.h)
//   model/<path>    the model folder's files: model.yaml, README.md, tests/<case>/…
//
// The signature covers the manifest, the manifest covers every file, so one signature covers
// the whole package; signer.pub is bound to it by the signer fingerprint inside the manifest.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"

namespace shanhai::package {

inline constexpr int kPackageFormatVersion = 1;
inline constexpr const char* kManifestEntry = "manifest.json";
inline constexpr const char* kSignatureEntry = "manifest.sig";
inline constexpr const char* kSignerEntry = "signer.pub";
inline constexpr const char* kModelPrefix = "model/";

struct ManifestFile {
  std::string path;  // inside the model folder, '/'-separated
  uint64_t size = 0;
  std::string sha256;  // lower-case hex
};

struct PackageManifest {
  int format_version = kPackageFormatVersion;
  std::string id;
  std::string version;
  std::string name;
  std::string author_org;       // code of the organisation that exported and signed it
  std::string author_org_name;  // its name
  std::string signer_fingerprint;
  std::string created;  // UTC ISO 8601
  std::vector<ManifestFile> files;
};

// The manifest as JSON text: {format: "shanhai-model-package", format_version, id, version,
// name, author_org: {code, name}, signer: {fingerprint}, created, files: [{path, size,
// sha256}]}, two-space indented, ending in a newline. These are the bytes that are signed.
std::string manifest_bytes(const PackageManifest& manifest);

// Parses manifest.json. Errors: "package.bad_manifest" (not the format, a member missing or of
// the wrong type, an unsafe or repeated file path), "package.too_new" (a format version this
// build does not know). `origin` names the package in messages.
Result<PackageManifest> parse_manifest(std::string_view bytes, const std::string& origin);

// A path that stays inside the folder it is relative to: not empty, at most 512 bytes, no
// leading '/', no '\\' or ':', no control characters, no empty, "." or ".." component.
bool safe_relative_path(std::string_view path);

}  // namespace shanhai::package
