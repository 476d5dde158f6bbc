// Rows an import is told to skip (the element row of a template): neither data nor rejected,
// listed in the report; and a fixed first-row header with no title detection.
#include <gtest/gtest.h>

#include "ingest/importer.h"
#include "ingest/table_shaper.h"
#include "store/catalog.h"
#include "support/recording_sink.h"
#include "support/temp_dir.h"
#include "support/xlsx_fixture.h"

namespace shanhai::ingest {
namespace {

using namespace shanhai::testing;

Status feed(TableShaper& s, int64_t row, std::vector<std::string> cells) {
  std::vector<std::string_view> views(cells.begin(), cells.end());
  return s.row(row, row - 1, views);
}

TEST(SkipRowsTest, ShaperDropsTheRowsAndReportsThem) {
  RecordingTable table;
  ShaperOptions o{"t.xlsx", "表", true, false, {2}};
  TableShaper s(o, table);
  ASSERT_TRUE(feed(s, 1, {"姓名", "公民身份号码"}).ok());
  ASSERT_TRUE(feed(s, 2, {"【必填】姓名：如张三", "【必填】公民身份号码：18位"}).ok());
  ASSERT_TRUE(feed(s, 3, {"张三", "11010119900307002X"}).ok());
  ASSERT_TRUE(s.finish().ok());
  EXPECT_EQ(table.columns, cells({"姓名", "公民身份号码"}));
  ASSERT_EQ(table.rows.size(), 1u);
  EXPECT_EQ(table.rows[0].source_row, 3);
  const auto report = s.report();
  ASSERT_EQ(report["skipped_rows"].size(), 1u);
  EXPECT_EQ(report["skipped_rows"][0]["row"], 2);
  EXPECT_EQ(report["skipped_rows"][0]["text"], "【必填】姓名：如张三 【必填】公民身份号码：18位");
  EXPECT_EQ(report["blank_rows_skipped"], 0);
}

TEST(SkipRowsTest, ImportWithAFixedHeaderAndASkippedRow) {
  TempDir dir;
  auto ws = store::Workspace::create(dir / "ws").value();
  // A sparse first row would be taken for a title without header_is_first_row.
  write_xlsx(dir / "t.xlsx", {{"表",
                               {{std::string("姓名")},
                                {std::string("【选填】说明")},
                                {std::string("张三"), std::string("x"), std::string("y")},
                                {std::string("李四"), std::string("x"), std::string("y")}},
                               {}}});
  ImportRequest req;
  req.file = dir / "t.xlsx";
  req.dataset = "d";
  req.header_is_first_row = true;
  req.skip_rows = {2};
  auto r = import_file(*ws, req);
  ASSERT_TRUE(r.ok()) << r.error().message();
  EXPECT_EQ(r->manifest.header_row, 1);
  EXPECT_EQ(r->manifest.row_count, 2);
  EXPECT_EQ(r->manifest.columns.at(0).name, "姓名");
  EXPECT_EQ(r->manifest.report["table"]["skipped_rows"][0]["row"], 2);
}

}  // namespace
}  // namespace shanhai::ingest
