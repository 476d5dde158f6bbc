#pragma once
// A lead as the workflow, the lists and the detail view see it: the catalog row, its workflow
// events, attachments and consultation shares. Plain data; lead_query.h reads them, workflow.h
// writes them.

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

namespace shanhai::leads {

// One row of the lead list. subject_masked and title_masked are the run's masked forms
// (personal data masked by element); the raw ones are only in LeadDetail.
struct LeadSummary {
  int64_t id = 0;
  std::string fingerprint;
  std::string model;
  std::string model_name;  // name of the highest installed version; "" when not installed
  std::string rule;
  std::string subject_masked;
  std::string title_masked;
  std::string category;
  std::string status;
  std::string org;       // owning organisation's code; '' from the command line
  std::string org_name;  // "" when the organisation is not in the catalog
  std::string handler;   // username of the 承办人; '' before assign
  bool detected = true;  // false: the latest run of its organisation no longer finds it
  std::string created_at;
  std::string updated_at;
};

struct LeadEvent {
  int64_t id = 0;
  std::string at;  // ISO 8601 UTC
  std::string username;
  std::string org;
  std::string action;  // a workflow action's name, "comment", "share" or "link_decision"
  std::string from_status;
  std::string to_status;
  std::string comment;
  nlohmann::json detail = nlohmann::json::object();  // reason, handler, target_org, … as given
};

struct LeadShare {
  std::string org;
  std::string org_name;
  std::string shared_by;
  std::string at;
};

struct AttachmentInfo {
  int64_t id = 0;
  int64_t event_id = 0;
  std::string filename;
  std::string content_type;
  int64_t size = 0;
  std::string sha256;  // 64 lower-case hex digits
};

}  // namespace shanhai::leads
