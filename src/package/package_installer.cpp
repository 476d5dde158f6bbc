#include "package/package_installer.h"

#include <stdlib.h>

#include <fstream>

#include <fmt/format.h>

#include "model/installer.h"
#include "package/package_verifier.h"

namespace shanhai::package {

namespace fs = std::filesystem;

namespace {

// A fresh directory under the system's temporary folder, removed with its contents.
class ScratchDir {
 public:
  ScratchDir() {
    std::string tmpl = (fs::temp_directory_path() / "shanhai-selftest-XXXXXX").string();
    if (::mkdtemp(tmpl.data()) != nullptr) path_ = tmpl;
  }
  ~ScratchDir() {
    std::error_code ec;
    if (!path_.empty()) fs::remove_all(path_, ec);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

Error scratch_error() {
  return Error("package.scratch", "无法在临时目录中运行模型自测",
               "cannot run the model's self-test in the temporary folder",
               Location::in_file(fs::temp_directory_path().string()));
}

// Self-tests the folder and installs `files` with the outcome as their status.
Result<InstalledModel> test_and_install(store::Workspace& ws, const fs::path& folder,
                                        const fs::path& scratch,
                                        const std::vector<store::ModelFile>& files,
                                        model::InstallOptions options) {
  InstalledModel out;
  out.self_test = engine::self_test_model_folder(folder, scratch);
  options.status = out.self_test.cases.empty() ? store::kModelUntested
                   : out.self_test.passed()    ? store::kModelVerified
                                               : store::kModelUnverified;
  if (!out.self_test.cases.empty()) options.self_test = out.self_test.to_json().dump();
  auto record = model::install_model_files(ws, files, options);
  if (!record) return record.take_error();
  out.record = std::move(record.value());
  return out;
}

}  // namespace

Result<InstalledModel> install_package(store::Workspace& ws, const fs::path& file) {
  auto package = verify_package(ws, file);
  if (!package) return package.take_error();
  const VerifiedPackage& p = package.value();
  const std::string origin = fs::absolute(file).lexically_normal().string();
  auto spec = model::check_installable(ws, p.files, origin + "/model");
  if (!spec) return spec.take_error();
  if (spec->id.text != p.manifest.id || spec->version.text != p.manifest.version) {
    Location where = Location::in_file(origin + "/manifest.json");
    where.value = p.manifest.id + " " + p.manifest.version;
    return Error("package.spec_mismatch",
                 fmt::format("拒绝安装模型包：清单所记的模型 {} {} 版与模型说明中的 {} {} 版不符",
                             p.manifest.id, p.manifest.version, spec->id.text, spec->version.text),
                 fmt::format("package refused: the manifest's model {} version {} is not the "
                             "spec's {} version {}",
                             p.manifest.id, p.manifest.version, spec->id.text, spec->version.text),
                 where);
  }
  ScratchDir scratch;
  if (scratch.path().empty()) return scratch_error();
  const fs::path folder = scratch.path() / "model";
  for (const store::ModelFile& f : p.files) {
    const fs::path target = folder / f.path;
    std::error_code ec;
    fs::create_directories(target.parent_path(), ec);
    std::ofstream out(target, std::ios::binary);
    out << f.bytes;
    if (!out.good()) return scratch_error();
  }
  model::InstallOptions options;
  options.source = origin;
  options.signer = p.manifest.signer_fingerprint;
  options.signer_org = p.signer.org;
  auto installed = test_and_install(ws, folder, scratch.path() / "runs", p.files, options);
  if (!installed) return installed.take_error();
  installed->signer = p.signer;
  return installed;
}

Result<InstalledModel> install_folder(store::Workspace& ws, const fs::path& folder) {
  auto files = model::read_model_folder(folder);
  if (!files) return files.take_error();
  model::InstallOptions options;
  options.source = fs::absolute(folder).lexically_normal().string();
  auto spec = model::check_installable(ws, files.value(), options.source);
  if (!spec) return spec.take_error();
  ScratchDir scratch;
  if (scratch.path().empty()) return scratch_error();
  return test_and_install(ws, folder, scratch.path(), files.value(), options);
}

}  // namespace shanhai::package
