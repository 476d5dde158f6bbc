#pragma once
// Password hashing with argon2id (libsodium's crypto_pwhash_str, interactive limits), and the
// password rules every account follows.

#include <string>
#include <string_view>

#include "common/error.h"

namespace shanhai::access {

// At least 8 and at most 256 bytes. Error "user.weak_password".
Status check_password_rules(std::string_view password);
// The encoded "$argon2id$…" string, salted. Error "crypto.hash" when memory runs out.
Result<std::string> hash_password(std::string_view password);
bool verify_password(const std::string& encoded_hash, std::string_view password);

// A random password of `length` characters from letters and digits that cannot be confused
// (no 0/O, 1/l/I), for demo accounts and resets.
std::string generate_password(size_t length = 14);

// `bytes` random bytes as lower-case hex (libsodium's generator).
std::string random_hex(size_t bytes);
// Lower-case hex SHA-256 of the text.
std::string sha256_hex(std::string_view text);

}  // namespace shanhai::access
