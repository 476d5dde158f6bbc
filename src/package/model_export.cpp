#include "package/model_export.h"

#include <fmt/format.h>

#include "access/password.h"
#include "common/clock.h"
#include "model/dossier.h"
#include "model/installer.h"
#include "package/zip_entries.h"
#include "store/model_catalog.h"

namespace shanhai::package {

namespace fs = std::filesystem;

namespace {

// The installed folder's files; for a version installed before its folder was kept, the spec
// and README from the catalog.
Result<std::vector<store::ModelFile>> installed_files(store::Workspace& ws,
                                                      const store::ModelRecord& m) {
  if (!m.files_dir.empty()) return model::read_model_folder(ws.root() / m.files_dir);
  std::vector<store::ModelFile> files;
  const bool json = !m.spec.empty() && m.spec.front() == '{';
  files.push_back({json ? "model.json" : "model.yaml", m.spec});
  if (!m.readme.empty()) files.push_back({"README.md", m.readme});
  return files;
}

Status check_dossier(const store::ModelRecord& m, const std::vector<store::ModelFile>& files) {
  const store::ModelFile* readme = nullptr;
  for (const auto& f : files) {
    if (f.path == "README.md") readme = &f;
  }
  const std::vector<std::string> missing =
      model::missing_dossier_sections(readme != nullptr ? readme->bytes : std::string());
  if (missing.empty()) return Status::Ok();
  std::string zh, en;
  for (const std::string& s : missing) {
    zh += (zh.empty() ? "" : "、") + s;
    en += (en.empty() ? "" : ", ") + s;
  }
  Location where = Location::in_file(m.files_dir.empty() ? std::string("README.md")
                                                         : m.files_dir + "/README.md");
  where.value = zh;
  return Error("package.readme_sections",
               fmt::format("模型“{}”{} 版的说明材料 README.md 缺少以下章节：{}。共享的模型须有"
                           "“## 模型概述”等八个二级标题章节（见 docs/packages.md）",
                           m.model_id, m.version, zh),
               fmt::format("the README.md dossier of model \"{}\" version {} lacks the sections "
                           "{}; a shared model needs all eight level-2 sections (see "
                           "docs/packages.md)",
                           m.model_id, m.version, en),
               where);
}

}  // namespace

Result<ExportedPackage> export_model(store::Workspace& ws, const ExportRequest& request) {
  auto m = store::find_model(ws, request.model_id, request.version);
  if (!m) return m.take_error();
  auto files = installed_files(ws, m.value());
  if (!files) return files.take_error();
  SHANHAI_TRY(check_dossier(m.value(), files.value()));
  auto key = signing_key_for(ws, request.org);
  if (!key) return key.take_error();

  ExportedPackage out;
  out.key = key.value();
  PackageManifest& manifest = out.manifest;
  manifest.id = m->model_id;
  manifest.version = m->version;
  manifest.name = m->name;
  manifest.author_org = key->org;
  manifest.author_org_name = key->org_name;
  manifest.signer_fingerprint = key->fingerprint;
  manifest.created = utc_now_iso();
  std::vector<ZipEntry> entries;
  for (const store::ModelFile& f : files.value()) {
    manifest.files.push_back({f.path, f.bytes.size(), access::sha256_hex(f.bytes)});
  }
  const std::string manifest_text = manifest_bytes(manifest);
  auto signature = sign_detached(ws, key.value(), manifest_text);
  if (!signature) return signature.take_error();
  entries.push_back({kManifestEntry, manifest_text});
  entries.push_back({kSignatureEntry, signature.value()});
  entries.push_back(
      {kSignerEntry, public_key_file_text({key->org, key->org_name, key->public_key})});
  for (store::ModelFile& f : files.value()) {
    entries.push_back({kModelPrefix + f.path, std::move(f.bytes)});
  }
  SHANHAI_TRY(write_zip(request.out, entries));
  return out;
}

}  // namespace shanhai::package
