// Counts remembered on one catalog connection hold until any connection writes.
#include "store/catalog_memo.h"

#include <gtest/gtest.h>

#include "store/workspace.h"
#include "support/temp_dir.h"

namespace shanhai::store {
namespace {

class CatalogMemoTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto ws = Workspace::create(dir_.path() / "ws");
    ASSERT_TRUE(ws.ok()) << ws.error().message();
    ws_ = std::move(ws.value());
  }
  std::unique_ptr<Workspace> open_again() {
    auto ws = Workspace::open(dir_.path() / "ws");
    EXPECT_TRUE(ws.ok()) << ws.error().message();
    return std::move(ws.value());
  }
  shanhai::testing::TempDir dir_;
  std::unique_ptr<Workspace> ws_;
};

TEST_F(CatalogMemoTest, HoldsWhileNothingIsWritten) {
  ws_->memo().store(ws_->db(), "leads new", 42);
  EXPECT_EQ(ws_->memo().find(ws_->db(), "leads new"), 42);
  EXPECT_EQ(ws_->memo().find(ws_->db(), "leads triaged"), std::nullopt);
  auto other = open_again();
  other->db().exec("SELECT COUNT(*) FROM organisations");  // reading changes nothing
  EXPECT_EQ(ws_->memo().find(ws_->db(), "leads new"), 42);
}

TEST_F(CatalogMemoTest, ForgetsAfterThisConnectionWrites) {
  ws_->memo().store(ws_->db(), "orgs", 0);
  ws_->db().exec(
      "INSERT INTO organisations(code, name, parent, created_at) VALUES ('330122', '桐庐县院', "
      "NULL, '')");
  EXPECT_EQ(ws_->memo().find(ws_->db(), "orgs"), std::nullopt);
}

TEST_F(CatalogMemoTest, ForgetsAfterAnotherConnectionCommits) {
  ws_->memo().store(ws_->db(), "orgs", 0);
  auto other = open_again();
  other->db().exec(
      "INSERT INTO organisations(code, name, parent, created_at) VALUES ('330122', '桐庐县院', "
      "NULL, '')");
  EXPECT_EQ(ws_->memo().find(ws_->db(), "orgs"), std::nullopt);
}

TEST_F(CatalogMemoTest, IsBounded) {
  for (size_t i = 0; i <= CatalogMemo::kMaxEntries; ++i) {
    ws_->memo().store(ws_->db(), std::to_string(i), static_cast<int64_t>(i));
  }
  EXPECT_EQ(ws_->memo().find(ws_->db(), "0"), std::nullopt);
  EXPECT_EQ(ws_->memo().find(ws_->db(), std::to_string(CatalogMemo::kMaxEntries)),
            static_cast<int64_t>(CatalogMemo::kMaxEntries));
}

}  // namespace
}  // namespace shanhai::store
