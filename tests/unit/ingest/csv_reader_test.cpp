#include "ingest/csv_reader.h"

#include <gtest/gtest.h>

#include "support/recording_sink.h"

namespace shanhai::ingest {
namespace {

using testing::cells;
using testing::RecordingGrid;

RecordingGrid read(std::string_view text, char delimiter = ',') {
  RecordingGrid g;
  Status s = read_delimited(text, delimiter, "t.csv", g, nullptr);
  EXPECT_TRUE(s.ok()) << (s.ok() ? "" : s.error().message());
  return g;
}

TEST(CsvReaderTest, PlainRowsWithLineNumbers) {
  auto g = read("a,b\n1,2\n3,4\n");
  ASSERT_EQ(g.rows.size(), 3u);
  EXPECT_EQ(g.rows[0].cells, cells({"a", "b"}));
  EXPECT_EQ(g.rows[2].cells, cells({"3", "4"}));
  EXPECT_EQ(g.rows[2].source_row, 3);
}

TEST(CsvReaderTest, CrLfAndNoFinalNewline) {
  auto g = read("a,b\r\n1,2\r\n3,4");
  ASSERT_EQ(g.rows.size(), 3u);
  EXPECT_EQ(g.rows[1].cells, cells({"1", "2"}));
  EXPECT_EQ(g.rows[2].cells, cells({"3", "4"}));
}

TEST(CsvReaderTest, QuotedFieldsWithDelimitersQuotesAndNewlines) {
  auto g = read("名称,说明\n\"甲,乙\",\"他说\"\"好\"\"\"\n\"第一行\n第二行\",x\n最后,y\n");
  ASSERT_EQ(g.rows.size(), 4u);
  EXPECT_EQ(g.rows[1].cells, cells({"甲,乙", "他说\"好\""}));
  EXPECT_EQ(g.rows[2].cells, cells({"第一行\n第二行", "x"}));
  EXPECT_EQ(g.rows[2].source_row, 3);
  EXPECT_EQ(g.rows[3].source_row, 5);  // the quoted field spanned lines 3 and 4
}

TEST(CsvReaderTest, EmptyFieldsAndTextAfterClosingQuoteKept) {
  auto g = read("a,,c\n\"x\"y,,\n");
  EXPECT_EQ(g.rows[0].cells, cells({"a", "", "c"}));
  EXPECT_EQ(g.rows[1].cells, cells({"xy", "", ""}));
}

TEST(CsvReaderTest, UnterminatedQuoteIsAnErrorNamingLineAndColumn) {
  RecordingGrid g;
  Status s = read_delimited("a,b\n1,\"open\n2,3\n", ',', "t.csv", g, nullptr);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code(), "import.unterminated_quote");
  EXPECT_EQ(s.error().where().row, 2);
  EXPECT_EQ(s.error().where().column, 2);
  EXPECT_NE(s.error().message().find("引号未闭合"), std::string::npos);
}

TEST(CsvReaderTest, SniffsDelimiter) {
  EXPECT_EQ(sniff_delimiter("a,b,c\n1,2,3\n"), ',');
  EXPECT_EQ(sniff_delimiter("a\tb\tc\n1\t2,5\t3\n"), '\t');
  EXPECT_EQ(sniff_delimiter("a;b;c\n1;2,5;3\n4;5;6\n"), ';');
  EXPECT_EQ(sniff_delimiter("a|b\n1|2\n"), '|');
  EXPECT_EQ(sniff_delimiter("\"x,y\";b\n\"1,2\";3\n"), ';');
  EXPECT_EQ(sniff_delimiter("only\none\n"), ',');
}

}  // namespace
}  // namespace shanhai::ingest

namespace shanhai::ingest {
namespace {

// Found by tests/fuzz/table_fuzz (AddressSanitizer): many fields with doubled quotes in one
// record used to leave earlier cells pointing into moved strings.
TEST(CsvReaderTest, ManyEscapedFieldsInOneRecord) {
  std::string line;
  std::vector<std::string> expected;
  for (int i = 0; i < 40; ++i) {
    line += (i ? ";" : "") + std::string("\"a\"\"") + std::to_string(i) + "\"";
    expected.push_back("a\"" + std::to_string(i));
  }
  RecordingGrid g;
  ASSERT_TRUE(read_delimited(line + "\n", ';', "t.csv", g, nullptr).ok());
  ASSERT_EQ(g.rows.size(), 1u);
  EXPECT_EQ(g.rows[0].cells, expected);
}

}  // namespace
}  // namespace shanhai::ingest
