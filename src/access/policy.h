#pragma once
// The one place where Shanhai decides who may do what. Every HTTP route passes through
// `allowed` (src/server/authorizer.h): first with the user's own organisation to decide whether
// the role can use the route at all, then with the organisation that owns the object the
// request is about. The table, in words (docs/api.md, "角色与可见范围"):
//
//   permission      own org                          descendant             paired (assisted)
//   read_data       every role                       admin, model_admin,    —
//                                                    prosecutor
//   read_models     every role                       admin, model_admin,    expert
//                                                    prosecutor
//   read_stats      every role                       admin, model_admin,    expert
//                                                    prosecutor
//   read_shared     expert                           —                      expert
//   write_data      admin, model_admin, prosecutor   —                      —
//   work_leads      admin, prosecutor                —                      —
//   comment_leads   admin, prosecutor, expert        —                      expert
//   unmask          admin, prosecutor                admin, prosecutor      —
//   export          admin, prosecutor                admin, prosecutor      —
//   manage_models   admin, model_admin               —                      —
//   review_models   admin, model_admin               admin, model_admin     —
//   manage_users    admin                            admin                  —
//   read_audit      admin                            admin                  —
//
// work_leads covers every change to a lead: workflow transitions, consultation shares and the
// confirmation or rejection of a possible match behind it (link decisions).
//
// Ancestors and unrelated organisations: nothing. "read_shared" is the consultation view (会诊)
// of a lead explicitly shared with the viewer's organisation; the lead's own organisation
// relation must be own or paired.

#include <span>
#include <string>
#include <string_view>

#include "access/organisations.h"
#include "access/role.h"

namespace shanhai::access {

enum class Permission {
  read_data,
  read_models,
  read_stats,
  read_shared,
  write_data,
  work_leads,
  comment_leads,
  unmask,
  export_data,
  manage_models,
  review_models,
  manage_users,
  read_audit,
};

// Every permission, in declaration order.
std::span<const Permission> all_permissions();
std::string_view permission_name(Permission p);

bool allowed(Role role, Permission permission, Relation relation);

// Once a lead has a handler (承办人, from status "verifying" on), only that handler or an
// administrator of the organisation works it; before that, anyone holding work_leads does.
bool may_work_assigned_lead(Role role, bool caller_is_handler);

// Whether the role can use the permission anywhere (on its own organisation or another).
bool allowed_somewhere(Role role, Permission permission);

}  // namespace shanhai::access
