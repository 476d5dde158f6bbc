#include "ingest/json_reader.h"

#include <gtest/gtest.h>

#include "support/recording_sink.h"

namespace shanhai::ingest {
namespace {

using testing::cells;
using testing::RecordingGrid;

TEST(JsonReaderTest, ArrayOfObjectsKeysInOrderOfFirstAppearance) {
  RecordingGrid g;
  ASSERT_TRUE(read_json(R"([{"姓名":"张伟","金额":5000},{"金额":1.5,"备注":null,"x":{"a":1}}])",
                        "f", g, nullptr)
                  .ok());
  ASSERT_EQ(g.rows.size(), 3u);
  EXPECT_EQ(g.rows[0].cells, cells({"姓名", "金额", "备注", "x"}));
  EXPECT_EQ(g.rows[1].cells, cells({"张伟", "5000", "", ""}));
  EXPECT_EQ(g.rows[2].cells, cells({"", "1.5", "", R"({"a":1})"}));
  EXPECT_EQ(g.rows[2].source_row, 2);
}

TEST(JsonReaderTest, JsonLinesNumberedByLine) {
  RecordingGrid g;
  ASSERT_TRUE(read_json("{\"a\":1}\n\n{\"a\":2,\"b\":true}\n", "f", g, nullptr).ok());
  ASSERT_EQ(g.rows.size(), 3u);
  EXPECT_EQ(g.rows[0].cells, cells({"a", "b"}));
  EXPECT_EQ(g.rows[2].cells, cells({"2", "true"}));
  EXPECT_EQ(g.rows[2].source_row, 3);
}

TEST(JsonReaderTest, TruncatedArrayIsAnError) {
  RecordingGrid g;
  Status s = read_json("[{\"a\":1},\n{\"a\":", "f.json", g, nullptr);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code(), "import.bad_json");
  EXPECT_EQ(s.error().where().row, 2);
}

TEST(JsonReaderTest, BadJsonLineNamesTheLine) {
  RecordingGrid g;
  Status s = read_json("{\"a\":1}\n{\"a\":\n", "f.jsonl", g, nullptr);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().where().row, 2);
}

TEST(JsonReaderTest, RecordThatIsNotAnObjectIsAnError) {
  RecordingGrid g;
  Status s = read_json("[{\"a\":1}, 5]", "f.json", g, nullptr);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code(), "import.json_not_object");
  EXPECT_EQ(s.error().where().row, 2);
  EXPECT_EQ(s.error().where().value, "5");
}

}  // namespace
}  // namespace shanhai::ingest

namespace shanhai::ingest {
namespace {

// Found by tests/fuzz/table_fuzz: a number beyond double's range threw out of the reader.
TEST(JsonReaderTest, NumberOutOfRangeIsAnError) {
  testing::RecordingGrid g;
  Status lines = read_json("{\"a\":1}\n{\"a\":25E180302}\n", "f.jsonl", g, nullptr);
  ASSERT_FALSE(lines.ok());
  EXPECT_EQ(lines.error().code(), "import.bad_json");
  EXPECT_EQ(lines.error().where().row, 2);
  Status array = read_json("[{\"a\":25E180302}]", "f.json", g, nullptr);
  ASSERT_FALSE(array.ok());
  EXPECT_EQ(array.error().code(), "import.bad_json");
}

}  // namespace
}  // namespace shanhai::ingest
