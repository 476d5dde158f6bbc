#pragma once
// 模型共享与上架: the model registry (docs/registry.md).
//
//   submit    an organisation offers one of its installed model versions for listing at a
//             scope: tree (its own organisation and those below it), paired (also the
//             organisations paired with it or with an organisation above it, either side, and
//             those below them) or all
//   review    a reviewer works through the checklist 建模必要性 / 技术可行性 / 线索准确性 with
//             comments and approves (上架, every item passed) or rejects (a comment required);
//             nobody reviews their own submission
//   listings  approved submissions visible to an organisation, newest version per model
//   favourite a user's 收藏
//   install   an organisation takes a listed model into its library
//   usage     per organisation using a listed model: installed version, runs, leads, filed
//             cases, recommendations, conversion — the figures procuratorates report
//
// Who may submit, review or install is the server's to decide (access/policy.h); this layer
// keeps the rules of the registry itself and who did what.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "access/organisations.h"
#include "common/error.h"
#include "leads/lead_stats.h"
#include "store/workspace.h"

namespace shanhai::registry {

struct ChecklistItem {
  std::string_view name;   // necessity
  std::string_view label;  // 建模必要性
};
// The three review items, in checklist order.
std::span<const ChecklistItem> checklist();

struct ReviewItem {
  std::string item;  // a checklist name
  bool passed = false;
  std::string comment;
  std::string reviewer;
  std::string at;
};

struct Submission {
  int64_t id = 0;
  std::string model_id;
  std::string version;
  std::string model_name;  // of that version
  std::string org;         // the publisher
  std::string org_name;
  std::string scope;  // tree | paired | all
  std::string note;
  std::string status;  // submitted | approved | rejected | withdrawn
  std::string submitted_by;
  std::string submitted_at;
  std::string decided_by;
  std::string decided_at;
  std::string decision_comment;
  std::vector<ReviewItem> review;  // empty until reviewed
};

struct SubmitRequest {
  std::string model_id;
  std::string version;
  std::string org;
  std::string scope = "tree";
  std::string note;
  std::string username;
};

// Errors: model.not_found (that version is not installed), request.invalid (field scope),
// submission.exists (the organisation already has an undecided submission of the model).
Result<Submission> submit(store::Workspace& ws, const SubmitRequest& request);

// Error submission.not_found.
Result<Submission> get_submission(store::Workspace& ws, int64_t id);

// Submissions of these organisations (newest first), optionally of one status.
Result<std::vector<Submission>> list_submissions(store::Workspace& ws,
                                                 const std::vector<std::string>& orgs,
                                                 const std::optional<std::string>& status);

struct ReviewDecision {
  std::string item;
  bool passed = false;
  std::string comment;
};

struct ReviewRequest {
  int64_t submission_id = 0;
  std::vector<ReviewDecision> items;  // every checklist item once
  std::string decision;               // approve | reject
  std::string comment;                // required to reject
  std::string reviewer;
};

// Errors: submission.not_found; submission.conflict (already decided, or the reviewer
// submitted it); request.invalid (field items, decision or comment: a checklist item missing
// or unknown, approving with a failed item, rejecting without a comment).
Result<Submission> review(store::Workspace& ws, const ReviewRequest& request);

// Whether a submission's scope reaches the viewer's organisation.
bool reaches(const access::OrgGraph& graph, const Submission& submission,
             const std::string& viewer_org);

struct Listing {
  Submission submission;  // the newest approved version of the model the viewer may see
  bool favourite = false;
  std::string installed_version;  // in the viewer's organisation; "" when not installed
  int64_t installs = 0;           // organisations that installed the model
};

// Approved models whose scope reaches viewer_org, favourites first, then by model id.
Result<std::vector<Listing>> listings(store::Workspace& ws, const access::OrgGraph& graph,
                                      const std::string& viewer_org, const std::string& username);

// Error model.not_found when the model was never listed.
Status set_favourite(store::Workspace& ws, const std::string& username, const std::string& model_id,
                     bool favourite);

// Takes an approved submission into an organisation's library (a newer version replaces the
// installed one). Errors: submission.not_found; submission.conflict (not approved).
Status install(store::Workspace& ws, int64_t submission_id, const std::string& org,
               const std::string& username);

struct OrgUsage {
  std::string org;
  std::string org_name;
  bool publisher = false;
  std::string installed_version;  // the publisher's: the listed version
  std::string installed_at;
  int64_t runs = 0;
  leads::Counts counts;
};

struct Usage {
  std::vector<OrgUsage> orgs;  // publisher first, then by code
  int64_t installs = 0;
  int64_t runs = 0;
  leads::Counts total;
};

// How the listed model is used by its publisher and the organisations that installed it.
Result<Usage> usage(store::Workspace& ws, const Submission& listed);

}  // namespace shanhai::registry
