#pragma once
// Reading and writing a package's zip (libzip) as a list of named byte strings. Packages are
// small (a spec, a README and sample files); they are read whole into memory, with limits so
// that a hostile archive cannot exhaust it.

#include <filesystem>
#include <string>
#include <vector>

#include "common/error.h"

namespace shanhai::package {

struct ZipEntry {
  std::string name;  // as stored; a folder entry ends with '/' and has no bytes
  std::string bytes;
};

inline constexpr uint64_t kMaxEntryBytes = 256ull << 20;     // one file
inline constexpr uint64_t kMaxPackageBytes = 1024ull << 20;  // all files together

// Every entry of the zip at `file`, in archive order. Errors: "package.unreadable" (missing,
// not a zip, truncated, a damaged entry), "package.too_large", "package.duplicate_entry".
Result<std::vector<ZipEntry>> read_zip(const std::filesystem::path& file);

// Writes the entries (deflated) to `file`, replacing it only when the whole archive is written
// (libzip writes a temporary file and renames it). Error "package.write".
Status write_zip(const std::filesystem::path& file, const std::vector<ZipEntry>& entries);

}  // namespace shanhai::package
