#pragma once
// Files that hold one column of an immutable dataset version.
//
// A string column is two files: NAME.dat (the UTF-8 bytes of every value, back to back) and
// NAME.off (row_count + 1 little-endian uint64 offsets into .dat). A fixed-width column is one
// file of row_count little-endian values. Every file is written through FileWriter, which
// checksums (XXH3-64) what it writes and fsyncs on close, so a version's manifest can list the
// size and checksum of each file and corruption is detected when the version is verified.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"

namespace shanhai::store {

struct FileDigest {
  std::string name;  // file name inside the version directory
  uint64_t bytes = 0;
  std::string xxh3;  // 16 lower-case hex digits
};

// Buffered, checksumming, append-only file. Not thread-safe; one writer per file.
class FileWriter {
 public:
  // Creates (truncates) path. Errors name the path.
  static Result<std::unique_ptr<FileWriter>> create(const std::filesystem::path& path);
  ~FileWriter();
  FileWriter(const FileWriter&) = delete;
  FileWriter& operator=(const FileWriter&) = delete;

  Status write(const void* data, size_t size);
  Status write(std::string_view s) { return write(s.data(), s.size()); }
  uint64_t bytes_written() const { return bytes_; }
  // Flushes, fsyncs and closes; returns the file's digest. Must be called once before commit.
  Result<FileDigest> close();

 private:
  FileWriter(std::filesystem::path path, int fd);
  Status flush();

  std::filesystem::path path_;
  int fd_ = -1;
  std::vector<char> buffer_;
  size_t used_ = 0;
  uint64_t bytes_ = 0;
  struct HashState;
  std::unique_ptr<HashState> hash_;
};

// Appends strings to NAME.dat / NAME.off.
class StringColumnWriter {
 public:
  static Result<std::unique_ptr<StringColumnWriter>> create(const std::filesystem::path& dir,
                                                            const std::string& name);
  Status append(std::string_view value);
  // Appends `count` empty values (used to back-fill a column added part-way through an import).
  Status append_empty(uint64_t count);
  uint64_t size() const { return rows_; }
  // Closes both files and returns their digests.
  Result<std::vector<FileDigest>> close();

 private:
  std::unique_ptr<FileWriter> data_;
  std::unique_ptr<FileWriter> offsets_;
  uint64_t rows_ = 0;
  // Offsets are batched to keep per-row cost to a store into a small array.
  std::vector<uint64_t> pending_;
  Status flush_offsets();
};

// Appends fixed-width values (int64 or double) to NAME.
template <class T>
class FixedColumnWriter {
 public:
  static Result<std::unique_ptr<FixedColumnWriter>> create(const std::filesystem::path& dir,
                                                           const std::string& name) {
    auto file = FileWriter::create(dir / name);
    if (!file) return file.take_error();
    auto w = std::unique_ptr<FixedColumnWriter>(new FixedColumnWriter());
    w->file_ = std::move(file.value());
    return w;
  }
  Status append(T value) {
    pending_.push_back(value);
    if (pending_.size() == kBatch) return flush();
    return Status::Ok();
  }
  Result<FileDigest> close() {
    SHANHAI_TRY(flush());
    return file_->close();
  }

 private:
  static constexpr size_t kBatch = 8192;
  Status flush() {
    Status s = file_->write(pending_.data(), pending_.size() * sizeof(T));
    pending_.clear();
    return s;
  }
  std::unique_ptr<FileWriter> file_;
  std::vector<T> pending_;
};

// A read-only memory mapping of a whole file. Empty files map to an empty span.
class MappedFile {
 public:
  static Result<std::unique_ptr<MappedFile>> open(const std::filesystem::path& path);
  ~MappedFile();
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  std::string_view bytes() const { return {static_cast<const char*>(data_), size_}; }
  // Drops the pages of the first n bytes from memory (they are read again from the file if
  // touched). For data read once, front to back.
  void release_prefix(size_t n) const;

 private:
  MappedFile() = default;
  void* data_ = nullptr;
  size_t size_ = 0;
};

// Random access to a string column written by StringColumnWriter.
class StringColumnReader {
 public:
  static Result<StringColumnReader> open(const std::filesystem::path& dir, const std::string& name);
  uint64_t size() const { return rows_; }
  std::string_view at(uint64_t row) const {
    return data_->bytes().substr(offsets_[row], offsets_[row + 1] - offsets_[row]);
  }
  // The mapped bytes and the size() + 1 offsets, for readers that use them in place; they stay
  // valid while the returned keep-alive handle (or this reader) exists.
  const char* bytes() const { return data_->bytes().data(); }
  const uint64_t* offsets() const { return offsets_; }
  std::shared_ptr<const void> keep_alive() const {
    return std::make_shared<std::pair<std::shared_ptr<MappedFile>, std::shared_ptr<MappedFile>>>(
        data_, offset_file_);
  }

 private:
  std::shared_ptr<MappedFile> data_;
  std::shared_ptr<MappedFile> offset_file_;
  const uint64_t* offsets_ = nullptr;
  uint64_t rows_ = 0;
};

// Random access to a fixed-width column.
template <class T>
class FixedColumnReader {
 public:
  static Result<FixedColumnReader> open(const std::filesystem::path& path) {
    auto m = MappedFile::open(path);
    if (!m) return m.take_error();
    FixedColumnReader r;
    r.file_ = std::move(m.value());
    r.values_ = reinterpret_cast<const T*>(r.file_->bytes().data());
    r.rows_ = r.file_->bytes().size() / sizeof(T);
    return r;
  }
  uint64_t size() const { return rows_; }
  T at(uint64_t row) const { return values_[row]; }
  std::span<const T> values() const { return {values_, rows_}; }

 private:
  std::shared_ptr<MappedFile> file_;
  const T* values_ = nullptr;
  uint64_t rows_ = 0;
};

// XXH3-64 of a whole file as 16 hex digits.
Result<std::string> file_xxh3(const std::filesystem::path& path);

// fsync a directory so that a rename inside it is durable.
Status sync_directory(const std::filesystem::path& dir);

}  // namespace shanhai::store
