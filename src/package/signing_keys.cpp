#include "package/signing_keys.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <regex>
#include <sstream>

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/VariadicBind.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "access/password.h"
#include "common/clock.h"
#include "package/hex.h"

namespace shanhai::package {

namespace fs = std::filesystem;

namespace {

constexpr const char* kKeyFormat = "shanhai-public-key";

void ensure_sodium() {
  static const int ok = sodium_init();
  (void)ok;
}

Error catalog(store::Workspace& ws, const std::exception& e) {
  return ws.catalog_error("catalog.keys", "读写签名密钥失败", "cannot read or write signing keys",
                          e);
}

// Writes the secret key as hex to a new file that only the owner may read.
Status write_secret_file(const fs::path& path, const unsigned char* secret, size_t n) {
  std::error_code ec;
  fs::create_directories(path.parent_path(), ec);
  ::chmod(path.parent_path().c_str(), 0700);
  const std::string text =
      to_hex(std::string_view(reinterpret_cast<const char*>(secret), n)) + "\n";
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  bool ok = fd >= 0 && ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) &&
            ::fsync(fd) == 0;
  if (fd >= 0) ok = (::close(fd) == 0) && ok;
  if (!ok) {
    fs::remove(path, ec);
    return Error("key.write", "无法写入签名私钥文件", "cannot write the secret key file",
                 Location::in_file(path.string()));
  }
  return Status::Ok();
}

std::string org_name(store::Workspace& ws, const std::string& code) {
  SQLite::Statement q(ws.db(), "SELECT name FROM organisations WHERE code = ?");
  q.bind(1, code);
  return q.executeStep() ? q.getColumn(0).getString() : std::string();
}

OwnKey own_key_from(SQLite::Statement& q) {
  OwnKey k;
  k.fingerprint = q.getColumn(0).getString();
  k.org = q.getColumn(1).getString();
  k.public_key = from_hex(q.getColumn(2).getString()).value_or("");
  k.secret_file = q.getColumn(3).getString();
  k.created_at = q.getColumn(4).getString();
  k.org_name = q.getColumn(5).getString();
  return k;
}

constexpr const char* kOwnKeys =
    "SELECT k.fingerprint, k.org, k.public_key, k.secret_file, k.created_at, "
    "coalesce(o.name, '') FROM signing_keys k LEFT JOIN organisations o ON o.code = k.org ";

bool valid_org_code(const std::string& code) {
  static const std::regex kCode("[A-Za-z0-9_-]{1,32}");
  return std::regex_match(code, kCode);
}

}  // namespace

std::string key_fingerprint(std::string_view public_key) { return access::sha256_hex(public_key); }

std::string short_fingerprint(std::string_view fingerprint) {
  std::string out;
  for (size_t i = 0; i < 16 && i < fingerprint.size(); ++i) {
    if (i > 0 && i % 4 == 0) out += ' ';
    out += fingerprint[i];
  }
  return out;
}

Result<OwnKey> create_signing_key(store::Workspace& ws, const std::string& org) {
  ensure_sodium();
  try {
    OwnKey key;
    key.org = org;
    key.org_name = org_name(ws, org);
    if (key.org_name.empty()) {
      return Error(
          "org.unknown", fmt::format("单位“{}”不存在，请先用 shanhai org add 添加", org),
          fmt::format("organisation \"{}\" does not exist; add it with `shanhai org add`", org),
          Location::of_value(org));
    }
    unsigned char pk[crypto_sign_PUBLICKEYBYTES];
    unsigned char sk[crypto_sign_SECRETKEYBYTES];
    crypto_sign_keypair(pk, sk);
    key.public_key.assign(reinterpret_cast<const char*>(pk), sizeof pk);
    key.fingerprint = key_fingerprint(key.public_key);
    key.secret_file = "keys/" + key.fingerprint + ".secret";
    key.created_at = utc_now_iso();
    const fs::path secret_path = ws.root() / key.secret_file;
    Status written = write_secret_file(secret_path, sk, sizeof sk);
    sodium_memzero(sk, sizeof sk);
    if (!written) return written.take_error();
    try {
      SQLite::Statement ins(ws.db(),
                            "INSERT INTO signing_keys(fingerprint, org, public_key, secret_file, "
                            "created_at) VALUES (?,?,?,?,?)");
      SQLite::bind(ins, key.fingerprint, key.org, to_hex(key.public_key), key.secret_file,
                   key.created_at);
      ins.exec();
    } catch (const SQLite::Exception&) {
      std::error_code ec;
      fs::remove(secret_path, ec);
      throw;
    }
    return key;
  } catch (const SQLite::Exception& e) {
    return catalog(ws, e);
  }
}

Result<std::vector<OwnKey>> list_signing_keys(store::Workspace& ws) {
  try {
    std::vector<OwnKey> out;
    SQLite::Statement q(ws.db(),
                        std::string(kOwnKeys) + "ORDER BY k.org, k.created_at DESC, k.rowid DESC");
    while (q.executeStep()) out.push_back(own_key_from(q));
    return out;
  } catch (const SQLite::Exception& e) {
    return catalog(ws, e);
  }
}

