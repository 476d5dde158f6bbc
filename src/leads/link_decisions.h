#pragma once
// 人工确认/否定: people's decisions on the possible matches of a model's link steps, remembered in
// the workspace (table link_decisions) and applied by every later run of the model
// (engine/link_step.h: a confirmed pair is a match, a rejected one is dropped). A pair is named
// by its pair key, a hash of the two records' compared values, so a decision survives
// re-imports of the same data. One decision per (model, step, pair key): a later one replaces
// it. Who may decide is the server's business; this layer records who did.

#include <cstdint>
#include <string>
#include <vector>

#include "common/error.h"
#include "store/workspace.h"

namespace shanhai::leads {

struct LinkDecisionRecord {
  std::string model_id;
  std::string step;
  std::string pair_key;
  std::string decision;  // confirm | reject
  std::string reason;    // required for reject
  std::string username;
  std::string org;
  int64_t lead_id = 0;     // the lead it was made on; 0: none
  std::string decided_at;  // ISO 8601 UTC; set by record_link_decision
};

// The workspace's key for pair-key hashes (migration 11 writes a random one).
Result<std::string> link_pair_salt(store::Workspace& ws);

// Every decision on the pairs of a model, by step and pair key.
Result<std::vector<LinkDecisionRecord>> link_decisions(store::Workspace& ws,
                                                       const std::string& model_id);

// Records a decision (decided_at: now), replacing an earlier one on the same model, step and
// pair key, and adds an event "link_decision" to the lead's history (comment: the reason;
// detail: step, pair key, decision) when lead_id is set. Errors: "link.invalid_decision"
// (not confirm or reject), "link.reason_required" (a reject without a reason),
// "lead.not_found", and the catalog's.
Result<LinkDecisionRecord> record_link_decision(store::Workspace& ws, LinkDecisionRecord d);

}  // namespace shanhai::leads
