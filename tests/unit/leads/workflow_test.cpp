// 线索处置: every legal step, every illegal one, required fields, dispatch and assign rules,
// attachments, comments and shares — against a real workspace.
#include "leads/workflow.h"

#include <gtest/gtest.h>

#include <set>

#include "leads/lead_query.h"
#include "unit/leads/leads_fixture.h"

namespace shanhai::leads {
namespace {

using testing::LeadsFixture;

const Actor kWang{"wang", "3301"};

// A request that carries every field an action may require, valid for a lead of 3301.
TransitionRequest complete(std::string_view action) {
  TransitionRequest r;
  r.action = std::string(action);
  r.comment = "经核查属实";
  r.reason = "证据不足";
  r.handler = "wang";
  r.target_org = "330122";
  r.document_no = "杭检行建〔2026〕3号";
  return r;
}

TEST(WorkflowTableTest, StatusesAndActionsMatchTheContract) {
  std::vector<std::string> names;
  for (const StatusInfo& s : statuses()) names.emplace_back(s.name);
  EXPECT_EQ(names, (std::vector<std::string>{"new", "triaged", "approved", "verifying", "dismissed",
                                             "filed", "recommended", "sued", "other", "replied",
                                             "rectified", "closed"}));
  EXPECT_EQ(status_label("filed"), "已立案");
  EXPECT_EQ(status_label("recommended"), "已制发检察建议");
  EXPECT_EQ(actions().size(), 13u);
  EXPECT_EQ(find_action("dispatch")->label, "下发");
  EXPECT_EQ(find_action("nope"), nullptr);
  EXPECT_EQ(action_label("comment"), "意见");
  std::vector<std::string> from_new;
  for (const Action& a : actions_from("new")) from_new.emplace_back(a.name);
  EXPECT_EQ(from_new, (std::vector<std::string>{"triage", "dispatch"}));
  std::vector<std::string> from_filed;
  for (const Action& a : actions_from("filed")) from_filed.emplace_back(a.name);
  EXPECT_EQ(from_filed, (std::vector<std::string>{"recommend", "sue", "other"}));
  EXPECT_TRUE(actions_from("closed").empty());
  EXPECT_TRUE(actions_from("nonsense").empty());
  // Every action's statuses exist.
  for (const Action& a : actions()) {
    EXPECT_TRUE(is_status(a.to)) << a.name;
    for (std::string_view f : a.from) EXPECT_TRUE(is_status(f)) << a.name;
  }
}

class WorkflowTest : public LeadsFixture {};

TEST_F(WorkflowTest, EveryLegalTransition) {
  int n = 0;
  for (const Action& a : actions()) {
    for (std::string_view from : a.from) {
      SCOPED_TRACE(std::string(a.name) + " from " + std::string(from));
      const int64_t id = add_lead("3301", "L" + std::to_string(n++), std::string(from));
      auto lead = apply_transition(ws(), id, complete(a.name), kWang);
      ASSERT_TRUE(lead.ok()) << lead.error().message();
      EXPECT_EQ(lead.value().status, a.to);
      EXPECT_EQ(lead.value().org, a.name == "dispatch" ? "330122" : "3301");
      if (a.name == "assign") {
        EXPECT_EQ(lead.value().handler, "wang");
      }
      auto detail = get_lead(ws(), id);
      ASSERT_TRUE(detail.ok());
      ASSERT_EQ(detail.value().events.size(), 1u);
      const LeadEvent& e = detail.value().events[0];
      EXPECT_EQ(e.action, a.name);
      EXPECT_EQ(e.from_status, from);
      EXPECT_EQ(e.to_status, a.to);
      EXPECT_EQ(e.username, "wang");
      EXPECT_EQ(e.org, "3301");
      EXPECT_EQ(e.comment, "经核查属实");
      for (std::string_view f : a.required) {
        if (f != kComment) {
          EXPECT_TRUE(e.detail.contains(std::string(f))) << e.detail.dump();
        }
      }
      EXPECT_FALSE(e.at.empty());
      EXPECT_EQ(lead.value().updated_at, e.at);
    }
  }
  EXPECT_EQ(n, 20);
}

TEST_F(WorkflowTest, EveryIllegalTransitionIsRefusedAndChangesNothing) {
  const int64_t id = add_lead("3301", "X");
  int refused = 0;
  for (const StatusInfo& s : statuses()) {
    for (const Action& a : actions()) {
      if (std::find(a.from.begin(), a.from.end(), s.name) != a.from.end()) continue;
      SCOPED_TRACE(std::string(a.name) + " from " + std::string(s.name));
      set_status(id, std::string(s.name));
      auto r = apply_transition(ws(), id, complete(a.name), kWang);
      ASSERT_FALSE(r.ok());
      EXPECT_EQ(r.error().code(), "workflow.illegal");
      EXPECT_NE(r.error().zh().find(std::string(s.label)), std::string::npos) << r.error().zh();
      EXPECT_NE(r.error().zh().find(std::string(a.label)), std::string::npos);
      EXPECT_NE(r.error().en().find("'" + std::string(s.name) + "'"), std::string::npos);
      EXPECT_EQ(status_of(id), s.name);
      ++refused;
    }
  }
  EXPECT_EQ(refused, 12 * 13 - 20);
  EXPECT_EQ(count("SELECT COUNT(*) FROM lead_events"), 0);
}

TEST_F(WorkflowTest, IllegalMessageNamesStatusAndAction) {
  const int64_t id = add_lead("3301", "X", "filed");
  auto r = apply_transition(ws(), id, complete("triage"), kWang);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().zh(), "线索当前状态为「已立案」，不能执行「分拣」");
  EXPECT_EQ(r.error().en(), "the lead is 'filed'; 'triage' is not possible");
}

TEST_F(WorkflowTest, EachMissingRequiredField) {
  int checked = 0;
  for (const Action& a : actions()) {
    for (std::string_view field : a.required) {
      SCOPED_TRACE(std::string(a.name) + " without " + std::string(field));
      const int64_t id = add_lead("3301", "M" + std::to_string(checked), std::string(a.from[0]));
      TransitionRequest r = complete(a.name);
      if (field == kReason) r.reason = "  ";
      if (field == kHandler) r.handler.clear();
      if (field == kTargetOrg) r.target_org.clear();
      if (field == kDocumentNo) r.document_no.clear();
      if (field == kComment) r.comment.clear();
      auto result = apply_transition(ws(), id, r, kWang);
      ASSERT_FALSE(result.ok());
      EXPECT_EQ(result.error().code(), "workflow.missing_field");
      EXPECT_EQ(result.error().where().field, field);
      EXPECT_EQ(status_of(id), a.from[0]);
      ++checked;
    }
  }
  EXPECT_EQ(checked, 6);  // assign, return, dispatch, dismiss, recommend, other
}

TEST_F(WorkflowTest, DispatchOnlyStrictlyDownwards) {
  const int64_t id = add_lead("33", "D");
  for (const char* target : {"33", "54", "unknown"}) {
    TransitionRequest r = complete("dispatch");
    r.target_org = target;
    auto result = apply_transition(ws(), id, r, {"li", "33"});
    ASSERT_FALSE(result.ok()) << target;
    EXPECT_EQ(result.error().code(), "workflow.invalid_target");
    EXPECT_EQ(result.error().where().field, "target_org");
  }
  // A grandchild is below too; the lead moves there, new and without handler.
  TransitionRequest r = complete("dispatch");
  r.target_org = "330122";
  auto moved = apply_transition(ws(), id, r, {"li", "33"});
  ASSERT_TRUE(moved.ok()) << moved.error().message();
  EXPECT_EQ(moved.value().org, "330122");
  EXPECT_EQ(moved.value().org_name, "桐庐县人民检察院");
  EXPECT_EQ(moved.value().status, "new");
  // Now it cannot go back up or sideways.
  r.target_org = "3301";
  EXPECT_EQ(apply_transition(ws(), id, r, {"chen", "330122"}).error().code(),
            "workflow.invalid_target");
  const auto events = get_lead(ws(), id).value().events;
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].detail["from_org"], "33");
  EXPECT_EQ(events[0].detail["target_org"], "330122");
}