Result<std::vector<TrustedKey>> list_trusted_keys(store::Workspace& ws) {
  try {
    std::vector<TrustedKey> out;
    SQLite::Statement q(ws.db(),
                        "SELECT fingerprint, org, name, public_key, trusted_at FROM trusted_keys "
                        "ORDER BY org, trusted_at, rowid");
    while (q.executeStep()) {
      TrustedKey k;
      k.fingerprint = q.getColumn(0).getString();
      k.org = q.getColumn(1).getString();
      k.name = q.getColumn(2).getString();
      k.public_key = from_hex(q.getColumn(3).getString()).value_or("");
      k.trusted_at = q.getColumn(4).getString();
      out.push_back(std::move(k));
    }
    return out;
  } catch (const SQLite::Exception& e) {
    return catalog(ws, e);
  }
}

Result<OwnKey> signing_key_for(store::Workspace& ws, const std::string& org) {
  auto keys = list_signing_keys(ws);
  if (!keys) return keys.take_error();
  const std::string create = fmt::format("shanhai key create {} --org {}", ws.root().string(),
                                         org.empty() ? "单位编码" : org);
  if (org.empty()) {
    std::vector<std::string> orgs;
    for (const OwnKey& k : keys.value()) {
      if (std::find(orgs.begin(), orgs.end(), k.org) == orgs.end()) orgs.push_back(k.org);
    }
    if (orgs.empty()) {
      return Error("key.none",
                   fmt::format("本工作区还没有签名密钥，导出模型前请先创建：{}", create),
                   fmt::format("this workspace has no signing key; create one before exporting: "
                               "shanhai key create {} --org CODE",
                               ws.root().string()));
    }
    if (orgs.size() > 1) {
      std::string list;
      for (const std::string& o : orgs) list += (list.empty() ? "" : ", ") + o;
      return Error("key.choose_org",
                   fmt::format("多个单位有签名密钥（{}），请用 --org 指定签名单位", list),
                   fmt::format("several organisations have signing keys ({}); choose one with "
                               "--org",
                               list));
    }
    return keys.value().front();
  }
  for (const OwnKey& k : keys.value()) {
    if (k.org == org) return k;  // newest first
  }
  return Error("key.none",
               fmt::format("单位“{}”还没有签名密钥，导出模型前请先创建：{}", org, create),
               fmt::format("organisation \"{}\" has no signing key; create one before exporting: "
                           "shanhai key create {} --org {}",
                           org, ws.root().string(), org),
               Location::of_value(org));
}

Result<std::string> sign_detached(store::Workspace& ws, const OwnKey& key,
                                  std::string_view message) {
  ensure_sodium();
  const fs::path path = ws.root() / key.secret_file;
  std::ifstream in(path);
  std::string hex;
  in >> hex;
  std::optional<std::string> secret = from_hex(hex);
  unsigned char derived[crypto_sign_PUBLICKEYBYTES];
  const bool usable =
      secret && secret->size() == crypto_sign_SECRETKEYBYTES &&
      crypto_sign_ed25519_sk_to_pk(derived,
                                   reinterpret_cast<const unsigned char*>(secret->data())) == 0 &&
      std::string_view(reinterpret_cast<const char*>(derived), sizeof derived) == key.public_key;
  if (!usable) {
    if (secret) sodium_memzero(secret->data(), secret->size());
    return Error("key.secret_missing",
                 fmt::format("单位“{}”的签名私钥文件缺失、无法读取或与公钥不符", key.org),
                 fmt::format("the secret key file of organisation \"{}\" is missing, unreadable or "
                             "does not match its public key",
                             key.org),
                 Location::in_file(path.string()));
  }
  unsigned char sig[crypto_sign_BYTES];
  crypto_sign_detached(sig, nullptr, reinterpret_cast<const unsigned char*>(message.data()),
                       message.size(), reinterpret_cast<const unsigned char*>(secret->data()));
  sodium_memzero(secret->data(), secret->size());
  return std::string(reinterpret_cast<const char*>(sig), sizeof sig);
}

bool verify_detached(std::string_view public_key, std::string_view message,
                     std::string_view signature) {
  ensure_sodium();
  if (public_key.size() != crypto_sign_PUBLICKEYBYTES || signature.size() != crypto_sign_BYTES) {
    return false;
  }
  return crypto_sign_verify_detached(
             reinterpret_cast<const unsigned char*>(signature.data()),
             reinterpret_cast<const unsigned char*>(message.data()), message.size(),
             reinterpret_cast<const unsigned char*>(public_key.data())) == 0;
}

