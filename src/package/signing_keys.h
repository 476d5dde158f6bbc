#pragma once
// Signing keys for model packages (ed25519, libsodium crypto_sign). An organisation of this
// workspace creates a key pair and signs the models it exports; other workspaces install those
// packages only when they trust its public key. Own keys count as trusted.
//
// Storage: the public half of an own key is in the catalog (signing_keys); the secret half is
// the file keys/<fingerprint>.secret under the workspace, created with mode 0600 in a 0700
// folder, so that a copy or dump of catalog.db cannot sign. Trusted keys are in trusted_keys.
// Keys are named by their fingerprint: the hex SHA-256 of the 32-byte public key.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"
#include "store/workspace.h"

namespace shanhai::package {

// Hex SHA-256 of a raw public key.
std::string key_fingerprint(std::string_view public_key);
// The first 16 hex digits in groups of four ("3f4a 41cf d8cc 457c"), as lists show it.
std::string short_fingerprint(std::string_view fingerprint);

struct OwnKey {
  std::string fingerprint;
  std::string org;
  std::string org_name;     // from organisations
  std::string public_key;   // raw, 32 bytes
  std::string secret_file;  // relative to the workspace root
  std::string created_at;
};

struct TrustedKey {
  std::string fingerprint;
  std::string org;
  std::string name;
  std::string public_key;  // raw, 32 bytes
  std::string trusted_at;
};

// Creates a key pair for `org` (an organisation of this workspace; an organisation may hold
// several, the newest signs). Errors: "org.unknown", "key.write" (the secret file).
Result<OwnKey> create_signing_key(store::Workspace& ws, const std::string& org);

// Own keys by organisation, newest first within one.
Result<std::vector<OwnKey>> list_signing_keys(store::Workspace& ws);
// Trusted keys by organisation, then by when they were trusted.
Result<std::vector<TrustedKey>> list_trusted_keys(store::Workspace& ws);

// The newest own key of `org`; with `org` empty, of the only organisation that has keys.
// Errors: "key.none" (telling the user to run `shanhai key create`), "key.choose_org" (several
// organisations have keys and none was named).
Result<OwnKey> signing_key_for(store::Workspace& ws, const std::string& org);

// The detached signature (64 bytes) of `message` with the key's secret file. Errors
// "key.secret_missing" when the file is missing, unreadable or not the key's.
Result<std::string> sign_detached(store::Workspace& ws, const OwnKey& key,
                                  std::string_view message);
// Whether `signature` is a valid detached signature of `message` by `public_key` (raw).
bool verify_detached(std::string_view public_key, std::string_view message,
                     std::string_view signature);

// A public key as it travels between organisations (`shanhai key export-public`, signer.pub in
// a package): a small JSON document {format: "shanhai-public-key", algorithm: "ed25519", org,
// name, public_key (hex), fingerprint}.
struct PublicKeyFile {
  std::string org;
  std::string name;
  std::string public_key;  // raw, 32 bytes
};
std::string public_key_file_text(const PublicKeyFile& key);
// Parses a public key file, or a bare key of 64 hex digits (org and name then empty). A file's
// fingerprint must match its key. Error "key.bad_public_key" names `origin`.
Result<PublicKeyFile> parse_public_key(std::string_view text, const std::string& origin);

// Trusts another organisation's public key under its code and name. Errors: "key.bad_org"
// (code: letters, digits, '-', '_', at most 32), "key.bad_name" (empty), "key.own" (one of
// this workspace's own keys), "key.exists" (already trusted; the message names under which
// organisation).
Result<TrustedKey> trust_key(store::Workspace& ws, const std::string& public_key,
                             const std::string& org, const std::string& name);

// Whom a key belongs to when the workspace knows it: one of its own keys or a trusted one.
struct KnownKey {
  std::string org;
  std::string name;
  bool own = false;
};
Result<std::optional<KnownKey>> known_key(store::Workspace& ws, const std::string& fingerprint);

}  // namespace shanhai::package
