#include "package/zip_entries.h"

#include <zip.h>

#include <set>

#include <fmt/format.h>

namespace shanhai::package {

namespace fs = std::filesystem;

namespace {

Error unreadable(const fs::path& file, const std::string& detail) {
  return Error(
      "package.unreadable",
      fmt::format("无法读取模型包（不是 zip 文件、文件不完整或已损坏）：{}", detail),
      fmt::format("cannot read the package (not a zip file, truncated or damaged): {}", detail),
      Location::in_file(file.string()));
}

Error write_error(const fs::path& file, const std::string& detail) {
  return Error("package.write", fmt::format("无法写入模型包：{}", detail),
               fmt::format("cannot write the package: {}", detail),
               Location::in_file(file.string()));
}

// libzip's description of an error code from zip_open.
std::string open_error(int code) {
  zip_error_t e;
  zip_error_init_with_code(&e, code);
  std::string detail = zip_error_strerror(&e);
  zip_error_fini(&e);
  return detail;
}

// Reads one entry whose stat says `size` bytes; a different actual length is damage.
Result<std::string> read_entry(zip_t* z, zip_uint64_t index, zip_uint64_t size,
                               const fs::path& file, const std::string& name) {
  zip_file_t* f = zip_fopen_index(z, index, 0);
  if (f == nullptr) return unreadable(file, fmt::format("{}: {}", name, zip_strerror(z)));
  std::string bytes(size, '\0');
  zip_uint64_t done = 0;
  while (done < size) {
    const zip_int64_t n = zip_fread(f, bytes.data() + done, size - done);
    if (n <= 0) break;
    done += static_cast<zip_uint64_t>(n);
  }
  char extra = 0;
  const zip_int64_t more = done == size ? zip_fread(f, &extra, 1) : -1;
  const std::string error = zip_file_strerror(f);
  zip_fclose(f);
  if (done != size || more != 0) return unreadable(file, fmt::format("{}: {}", name, error));
  return bytes;
}

}  // namespace

Result<std::vector<ZipEntry>> read_zip(const fs::path& file) {
  // libzip opens an empty file as an empty archive; for a package it is a truncated one.
  std::error_code ec;
  if (!fs::is_regular_file(file, ec) || fs::file_size(file, ec) == 0) {
    return unreadable(file, fs::exists(file, ec) ? "空文件 empty file" : "文件不存在 no such file");
  }
  int err = 0;
  zip_t* z = zip_open(file.c_str(), ZIP_RDONLY | ZIP_CHECKCONS, &err);
  if (z == nullptr) return unreadable(file, open_error(err));
  std::vector<ZipEntry> entries;
  std::set<std::string> names;
  uint64_t total = 0;
  const zip_int64_t count = zip_get_num_entries(z, 0);
  for (zip_int64_t i = 0; i < count; ++i) {
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(z, static_cast<zip_uint64_t>(i), 0, &st) != 0 ||
        !(st.valid & ZIP_STAT_NAME) || !(st.valid & ZIP_STAT_SIZE)) {
      const std::string detail = zip_strerror(z);
      zip_discard(z);
      return unreadable(file, detail);
    }
    const std::string name = st.name;
    total += st.size;
    if (st.size > kMaxEntryBytes || total > kMaxPackageBytes) {
      zip_discard(z);
      Location where = Location::in_file(file.string());
      where.value = name;
      return Error("package.too_large",
                   fmt::format("模型包过大（单个文件至多 {} MiB，合计至多 {} MiB）",
                               kMaxEntryBytes >> 20, kMaxPackageBytes >> 20),
                   fmt::format("the package is too large (at most {} MiB a file, {} MiB in all)",
                               kMaxEntryBytes >> 20, kMaxPackageBytes >> 20),
                   where);
    }
    if (!names.insert(name).second) {
      zip_discard(z);
      Location where = Location::in_file(file.string());
      where.value = name;
      return Error("package.duplicate_entry", "模型包中同一文件出现两次",
                   "the package holds the same file twice", where);
    }
    auto bytes = read_entry(z, static_cast<zip_uint64_t>(i), st.size, file, name);
    if (!bytes) {
      zip_discard(z);
      return bytes.take_error();
    }
    entries.push_back({name, std::move(bytes.value())});
  }
  zip_discard(z);
  return entries;
}

Status write_zip(const fs::path& file, const std::vector<ZipEntry>& entries) {
  int err = 0;
  zip_t* z = zip_open(file.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
  if (z == nullptr) return write_error(file, open_error(err));
  for (const ZipEntry& entry : entries) {
    zip_source_t* src = zip_source_buffer(z, entry.bytes.data(), entry.bytes.size(), 0);
    if (src == nullptr ||
        zip_file_add(z, entry.name.c_str(), src, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE) < 0) {
      const std::string detail = zip_strerror(z);
      if (src != nullptr) zip_source_free(src);
      zip_discard(z);
      return write_error(file, detail);
    }
  }
  if (zip_close(z) != 0) {
    const std::string detail = zip_strerror(z);
    zip_discard(z);
    return write_error(file, detail);
  }
  return Status::Ok();
}

}  // namespace shanhai::package
