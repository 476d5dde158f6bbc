#pragma once
// Making model folders and altering model packages for tests: a copy of a built-in model with
// another version, and a package rewritten with its entries edited (a flipped byte, an extra
// file, a file taken out) the way someone tampering with it would.

#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "package/zip_entries.h"

namespace shanhai::testing {

// Copies models/<id>/ of the source tree to `to` with its spec's version line set to `version`.
inline std::filesystem::path copy_builtin_model(const std::string& id,
                                                const std::filesystem::path& to,
                                                const std::string& version) {
  namespace fs = std::filesystem;
  fs::copy(fs::path(SHANHAI_SOURCE_DIR) / "models" / id, to, fs::copy_options::recursive);
  std::ifstream in(to / "model.yaml");
  std::string text((std::istreambuf_iterator<char>(in)), {});
  in.close();
  const size_t at = text.find("\nversion: ") + 1;
  text.replace(at, text.find('\n', at) - at, "version: " + version);
  std::ofstream(to / "model.yaml", std::ios::trunc) << text;
  return to;
}

inline package::ZipEntry& zip_entry(std::vector<package::ZipEntry>& entries,
                                    const std::string& name) {
  for (auto& e : entries) {
    if (e.name == name) return e;
  }
  throw std::runtime_error("no entry " + name);
}

// Flips the lowest bit of the byte just after the first occurrence of `after` (of byte
// `offset` when `after` is empty): "\"created\": \"2" makes the year's next digit another
// digit, so the file stays well-formed and only its content changes.
inline void flip_byte(std::string& bytes, const std::string& after = {}, size_t offset = 0) {
  const size_t found = after.empty() ? offset : bytes.find(after);
  const size_t at = after.empty() || found == std::string::npos ? found : found + after.size();
  if (at == std::string::npos || at >= bytes.size()) throw std::runtime_error("nothing to flip");
  bytes[at] = static_cast<char>(bytes[at] ^ 0x01);
}

// Writes a copy of the package `from` to `to` with `edit` applied to its entries.
inline std::filesystem::path edited_package(
    const std::filesystem::path& from, const std::filesystem::path& to,
    const std::function<void(std::vector<package::ZipEntry>&)>& edit) {
  auto entries = package::read_zip(from);
  if (!entries.ok()) throw std::runtime_error(entries.error().message());
  edit(entries.value());
  if (!package::write_zip(to, entries.value()).ok()) throw std::runtime_error("cannot write");
  return to;
}

}  // namespace shanhai::testing
