#pragma once
// 统计: how leads of the visible organisations fared, per status, model, organisation and month
// (GET /api/stats; definitions in docs/workflow.md).
//
//   leads            leads in scope
//   verified         leads that left new/triaged/approved: their status is past them now, or an
//                    event once took them past (a lead returned from verifying still counts)
//   filed            leads with a `file` event (立案)
//   recommendations  leads with a `recommend` event (检察建议)
//   replies          leads with a `reply` event
//   rectified        leads with a `rectify` event
//   conversion       filed / leads (0 when there are no leads)
// A lead is counted under its current organisation. monthly: leads by the month of created_at,
// filed by the month of the lead's first `file` event.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/error.h"
#include "store/workspace.h"

namespace shanhai::leads {

struct StatsFilter {
  std::vector<std::string> visible_orgs;  // required; empty → nothing counted
  std::optional<std::string> model;
  std::optional<std::string> org;  // one of the visible organisations
  std::string from;                // YYYY-MM-DD, inclusive, on created_at; "" = no bound
  std::string to;                  // YYYY-MM-DD, inclusive, on created_at; "" = no bound
};

struct Counts {
  int64_t leads = 0;
  int64_t verified = 0;
  int64_t filed = 0;
  int64_t recommendations = 0;
  int64_t replies = 0;
  int64_t rectified = 0;
  double conversion = 0;  // filed / leads
};

struct ModelCounts {
  std::string model;
  std::string name;  // highest installed version's name; "" when not installed
  Counts counts;
};

struct OrgCounts {
  std::string org;
  std::string name;  // "" for '' and unknown codes
  Counts counts;
};

struct MonthCounts {
  std::string month;  // "2026-11"
  int64_t leads = 0;
  int64_t filed = 0;
};

struct LeadStats {
  Counts total;
  std::map<std::string, int64_t> by_status;  // every status, 0 included
  std::vector<ModelCounts> by_model;         // ordered by model id
  std::vector<OrgCounts> by_org;             // ordered by code
  std::vector<MonthCounts> monthly;          // ascending, only months with leads or filings
};

// Errors: request.invalid (field from/to) for a malformed date; catalog.leads.
Result<LeadStats> lead_stats(store::Workspace& ws, const StatsFilter& filter);

}  // namespace shanhai::leads
