// `shanhai user add|list|passwd`: accounts. Passwords are read from standard input only, so
// they never appear in the shell history or the process list.

#include <iostream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "access/audit.h"
#include "access/users.h"
#include "cli/commands.h"
#include "store/workspace.h"

namespace shanhai::cli {

namespace {

struct UserArgs {
  std::string workspace, username, org, role, display_name;
  bool password_stdin = false;
  bool json = false;
};

Result<std::string> read_password(bool from_stdin) {
  if (!from_stdin) {
    return Error("user.password_stdin", "请用 --password-stdin 从标准输入提供密码",
                 "give the password on standard input with --password-stdin");
  }
  std::string line;
  std::getline(std::cin, line);
  while (!line.empty() && (line.back() == '\r' || line.back() == '\n')) line.pop_back();
  return line;
}

Status add_user(const UserArgs& a) {
  auto role = access::parse_role(a.role);
  if (!role) {
    return Error(
        "user.invalid_role",
        fmt::format("未知角色“{}”：可选 admin、model_admin、prosecutor、expert、viewer", a.role),
        fmt::format("unknown role \"{}\": use admin, model_admin, prosecutor, expert or viewer",
                    a.role),
        Location::of_value(a.role));
  }
  auto password = read_password(a.password_stdin);
  if (!password) return password.take_error();
  auto ws = store::Workspace::open(a.workspace);
  if (!ws) return ws.take_error();
  auto user =
      access::add_user(*ws.value(), {a.username, a.display_name, a.org, *role, password.value()});
  if (!user) return user.take_error();
  SHANHAI_TRY(access::audit_cli_change(*ws.value(), "user:" + a.username,
                                       {{"change", "add_user"}, {"org", a.org}, {"role", a.role}}));
  std::cout << fmt::format("已添加用户 added user {}（{}，{}）\n", user->username,
                           access::role_label_zh(user->role), user->org);
  return Status::Ok();
}

Status set_password(const UserArgs& a) {
  auto password = read_password(a.password_stdin);
  if (!password) return password.take_error();
  auto ws = store::Workspace::open(a.workspace);
  if (!ws) return ws.take_error();
  access::UserChanges ch;
  ch.password = password.value();
  auto user = access::update_user(*ws.value(), a.username, ch);
  if (!user) return user.take_error();
  SHANHAI_TRY(access::audit_cli_change(*ws.value(), "user:" + a.username,
                                       {{"change", "update_user"}, {"password", "changed"}}));
  std::cout << fmt::format("已修改密码 password changed for {}\n", a.username);
  return Status::Ok();
}

Status list_users(const UserArgs& a) {
  auto ws = store::Workspace::open(a.workspace);
  if (!ws) return ws.take_error();
  auto users = access::list_users(*ws.value(), {});
  if (!users) return users.take_error();
  nlohmann::json out = nlohmann::json::array();
  for (const auto& u : users.value()) {
    if (a.json) {
      out.push_back({{"username", u.username},
                     {"display_name", u.display_name},
                     {"org", u.org},
                     {"role", access::role_name(u.role)},
                     {"disabled", u.disabled}});
    } else {
      std::cout << fmt::format("{}\t{}\t{}\t{}{}\n", u.username, u.org, access::role_name(u.role),
                               u.display_name, u.disabled ? "\t(停用 disabled)" : "");
    }
  }
  if (a.json) std::cout << out.dump(2) << std::endl;
  return Status::Ok();
}

}  // namespace

void add_user_command(CLI::App& app, int& exit_code) {
  auto a = std::make_shared<UserArgs>();
  auto* user = app.add_subcommand("user", "用户管理 / user accounts");
  user->require_subcommand(1);
  auto* add = user->add_subcommand("add", "添加用户 / add a user");
  add->add_option("WORKSPACE", a->workspace, "工作区目录 / workspace directory")->required();
  add->add_option("USERNAME", a->username, "用户名 / username")->required();
  add->add_option("--org", a->org, "所属单位编码 / organisation code")->required();
  add->add_option("--role", a->role, "角色 / role: admin, model_admin, prosecutor, expert, viewer")
      ->required();
  add->add_option("--name", a->display_name, "姓名 / display name");
  add->add_flag("--password-stdin", a->password_stdin,
                "从标准输入读取密码（一行）/ read the password from standard input");
  add->callback([a, &exit_code] {
    if (Status s = add_user(*a); !s) exit_code = report(s.error());
  });
  auto* passwd = user->add_subcommand("passwd", "修改密码 / change a password");
  passwd->add_option("WORKSPACE", a->workspace, "工作区目录 / workspace directory")->required();
  passwd->add_option("USERNAME", a->username, "用户名 / username")->required();
  passwd->add_flag("--password-stdin", a->password_stdin,
                   "从标准输入读取密码（一行）/ read the password from standard input");
  passwd->callback([a, &exit_code] {
    if (Status s = set_password(*a); !s) exit_code = report(s.error());
  });
  auto* list = user->add_subcommand("list", "列出用户 / list users");
  list->add_option("WORKSPACE", a->workspace, "工作区目录 / workspace directory")->required();
  list->add_flag("--json", a->json, "以 JSON 输出 / JSON output");
  list->callback([a, &exit_code] {
    if (Status s = list_users(*a); !s) exit_code = report(s.error());
  });
}

}  // namespace shanhai::cli
