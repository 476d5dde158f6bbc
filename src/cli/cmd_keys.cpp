// `shanhai key create|list|trust|export-public`: the signing keys of model packages
// (package/signing_keys.h, docs/packages.md).

#include <fstream>
#include <iostream>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "access/audit.h"
#include "cli/commands.h"
#include "package/hex.h"
#include "package/signing_keys.h"
#include "store/workspace.h"

namespace shanhai::cli {

namespace {

namespace fs = std::filesystem;

struct KeyArgs {
  std::string workspace, org, name, key, out;
  bool json = false;
};

Status create_key(const KeyArgs& a) {
  auto ws = store::Workspace::open(a.workspace);
  if (!ws) return ws.take_error();
  auto key = package::create_signing_key(*ws.value(), a.org);
  if (!key) return key.take_error();
  SHANHAI_TRY(access::audit_cli_change(*ws.value(), "key:" + key->fingerprint,
                                       {{"change", "create_key"}, {"org", key->org}}));
  std::cout << fmt::format(
      "已为单位“{}”（{}）创建签名密钥\nCreated a signing key for organisation {}\n"
      "    指纹 fingerprint: {}\n    {}\n"
      "    私钥 secret key: {}（仅本机所有者可读 / readable by its owner only）\n"
      "把公钥交给结对单位 / give the public key to others:\n"
      "    shanhai key export-public {} --org {} --out {}.pub\n",
      key->org_name, key->org, key->org, package::short_fingerprint(key->fingerprint),
      key->fingerprint, key->secret_file, a.workspace, key->org, key->org);
  return Status::Ok();
}

nlohmann::json key_json(const std::string& org, const std::string& name,
                        const std::string& fingerprint, const std::string& public_key) {
  return {{"org", org},
          {"name", name},
          {"fingerprint", fingerprint},
          {"fingerprint_short", package::short_fingerprint(fingerprint)},
          {"public_key", package::to_hex(public_key)}};
}

Status list_keys(const KeyArgs& a) {
  auto ws = store::Workspace::open(a.workspace);
  if (!ws) return ws.take_error();
  auto own = package::list_signing_keys(*ws.value());
  if (!own) return own.take_error();
  auto trusted = package::list_trusted_keys(*ws.value());
  if (!trusted) return trusted.take_error();
  if (a.json) {
    nlohmann::json out = {{"own", nlohmann::json::array()}, {"trusted", nlohmann::json::array()}};
    for (const auto& k : own.value()) {
      nlohmann::json j = key_json(k.org, k.org_name, k.fingerprint, k.public_key);
      j["created_at"] = k.created_at;
      out["own"].push_back(j);
    }
    for (const auto& k : trusted.value()) {
      nlohmann::json j = key_json(k.org, k.name, k.fingerprint, k.public_key);
      j["trusted_at"] = k.trusted_at;
      out["trusted"].push_back(j);
    }
    std::cout << out.dump(2) << std::endl;
    return Status::Ok();
  }
  std::cout << "本单位签名密钥 / own signing keys:\n";
  if (own.value().empty()) std::cout << "    （无 none：用 shanhai key create 创建）\n";
  for (const auto& k : own.value()) {
    std::cout << fmt::format("    {}\t{}\t{}\t{}\n", k.org, k.org_name,
                             package::short_fingerprint(k.fingerprint), k.created_at);
  }
  std::cout << "受信任的公钥 / trusted public keys:\n";
  if (trusted.value().empty()) std::cout << "    （无 none：用 shanhai key trust 信任）\n";
  for (const auto& k : trusted.value()) {
    std::cout << fmt::format("    {}\t{}\t{}\t{}\n", k.org, k.name,
                             package::short_fingerprint(k.fingerprint), k.trusted_at);
  }
  return Status::Ok();
}

// A public key file's text, or the argument itself when it is no file (a hex key).
Result<package::PublicKeyFile> read_public_key(const std::string& arg) {
  std::error_code ec;
  if (fs::is_regular_file(arg, ec)) {
    std::ifstream in(arg, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return package::parse_public_key(text.str(), arg);
  }
  return package::parse_public_key(arg, "PUBLIC_KEY");
}

Status trust_key(const KeyArgs& a) {
  auto ws = store::Workspace::open(a.workspace);
  if (!ws) return ws.take_error();
  auto file = read_public_key(a.key);
  if (!file) return file.take_error();
  if (!file->org.empty() && file->org != a.org) {
    return Error("key.org_mismatch",
                 fmt::format("公钥文件所记单位为 {}（{}），与 --org {} 不符；请核实公钥来源",
                             file->org, file->name, a.org),
                 fmt::format("the key file names organisation {} ({}), not --org {}; check where "
                             "the key came from",
                             file->org, file->name, a.org),
                 Location::of_value(a.org));
  }
  auto key = package::trust_key(*ws.value(), file->public_key, a.org, a.name);
  if (!key) return key.take_error();
  SHANHAI_TRY(
      access::audit_cli_change(*ws.value(), "key:" + key->fingerprint,
                               {{"change", "trust_key"}, {"org", key->org}, {"name", key->name}}));
  std::cout << fmt::format(
      "已信任单位“{}”（{}）的公钥，指纹 {}\nTrusted the public key of \"{}\" ({}), fingerprint "
      "{}\n    {}\n请与对方核对完整指纹 / check the full fingerprint with its owner.\n",
      key->name, key->org, package::short_fingerprint(key->fingerprint), key->name, key->org,
      package::short_fingerprint(key->fingerprint), key->fingerprint);
  return Status::Ok();
}

Status export_public(const KeyArgs& a) {
  auto ws = store::Workspace::open(a.workspace);
  if (!ws) return ws.take_error();
  auto key = package::signing_key_for(*ws.value(), a.org);
  if (!key) return key.take_error();
  std::ofstream out(a.out, std::ios::binary | std::ios::trunc);
  out << package::public_key_file_text({key->org, key->org_name, key->public_key});
  out.close();
  if (!out.good()) {
    return Error("key.write", "无法写入公钥文件", "cannot write the public key file",
                 Location::in_file(a.out));
  }
  std::cout << fmt::format(
      "已导出单位“{}”（{}）的公钥到 {}\nExported the public key of organisation {} to {}\n"
      "    指纹 fingerprint: {}\n",
      key->org_name, key->org, a.out, key->org, a.out, key->fingerprint);
  return Status::Ok();
}

void add_workspace(CLI::App* cmd, KeyArgs& a) {
  cmd->add_option("WORKSPACE", a.workspace, "工作区目录 / workspace directory")->required();
}

}  // namespace

void add_key_command(CLI::App& app, int& exit_code) {
  auto a = std::make_shared<KeyArgs>();
  auto* key = app.add_subcommand("key", "模型包签名密钥 / signing keys of model packages");
  key->require_subcommand(1);
  auto run = [&exit_code](Status (*fn)(const KeyArgs&), std::shared_ptr<KeyArgs> args) {
    return [fn, args, &exit_code] {
      if (Status s = fn(*args); !s) exit_code = report(s.error());
    };
  };

  auto* create = key->add_subcommand(
      "create",
      "为本单位创建 ed25519 签名密钥 / create an ed25519 signing key for an organisation");
  add_workspace(create, *a);
  create->add_option("--org", a->org, "单位编码 / organisation code")->required();
  create->callback(run(create_key, a));

  auto* list =
      key->add_subcommand("list", "列出本单位密钥与受信任的公钥 / list own and trusted keys");
  add_workspace(list, *a);
  list->add_flag("--json", a->json, "以 JSON 输出 / JSON output");
  list->callback(run(list_keys, a));

  auto* trust =
      key->add_subcommand("trust", "信任其他单位的公钥 / trust another organisation's public key");
  add_workspace(trust, *a);
  trust->add_option("PUBLIC_KEY", a->key, "公钥文件或 64 位十六进制公钥 / key file or hex key")
      ->required();
  trust->add_option("--org", a->org, "该单位编码 / its organisation code")->required();
  trust->add_option("--name", a->name, "该单位名称 / its name")->required();
  trust->callback(run(trust_key, a));

  auto* exp = key->add_subcommand(
      "export-public", "导出本单位公钥，交给其他单位 / export an own public key to give to others");
  add_workspace(exp, *a);
  exp->add_option("--org", a->org, "单位编码 / organisation code")->required();
  exp->add_option("--out", a->out, "公钥文件 / the public key file to write")->required();
  exp->callback(run(export_public, a));
}

}  // namespace shanhai::cli
