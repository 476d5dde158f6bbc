#include "package/package_verifier.h"

#include <map>

#include <fmt/format.h>

#include "access/password.h"
#include "package/zip_entries.h"

namespace shanhai::package {

namespace fs = std::filesystem;

namespace {

// The package and the entry concerned, as a path ("x.shmodel/model/model.yaml").
Location at(const fs::path& file, const std::string& entry = {}) {
  return Location::in_file(entry.empty() ? file.string() : file.string() + "/" + entry);
}

Error refuse(const char* code, std::string zh, std::string en, Location where) {
  return Error(code, "拒绝安装模型包：" + zh, "package refused: " + en, std::move(where));
}

}  // namespace

Result<VerifiedPackage> verify_package(store::Workspace& ws, const fs::path& file) {
  auto read = read_zip(file);
  if (!read) return read.take_error();
  std::map<std::string, const ZipEntry*> entries;
  for (const ZipEntry& e : read.value()) {
    std::string_view name = e.name;
    const bool folder = !name.empty() && name.back() == '/';
    if (folder) name.remove_suffix(1);
    if (!safe_relative_path(name)) {
      Location where = at(file);
      where.value = e.name;
      return refuse("package.unsafe_path",
                    "包内文件路径不安全（绝对路径、含 .. 或非法字符），可能企图写到模型目录以外",
                    "an entry's path is unsafe (absolute, with .. or bad characters) and could "
                    "write outside the model folder",
                    where);
    }
    if (!folder) entries.emplace(e.name, &e);
  }
  const auto entry = [&](const std::string& name) -> const ZipEntry* {
    const auto it = entries.find(name);
    return it == entries.end() ? nullptr : it->second;
  };
  const ZipEntry* manifest_entry = entry(kManifestEntry);
  if (manifest_entry == nullptr) {
    return refuse("package.not_a_package", "不是山海模型包（没有 manifest.json）",
                  "not a Shanhai model package (no manifest.json)", at(file));
  }
  const ZipEntry* signature = entry(kSignatureEntry);
  const ZipEntry* signer_entry = entry(kSignerEntry);
  if (signature == nullptr || signer_entry == nullptr) {
    return refuse("package.unsigned",
                  "模型包没有签名（缺少 manifest.sig 或 signer.pub），无法确认来源与完整性",
                  "the package is not signed (manifest.sig or signer.pub is missing); its origin "
                  "and integrity cannot be checked",
                  at(file));
  }
  auto signer_key = parse_public_key(signer_entry->bytes, file.string() + "/" + kSignerEntry);
  if (!signer_key) {
    Error e = signer_key.take_error();
    return Error("package.bad_signer_key", "拒绝安装模型包：签名人" + e.zh(),
                 "package refused: the signer's " + e.en(), e.where());
  }
  auto manifest = parse_manifest(manifest_entry->bytes, file.string());
  if (!manifest) return manifest.take_error();
  const PackageManifest& m = manifest.value();
  const std::string fingerprint = key_fingerprint(signer_key->public_key);
  if (fingerprint != m.signer_fingerprint) {
    Location where = at(file, kSignerEntry);
    where.value = short_fingerprint(fingerprint);
    return refuse(
        "package.signer_mismatch",
        fmt::format("包内签名公钥 signer.pub（指纹 {}）不是清单所记的签名人（指纹 {}），"
                    "公钥被替换或改动",
                    short_fingerprint(fingerprint), short_fingerprint(m.signer_fingerprint)),
        fmt::format("the public key signer.pub (fingerprint {}) is not the signer the "
                    "manifest names (fingerprint {}): it was replaced or altered",
                    short_fingerprint(fingerprint), short_fingerprint(m.signer_fingerprint)),
        where);
  }
  if (!verify_detached(signer_key->public_key, manifest_entry->bytes, signature->bytes)) {
    return refuse("package.bad_signature",
                  "签名校验失败：清单 manifest.json 或签名 manifest.sig 在签名后被改动",
                  "the signature does not verify: manifest.json or manifest.sig was changed "
                  "after signing",
                  at(file, kSignatureEntry));
  }
  auto known = known_key(ws, fingerprint);
  if (!known) return known.take_error();
  if (!known.value()) {
    const std::string who = signer_key->name.empty() ? m.author_org_name : signer_key->name;
    Location where = at(file, kSignerEntry);
    where.value = short_fingerprint(fingerprint);
    return refuse(
        "package.untrusted",
        fmt::format("签名人“{}”（{}，指纹 {}）不受本工作区信任。核实公钥来源后，可用 "
                    "shanhai key trust {} 公钥文件 --org {} --name 单位名称 信任它",
                    who, m.author_org, short_fingerprint(fingerprint), ws.root().string(),
                    m.author_org),
        fmt::format("the signer \"{}\" ({}, fingerprint {}) is not trusted in this workspace. "
                    "Once the key's origin is confirmed, trust it with shanhai key trust {} "
                    "KEY_FILE --org {} --name NAME",
                    who, m.author_org, short_fingerprint(fingerprint), ws.root().string(),
                    m.author_org),
        where);
  }
  if (known.value()->org != m.author_org) {
    Location where = at(file, kManifestEntry);
    where.value = m.author_org;
    return refuse("package.signer_org",
                  fmt::format("清单所称的作者单位 {} 与签名密钥所属单位 {}（{}）不符", m.author_org,
                              known.value()->org, known.value()->name),
                  fmt::format("the manifest's author organisation {} is not the signing key's "
                              "organisation {} ({})",
                              m.author_org, known.value()->org, known.value()->name),
                  where);
  }

  VerifiedPackage out;
  out.signer = *known.value();
  std::map<std::string, bool> listed = {
      {kManifestEntry, true}, {kSignatureEntry, true}, {kSignerEntry, true}};
  for (const ManifestFile& f : m.files) {
    const std::string name = kModelPrefix + f.path;
    listed[name] = true;
    const ZipEntry* e = entry(name);
    if (e == nullptr) {
      return refuse("package.missing_file", fmt::format("清单列出的文件 {} 不在包内", f.path),
                    fmt::format("the file {} listed in the manifest is not in the package", f.path),
                    at(file, name));
    }
    const std::string sha = access::sha256_hex(e->bytes);
    if (e->bytes.size() != f.size || sha != f.sha256) {
      Location where = at(file, name);
      where.value = fmt::format("{} bytes, sha256 {}", e->bytes.size(), sha.substr(0, 16));
      return refuse(
          "package.file_altered",
          fmt::format("文件 {} 的大小或 SHA-256 与清单不符（签名后被改动或已损坏）", f.path),
          fmt::format("the size or SHA-256 of {} differs from the manifest (changed "
                      "after signing, or damaged)",
                      f.path),
          where);
    }
    out.files.push_back({f.path, e->bytes});
  }
  for (const auto& [name, e] : entries) {
    if (listed.count(name)) continue;
    return refuse("package.extra_file", fmt::format("包内文件 {} 不在签名的清单中", name),
                  fmt::format("the entry {} is not in the signed manifest", name), at(file, name));
  }
  out.manifest = std::move(manifest.value());
  return out;
}

}  // namespace shanhai::package
