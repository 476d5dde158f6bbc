#include "store/model_catalog.h"

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/VariadicBind.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace shanhai::store {

Status add_model(Workspace& ws, const ModelRecord& m) {
  try {
    SQLite::Statement exists(ws.db(), "SELECT 1 FROM models WHERE model_id = ? AND version = ?");
    SQLite::bind(exists, m.model_id, m.version);
    if (exists.executeStep()) {
      Location where = Location::in_file(m.source);
      where.value = m.model_id + " " + m.version;
      return Error(
          "model.exists", fmt::format("模型“{}”的 {} 版已经安装", m.model_id, m.version),
          fmt::format("version {} of model \"{}\" is already installed", m.version, m.model_id),
          where);
    }
    SQLite::Statement ins(ws.db(),
                          "INSERT INTO models(model_id, version, name, category, author_org, "
                          "legal_basis, description, spec, readme, source, builtin, installed_at) "
                          "VALUES (?,?,?,?,?,?,?,?,?,?,?, strftime('%Y-%m-%dT%H:%M:%SZ','now'))");
    SQLite::bind(ins, m.model_id, m.version, m.name, m.category, m.author_org,
                 nlohmann::json(m.legal_basis).dump(), m.description, m.spec, m.readme, m.source,
                 m.builtin ? 1 : 0);
    ins.exec();
    return Status::Ok();
  } catch (const SQLite::Exception& e) {
    return ws.catalog_error("catalog.models", "登记模型失败", "cannot record the model", e);
  }
}

Result<std::vector<ModelRecord>> list_models(Workspace& ws) {
  try {
    std::vector<ModelRecord> out;
    SQLite::Statement q(ws.db(),
                        "SELECT model_id, version, name, category, author_org, legal_basis, "
                        "description, spec, readme, source, builtin, installed_at FROM models "
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
      out.push_back(std::move(m));
    }
    return out;
  } catch (const std::exception& e) {
    return ws.catalog_error("catalog.models", "读取已安装模型失败",
                            "cannot read the installed models", e);
  }
}

}  // namespace shanhai::store
