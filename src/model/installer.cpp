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

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
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

Result<store::ModelRecord> install_model_folder(store::Workspace& ws, const fs::path& folder,
                                                bool builtin) {
  fs::path spec_path;
  for (const char* name : {"model.yaml", "model.yml", "model.json"}) {
    std::error_code ec;
    if (fs::is_regular_file(folder / name, ec)) {
      spec_path = folder / name;
      break;
    }
  }
  if (spec_path.empty()) {
    return Error("model.no_spec", "模型目录中没有 model.yaml 或 model.json",
                 "the model folder holds no model.yaml or model.json",
                 Location::in_file(folder.string()));
  }
  const std::string text = read_file(spec_path);
  auto spec = load_spec_text(text, spec_path.string());
  if (!spec) return spec.take_error();
  auto valid = validate_spec(spec.value());
  if (!valid) return valid.take_error();

  auto installed = store::list_models(ws);
  if (!installed) return installed.take_error();
  for (const auto& m : installed.value()) {
    if (m.model_id != spec.value().id.text) continue;
    if (compare_versions(spec.value().version.text, m.version) <= 0) {
      Location where = Location::in_file(spec_path.string());
      where.row = spec.value().version.pos.line;
      where.column = spec.value().version.pos.column;
      where.value = spec.value().version.text;
      return Error("model.not_newer",
                   fmt::format("模型“{}”已安装 {} 版，新安装的版本须更高", m.model_id, m.version),
                   fmt::format("model \"{}\" is installed at version {}; a new install must have a "
                               "higher version",
                               m.model_id, m.version),
                   where);
    }
  }
  store::ModelRecord record;
  const ModelSpec& s = spec.value();
  record.model_id = s.id.text;
  record.version = s.version.text;
  record.name = s.name;
  record.category = s.category;
  record.author_org = s.author_org;
  record.legal_basis = s.legal_basis;
  record.description = s.description;
  record.spec = text;
  std::error_code ec;
  if (fs::is_regular_file(folder / "README.md", ec))
    record.readme = read_file(folder / "README.md");
  record.source = fs::absolute(folder).lexically_normal().string();
  record.builtin = builtin;
  SHANHAI_TRY(store::add_model(ws, record));
  return record;
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
