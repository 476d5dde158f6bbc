// `shanhai org add|list` and `shanhai pairing add|list`: the organisation tree and pairings.

#include <iostream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "access/audit.h"
#include "access/organisations.h"
#include "cli/commands.h"
#include "store/workspace.h"

namespace shanhai::cli {

namespace {

struct OrgArgs {
  std::string workspace, code, name, parent;
  std::string assisting, assisted, from, to;
  bool json = false;
};

Status add_org(const OrgArgs& a) {
  auto ws = store::Workspace::open(a.workspace);
  if (!ws) return ws.take_error();
  auto org = access::add_organisation(*ws.value(), a.code, a.name, a.parent);
  if (!org) return org.take_error();
  SHANHAI_TRY(
      access::audit_cli_change(*ws.value(), "org:" + a.code,
                               {{"change", "add_org"}, {"name", a.name}, {"parent", a.parent}}));
  std::cout << fmt::format("已添加单位 added organisation {} {}\n", org->code, org->name);
  return Status::Ok();
}

Status list_orgs(const OrgArgs& a) {
  auto ws = store::Workspace::open(a.workspace);
  if (!ws) return ws.take_error();
  auto orgs = access::list_organisations(*ws.value());
  if (!orgs) return orgs.take_error();
  if (a.json) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& o : orgs.value()) {
      out.push_back({{"code", o.code}, {"name", o.name}, {"parent", o.parent}});
    }
    std::cout << out.dump(2) << std::endl;
    return Status::Ok();
  }
  for (const auto& o : orgs.value()) {
    std::cout << fmt::format("{}\t{}\t{}\n", o.code, o.name, o.parent.empty() ? "-" : o.parent);
  }
  return Status::Ok();
}

Status add_pairing(const OrgArgs& a) {
  auto ws = store::Workspace::open(a.workspace);
  if (!ws) return ws.take_error();
  auto p = access::add_pairing(*ws.value(), a.assisting, a.assisted, a.from, a.to);
  if (!p) return p.take_error();
  SHANHAI_TRY(access::audit_cli_change(*ws.value(), fmt::format("pairing:{}", p->id),
                                       {{"change", "add_pairing"},
                                        {"assisting", a.assisting},
                                        {"assisted", a.assisted},
                                        {"starts_on", a.from},
                                        {"ends_on", a.to}}));
  std::cout << fmt::format("已添加结对 added pairing: {} 援助 assists {}（{} 至 {}）\n",
                           a.assisting, a.assisted, a.from, a.to);
  return Status::Ok();
}

}  // namespace

void add_org_command(CLI::App& app, int& exit_code) {
  auto a = std::make_shared<OrgArgs>();
  auto* org = app.add_subcommand("org", "单位（检察院）管理 / organisations");
  org->require_subcommand(1);
  auto* add = org->add_subcommand("add", "添加单位 / add an organisation");
  add->add_option("WORKSPACE", a->workspace, "工作区目录 / workspace directory")->required();
  add->add_option("CODE", a->code, "单位编码 / organisation code (e.g. 330122)")->required();
  add->add_option("NAME", a->name, "单位名称 / name (e.g. 桐庐县人民检察院)")->required();
  add->add_option("--parent", a->parent, "上级单位编码 / parent organisation code");
  add->callback([a, &exit_code] {
    if (Status s = add_org(*a); !s) exit_code = report(s.error());
  });
  auto* list = org->add_subcommand("list", "列出单位 / list organisations");
  list->add_option("WORKSPACE", a->workspace, "工作区目录 / workspace directory")->required();
  list->add_flag("--json", a->json, "以 JSON 输出 / JSON output");
  list->callback([a, &exit_code] {
    if (Status s = list_orgs(*a); !s) exit_code = report(s.error());
  });

  auto* pairing = app.add_subcommand("pairing", "结对（对口援助）/ pairings of organisations");
  pairing->require_subcommand(1);
  auto* padd = pairing->add_subcommand("add", "添加结对 / add a pairing");
  padd->add_option("WORKSPACE", a->workspace, "工作区目录 / workspace directory")->required();
  padd->add_option("--assisting", a->assisting, "援助方单位编码 / assisting organisation")
      ->required();
  padd->add_option("--assisted", a->assisted, "受援方单位编码 / assisted organisation")->required();
  padd->add_option("--from", a->from, "开始日期 / first day, YYYY-MM-DD")->required();
  padd->add_option("--to", a->to, "结束日期 / last day, YYYY-MM-DD")->required();
  padd->callback([a, &exit_code] {
    if (Status s = add_pairing(*a); !s) exit_code = report(s.error());
  });
}

}  // namespace shanhai::cli
