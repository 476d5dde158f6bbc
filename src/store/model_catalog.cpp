#include "store/model_catalog.h"

#include <optional>

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <SQLiteCpp/VariadicBind.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "store/column_file.h"
#include "store/staging_dir.h"

namespace shanhai::store {

namespace fs = std::filesystem;

namespace {

Error exists_error(const ModelRecord& m) {
  Location where = Location::in_file(m.source);
  where.value = m.model_id + " " + m.version;
  return Error(
      "model.exists", fmt::format("模型“{}”的 {} 版已经安装", m.model_id, m.version),
      fmt::format("version {} of model \"{}\" is already installed", m.version, m.model_id), where);
}

bool installed(Workspace& ws, const ModelRecord& m) {
  SQLite::Statement q(ws.db(), "SELECT 1 FROM models WHERE model_id = ? AND version = ?");
  SQLite::bind(q, m.model_id, m.version);
  return q.executeStep();
}

}  // namespace

Status add_model(Workspace& ws, const ModelRecord& m, const std::vector<ModelFile>& files) {
  std::unique_ptr<StagingDir> staging;
  fs::path target;
  std::string files_dir;
  bool renamed = false;
  try {
    if (installed(ws, m)) return exists_error(m);
    if (!files.empty()) {
      auto s = StagingDir::create(ws);
      if (!s) return s.take_error();
      staging = std::move(s.value());
      for (const ModelFile& f : files) SHANHAI_TRY(staging->write_file(f.path, f.bytes));
      SHANHAI_TRY(sync_directory(staging->path()));
    }
    SQLite::Transaction tx(ws.db(), SQLite::TransactionBehavior::IMMEDIATE);
    if (installed(ws, m)) return exists_error(m);  // installed meanwhile by another process
    if (staging) {
      const fs::path parent = ws.root() / "models" / m.model_id;
      target = parent / m.version;
      files_dir = fs::relative(target, ws.root()).string();
      std::error_code ec;
      fs::create_directories(parent, ec);
      // A folder the catalog does not list was left by a process killed between rename and
      // commit: it was never visible, so it is replaced.
      if (fs::exists(target, ec)) fs::remove_all(target, ec);
      fs::rename(staging->path(), target, ec);
      if (ec) {
        return Error("store.write", fmt::format("无法将模型文件移入位置：{}", ec.message()),
                     fmt::format("cannot move the model's files into place: {}", ec.message()),
                     Location::in_file(target.string()));
      }
      renamed = true;
      staging->release();
      SHANHAI_TRY(sync_directory(parent));
    }
    SQLite::Statement ins(ws.db(),
                          "INSERT INTO models(model_id, version, name, category, author_org, "
                          "legal_basis, description, spec, readme, source, builtin, installed_at, "
                          "status, self_test, signer, signer_org, files_dir) "
                          "VALUES (?,?,?,?,?,?,?,?,?,?,?, strftime('%Y-%m-%dT%H:%M:%SZ','now'), "
                          "?,?,?,?,?)");
    SQLite::bind(ins, m.model_id, m.version, m.name, m.category, m.author_org,
                 nlohmann::json(m.legal_basis).dump(), m.description, m.spec, m.readme, m.source,
                 m.builtin ? 1 : 0, m.status, m.self_test, m.signer, m.signer_org, files_dir);
    ins.exec();
    tx.commit();
    return Status::Ok();
  } catch (const SQLite::Exception& e) {
    std::error_code ec;
    if (renamed) fs::remove_all(target, ec);
    return ws.catalog_error("catalog.models", "登记模型失败", "cannot record the model", e);
  }
}

Result<std::vector<ModelRecord>> list_models(Workspace& ws) {
  try {
    std::vector<ModelRecord> out;
    SQLite::Statement q(ws.db(),
                        "SELECT model_id, version, name, category, author_org, legal_basis, "
                        "description, spec, readme, source, builtin, installed_at, status, "
                        "self_test, signer, signer_org, files_dir FROM models "
                        "ORDER BY model_id, id");
    while (q.executeStep()) {
      ModelRecord m;
      m.model_id = q.getColumn(0).getString();
      m.version = q.getColumn(1).getString();
      m.name = q.getColumn(2).getString();
      m.category = q.getColumn(3).getString();
      m.author_org = q.getColumn(4).getString();
      m.legal_basis =
          nlohmann::json::parse(q.getColumn(5).getString()).get<std::vector<std::string>>();
      m.description = q.getColumn(6).getString();
      m.spec = q.getColumn(7).getString();
      m.readme = q.getColumn(8).getString();
      m.source = q.getColumn(9).getString();
      m.builtin = q.getColumn(10).getInt() != 0;
      m.installed_at = q.getColumn(11).getString();
      m.status = q.getColumn(12).getString();
      m.self_test = q.getColumn(13).getString();
      m.signer = q.getColumn(14).getString();
      m.signer_org = q.getColumn(15).getString();
      m.files_dir = q.getColumn(16).getString();
      out.push_back(std::move(m));
    }
    return out;
  } catch (const std::exception& e) {
    return ws.catalog_error("catalog.models", "读取已安装模型失败",
                            "cannot read the installed models", e);
  }
}

Result<ModelRecord> find_model(Workspace& ws, const std::string& model_id,
                               const std::string& version) {
  auto all = list_models(ws);
  if (!all) return all.take_error();
  std::optional<ModelRecord> found;
  bool any = false;
  for (auto& m : all.value()) {
    if (m.model_id != model_id) continue;
    any = true;
    if (version.empty() || m.version == version) found = std::move(m);
  }
  if (!any) {
    return Error("model.not_found", fmt::format("没有安装模型“{}”", model_id),
                 fmt::format("model \"{}\" is not installed", model_id),
                 Location::of_value(model_id));
  }
  if (!found) {
    return Error("model_version.not_found",
                 fmt::format("模型“{}”没有安装 {} 版", model_id, version),
                 fmt::format("version {} of model \"{}\" is not installed", version, model_id),
                 Location::of_value(version));
  }
  return std::move(*found);
}

nlohmann::json model_json(const ModelRecord& m) {
  nlohmann::json self_test = nullptr;
  if (!m.self_test.empty()) {
    self_test = nlohmann::json::parse(m.self_test, nullptr, false);
    if (self_test.is_discarded()) self_test = nullptr;
  }
  nlohmann::json signer = nullptr;
  if (!m.signer.empty()) signer = {{"org", m.signer_org}, {"fingerprint", m.signer}};
  return {{"id", m.model_id},
          {"version", m.version},
          {"name", m.name},
          {"category", m.category},
          {"author_org", m.author_org},
          {"legal_basis", m.legal_basis},
          {"description", m.description},
          {"builtin", m.builtin},
          {"source", m.source},
          {"installed_at", m.installed_at},
          {"status", m.status},
          {"status_label", model_status_label_zh(m.status)},
          {"self_test", self_test},
          {"signer", signer}};
}

std::string model_status_label_zh(const std::string& status) {
  if (status == kModelVerified) return "已通过自测";
  if (status == kModelUnverified) return "未验证";
  return "未测试";
}

}  // namespace shanhai::store
