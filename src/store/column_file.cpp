#include "store/column_file.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xxhash.h>

#include <cerrno>
#include <cstring>

#include <fmt/format.h>

namespace shanhai::store {

namespace {

constexpr size_t kBufferSize = 1 << 20;

Error io_error(const std::string& what_zh, const std::string& what_en,
               const std::filesystem::path& path, int err) {
  Location where;
  where.file = path.string();
  return Error("store.io", fmt::format("{}：{}", what_zh, std::strerror(err)),
               fmt::format("{}: {}", what_en, std::strerror(err)), where);
}

std::string hex64(uint64_t v) { return fmt::format("{:016x}", v); }

}  // namespace

struct FileWriter::HashState {
  XXH3_state_t* state = XXH3_createState();
  HashState() { XXH3_64bits_reset(state); }
  ~HashState() { XXH3_freeState(state); }
};

FileWriter::FileWriter(std::filesystem::path path, int fd)
    : path_(std::move(path)), fd_(fd), buffer_(kBufferSize), hash_(std::make_unique<HashState>()) {}

FileWriter::~FileWriter() {
  if (fd_ >= 0) ::close(fd_);
}

Result<std::unique_ptr<FileWriter>> FileWriter::create(const std::filesystem::path& path) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return io_error("无法创建文件", "cannot create file", path, errno);
  return std::unique_ptr<FileWriter>(new FileWriter(path, fd));
}

Status FileWriter::write(const void* data, size_t size) {
  const char* p = static_cast<const char*>(data);
  bytes_ += size;
  if (size <= buffer_.size() - used_) {  // the common case: a small value
    std::memcpy(buffer_.data() + used_, p, size);
    used_ += size;
    return Status::Ok();
  }
  while (size > 0) {
    const size_t n = std::min(size, buffer_.size() - used_);
    std::memcpy(buffer_.data() + used_, p, n);
    used_ += n;
    p += n;
    size -= n;
    if (used_ == buffer_.size()) SHANHAI_TRY(flush());
  }
  return Status::Ok();
}

// Checksums whole buffers rather than each small write: XXH3 is streaming, so the digest is the
// same and per-value overhead disappears.
Status FileWriter::flush() {
  XXH3_64bits_update(hash_->state, buffer_.data(), used_);
  size_t off = 0;
  while (off < used_) {
    const ssize_t n = ::write(fd_, buffer_.data() + off, used_ - off);
    if (n < 0) {
      if (errno == EINTR) continue;
      return io_error("写入文件失败", "write failed", path_, errno);
    }
    off += static_cast<size_t>(n);
  }
  used_ = 0;
  return Status::Ok();
}

Result<FileDigest> FileWriter::close() {
  SHANHAI_TRY(flush());
  if (::fsync(fd_) != 0) return io_error("同步文件失败", "fsync failed", path_, errno);
  if (::close(fd_) != 0) {
    fd_ = -1;
    return io_error("关闭文件失败", "close failed", path_, errno);
  }
  fd_ = -1;
  return FileDigest{path_.filename().string(), bytes_, hex64(XXH3_64bits_digest(hash_->state))};
}

Result<std::unique_ptr<StringColumnWriter>> StringColumnWriter::create(
    const std::filesystem::path& dir, const std::string& name) {
  auto data = FileWriter::create(dir / (name + ".dat"));
  if (!data) return data.take_error();
  auto offsets = FileWriter::create(dir / (name + ".off"));
  if (!offsets) return offsets.take_error();
  auto w = std::make_unique<StringColumnWriter>();
  w->data_ = std::move(data.value());
  w->offsets_ = std::move(offsets.value());
  w->pending_.reserve(8192);
  w->pending_.push_back(0);
  return w;
}

Status StringColumnWriter::flush_offsets() {
  Status s = offsets_->write(pending_.data(), pending_.size() * sizeof(uint64_t));
  pending_.clear();
  return s;
}

Status StringColumnWriter::append(std::string_view value) {
  SHANHAI_TRY(data_->write(value));
  pending_.push_back(data_->bytes_written());
  ++rows_;
  if (pending_.size() >= 8192) return flush_offsets();
  return Status::Ok();
}

Status StringColumnWriter::append_empty(uint64_t count) {
  for (uint64_t i = 0; i < count; ++i) SHANHAI_TRY(append({}));
  return Status::Ok();
}

Result<std::vector<FileDigest>> StringColumnWriter::close() {
  SHANHAI_TRY(flush_offsets());
  auto d = data_->close();
  if (!d) return d.take_error();
  auto o = offsets_->close();
  if (!o) return o.take_error();
  return std::vector<FileDigest>{std::move(d.value()), std::move(o.value())};
}

Result<std::unique_ptr<MappedFile>> MappedFile::open(const std::filesystem::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return io_error("无法打开文件", "cannot open file", path, errno);
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    const int err = errno;
    ::close(fd);
    return io_error("无法读取文件信息", "cannot stat file", path, err);
  }
  auto m = std::unique_ptr<MappedFile>(new MappedFile());
  m->size_ = static_cast<size_t>(st.st_size);
  if (m->size_ > 0) {
    void* p = ::mmap(nullptr, m->size_, PROT_READ, MAP_PRIVATE, fd, 0);
    if (p == MAP_FAILED) {
      const int err = errno;
      ::close(fd);
      return io_error("无法映射文件", "cannot map file", path, err);
    }
    m->data_ = p;
  }
  ::close(fd);
  return m;
}

void MappedFile::release_prefix(size_t n) const {
  const size_t page = static_cast<size_t>(::sysconf(_SC_PAGESIZE));
  n = std::min(n, size_) / page * page;
  if (data_ != nullptr && n > 0) ::madvise(data_, n, MADV_DONTNEED);
}

MappedFile::~MappedFile() {
  if (data_ != nullptr) ::munmap(data_, size_);
}

Result<StringColumnReader> StringColumnReader::open(const std::filesystem::path& dir,
                                                    const std::string& name) {
  auto d = MappedFile::open(dir / (name + ".dat"));
  if (!d) return d.take_error();
  auto o = MappedFile::open(dir / (name + ".off"));
  if (!o) return o.take_error();
  StringColumnReader r;
  r.data_ = std::move(d.value());
  r.offset_file_ = std::move(o.value());
  const size_t n = r.offset_file_->bytes().size() / sizeof(uint64_t);
  if (n == 0) {
    Location where;
    where.file = (dir / (name + ".off")).string();
    return Error("store.corrupt", "列文件已损坏（偏移为空）", "column file is corrupt (no offsets)",
                 where);
  }
  r.offsets_ = reinterpret_cast<const uint64_t*>(r.offset_file_->bytes().data());
  r.rows_ = n - 1;
  if (r.offsets_[r.rows_] != r.data_->bytes().size()) {
    Location where;
    where.file = (dir / (name + ".dat")).string();
    return Error("store.corrupt", "列文件已损坏（长度不符）",
                 "column file is corrupt (size mismatch)", where);
  }
  return r;
}

Result<std::string> file_xxh3(const std::filesystem::path& path) {
  auto m = MappedFile::open(path);
  if (!m) return m.take_error();
  const auto bytes = m.value()->bytes();
  return hex64(XXH3_64bits(bytes.data(), bytes.size()));
}

Status sync_directory(const std::filesystem::path& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return io_error("无法打开目录", "cannot open directory", dir, errno);
  const int rc = ::fsync(fd);
  const int err = errno;
  ::close(fd);
  if (rc != 0) return io_error("同步目录失败", "fsync of directory failed", dir, err);
  return Status::Ok();
}

}  // namespace shanhai::store
