#pragma once
// 线索处置: the workflow of a lead (docs/workflow.md, docs/api.md "线索处置").
//
//   new 待核查 ─triage→ triaged 已分拣 ─approve→ approved 已审核 ─assign→ verifying 核查中
//   verifying ─dismiss→ dismissed 不予立案 | ─file→ filed 已立案
//   filed ─recommend→ recommended 已制发检察建议 ─reply→ replied 已回复 ─rectify→ rectified 已整改
//   filed ─sue→ sued 已提起诉讼 | ─other→ other 其他处理
//   rectified / sued / other / dismissed ─close→ closed 已办结
//   triaged / approved / verifying ─return→ new (reason required; the handler is cleared)
//   new / triaged / approved ─dispatch→ new, owned by a lower procuratorate (handler cleared)
//
// Every step is one transaction: the lead's status, handler, organisation and updated_at, a
// lead_events row (who, when, from, to, comment, the request's fields as JSON) and the step's
// attachments. This layer decides what is legal for the lead; who may act (roles, the handler
// rule) is the server's to decide. It records who acted.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"
#include "leads/lead_records.h"
#include "store/workspace.h"

namespace shanhai::leads {

// Largest attachment accepted, per file.
inline constexpr size_t kMaxAttachmentBytes = 20u << 20;  // 20 MiB

struct StatusInfo {
  std::string_view name;   // "verifying"
  std::string_view label;  // "核查中"
};

// The twelve statuses in workflow order (new … closed).
std::span<const StatusInfo> statuses();
// Chinese label of a status ("已立案"); the name itself for an unknown status.
std::string_view status_label(std::string_view status);
bool is_status(std::string_view status);

// A request field an action requires.
inline constexpr std::string_view kReason = "reason";
inline constexpr std::string_view kHandler = "handler";
inline constexpr std::string_view kTargetOrg = "target_org";
inline constexpr std::string_view kDocumentNo = "document_no";
inline constexpr std::string_view kComment = "comment";

struct Action {
  std::string_view name;                   // "dispatch"
  std::string_view label;                  // "下发"
  std::vector<std::string_view> from;      // statuses it may start from
  std::string_view to;                     // status it leads to
  std::vector<std::string_view> required;  // kReason, kHandler, … (non-blank)
};

// The thirteen actions in docs/api.md order (triage … close).
std::span<const Action> actions();
// nullptr for an unknown action name.
const Action* find_action(std::string_view name);
// Chinese label of an action, also "comment" (意见) and "share" (分享会诊); the name otherwise.
std::string_view action_label(std::string_view action);
// The actions legal from a status, in actions() order; empty for closed and unknown statuses.
std::vector<Action> actions_from(std::string_view status);

// Who acts: recorded on the event. The server has checked that they may.
struct Actor {
  std::string username;
  std::string org;
};

struct AttachmentUpload {
  std::string filename;
  std::string content_type;  // "" → application/octet-stream
  std::string bytes;
};

struct TransitionRequest {
  std::string action;
  std::string comment;
  std::string reason;       // return, dismiss
  std::string handler;      // assign: username of the 承办人
  std::string target_org;   // dispatch: a lower procuratorate
  std::string document_no;  // recommend: 检察建议书文号
  std::vector<AttachmentUpload> attachments;
};

// Applies one workflow step to lead `lead_id` and returns the lead as it is afterwards.
// Errors (Chinese, then English):
//   lead.not_found                  no such lead
//   workflow.unknown_action         action is not one of actions()
//   workflow.illegal                not possible from the current status; names both
//   workflow.missing_field          a required field is blank; where().field names it
//   workflow.invalid_target         dispatch: target_org is not strictly below the lead's org
//   workflow.invalid_handler        assign: not an enabled admin or prosecutor of the lead's org
//   workflow.attachment_too_large   an attachment exceeds kMaxAttachmentBytes (names the file)
//   catalog.workflow                the catalog could not be written (nothing was changed)
// Effects beyond the status: assign sets the handler; return and dispatch clear it; dispatch
// moves the lead to target_org with status new. updated_at is the time of the step.
Result<LeadSummary> apply_transition(store::Workspace& ws, int64_t lead_id,
                                     const TransitionRequest& request, const Actor& actor);

// Records an opinion (处置意见 or 会诊意见) as an event "comment"; the status is unchanged.
// Errors: lead.not_found; workflow.missing_field (field "comment") for blank text.
Result<LeadEvent> add_comment(store::Workspace& ws, int64_t lead_id, const Actor& actor,
                              const std::string& text);

// Shares a lead for consultation (会诊) with an organisation and records an event "share".
// Sharing again with the same organisation changes nothing and succeeds. Whether the
// organisation may receive it (an active pairing) is the server's decision.
// Errors: lead.not_found; workflow.invalid_target (unknown organisation or the lead's own).
Status share_lead(store::Workspace& ws, int64_t lead_id, const std::string& org,
                  const Actor& actor);
// Organisations a lead is shared with, ordered by code.
Result<std::vector<LeadShare>> lead_shared_with(store::Workspace& ws, int64_t lead_id);

struct Attachment {
  AttachmentInfo info;
  std::string bytes;
};

// One attachment of a lead with its content. Error attachment.not_found when there is no such
// attachment on that lead.
Result<Attachment> get_attachment(store::Workspace& ws, int64_t lead_id, int64_t attachment_id);

// Hex SHA-256 of bytes (libsodium), as stored for attachments.
std::string sha256_hex(std::string_view bytes);

}  // namespace shanhai::leads
