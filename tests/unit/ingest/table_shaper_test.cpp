#include "ingest/table_shaper.h"

#include <gtest/gtest.h>

#include "support/recording_sink.h"

namespace shanhai::ingest {
namespace {

using testing::cells;
using testing::RecordingTable;

struct Shaped {
  RecordingTable table;
  Status status;
  nlohmann::json report;
  int64_t header_row = 0;
};

Shaped shape(const std::vector<std::vector<std::string>>& rows,
             std::vector<MergedRange> merges = {}, bool ragged = true) {
  Shaped out;
  TableShaper shaper({"f.csv", "", false, ragged}, out.table);
  shaper.set_merged_ranges(std::move(merges));
  int64_t i = 0;
  for (const auto& r : rows) {
    std::vector<std::string_view> v(r.begin(), r.end());
    out.status = shaper.row(i + 1, i, v);
    ++i;
    if (!out.status.ok()) return out;
  }
  out.status = shaper.finish();
  out.report = shaper.report();
  out.header_row = shaper.header_row();
  return out;
}

TEST(TableShaperTest, FirstRowIsHeader) {
  auto s = shape({{"姓名", "金额"}, {"张伟", "5000"}});
  ASSERT_TRUE(s.status.ok());
  EXPECT_EQ(s.table.columns, cells({"姓名", "金额"}));
  ASSERT_EQ(s.table.rows.size(), 1u);
  EXPECT_EQ(s.table.rows[0].source_row, 2);
}

TEST(TableShaperTest, TitleRowsAboveHeaderAreSkippedAndReported) {
  auto s = shape({{"某县林业局行政处罚台账", "", ""},
                  {"制表单位：某县林业局", "", ""},
                  {"序号", "姓名", "金额"},
                  {"1", "张伟", "5000"}});
  ASSERT_TRUE(s.status.ok());
  EXPECT_EQ(s.header_row, 3);
  EXPECT_EQ(s.table.columns, cells({"序号", "姓名", "金额"}));
  EXPECT_EQ(s.report["title_rows"].size(), 2u);
  EXPECT_EQ(s.report["title_rows"][0]["text"], "某县林业局行政处罚台账");
}

TEST(TableShaperTest, TitleMergedAcrossTheSheetCountsOnce) {
  auto s = shape({{"缴款明细", "", ""}, {"姓名", "金额", "日期"}, {"张伟", "5000", "2023-01-01"}},
                 {{0, 0, 0, 2}}, false);
  ASSERT_TRUE(s.status.ok());
  EXPECT_EQ(s.header_row, 2);
}

TEST(TableShaperTest, TwoRowHeaderUnderMergedCells) {
  // 序号 | 缴款人 (merged B1:C1) | 金额
  //      | 姓名 | 证件号码        |
  auto s =
      shape({{"序号", "缴款人", "", "金额"}, {"", "姓名", "证件号码", ""}, {"1", "张伟", "X", "5"}},
            {{0, 1, 0, 0}, {0, 0, 1, 2}, {0, 1, 3, 3}}, false);
  ASSERT_TRUE(s.status.ok()) << s.status.error().message();
  EXPECT_EQ(s.table.columns, cells({"序号", "缴款人姓名", "缴款人证件号码", "金额"}));
  ASSERT_EQ(s.table.rows.size(), 1u);
  EXPECT_EQ(s.table.rows[0].source_row, 3);
}

TEST(TableShaperTest, HeaderNamesAreTrimmed) {
  auto s = shape({{" 姓名\xE3\x80\x80", "决定\n日期"}, {"a", "b"}});
  ASSERT_TRUE(s.status.ok());
  EXPECT_EQ(s.table.columns, cells({"姓名", "决定日期"}));
}

TEST(TableShaperTest, EmptyHeaderNameIsAnError) {
  auto s = shape({{"姓名", "", "金额"}, {"a", "b", "c"}});
  ASSERT_FALSE(s.status.ok());
  EXPECT_EQ(s.status.error().code(), "import.empty_header");
  EXPECT_EQ(s.status.error().where().row, 1);
  EXPECT_EQ(s.status.error().where().column, 2);
}

TEST(TableShaperTest, DuplicateHeaderNameIsAnError) {
  auto s = shape({{"姓名", "金额", "姓名"}, {"a", "b", "c"}});
  ASSERT_FALSE(s.status.ok());
  EXPECT_EQ(s.status.error().code(), "import.duplicate_header");
  EXPECT_EQ(s.status.error().where().column, 3);
  EXPECT_EQ(s.status.error().where().value, "姓名");
  EXPECT_NE(s.status.error().message().find("第 1 列"), std::string::npos);
}

TEST(TableShaperTest, RaggedRowsArePaddedOrWidenedNeverDropped) {
  auto s = shape({{"a", "b"}, {"1"}, {"2", "3", "4"}, {"5", "6"}});
  ASSERT_TRUE(s.status.ok());
  EXPECT_EQ(s.table.columns, cells({"a", "b", "列3"}));
  ASSERT_EQ(s.table.rows.size(), 3u);
  EXPECT_EQ(s.table.rows[0].cells, cells({"1", "", ""}));
  EXPECT_EQ(s.table.rows[1].cells, cells({"2", "3", "4"}));
  EXPECT_EQ(s.report["ragged_rows"], 2);
  EXPECT_EQ(s.report["ragged_samples"][0]["row"], 2);
}

TEST(TableShaperTest, BlankRowsSkippedAndCounted) {
  auto s = shape({{"a", "b"}, {"", ""}, {"1", "2"}, {" "}});
  ASSERT_TRUE(s.status.ok());
  EXPECT_EQ(s.table.rows.size(), 1u);
  EXPECT_EQ(s.report["blank_rows_skipped"], 2);
}

TEST(TableShaperTest, NoRowsIsAnEmptyFileError) {
  auto s = shape({});
  ASSERT_FALSE(s.status.ok());
  EXPECT_EQ(s.status.error().code(), "import.empty_file");
  auto blank = shape({{"", ""}, {""}});
  ASSERT_FALSE(blank.status.ok());
  EXPECT_EQ(blank.status.error().code(), "import.empty_file");
}

TEST(TableShaperTest, HeaderOnlyIsAnEmptyTable) {
  auto s = shape({{"a", "b"}});
  ASSERT_TRUE(s.status.ok());
  EXPECT_EQ(s.table.columns, cells({"a", "b"}));
  EXPECT_TRUE(s.table.rows.empty());
}

TEST(TableShaperTest, ManyRowsStreamPastTheProbeWindow) {
  std::vector<std::vector<std::string>> rows{{"n"}};
  for (int i = 0; i < 100; ++i) rows.push_back({std::to_string(i)});
  auto s = shape(rows);
  ASSERT_TRUE(s.status.ok());
  ASSERT_EQ(s.table.rows.size(), 100u);
  EXPECT_EQ(s.table.rows[99].cells[0], "99");
  EXPECT_EQ(s.table.rows[99].source_row, 101);
}

}  // namespace
}  // namespace shanhai::ingest

namespace shanhai::ingest {
namespace {

// Found by tests/fuzz/table_fuzz: a header of nothing but a no-break space gave a table with no
// columns. No-break and full-width spaces are blank like ASCII ones.
TEST(TableShaperTest, CellsOfOnlyUnicodeSpacesAreBlank) {
  auto only = shape({{"\xC2\xA0"}});
  ASSERT_FALSE(only.status.ok());
  EXPECT_EQ(only.status.error().code(), "import.empty_file");
  auto s = shape({{"\xC2\xA0", "\xE3\x80\x80"}, {"甲", "乙"}, {"1", "2"}});
  ASSERT_TRUE(s.status.ok());
  EXPECT_EQ(s.header_row, 2);
  EXPECT_EQ(s.table.columns, cells({"甲", "乙"}));
}

}  // namespace
}  // namespace shanhai::ingest