TEST_F(WorkflowTest, AssignOnlyToAnEnabledProsecutorOfTheLeadsOrganisation) {
  const int64_t id = add_lead("3301", "A", "approved");
  for (const char* handler : {"chen", "zhou", "sun", "zhao", "nobody"}) {
    TransitionRequest r = complete("assign");
    r.handler = handler;
    auto result = apply_transition(ws(), id, r, kWang);
    ASSERT_FALSE(result.ok()) << handler;
    EXPECT_EQ(result.error().code(), "workflow.invalid_handler") << handler;
    EXPECT_EQ(result.error().where().field, "handler");
  }
  TransitionRequest r = complete("assign");
  r.handler = "li";  // an administrator of the organisation may handle a lead too
  auto ok = apply_transition(ws(), id, r, kWang);
  ASSERT_TRUE(ok.ok()) << ok.error().message();
  EXPECT_EQ(ok.value().handler, "li");
  EXPECT_EQ(ok.value().status, "verifying");
  // Returning clears the handler.
  auto back = apply_transition(ws(), id, complete("return"), {"li", "3301"});
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back.value().status, "new");
  EXPECT_EQ(back.value().handler, "");
}

TEST_F(WorkflowTest, WholePathToClosed) {
  const int64_t id = add_lead("3301", "P");
  for (const char* action :
       {"triage", "approve", "assign", "file", "recommend", "reply", "rectify", "close"}) {
    auto r = apply_transition(ws(), id, complete(action), kWang);
    ASSERT_TRUE(r.ok()) << action << ": " << r.error().message();
  }
  EXPECT_EQ(status_of(id), "closed");
  const auto d = get_lead(ws(), id).value();
  ASSERT_EQ(d.events.size(), 8u);
  EXPECT_EQ(d.events[4].detail["document_no"], "杭检行建〔2026〕3号");
  EXPECT_EQ(d.lead.handler, "wang");
}