std::string public_key_file_text(const PublicKeyFile& key) {
  const nlohmann::ordered_json j = {{"format", kKeyFormat},
                                    {"algorithm", "ed25519"},
                                    {"org", key.org},
                                    {"name", key.name},
                                    {"public_key", to_hex(key.public_key)},
                                    {"fingerprint", key_fingerprint(key.public_key)}};
  return j.dump(2) + "\n";
}

Result<PublicKeyFile> parse_public_key(std::string_view text, const std::string& origin) {
  auto bad = [&](std::string zh, std::string en) {
    return Error("key.bad_public_key", "公钥无效：" + zh, "not a valid public key: " + en,
                 Location::in_file(origin));
  };
  std::string trimmed(text);
  while (!trimmed.empty() && std::isspace(static_cast<unsigned char>(trimmed.back()))) {
    trimmed.pop_back();
  }
  while (!trimmed.empty() && std::isspace(static_cast<unsigned char>(trimmed.front()))) {
    trimmed.erase(0, 1);
  }
  PublicKeyFile key;
  std::string hex = trimmed;
  std::string fingerprint;
  if (!trimmed.empty() && trimmed.front() == '{') {
    const nlohmann::json j = nlohmann::json::parse(trimmed, nullptr, false);
    if (j.is_discarded() || !j.is_object() || j.value("format", "") != kKeyFormat) {
      return bad("不是山海公钥文件", "not a Shanhai public key file");
    }
    if (j.value("algorithm", "") != "ed25519") {
      return bad("只支持 ed25519 密钥", "only ed25519 keys are supported");
    }
    key.org = j.value("org", "");
    key.name = j.value("name", "");
    hex = j.value("public_key", "");
    fingerprint = j.value("fingerprint", "");
  }
  std::optional<std::string> raw = from_hex(hex);
  if (!raw || raw->size() != crypto_sign_PUBLICKEYBYTES) {
    return bad("公钥须为 64 位十六进制数字", "a public key is 64 hex digits");
  }
  key.public_key = std::move(*raw);
  if (!fingerprint.empty() && fingerprint != key_fingerprint(key.public_key)) {
    return bad("文件所记指纹与公钥不符（文件已损坏或被改动）",
               "the file's fingerprint does not match its key (corrupt or altered)");
  }
  return key;
}

Result<TrustedKey> trust_key(store::Workspace& ws, const std::string& public_key,
                             const std::string& org, const std::string& name) {
  if (!valid_org_code(org)) {
    return Error("key.bad_org", "单位编码须为 1–32 个字母、数字、- 或 _",
                 "an organisation code is 1-32 letters, digits, '-' or '_'",
                 Location::of_value(org));
  }
  if (name.empty()) {
    return Error("key.bad_name", "请用 --name 给出该单位的名称",
                 "give the organisation's name with --name");
  }
  TrustedKey key{key_fingerprint(public_key), org, name, public_key, utc_now_iso()};
  auto known = known_key(ws, key.fingerprint);
  if (!known) return known.take_error();
  if (known.value()) {
    const KnownKey& k = *known.value();
    Location where = Location::of_value(short_fingerprint(key.fingerprint));
    if (k.own) {
      return Error("key.own", fmt::format("这是本工作区单位“{}”自己的密钥，无需信任", k.org),
                   fmt::format("this is the own key of organisation \"{}\" of this workspace; it "
                               "needs no trust",
                               k.org),
                   where);
    }
    return Error(
        "key.exists", fmt::format("该公钥已作为单位“{}”（{}）的密钥受信任", k.name, k.org),
        fmt::format("this public key is already trusted as the key of \"{}\" ({})", k.name, k.org),
        where);
  }
  try {
    SQLite::Statement ins(ws.db(),
                          "INSERT INTO trusted_keys(fingerprint, org, name, public_key, "
                          "trusted_at) VALUES (?,?,?,?,?)");
    SQLite::bind(ins, key.fingerprint, key.org, key.name, to_hex(key.public_key), key.trusted_at);
    ins.exec();
    return key;
  } catch (const SQLite::Exception& e) {
    return catalog(ws, e);
  }
}

Result<std::optional<KnownKey>> known_key(store::Workspace& ws, const std::string& fingerprint) {
  try {
    SQLite::Statement own(ws.db(), std::string(kOwnKeys) + "WHERE k.fingerprint = ?");
    own.bind(1, fingerprint);
    if (own.executeStep()) {
      const OwnKey k = own_key_from(own);
      return std::optional<KnownKey>(
          KnownKey{k.org, k.org_name.empty() ? k.org : k.org_name, true});
    }
    SQLite::Statement trusted(ws.db(), "SELECT org, name FROM trusted_keys WHERE fingerprint = ?");
    trusted.bind(1, fingerprint);
    if (trusted.executeStep()) {
      return std::optional<KnownKey>(
          KnownKey{trusted.getColumn(0).getString(), trusted.getColumn(1).getString(), false});
    }
    return std::optional<KnownKey>();
  } catch (const SQLite::Exception& e) {
    return catalog(ws, e);
  }
}

}  // namespace shanhai::package
