// Several dataset versions made visible together (VersionWriter::commit_all), as an element
// template's sheets are: all of them, or — when any one fails — none, with nothing left behind.
#include <gtest/gtest.h>

#include <fstream>

#include "store/catalog.h"
#include "store/dataset_version.h"
#include "store/version_writer.h"
#include "support/temp_dir.h"
#include "support/workspace_snapshot.h"

namespace shanhai::store {
namespace {

using shanhai::testing::TempDir;
namespace fs = std::filesystem;

// A writer holding a one-column, one-row version of `dataset`, and its manifest.
struct Pending {
  std::unique_ptr<VersionWriter> writer;
  VersionManifest manifest;
};

Pending pending(Workspace& ws, const std::string& dataset) {
  Pending p;
  p.writer = std::move(VersionWriter::start(ws, dataset).value());
  auto col = StringColumnWriter::create(p.writer->dir(), raw_column_file(0));
  EXPECT_TRUE(col.value()->append(dataset).ok());
  p.writer->add_files(col.value()->close().value());
  auto rows = FixedColumnWriter<int64_t>::create(p.writer->dir(), kRowNumbersFile);
  EXPECT_TRUE(rows.value()->append(3).ok());
  p.writer->add_file(rows.value()->close().value());
  p.manifest.source_file = "t.xlsx";
  p.manifest.source_format = "xlsx";
  p.manifest.row_count = 1;
  p.manifest.columns.push_back({"名称", "text", "", 0, 0});
  return p;
}

TEST(CommitAllTest, EveryVersionBecomesVisibleTogether) {
  TempDir dir;
  auto ws = Workspace::create(dir / "ws").value();
  Pending a = pending(*ws, "甲"), b = pending(*ws, "乙");
  auto committed =
      VersionWriter::commit_all({{a.writer.get(), &a.manifest}, {b.writer.get(), &b.manifest}});
  ASSERT_TRUE(committed.ok()) << committed.error().message();
  ASSERT_EQ(committed->size(), 2u);
  EXPECT_EQ((*committed)[0].dataset, "甲");
  EXPECT_EQ((*committed)[1].dataset, "乙");
  for (const char* name : {"甲", "乙"}) {
    auto v = find_version(*ws, name);
    ASSERT_TRUE(v.ok()) << v.error().message();
    EXPECT_EQ(v->version, 1);
    auto opened = DatasetVersion::open(*ws, v.value());
    ASSERT_TRUE(opened.ok());
    EXPECT_TRUE(opened->verify().ok());
  }
  a.writer.reset();
  b.writer.reset();
  EXPECT_TRUE(fs::exists(dir / "ws" / "data" / "甲" / "1" / "manifest.json"));
}

TEST(CommitAllTest, WhenOneFailsNoneIsVisibleAndNothingIsLeft) {
  TempDir dir;
  auto ws = Workspace::create(dir / "ws").value();
  const auto before = testing::snapshot(*ws);
  {
    Pending a = pending(*ws, "甲"), b = pending(*ws, "乙");
    // 乙's version cannot be moved into place: a file stands where its folder should be.
    std::ofstream(dir / "ws" / "data" / "乙") << "in the way";
    auto committed =
        VersionWriter::commit_all({{a.writer.get(), &a.manifest}, {b.writer.get(), &b.manifest}});
    ASSERT_FALSE(committed.ok());
    EXPECT_EQ(committed.error().code(), "store.write");
    EXPECT_FALSE(find_version(*ws, "甲").ok());
    EXPECT_FALSE(fs::exists(dir / "ws" / "data" / "甲" / "1"));
  }
  fs::remove(dir / "ws" / "data" / "乙");
  auto after = testing::snapshot(*ws);
  std::erase(after.files, std::string("甲"));  // an empty dataset folder is no version
  EXPECT_EQ(after, before);
  EXPECT_TRUE(!fs::exists(ws->temp_dir()) || fs::is_empty(ws->temp_dir()));
}

TEST(CommitAllTest, OneDatasetTwiceIsRefused) {
  TempDir dir;
  auto ws = Workspace::create(dir / "ws").value();
  Pending a = pending(*ws, "甲"), b = pending(*ws, "甲");
  auto committed =
      VersionWriter::commit_all({{a.writer.get(), &a.manifest}, {b.writer.get(), &b.manifest}});
  ASSERT_FALSE(committed.ok());
  EXPECT_FALSE(find_version(*ws, "甲").ok());
}

}  // namespace
}  // namespace shanhai::store
