#pragma once
// A workspace with an organisation tree, users and leads for the leads layer's tests. The rows
// of organisations and users are plain SQL: the access layer owns them, this layer only reads.
//
//   33 浙江省人民检察院
//   ├─ 3301 杭州市人民检察院
//   │  └─ 330122 桐庐县人民检察院
//   └─ 3302 宁波市人民检察院
//   54 西藏自治区人民检察院

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/VariadicBind.h>

#include "leads/lead_store.h"
#include "store/workspace.h"
#include "support/temp_dir.h"

namespace shanhai::leads::testing {

class LeadsFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    auto created = store::Workspace::create(dir_ / "ws");
    ASSERT_TRUE(created.ok()) << created.error().message();
    ws_ = std::move(created.value());
    add_org("33", "浙江省人民检察院", "");
    add_org("3301", "杭州市人民检察院", "33");
    add_org("330122", "桐庐县人民检察院", "3301");
    add_org("3302", "宁波市人民检察院", "33");
    add_org("54", "西藏自治区人民检察院", "");
    add_user("wang", "3301", "prosecutor");
    add_user("li", "3301", "admin");
    add_user("zhao", "3301", "viewer");
    add_user("sun", "3301", "prosecutor", true);
    add_user("chen", "330122", "prosecutor");
    add_user("zhou", "3302", "prosecutor");
  }

  store::Workspace& ws() { return *ws_; }
  SQLite::Database& db() { return ws_->db(); }

  void add_org(const std::string& code, const std::string& name, const std::string& parent) {
    SQLite::Statement q(db(),
                        "INSERT INTO organisations(code, name, parent, created_at) "
                        "VALUES (?, ?, NULLIF(?, ''), '2026-01-01T00:00:00Z')");
    SQLite::bind(q, code, name, parent);
    q.exec();
  }

  void add_user(const std::string& username, const std::string& org, const std::string& role,
                bool disabled = false) {
    SQLite::Statement q(db(),
                        "INSERT INTO users(username, display_name, org, role, password_hash, "
                        "disabled, created_at) VALUES (?, ?, ?, ?, 'x', ?, "
                        "'2026-01-01T00:00:00Z')");
    SQLite::bind(q, username, username, org, role, disabled ? 1 : 0);
    q.exec();
  }

  static DetectedLead detected(const std::string& subject, const std::string& rule = "unpaid") {
    DetectedLead d;
    d.rule = rule;
    d.subject = subject;
    d.title = "马明被处罚款未缴纳（" + subject + "）";
    d.title_masked = "马*被处罚款未缴纳（" + subject + "）";
    d.subject_masked = subject;
    d.category = "行政非诉执行监督";
    d.evidence = {{"penalties", "处罚决定", 1, "/data/处罚.csv", "", 2}};
    return d;
  }

  static RunRecord run(const std::string& org, const std::string& model = "penalty",
                       const std::string& started_at = "2026-11-23T00:00:00Z") {
    RunRecord r;
    r.org = org;
    r.model_id = model;
    r.model_version = "1.0.0";
    r.started_at = started_at;
    return r;
  }

  // Records one new lead of `org` and returns its id.
  int64_t add_lead(const std::string& org, const std::string& subject,
                   const std::string& status = "new") {
    auto s = record_run(ws(), run(org), {detected(subject)});
    EXPECT_TRUE(s.ok()) << s.error().message();
    SQLite::Statement q(db(), "SELECT id FROM leads WHERE fingerprint = ?");
    q.bind(1, lead_fingerprint(org, "penalty", "unpaid", subject));
    EXPECT_TRUE(q.executeStep());
    const int64_t id = q.getColumn(0).getInt64();
    set_status(id, status);
    return id;
  }

  void set_status(int64_t id, const std::string& status) {
    SQLite::Statement q(db(), "UPDATE leads SET status = ? WHERE id = ?");
    SQLite::bind(q, status, id);
    q.exec();
  }

  std::string status_of(int64_t id) {
    SQLite::Statement q(db(), "SELECT status FROM leads WHERE id = ?");
    q.bind(1, id);
    q.executeStep();
    return q.getColumn(0).getString();
  }

  int64_t count(const std::string& sql) { return db().execAndGet(sql).getInt64(); }

  shanhai::testing::TempDir dir_;
  std::unique_ptr<store::Workspace> ws_;
};

}  // namespace shanhai::leads::testing