TEST_F(WorkflowTest, UnknownLeadAndAction) {
  EXPECT_EQ(apply_transition(ws(), 999, complete("triage"), kWang).error().code(),
            "lead.not_found");
  const int64_t id = add_lead("3301", "U");
  auto r = apply_transition(ws(), id, complete("approve-all"), kWang);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), "workflow.unknown_action");
  EXPECT_EQ(r.error().where().field, "action");
}

TEST_F(WorkflowTest, AttachmentsAreStoredWithSha256) {
  const int64_t id = add_lead("3301", "F", "verifying");
  TransitionRequest r = complete("file");
  r.attachments = {{"立案决定书.pdf", "application/pdf", "abc"}, {"说明.txt", "", ""}};
  auto lead = apply_transition(ws(), id, r, kWang);
  ASSERT_TRUE(lead.ok()) << lead.error().message();
  const auto d = get_lead(ws(), id).value();
  ASSERT_EQ(d.attachments.size(), 2u);
  const AttachmentInfo& a = d.attachments[0];
  EXPECT_EQ(a.filename, "立案决定书.pdf");
  EXPECT_EQ(a.content_type, "application/pdf");
  EXPECT_EQ(a.size, 3);
  EXPECT_EQ(a.sha256, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(a.event_id, d.events[0].id);
  EXPECT_EQ(d.attachments[1].content_type, "application/octet-stream");
  EXPECT_EQ(d.attachments[1].sha256,
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  auto got = get_attachment(ws(), id, a.id);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got.value().bytes, "abc");
  EXPECT_EQ(got.value().info.filename, "立案决定书.pdf");
  EXPECT_EQ(get_attachment(ws(), id + 1, a.id).error().code(), "attachment.not_found");
  EXPECT_EQ(get_attachment(ws(), id, 12345).error().code(), "attachment.not_found");
}

TEST_F(WorkflowTest, AttachmentSizeLimit) {
  const int64_t id = add_lead("3301", "S", "verifying");
  TransitionRequest r = complete("file");
  r.attachments = {{"大文件.zip", "application/zip", std::string(kMaxAttachmentBytes + 1, 'x')}};
  auto refused = apply_transition(ws(), id, r, kWang);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code(), "workflow.attachment_too_large");
  EXPECT_NE(refused.error().zh().find("大文件.zip"), std::string::npos);
  EXPECT_NE(refused.error().zh().find("20 MiB"), std::string::npos);
  EXPECT_EQ(status_of(id), "verifying");
  EXPECT_EQ(count("SELECT COUNT(*) FROM lead_attachments"), 0);
  r.attachments[0].bytes.pop_back();  // exactly the limit is fine
  ASSERT_TRUE(apply_transition(ws(), id, r, kWang).ok());
  EXPECT_EQ(count("SELECT size FROM lead_attachments"), static_cast<int64_t>(kMaxAttachmentBytes));
}

