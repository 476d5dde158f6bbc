#pragma once
// Leads (监督线索) in the workspace catalog, and how a model run updates them.
//
// A lead is identified by its fingerprint, a hash of (organisation, model id, rule, subject).
// Recording a run is idempotent on that identity: a lead found again keeps its workflow status,
// handler and organisation (also after it was dispatched to a lower procuratorate) and gets the
// run's titles and evidence; a new lead starts as "new" (待核查) owned by the run's organisation;
// a lead of the same model that an earlier run of the same organisation found and this run no
// longer finds stays, with its status, marked "no longer detected". All of it happens in one
// transaction with the run record.

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/error.h"
#include "store/workspace.h"

namespace shanhai::leads {

// One input row that produced a lead: which dataset version, and where in the source file.
struct EvidenceRow {
  std::string input;    // the model input the row came from
  std::string dataset;  // the dataset bound to that input
  int64_t version = 0;
  std::string source;  // source file of the dataset version
  std::string sheet;
  int64_t row = 0;  // 1-based row (line) in the source
};

struct DetectedLead {
  std::string rule;
  std::string subject;  // canonical value of the subject field
  std::string title;
  std::string category;
  std::vector<EvidenceRow> evidence;
  // The same with personal data masked (normalize/mask.h), as lists show them. engine::make_leads
  // always sets both; left empty, record_run stores subject and title unchanged, which is right
  // only for a caller that knows they hold no personal data.
  std::string subject_masked;
  std::string title_masked;
  // Linked pairs behind the lead (engine/link_step.h), each {step, left, right: [{input,
  // dataset, row}], probability, weight, prior_weight, class, explanation, fields: [{field,
  // label, level, level_label, weight, text}]}; empty when no link step is upstream.
  nlohmann::json links = nlohmann::json::array();
};

struct RunRecord {
  std::string org;  // the organisation that ran the model and owns its leads; '' from the CLI
  std::string model_id;
  std::string model_version;
  std::string started_at;  // ISO 8601 UTC
  int64_t duration_ms = 0;
  std::string run_by;
  nlohmann::json parameters = nlohmann::json::object();
  nlohmann::json inputs = nlohmann::json::object();  // input → {dataset, version}
};

struct RunSummary {
  int64_t run_id = 0;
  int64_t total = 0;     // leads the run found
  int64_t added = 0;     // of which new
  int64_t vanished = 0;  // leads of the model the run no longer finds
};

struct Lead {
  int64_t id = 0;
  std::string fingerprint;
  std::string model_id;
  std::string rule;
  std::string subject;
  std::string title;
  std::string category;
  std::string status;
  bool detected = true;
  std::string org;
  std::string subject_masked;
  std::string title_masked;
  std::string handler;
  std::string created_at;
  std::string updated_at;
  int64_t first_run = 0;
  int64_t last_run = 0;
  std::vector<EvidenceRow> evidence;
};

// 32 hex digits (XXH3-128) over the length-prefixed model id, rule and subject, so that no two
// different triples can be spelt the same.
std::string lead_fingerprint(std::string_view model_id, std::string_view rule,
                             std::string_view subject);
// The fingerprint of an organisation's lead: its code, length-prefixed, before the three above.
// With org "" it is the three-argument fingerprint (leads recorded from the command line).
std::string lead_fingerprint(std::string_view org, std::string_view model_id, std::string_view rule,
                             std::string_view subject);

// Records a run and its leads (see the file comment). Two detected leads with the same rule and
// subject are one lead whose evidence is the union. New leads get created_at and updated_at =
// run.started_at; a lead found again gets updated_at = run.started_at only when its title changed
// or it had been no longer detected, and so does a lead that vanishes. One transaction, prepared
// statements reused across rows: 100,000 leads take well under a second (bench/lead_bench.cpp).
Result<RunSummary> record_run(store::Workspace& ws, const RunRecord& run,
                              const std::vector<DetectedLead>& detected);

// Leads with their evidence, all models or one, ordered by model, rule and subject.
Result<std::vector<Lead>> list_leads(store::Workspace& ws,
                                     const std::optional<std::string>& model_id = std::nullopt);

// The stable JSON form of a lead: model, rule, fingerprint, title, subject, status, detected,
// category, evidence [{dataset, version, source, sheet, row, input}].
nlohmann::json lead_json(const Lead& lead);

}  // namespace shanhai::leads
