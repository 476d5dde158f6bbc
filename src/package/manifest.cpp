#include "package/manifest.h"

#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace shanhai::package {

namespace {

constexpr const char* kFormat = "shanhai-model-package";

Error bad_manifest(const std::string& origin, const std::string& zh, const std::string& en) {
  Location where = Location::in_file(origin + "/" + kManifestEntry);
  return Error("package.bad_manifest", "模型包清单 manifest.json 无效：" + zh,
               "the package manifest manifest.json is invalid: " + en, where);
}

}  // namespace

bool safe_relative_path(std::string_view path) {
  if (path.empty() || path.size() > 512 || path.front() == '/') return false;
  for (unsigned char c : path) {
    if (c < 0x20 || c == 0x7f || c == '\\' || c == ':') return false;
  }
  size_t start = 0;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    const std::string_view part = path.substr(start, end - start);
    if (part.empty() || part == "." || part == "..") return false;
    start = end + 1;
  }
  return true;
}

std::string manifest_bytes(const PackageManifest& m) {
  nlohmann::ordered_json files = nlohmann::ordered_json::array();
  for (const ManifestFile& f : m.files) {
    files.push_back({{"path", f.path}, {"size", f.size}, {"sha256", f.sha256}});
  }
  nlohmann::ordered_json j;
  j["format"] = kFormat;
  j["format_version"] = m.format_version;
  j["id"] = m.id;
  j["version"] = m.version;
  j["name"] = m.name;
  j["author_org"] = {{"code", m.author_org}, {"name", m.author_org_name}};
  j["signer"] = {{"algorithm", "ed25519"}, {"fingerprint", m.signer_fingerprint}};
  j["created"] = m.created;
  j["files"] = files;
  return j.dump(2) + "\n";
}

Result<PackageManifest> parse_manifest(std::string_view bytes, const std::string& origin) {
  const nlohmann::json j = nlohmann::json::parse(bytes, nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    return bad_manifest(origin, "不是 JSON 对象", "not a JSON object");
  }
  if (!j.contains("format") || j["format"] != kFormat) {
    return bad_manifest(origin, "不是山海模型包", "not a Shanhai model package");
  }
  if (!j.contains("format_version") || !j["format_version"].is_number_integer()) {
    return bad_manifest(origin, "缺少 format_version", "format_version is missing");
  }
  PackageManifest m;
  m.format_version = j["format_version"].get<int>();
  if (m.format_version > kPackageFormatVersion || m.format_version < 1) {
    return Error("package.too_new",
                 fmt::format("模型包格式版本为 {}，本程序只支持到 {}，请升级山海后再安装",
                             m.format_version, kPackageFormatVersion),
                 fmt::format("the package format version is {}; this build supports up to {}; "
                             "upgrade Shanhai to install it",
                             m.format_version, kPackageFormatVersion),
                 Location::in_file(origin));
  }
  auto text = [&](const nlohmann::json& parent, const char* key, std::string& out) {
    if (!parent.is_object() || !parent.contains(key) || !parent[key].is_string()) return false;
    out = parent[key].get<std::string>();
    return true;
  };
  const nlohmann::json author = j.value("author_org", nlohmann::json());
  const nlohmann::json signer = j.value("signer", nlohmann::json());
  if (!text(j, "id", m.id) || !text(j, "version", m.version) || !text(j, "name", m.name) ||
      !text(author, "code", m.author_org) || !text(author, "name", m.author_org_name) ||
      !text(signer, "fingerprint", m.signer_fingerprint) || !text(j, "created", m.created)) {
    return bad_manifest(origin, "缺少 id、version、name、author_org、signer 或 created",
                        "id, version, name, author_org, signer or created is missing");
  }
  if (!j.contains("files") || !j["files"].is_array()) {
    return bad_manifest(origin, "缺少文件清单 files", "the file list files is missing");
  }
  std::set<std::string> seen;
  for (const auto& f : j["files"]) {
    ManifestFile file;
    if (!text(f, "path", file.path) || !text(f, "sha256", file.sha256) || !f.contains("size") ||
        !f["size"].is_number_unsigned()) {
      return bad_manifest(origin, "files 中的条目须有 path、size 和 sha256",
                          "every files entry needs path, size and sha256");
    }
    file.size = f["size"].get<uint64_t>();
    if (!safe_relative_path(file.path)) {
      Error e = bad_manifest(origin, "文件路径不安全（绝对路径、含 .. 或非法字符）",
                             "a file path is unsafe (absolute, with .. or bad characters)");
      e.where().value = file.path;
      return e;
    }
    if (!seen.insert(file.path).second) {
      Error e = bad_manifest(origin, "文件重复列出", "a file is listed twice");
      e.where().value = file.path;
      return e;
    }
    m.files.push_back(std::move(file));
  }
  return m;
}

}  // namespace shanhai::package
