#include "model/installer.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "model/spec_loader.h"
#include "model/spec_validator.h"

namespace shanhai::model {

namespace fs = std::filesystem;

namespace {

std::vector<int> version_parts(const std::string& v) {
  std::vector<int> parts;
  std::stringstream ss(v);
  std::string item;
  while (std::getline(ss, item, '.')) {
    int n = 0;
    for (char c : item) n = (c >= '0' && c <= '9') ? n * 10 + (c - '0') : n;
    parts.push_back(n);
  }
  parts.resize(3, 0);
  return parts;
}

bool hidden(const fs::path& relative) {
  for (const auto& part : relative) {
    if (!part.empty() && part.string()[0] == '.') return true;
  }
  return false;
}

}  // namespace

int compare_versions(const std::string& a, const std::string& b) {
  const auto pa = version_parts(a);
  const auto pb = version_parts(b);
  for (size_t i = 0; i < 3; ++i) {
    if (pa[i] != pb[i]) return pa[i] < pb[i] ? -1 : 1;
  }
  return 0;
}

Result<std::vector<store::ModelFile>> read_model_folder(const fs::path& folder) {
  std::vector<store::ModelFile> files;
  std::error_code ec;
  if (!fs::is_directory(folder, ec)) {
    return Error("model.no_folder", "模型目录不存在", "the model folder does not exist",
                 Location::in_file(folder.string()));
  }
  for (auto it = fs::recursive_directory_iterator(folder, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    const fs::path relative = it->path().lexically_relative(folder);
    if (hidden(relative)) {
      if (it->is_directory()) it.disable_recursion_pending();
      continue;
    }
    if (!it->is_regular_file()) continue;
    std::ifstream in(it->path(), std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    if (!in.good() && !in.eof()) {
      return Error("model.read", "无法读取模型目录中的文件",
                   "cannot read a file of the model folder",
                   Location::in_file(it->path().string()));
    }
    files.push_back({relative.generic_string(), bytes.str()});
  }
  if (ec) {
    return Error("model.read", fmt::format("无法读取模型目录：{}", ec.message()),
                 fmt::format("cannot read the model folder: {}", ec.message()),
                 Location::in_file(folder.string()));
  }
  std::sort(files.begin(), files.end(),
            [](const store::ModelFile& a, const store::ModelFile& b) { return a.path < b.path; });
  return files;
}

const store::ModelFile* spec_file_of(const std::vector<store::ModelFile>& files) {
  for (const char* name : {"model.yaml", "model.yml", "model.json"}) {
    for (const store::ModelFile& f : files) {
      if (f.path == name) return &f;
    }
  }
  return nullptr;
}

Result<ModelSpec> check_installable(store::Workspace& ws,
                                    const std::vector<store::ModelFile>& files,
                                    const std::string& origin) {
  const store::ModelFile* spec_file = spec_file_of(files);
  if (spec_file == nullptr) {
    return Error("model.no_spec", "模型目录中没有 model.yaml 或 model.json",
                 "the model folder holds no model.yaml or model.json", Location::in_file(origin));
  }
  const std::string spec_path = (fs::path(origin) / spec_file->path).string();
  auto spec = load_spec_text(spec_file->bytes, spec_path);
  if (!spec) return spec.take_error();
  auto valid = validate_spec(spec.value());
  if (!valid) return valid.take_error();

  auto installed = store::list_models(ws);
  if (!installed) return installed.take_error();
  const ModelSpec& s = spec.value();
  const store::ModelRecord* highest = nullptr;
  for (const auto& m : installed.value()) {
    if (m.model_id != s.id.text) continue;
    if (highest == nullptr || compare_versions(m.version, highest->version) > 0) highest = &m;
  }
  if (highest != nullptr && compare_versions(s.version.text, highest->version) <= 0) {
    Location where = Location::in_file(spec_path);
    where.row = s.version.pos.line;
    where.column = s.version.pos.column;
    where.value = s.version.text;
    return Error("model.not_newer",
                 fmt::format("模型“{}”已安装 {} 版，不能再安装 {} 版：新安装的版本须更高",
                             s.id.text, highest->version, s.version.text),
                 fmt::format("model \"{}\" is installed at version {}; version {} cannot be "
                             "installed: a new install must have a higher version",
                             s.id.text, highest->version, s.version.text),
                 where);
  }
  return spec;
}

Result<store::ModelRecord> install_model_files(store::Workspace& ws,
                                               const std::vector<store::ModelFile>& files,
                                               const InstallOptions& options) {
  auto spec = check_installable(ws, files, options.source);
  if (!spec) return spec.take_error();
  const ModelSpec& s = spec.value();
  store::ModelRecord record;
  record.model_id = s.id.text;
  record.version = s.version.text;
  record.name = s.name;
  record.category = s.category;
  record.author_org = s.author_org;
  record.legal_basis = s.legal_basis;
  record.description = s.description;
  record.spec = spec_file_of(files)->bytes;
  for (const store::ModelFile& f : files) {
    if (f.path == "README.md") record.readme = f.bytes;
  }
  record.source = options.source;
  record.builtin = options.builtin;
  record.status = options.status;
  record.self_test = options.self_test;
  record.signer = options.signer;
  record.signer_org = options.signer_org;
  SHANHAI_TRY(store::add_model(ws, record, files));
  // What add_model filled in (installed_at, files_dir) comes from the catalog.
  auto all = store::list_models(ws);
  if (!all) return all.take_error();
  for (auto& m : all.value()) {
    if (m.model_id == record.model_id && m.version == record.version) return std::move(m);
  }
  return record;
}

Result<store::ModelRecord> install_model_folder(store::Workspace& ws, const fs::path& folder,
                                                bool builtin) {
  auto files = read_model_folder(folder);
  if (!files) return files.take_error();
  InstallOptions options;
  options.builtin = builtin;
  options.source = fs::absolute(folder).lexically_normal().string();
  return install_model_files(ws, files.value(), options);
}

Result<std::vector<store::ModelRecord>> install_builtin_models(store::Workspace& ws,
                                                               const fs::path& models_dir) {
  std::vector<store::ModelRecord> added;
  std::error_code ec;
  if (!fs::is_directory(models_dir, ec)) return added;
  std::vector<fs::path> folders;
  for (const auto& e : fs::directory_iterator(models_dir, ec)) {
    if (e.is_directory()) folders.push_back(e.path());
  }
  std::sort(folders.begin(), folders.end());
  auto installed = store::list_models(ws);
  if (!installed) return installed.take_error();
  for (const fs::path& folder : folders) {
    auto spec_path = folder / "model.yaml";
    if (!fs::exists(spec_path, ec)) spec_path = folder / "model.json";
    auto spec = load_spec_file(spec_path);
    if (!spec) return spec.take_error();
    const bool present =
        std::any_of(installed.value().begin(), installed.value().end(), [&](const auto& m) {
          return m.model_id == spec.value().id.text && m.version == spec.value().version.text;
        });
    if (present) continue;
    auto r = install_model_folder(ws, folder, true);
    if (!r) return r.take_error();
    added.push_back(std::move(r.value()));
  }
  return added;
}

}  // namespace shanhai::model
