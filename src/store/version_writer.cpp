#include "store/version_writer.h"

#include "common/clock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <random>

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <SQLiteCpp/VariadicBind.h>
#include <fmt/format.h>

#include "common/utf8.h"

namespace shanhai::store {

namespace fs = std::filesystem;

namespace {

Error store_error(std::string zh, std::string en, const fs::path& path = {}) {
  Location where;
  where.file = path.string();
  return Error("store.write", std::move(zh), std::move(en), where);
}

std::string random_id() {
  std::random_device rd;
  return fmt::format("{:x}-{:08x}{:08x}", ::getpid(), rd(), rd());
}

nlohmann::json manifest_json(const std::string& dataset, int64_t version,
                             const std::string& created_at, const VersionManifest& m,
                             const std::vector<FileDigest>& digests) {
  nlohmann::json columns = nlohmann::json::array();
  for (size_t i = 0; i < m.columns.size(); ++i) {
    const auto& c = m.columns[i];
    columns.push_back({{"ordinal", i},
                       {"name", c.name},
                       {"type", c.type},
                       {"element", c.element},
                       {"rejected", c.rejected},
                       {"invalid", c.invalid}});
  }
  nlohmann::json files = nlohmann::json::object();
  for (const auto& d : digests) files[d.name] = {{"bytes", d.bytes}, {"xxh3", d.xxh3}};
  return {{"format", 1},
          {"dataset", dataset},
          {"version", version},
          {"created_at", created_at},
          {"source",
           {{"file", m.source_file},
            {"format", m.source_format},
            {"sheet", m.source_sheet},
            {"encoding", m.encoding},
            {"header_row", m.header_row}}},
          {"row_count", m.row_count},
          {"rejected_cells", m.rejected_cells},
          {"invalid_cells", m.invalid_cells},
          {"ragged_rows", m.ragged_rows},
          {"columns", columns},
          {"files", files},
          {"report", m.report}};
}

}  // namespace

Status validate_dataset_name(const std::string& name) {
  Location where;
  where.value = name;
  const size_t chars = utf8_length(name);
  bool bad =
      name.empty() || chars > 64 || name.front() == '.' || utf8_first_invalid(name) != name.size();
  for (unsigned char c : name) {
    if (c < 0x20 || c == 0x7f || c == '/' || c == '\\') bad = true;
  }
  if (bad) {
    return Error("dataset.bad_name",
                 "数据集名称无效：须为 1–64 个字符，不能含 / \\ 或控制字符，不能以 . 开头",
                 "invalid dataset name: 1-64 characters, no / \\ or control characters, not "
                 "starting with '.'",
                 where);
  }
  return Status::Ok();
}

Result<std::unique_ptr<VersionWriter>> VersionWriter::start(Workspace& ws, std::string dataset) {
  SHANHAI_TRY(validate_dataset_name(dataset));
  auto w = std::unique_ptr<VersionWriter>(new VersionWriter(ws, std::move(dataset)));
  std::error_code ec;
  fs::create_directories(ws.temp_dir(), ec);
  if (ec) {
    return store_error(fmt::format("无法创建临时目录：{}", ec.message()),
                       fmt::format("cannot create the temporary directory: {}", ec.message()),
                       ws.temp_dir());
  }
  const std::string id = random_id();
  w->lock_path_ = ws.temp_dir() / (id + ".lock");
  w->lock_fd_ = ::open(w->lock_path_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (w->lock_fd_ < 0 || ::flock(w->lock_fd_, LOCK_EX) != 0) {
    return store_error("无法锁定临时目录", "cannot lock the temporary directory", w->lock_path_);
  }
  w->dir_ = ws.temp_dir() / id;
  fs::create_directory(w->dir_, ec);
  if (ec) {
    return store_error(fmt::format("无法创建临时目录：{}", ec.message()),
                       fmt::format("cannot create the temporary directory: {}", ec.message()),
                       w->dir_);
  }
  return w;
}

VersionWriter::~VersionWriter() {
  std::error_code ec;
  if (!committed_ && !dir_.empty()) fs::remove_all(dir_, ec);
  if (lock_fd_ >= 0) {
    fs::remove(lock_path_, ec);
    ::close(lock_fd_);
  }
}

void VersionWriter::add_files(const std::vector<FileDigest>& digests) {
  digests_.insert(digests_.end(), digests.begin(), digests.end());
}

Result<CommittedVersion> VersionWriter::commit(const VersionManifest& m) {
  auto all = commit_all({{this, &m}});
  if (!all) return all.take_error();
  return std::move(all.value().front());
}

Result<std::vector<CommittedVersion>> VersionWriter::commit_all(
    const std::vector<std::pair<VersionWriter*, const VersionManifest*>>& versions) {
  std::vector<CommittedVersion> out;
  if (versions.empty()) return out;
  Workspace& ws = versions.front().first->ws_;
  for (size_t i = 0; i < versions.size(); ++i) {
    for (size_t j = 0; j < i; ++j) {
      if (versions[j].first->dataset_ != versions[i].first->dataset_) continue;
      Location where;
      where.value = versions[i].first->dataset_;
      return Error("store.write", "同一次提交中两次写入同一数据集",
                   "the same dataset is written twice in one commit", where);
    }
  }
  const std::string created_at = utc_now_iso();
  // (writer, where its directory went) for every version renamed so far, to move back on error.
  std::vector<std::pair<VersionWriter*, fs::path>> renamed;
  auto move_back = [&renamed] {
    std::error_code ec;
    for (auto& [w, target] : renamed) fs::rename(target, w->dir_, ec);
  };
  try {
    SQLite::Transaction tx(ws.db(), SQLite::TransactionBehavior::IMMEDIATE);
    for (const auto& [writer, manifest] : versions) {
      fs::path target;
      auto committed = writer->commit_in_transaction(*manifest, created_at, &target);
      if (!target.empty()) renamed.emplace_back(writer, target);
      if (!committed) {
        move_back();
        return committed.take_error();
      }
      out.push_back(std::move(committed.value()));
    }
    tx.commit();
  } catch (const SQLite::Exception& e) {
    move_back();
    return store_error(fmt::format("无法在工作区目录中登记新版本：{}", e.what()),
                       fmt::format("cannot record the version in the catalog: {}", e.what()),
                       ws.root() / "catalog.db");
  }
  for (const auto& [writer, manifest] : versions) writer->committed_ = true;
  return out;
}

Result<CommittedVersion> VersionWriter::commit_in_transaction(const VersionManifest& m,
                                                              const std::string& created_at,
                                                              fs::path* renamed_to) {
  SQLite::Database& db = ws_.db();
  const fs::path dataset_dir = ws_.data_dir() / dataset_;
  int64_t dataset_id;
  {
    SQLite::Statement q(db, "SELECT id FROM datasets WHERE name = ?");
    q.bind(1, dataset_);
    if (q.executeStep()) {
      dataset_id = q.getColumn(0).getInt64();
    } else {
      SQLite::Statement ins(db, "INSERT INTO datasets(name, created_at) VALUES (?, ?)");
      SQLite::bind(ins, dataset_, created_at);
      ins.exec();
      dataset_id = db.getLastInsertRowid();
    }
  }
  SQLite::Statement vq(db,
                       "SELECT COALESCE(MAX(version), 0) + 1 FROM dataset_versions "
                       "WHERE dataset_id = ?");
  vq.bind(1, dataset_id);
  vq.executeStep();
  const int64_t version = vq.getColumn(0).getInt64();

  // The manifest names the version, so it is written now, under the write lock.
  auto mf = FileWriter::create(dir_ / "manifest.json");
  if (!mf) return mf.take_error();
  SHANHAI_TRY(mf.value()->write(manifest_json(dataset_, version, created_at, m, digests_).dump(2)));
  auto mdigest = mf.value()->close();
  if (!mdigest) return mdigest.take_error();
  SHANHAI_TRY(sync_directory(dir_));

  std::error_code ec;
  fs::create_directories(dataset_dir, ec);
  const fs::path target = dataset_dir / std::to_string(version);
  // A directory at the target that the catalog does not list was left by a process killed
  // between rename and commit: it was never visible, so it is replaced.
  if (fs::exists(target, ec)) fs::remove_all(target, ec);
  fs::rename(dir_, target, ec);
  if (ec) {
    return store_error(fmt::format("无法将新版本移入位置：{}", ec.message()),
                       fmt::format("cannot move the new version into place: {}", ec.message()),
                       target);
  }
  *renamed_to = target;
  SHANHAI_TRY(sync_directory(dataset_dir));

  SQLite::Statement ins(db,
                        "INSERT INTO dataset_versions(dataset_id, version, created_at, dir, "
                        "source_file, source_format, source_sheet, encoding, header_row, "
                        "row_count, rejected_cells, invalid_cells, ragged_rows, manifest_xxh3) "
                        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
  SQLite::bind(ins, dataset_id, version, created_at, fs::relative(target, ws_.root()).string(),
               m.source_file, m.source_format, m.source_sheet, m.encoding, m.header_row,
               m.row_count, m.rejected_cells, m.invalid_cells, m.ragged_rows, mdigest.value().xxh3);
  ins.exec();
  const int64_t version_id = db.getLastInsertRowid();
  SQLite::Statement col(db,
                        "INSERT INTO dataset_columns(version_id, ordinal, name, type, element, "
                        "rejected, invalid) VALUES (?,?,?,?,?,?,?)");
  for (size_t i = 0; i < m.columns.size(); ++i) {
    const auto& c = m.columns[i];
    SQLite::bind(col, version_id, static_cast<int64_t>(i), c.name, c.type, c.element, c.rejected,
                 c.invalid);
    col.exec();
    col.reset();
  }
  return CommittedVersion{dataset_, version, target};
}

}  // namespace shanhai::store
