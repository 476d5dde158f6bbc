#pragma once
// Lower-case hex of bytes and back (libsodium's constant-time codecs).

#include <optional>
#include <string>
#include <string_view>

namespace shanhai::package {

std::string to_hex(std::string_view bytes);
// std::nullopt unless `hex` is an even number of hex digits (either case).
std::optional<std::string> from_hex(std::string_view hex);

}  // namespace shanhai::package
