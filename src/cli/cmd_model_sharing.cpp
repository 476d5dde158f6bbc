// `shanhai model export` (a signed .shmodel package of an installed version) and `shanhai model
// diff` (what changed between two installed versions' specs). docs/packages.md.

#include <iostream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "access/audit.h"
#include "cli/commands.h"
#include "model/spec_diff.h"
#include "model/spec_loader.h"
#include "package/model_export.h"
#include "store/model_catalog.h"

namespace shanhai::cli {

namespace {

struct SharingArgs {
  std::string workspace, model_id, version, out, org, from, to;
  bool json = false;
};

Status export_model(const SharingArgs& a) {
  auto ws = store::Workspace::open(a.workspace);
  if (!ws) return ws.take_error();
  auto exported = package::export_model(*ws.value(), {a.model_id, a.version, a.org, a.out});
  if (!exported) return exported.take_error();
  const package::PackageManifest& m = exported->manifest;
  const package::OwnKey& key = exported->key;
  access::AuditEntry entry;
  entry.username = "cli";
  entry.org = key.org;
  entry.action = "model_export";
  entry.target = "model:" + m.id + "@" + m.version;
  entry.detail = {{"file", a.out}, {"signer", key.fingerprint}, {"files", m.files.size()}};
  SHANHAI_TRY(access::audit(*ws.value(), entry));
  std::cout << fmt::format(
      "已导出模型“{}”（{}）{} 版到 {}：{} 个文件，由“{}”（{}）签名\n"
      "Exported model \"{}\" version {} to {}: {} files, signed by {}\n"
      "    签名指纹 signer fingerprint: {}\n"
      "接收方须先信任该公钥 / the receiving side must trust the key first:\n"
      "    shanhai key export-public {} --org {} --out {}.pub\n",
      m.name, m.id, m.version, a.out, m.files.size(), key.org_name, key.org, m.id, m.version, a.out,
      m.files.size(), key.org, key.fingerprint, a.workspace, key.org, key.org);
  return Status::Ok();
}

const char* area_zh(const std::string& area) {
  if (area == "metadata") return "基本信息";
  if (area == "parameter") return "参数";
  if (area == "input") return "输入";
  if (area == "field") return "字段";
  if (area == "step") return "步骤";
  return "线索";
}

Status diff_models(const SharingArgs& a) {
  auto ws = store::Workspace::open(a.workspace);
  if (!ws) return ws.take_error();
  std::vector<model::ModelSpec> specs;
  for (const std::string& version : {a.from, a.to}) {
    auto m = store::find_model(*ws.value(), a.model_id, version);
    if (!m) return m.take_error();
    auto spec = model::load_spec_text(m->spec, a.model_id + "@" + version);
    if (!spec) return spec.take_error();
    specs.push_back(std::move(spec.value()));
  }
  const auto changes = model::diff_specs(specs[0], specs[1]);
  if (a.json) {
    const nlohmann::json out = {{"model", a.model_id},
                                {"from", a.from},
                                {"to", a.to},
                                {"changes", model::spec_changes_json(changes)}};
    std::cout << out.dump(2) << std::endl;
    return Status::Ok();
  }
  if (changes.empty()) {
    std::cout << fmt::format(
        "模型 {} 的 {} 版与 {} 版规格相同\nVersions {} and {} of {} have the "
        "same spec\n",
        a.model_id, a.from, a.to, a.from, a.to, a.model_id);
    return Status::Ok();
  }
  std::cout << fmt::format("模型 {}：{} → {}，共 {} 处变化 / {} change(s)\n", a.model_id, a.from,
                           a.to, changes.size(), changes.size());
  for (const auto& c : changes) {
    const char* mark = c.change == "added" ? "+" : c.change == "removed" ? "-" : "~";
    std::cout << fmt::format("  {} [{}] {}\n", mark, area_zh(c.area), c.zh);
  }
  return Status::Ok();
}

}  // namespace

void add_model_sharing_commands(CLI::App& model, int& exit_code) {
  auto a = std::make_shared<SharingArgs>();
  auto* exp = model.add_subcommand(
      "export",
      "把已安装的模型导出为签名的 .shmodel 模型包 / export an installed model as a signed package");
  exp->add_option("WORKSPACE", a->workspace, "工作区目录 / workspace directory")->required();
  exp->add_option("MODEL_ID", a->model_id, "模型标识 / model id")->required();
  exp->add_option("--version", a->version, "版本，默认最新 / version (default: the latest)");
  exp->add_option("--out", a->out, "模型包文件 / package file (FILE.shmodel)")->required();
  exp->add_option("--org", a->org,
                  "签名单位编码（本工作区只有一个单位有密钥时可省略）/ signing organisation");
  exp->callback([a, &exit_code] {
    if (Status s = export_model(*a); !s) exit_code = report(s.error());
  });

  auto* diff = model.add_subcommand(
      "diff", "比较模型两个已安装版本的规格 / compare the specs of two installed versions");
  diff->add_option("WORKSPACE", a->workspace, "工作区目录 / workspace directory")->required();
  diff->add_option("MODEL_ID", a->model_id, "模型标识 / model id")->required();
  diff->add_option("V1", a->from, "旧版本 / the earlier version")->required();
  diff->add_option("V2", a->to, "新版本 / the later version")->required();
  diff->add_flag("--json", a->json, "以 JSON 输出 / JSON output");
  diff->callback([a, &exit_code] {
    if (Status s = diff_models(*a); !s) exit_code = report(s.error());
  });
}

}  // namespace shanhai::cli
