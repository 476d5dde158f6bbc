#include "leads/lead_export.h"

#include <gtest/gtest.h>

#include <sstream>

#include "ingest/xlsx_reader.h"
#include "support/recording_sink.h"
#include "support/temp_dir.h"

namespace shanhai::leads {
namespace {

Lead sample() {
  Lead l;
  l.fingerprint = "0123456789abcdef0123456789abcdef";
  l.model_id = "admin-penalty-enforcement";
  l.rule = "unpaid-and-not-enforced";
  l.subject = "林罚决字(2023)7号";
  l.title = "马明被处罚款，逾期未缴纳, 且未申请强制执行";
  l.category = "行政非诉执行监督";
  l.status = "new";
  l.evidence = {{"penalties", "行政处罚决定", 1, "/data/台账.csv", "", 10},
                {"penalties", "行政处罚决定", 1, "/data/台账.xlsx", "Sheet1", 4}};
  return l;
}

TEST(LeadExportTest, CsvHasBomChineseHeadersAndQuotedFields) {
  std::ostringstream out;
  write_leads_csv(out, {sample()});
  const std::string csv = out.str();
  EXPECT_EQ(csv.rfind("\xEF\xBB\xBF模型 model,规则 rule,", 0), 0u);
  EXPECT_NE(csv.find("\"马明被处罚款，逾期未缴纳, 且未申请强制执行\""), std::string::npos) << csv;
  EXPECT_NE(csv.find("行政处罚决定@1 文件 /data/台账.csv 第 10 行；行政处罚决定@1 文件 "
                     "/data/台账.xlsx 工作表 Sheet1 第 4 行"),
            std::string::npos)
      << csv;
}

// The XLSX export reads back through Shanhai's own XLSX reader, cell for cell.
TEST(LeadExportTest, XlsxRoundTrip) {
  testing::TempDir dir;
  ASSERT_TRUE(write_leads_xlsx(dir / "leads.xlsx", {sample()}).ok());
  testing::RecordingGrid g;
  std::string sheet;
  ASSERT_TRUE(ingest::read_xlsx(dir / "leads.xlsx", "leads.xlsx", "", g, &sheet, nullptr).ok());
  EXPECT_EQ(sheet, "线索");
  ASSERT_EQ(g.rows.size(), 2u);
  EXPECT_EQ(g.rows[0].cells, export_headers());
  EXPECT_EQ(g.rows[1].cells, export_cells(sample()));
}

TEST(LeadExportTest, UnwritableXlsxPathIsAnError) {
  auto s = write_leads_xlsx("/nonexistent-dir/leads.xlsx", {sample()});
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code(), "leads.export");
  EXPECT_EQ(s.error().where().file, "/nonexistent-dir/leads.xlsx");
}

}  // namespace
}  // namespace shanhai::leads
