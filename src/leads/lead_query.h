#pragma once
// Reading leads for people: the filtered, sorted, paginated list (GET /api/leads) and one lead
// with its evidence values, events, attachments and shares (GET /api/leads/{id}), raw or masked.
//
// Visibility is the caller's: the server passes the organisations the user may read; this layer
// never returns a lead outside them (and the leads shared with `shared_with`).

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/error.h"
#include "leads/lead_records.h"
#include "normalize/element.h"
#include "store/workspace.h"

namespace shanhai::leads {

inline constexpr int64_t kMaxPageSize = 200;

struct LeadFilter {
  // Organisations whose leads may be listed (codes; '' is the command line's). Required: an
  // empty list lists only what shared_with adds.
  std::vector<std::string> visible_orgs;
  // Also the leads shared for consultation with this organisation (experts).
  std::optional<std::string> shared_with;
  std::optional<std::string> model;
  std::vector<std::string> statuses;  // any of them; empty: every status
  std::optional<std::string> org;     // one owning organisation (within the visible ones)
  std::optional<std::string> handler;
  std::optional<bool> detected;
  std::string q;                    // substring of title_masked or subject_masked
  std::string sort = "updated_at";  // updated_at | created_at | status | model | subject
  std::string order = "desc";       // asc | desc
  int64_t page = 1;                 // 1-based
  int64_t page_size = 20;           // 1 … kMaxPageSize
};

struct LeadPage {
  int64_t total = 0;  // leads matching the filter, over all pages
  int64_t page = 1;
  int64_t page_size = 20;
  std::vector<LeadSummary> items;
};

// The page of leads the filter selects. Ties in the sort key are ordered by id (descending when
// order is desc), so pages never overlap. Errors: request.invalid (where().field: sort, order,
// page, page_size or status) for a bad parameter; catalog.leads when the catalog cannot be read.
Result<LeadPage> query_leads(store::Workspace& ws, const LeadFilter& filter);

// The name of the highest installed version of every installed model, by model id.
Result<std::map<std::string, std::string>> model_names(store::Workspace& ws);

// One lead's row, without visibility checks. Error lead.not_found.
Result<LeadSummary> get_lead_summary(store::Workspace& ws, int64_t lead_id);

// One cell of an evidence row: the column of the dataset version and its raw text.
struct EvidenceValue {
  std::string column;
  std::string value;
  // The personal element of the column (dataset_columns' element, else the header's
  // personal_element_from_header, else the column's first values'), or nullopt.
  std::optional<normalize::Element> personal;
};

struct EvidenceDetail {
  std::string input;
  std::string dataset;
  int64_t version = 0;
  std::string source;
  std::string sheet;
  int64_t row = 0;                    // row (line) in the source file, 1-based
  std::vector<EvidenceValue> values;  // empty when the version is no longer in the workspace
};

struct LeadDetail {
  LeadSummary lead;
  std::string subject;  // raw; equal to lead.subject_masked once masked()
  std::string title;    // raw; equal to lead.title_masked once masked()
  bool masked = false;
  std::vector<EvidenceDetail> evidence;
  std::vector<LeadEvent> events;  // oldest first
  std::vector<AttachmentInfo> attachments;
  std::vector<LeadShare> shared_with;
  // Why fuzzy identity linkage took two rows behind the lead for the same person: the linked
  // pairs of leads_store.h DetectedLead::links, each with its probability, weight, prior weight
  // and per-field contributions. Never holds personal values, so masking leaves it as is.
  nlohmann::json links = nlohmann::json::array();
};

// One lead in full, raw (unmasked), without visibility checks. Error lead.not_found.
Result<LeadDetail> get_lead(store::Workspace& ws, int64_t lead_id);

// The detail with personal data masked: subject and title become the stored masked forms and
// every evidence value of a personal column is masked by normalize::mask. Pure.
LeadDetail masked(const LeadDetail& detail);

}  // namespace shanhai::leads
