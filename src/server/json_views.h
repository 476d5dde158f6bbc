#pragma once
// JSON forms of access objects as docs/api.md defines them.

#include <nlohmann/json.hpp>

#include "access/organisations.h"
#include "access/users.h"

namespace shanhai::server {

// {username, display_name, role, role_label, role_label_en, org: {code, name}, disabled}
nlohmann::json user_json(const access::User& user, const access::OrgGraph& graph);
// {code, name}; name "" when unknown, "（未指定单位）" for "".
nlohmann::json org_ref_json(const std::string& code, const access::OrgGraph& graph);

}  // namespace shanhai::server
