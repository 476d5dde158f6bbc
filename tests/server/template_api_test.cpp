// Element templates and mapping suggestions over HTTP (docs/api.md): the template download of a
// model, and suggested columns for a dataset uploaded with a procuratorate's own headers, which
// the run dialog shows for the user to confirm.
#include <gtest/gtest.h>

#include <fstream>
#include <map>

#include "ingest/xlsx_reader.h"
#include "server/support/test_server.h"

namespace shanhai::server::testing {
namespace {

using nlohmann::json;

class TemplateApiTest : public SharedServerTest {
 protected:
  static std::map<std::string, json> fields_of(const json& input) {
    std::map<std::string, json> out;
    for (const auto& f : input["fields"]) out[f["name"]] = f;
    return out;
  }
};

TEST_F(TemplateApiTest, TemplateDownloadIsTheModelsXlsx) {
  // Every role that sees the model may download its template.
  Response r = as("c_viewer").get(std::string("/api/models/") + kModel + "/template");
  ASSERT_EQ(r.status, 200) << r.describe();
  EXPECT_EQ(r.header("Content-Type"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_NE(r.header("Content-Disposition").find("attachment; filename*=UTF-8''"),
            std::string::npos);
  EXPECT_NE(r.header("Content-Disposition").find("xlsx"), std::string::npos);
  ASSERT_EQ(r.body.rfind("PK\x03\x04", 0), 0u);
  shanhai::testing::TempDir dir;
  std::ofstream(dir / "t.xlsx", std::ios::binary) << r.body;
  auto sheets = ingest::xlsx_sheet_names(dir / "t.xlsx", "t.xlsx");
  ASSERT_TRUE(sheets.ok()) << sheets.error().message();
  EXPECT_EQ(sheets.value(),
            (std::vector<std::string>{"说明", "行政处罚决定", "罚款缴纳记录", "法院强制执行申请"}));

  EXPECT_EQ(
      as("c_expert").get(std::string("/api/models/") + kModel + "/template?version=1.1.0").status,
      200);
  Response old =
      as("c_viewer").get(std::string("/api/models/") + kModel + "/template?version=0.0.1");
  EXPECT_EQ(old.status, 404) << old.describe();
  EXPECT_EQ(as("c_viewer").get("/api/models/no-such-model/template").status, 404);
}

TEST_F(TemplateApiTest, SuggestionsForADatasetWithLocalHeaders) {
  Client& c = as("c_prosecutor");
  const std::string csv =
      "序号,当事人名称,证件号码,处罚决定书文号,罚款金额（元）,决定日期,执法机关\n"
      "1,张三,11010119900307002X,杭西环罚〔2023〕3号,5000,2023-01-31,杭州市西湖区生态环境分局\n"
      "2,李四,330106198506120031,杭西环罚〔2023〕4号,伍仟元整,2023-02-01,杭州市西湖区城市管理局\n";
  Response up = c.upload("/api/datasets", {{"file", csv, "本地处罚台账.csv", "text/csv"},
                                           {"name", "C_local", "", ""}});
  ASSERT_EQ(up.status, 202) << up.describe();
  ASSERT_EQ(c.wait_job(up.json()["job"]["id"])["state"], "succeeded");

  const std::string route = std::string("/api/models/") + kModel + "/mapping-suggestions";
  Response r = c.post(route, {{"inputs", {{"penalties", "C_local"}}}});
  ASSERT_EQ(r.status, 200) << r.describe();
  const json j = r.json();
  EXPECT_DOUBLE_EQ(j["confident"].get<double>(), 0.6);
  ASSERT_EQ(j["inputs"].size(), 3u);
  EXPECT_EQ(j["inputs"][0]["name"], "penalties");
  EXPECT_EQ(j["inputs"][0]["dataset"], "C_local");
  auto f = fields_of(j["inputs"][0]);
  EXPECT_EQ(f["decision_no"]["column"], "处罚决定书文号");
  EXPECT_EQ(f["party_name"]["column"], "当事人名称");
  EXPECT_EQ(f["party_id"]["column"], "证件号码");
  EXPECT_EQ(f["amount"]["column"], "罚款金额（元）");
  EXPECT_EQ(f["decision_date"]["column"], "决定日期");
  EXPECT_EQ(f["agency"]["column"], "执法机关");
  EXPECT_GT(f["party_id"]["confidence"].get<double>(), 0.9);
  EXPECT_NE(f["party_id"]["reason"].get<std::string>().find("同义"), std::string::npos)
      << f["party_id"].dump();
  EXPECT_FALSE(f["party_id"]["reason_en"].get<std::string>().empty());
  // Inputs without a chosen dataset get none (no dataset of the same name is looked at).
  EXPECT_EQ(j["inputs"][1]["dataset"], nullptr);
  EXPECT_EQ(fields_of(j["inputs"][1])["party_id"]["column"], nullptr);

  // The suggestions, confirmed, bind.
  json fields = json::object();
  for (const auto& [name, s] : f) fields["penalties." + name] = s["column"];
  Response preview = c.post(
      std::string("/api/models/") + kModel + "/binding",
      {{"inputs",
        {{"penalties", "C_local"}, {"payments", "C_payments"}, {"applications", "C_applications"}}},
       {"fields", fields}});
  ASSERT_EQ(preview.status, 200) << preview.describe();
  EXPECT_EQ(preview.json()["ok"], true) << preview.body;
}

TEST_F(TemplateApiTest, SuggestionsNeedADatasetTheCallerMayUse) {
  const std::string route = std::string("/api/models/") + kModel + "/mapping-suggestions";
  // Another organisation's dataset is not visible; an expert may not prepare runs.
  EXPECT_EQ(as("c_prosecutor").post(route, {{"inputs", {{"penalties", "U_penalties"}}}}).status,
            404);
  EXPECT_EQ(as("c_expert").post(route, {{"inputs", {{"penalties", "C_penalties"}}}}).status, 403);
  Response unknown = as("c_prosecutor").post(route, {{"inputs", {{"penalty", "C_penalties"}}}});
  EXPECT_EQ(unknown.status, 422) << unknown.describe();
  EXPECT_EQ(unknown.error_code(), "bind.unknown_input");
  Response bad = as("c_prosecutor").post(route, {{"inputs", "C_penalties"}});
  EXPECT_EQ(bad.status, 422) << bad.describe();
}

}  // namespace
}  // namespace shanhai::server::testing
