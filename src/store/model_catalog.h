#pragma once
// Models installed in a workspace. Every installed version is kept (old versions stay runnable);
// whether a new version may be installed is decided by the model layer. The files of an
// installed version (spec, README dossier, test cases) are kept under the workspace in
// models/<id>/<version>/, so that the version can be exported again exactly as installed.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/error.h"
#include "store/workspace.h"

namespace shanhai::store {

// Whether the model's own data tests (tests/*/case.yaml) passed when it was installed.
inline constexpr const char* kModelVerified = "verified";      // every case produced its leads
inline constexpr const char* kModelUnverified = "unverified";  // a case failed: use with care
inline constexpr const char* kModelUntested = "untested";      // no tests ran (built-in, none)

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
  std::string status = kModelUntested;
  std::string self_test;   // JSON report of the data tests run on install ('' when none ran)
  std::string signer;      // fingerprint of the key that signed its package ('' otherwise)
  std::string signer_org;  // that key's organisation code
  std::string files_dir;   // models/<id>/<version> under the workspace ('' when not kept)
};

// One file of a model folder: a '/'-separated path inside the folder and its bytes.
struct ModelFile {
  std::string path;
  std::string bytes;
};

// Records an installed model version and keeps its files: they are written into a staging
// directory and fsynced, then, inside one write transaction, renamed to models/<id>/<version>/
// and recorded (files_dir is set from that). On any error nothing is visible. Error
// "model.exists" when that id and version are there. `files` paths must be safe relative paths
// (the model and package layers check them).
Status add_model(Workspace& ws, const ModelRecord& model, const std::vector<ModelFile>& files);

// Every installed model version, ordered by model id, then by installation.
Result<std::vector<ModelRecord>> list_models(Workspace& ws);

// One installed version of a model; with `version` empty, the latest installed (versions only
// go up, so that is the highest). Errors "model.not_found", "model_version.not_found".
Result<ModelRecord> find_model(Workspace& ws, const std::string& model_id,
                               const std::string& version);

// {id, version, name, category, author_org, legal_basis, description, builtin, source,
//  installed_at, status, self_test, signer}: `shanhai models --json` and the HTTP API.
// self_test is the install's test report (null when none ran); signer is {org, fingerprint}
// of a package's signing key (null when not installed from a package).
nlohmann::json model_json(const ModelRecord& m);

// "已通过自测" / "未验证" / "未测试" for a status.
std::string model_status_label_zh(const std::string& status);

}  // namespace shanhai::store
