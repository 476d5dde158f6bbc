#include "store/dataset_version.h"

#include <fstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace shanhai::store {

namespace fs = std::filesystem;

namespace {

Error corrupt(const fs::path& file, std::string zh, std::string en) {
  Location where;
  where.file = file.string();
  return Error("store.corrupt", std::move(zh), std::move(en), where);
}

}  // namespace

Result<DatasetVersion> DatasetVersion::open(const Workspace& ws, VersionInfo info) {
  DatasetVersion v;
  v.dir_ = ws.root() / info.dir;
  v.info_ = std::move(info);
  std::error_code ec;
  if (!fs::is_regular_file(v.dir_ / kManifestFile, ec)) {
    return corrupt(v.dir_, "数据集版本目录缺失或不完整",
                   "the dataset version directory is missing");
  }
  return v;
}

Status DatasetVersion::verify() const {
  const fs::path manifest_path = dir_ / kManifestFile;
  auto sum = file_xxh3(manifest_path);
  if (!sum) return sum.take_error();
  if (sum.value() != info_.manifest_xxh3) {
    return corrupt(manifest_path, "清单文件校验和不符，数据可能已损坏",
                   "manifest checksum mismatch: the data may be corrupt");
  }
  nlohmann::json manifest;
  try {
    std::ifstream in(manifest_path);
    manifest = nlohmann::json::parse(in);
  } catch (const std::exception& e) {
    return corrupt(manifest_path, fmt::format("清单文件无法解析：{}", e.what()),
                   fmt::format("cannot parse the manifest: {}", e.what()));
  }
  for (const auto& [name, digest] : manifest.at("files").items()) {
    const fs::path p = dir_ / name;
    std::error_code ec;
    const auto size = fs::file_size(p, ec);
    if (ec || size != digest.at("bytes").get<uint64_t>()) {
      return corrupt(p, "数据文件缺失或大小不符", "data file missing or of the wrong size");
    }
    auto s = file_xxh3(p);
    if (!s) return s.take_error();
    if (s.value() != digest.at("xxh3").get<std::string>()) {
      return corrupt(p, "数据文件校验和不符，数据已损坏", "data file checksum mismatch: corrupt");
    }
  }
  return Status::Ok();
}

Result<StringColumnReader> DatasetVersion::raw(size_t column) const {
  return StringColumnReader::open(dir_, raw_column_file(column));
}

Result<FixedColumnReader<int64_t>> DatasetVersion::row_numbers() const {
  return FixedColumnReader<int64_t>::open(dir_ / kRowNumbersFile);
}

Result<FixedColumnReader<int64_t>> DatasetVersion::int_values(size_t column) const {
  return FixedColumnReader<int64_t>::open(dir_ / int_column_file(column));
}

Result<FixedColumnReader<double>> DatasetVersion::decimal_values(size_t column) const {
  return FixedColumnReader<double>::open(dir_ / decimal_column_file(column));
}

Result<StringColumnReader> DatasetVersion::canonical(size_t column) const {
  return StringColumnReader::open(dir_, canonical_column_file(column));
}

}  // namespace shanhai::store
