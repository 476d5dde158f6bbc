#include "ingest/region_table_loader.h"

#include <gtest/gtest.h>

#include "ingest/importer.h"
#include "store/catalog.h"
#include "support/temp_dir.h"
#include "support/workspace_snapshot.h"

namespace shanhai::ingest {
namespace {

using namespace shanhai::testing;

class RegionTableLoaderTest : public ::testing::Test {
 protected:
  void SetUp() override { ws_ = store::Workspace::create(dir_ / "ws").value(); }

  // Imports a one-column dataset of division codes typed as `region`; returns invalid count.
  int64_t invalid_regions() {
    ImportRequest req;
    req.file = dir_.write("r.csv", "地区\n330106\n330108\n西湖区\n");
    req.dataset = "地区";
    req.elements.push_back({"地区", "region"});
    auto r = import_file(*ws_, req);
    EXPECT_TRUE(r.ok()) << r.error().message();
    return store::find_version(*ws_, "地区").value().invalid_cells;
  }

  TempDir dir_;
  std::unique_ptr<store::Workspace> ws_;
};

TEST_F(RegionTableLoaderTest, LoadedTableDecidesWhichCodesExist) {
  // The compiled-in table is partial: an unknown county under a known province is accepted.
  EXPECT_EQ(invalid_regions(), 0);
  // GBK-encoded, with a header line, as a spreadsheet exports it.
  const std::string gbk_header = "\xB4\xFA\xC2\xEB\t\xC3\xFB\xB3\xC6\n";  // 代码\t名称
  const std::string gbk_rows =
      "330000\t\xD5\xE3\xBD\xAD\xCA\xA1\n330100\t\xBA\xBC\xD6\xDD\xCA\xD0\n"
      "330106\t\xCE\xF7\xBA\xFE\xC7\xF8\n";  // 浙江省 杭州市 西湖区
  auto n = load_region_table(*ws_, dir_.write("gbt2260.txt", gbk_header + gbk_rows));
  ASSERT_TRUE(n.ok()) << n.error().message();
  EXPECT_EQ(n.value(), 3u);
  auto table = workspace_region_table(*ws_);
  ASSERT_TRUE(table.ok());
  ASSERT_NE(table.value(), nullptr);
  EXPECT_TRUE(table.value()->complete());
  // Now 330108 is not a division of this workspace.
  EXPECT_EQ(invalid_regions(), 1);
}

TEST_F(RegionTableLoaderTest, MalformedTableIsRefusedNamingTheLine) {
  const WorkspaceSnapshot before = snapshot(*ws_);
  auto n = load_region_table(*ws_, dir_.write("bad.txt", "330000\t浙江省\n33010X\t杭州市\n"));
  ASSERT_FALSE(n.ok());
  EXPECT_EQ(n.error().code(), "region.table");
  EXPECT_EQ(n.error().where().row, 2);
  EXPECT_EQ(n.error().where().file, (dir_ / "bad.txt").string());
  EXPECT_EQ(workspace_region_table(*ws_).value(), nullptr);
  EXPECT_EQ(snapshot(*ws_), before);
}

TEST_F(RegionTableLoaderTest, EmptyTableIsRefused) {
  auto n = load_region_table(*ws_, dir_.write("empty.txt", "代码\t名称\n# nothing\n"));
  ASSERT_FALSE(n.ok());
  EXPECT_EQ(n.error().code(), "region.table_empty");
}

}  // namespace
}  // namespace shanhai::ingest
