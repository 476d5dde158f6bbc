#include "ingest/xlsx_reader.h"

#include <gtest/gtest.h>

#include <fstream>

#include "support/recording_sink.h"
#include "support/temp_dir.h"
#include "support/xlsx_fixture.h"

namespace shanhai::ingest {
namespace {

using namespace shanhai::testing;

std::vector<XlsxSheet> workbook() {
  XlsxSheet a{"处罚", {}, {"A1:C1"}};
  a.rows = {{std::string("林业局处罚台账")},
            {std::string("当事人"), std::string("罚款"), std::string("决定日期")},
            {std::string("张伟"), XlsxNumber{5000}, XlsxDate{2023, 8, 21}},
            {std::string("李娜"), XlsxNumber{0.5}, XlsxDate{2024, 2, 29}},
            {std::string("扎西"), XlsxNumber{123456789012}, {}}};
  XlsxSheet b{"第二页", {{std::string("x")}, {std::string("1")}}, {}};
  return {a, b};
}

class XlsxReaderTest : public ::testing::TestWithParam<bool> {};

TEST_P(XlsxReaderTest, ReadsStringsNumbersDatesAndMerges) {
  TempDir dir;
  const auto path = dir / "t.xlsx";
  write_xlsx(path, workbook(), GetParam());
  RecordingGrid g;
  std::string chosen;
  Status s = read_xlsx(path, "t.xlsx", "", g, &chosen, nullptr);
  ASSERT_TRUE(s.ok()) << s.error().message();
  EXPECT_EQ(chosen, "处罚");
  ASSERT_EQ(g.rows.size(), 5u);
  EXPECT_EQ(g.rows[0].cells[0], "林业局处罚台账");
  EXPECT_EQ(g.rows[1].cells, cells({"当事人", "罚款", "决定日期"}));
  EXPECT_EQ(g.rows[2].cells, cells({"张伟", "5000", "2023-08-21"}));
  EXPECT_EQ(g.rows[3].cells, cells({"李娜", "0.5", "2024-02-29"}));
  EXPECT_EQ(g.rows[4].cells[1], "123456789012");
  EXPECT_EQ(g.rows[4].source_row, 5);
  if (GetParam()) return;  // libxlsxwriter's constant-memory mode writes no merged ranges
  ASSERT_EQ(g.merged.size(), 1u);
  EXPECT_EQ(g.merged[0].first_col, 0);
  EXPECT_EQ(g.merged[0].last_col, 2);
}

INSTANTIATE_TEST_SUITE_P(SharedAndInlineStrings, XlsxReaderTest, ::testing::Values(false, true));

TEST(XlsxReaderSheetsTest, ChoosesSheetByNameAndListsSheets) {
  TempDir dir;
  const auto path = dir / "t.xlsx";
  write_xlsx(path, workbook());
  RecordingGrid g;
  std::string chosen;
  ASSERT_TRUE(read_xlsx(path, "t.xlsx", "第二页", g, &chosen, nullptr).ok());
  EXPECT_EQ(chosen, "第二页");
  EXPECT_EQ(g.rows.size(), 2u);
  auto names = xlsx_sheet_names(path, "t.xlsx");
  ASSERT_TRUE(names.ok());
  EXPECT_EQ(names.value(), cells({"处罚", "第二页"}));
}

TEST(XlsxReaderSheetsTest, MissingSheetIsAnErrorListingTheSheets) {
  TempDir dir;
  const auto path = dir / "t.xlsx";
  write_xlsx(path, workbook());
  RecordingGrid g;
  std::string chosen;
  Status s = read_xlsx(path, "t.xlsx", "不存在", g, &chosen, nullptr);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code(), "import.no_such_sheet");
  EXPECT_EQ(s.error().where().sheet, "不存在");
  EXPECT_NE(s.error().message().find("处罚、第二页"), std::string::npos);
  EXPECT_NE(s.error().message().find("the sheets are: 处罚, 第二页"), std::string::npos);
}

TEST(XlsxReaderSheetsTest, TruncatedWorkbookIsCorrupt) {
  TempDir dir;
  const auto path = dir / "t.xlsx";
  write_xlsx(path, workbook());
  std::ifstream in(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), {});
  const auto cut = dir.write("cut.xlsx", bytes.substr(0, bytes.size() / 2));
  RecordingGrid g;
  std::string chosen;
  Status s = read_xlsx(cut, "cut.xlsx", "", g, &chosen, nullptr);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code(), "import.corrupt_xlsx");
  EXPECT_NE(s.error().message().find("截断"), std::string::npos);
}

}  // namespace
}  // namespace shanhai::ingest