TEST_F(WorkflowTest, AttachmentWithoutFilenameIsRefused) {
  const int64_t id = add_lead("3301", "N", "verifying");
  TransitionRequest r = complete("file");
  r.attachments = {{"", "text/plain", "x"}};
  auto result = apply_transition(ws(), id, r, kWang);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().where().field, "filename");
}

TEST_F(WorkflowTest, CommentsKeepTheStatus) {
  const int64_t id = add_lead("3301", "C", "verifying");
  auto e = add_comment(ws(), id, {"expert1", "54"}, "建议调取缴款记录");
  ASSERT_TRUE(e.ok()) << e.error().message();
  EXPECT_EQ(e.value().action, "comment");
  EXPECT_EQ(e.value().from_status, "verifying");
  EXPECT_EQ(e.value().to_status, "verifying");
  EXPECT_EQ(status_of(id), "verifying");
  const auto d = get_lead(ws(), id).value();
  ASSERT_EQ(d.events.size(), 1u);
  EXPECT_EQ(d.events[0].comment, "建议调取缴款记录");
  EXPECT_EQ(d.events[0].username, "expert1");
  EXPECT_EQ(d.events[0].org, "54");
  auto blank = add_comment(ws(), id, kWang, " ");
  ASSERT_FALSE(blank.ok());
  EXPECT_EQ(blank.error().code(), "workflow.missing_field");
  EXPECT_EQ(blank.error().where().field, "comment");
  EXPECT_EQ(add_comment(ws(), 999, kWang, "x").error().code(), "lead.not_found");
}

TEST_F(WorkflowTest, SharesForConsultation) {
  const int64_t id = add_lead("3301", "H");
  ASSERT_TRUE(share_lead(ws(), id, "54", kWang).ok());
  ASSERT_TRUE(share_lead(ws(), id, "54", kWang).ok());  // again: nothing changes
  auto shares = lead_shared_with(ws(), id);
  ASSERT_TRUE(shares.ok());
  ASSERT_EQ(shares.value().size(), 1u);
  EXPECT_EQ(shares.value()[0].org, "54");
  EXPECT_EQ(shares.value()[0].org_name, "西藏自治区人民检察院");
  EXPECT_EQ(shares.value()[0].shared_by, "wang");
  EXPECT_EQ(count("SELECT COUNT(*) FROM lead_events WHERE action = 'share'"), 1);
  EXPECT_EQ(share_lead(ws(), id, "nowhere", kWang).error().code(), "workflow.invalid_target");
  EXPECT_EQ(share_lead(ws(), id, "3301", kWang).error().code(), "workflow.invalid_target");
  EXPECT_EQ(share_lead(ws(), 999, "54", kWang).error().code(), "lead.not_found");
  EXPECT_EQ(get_lead(ws(), id).value().shared_with.size(), 1u);
}

TEST(Sha256Test, KnownVectors) {
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

}  // namespace
}  // namespace shanhai::leads
