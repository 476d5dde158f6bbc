#include "ingest/encoding.h"

#include <gtest/gtest.h>

namespace shanhai::ingest {
namespace {

// "姓名,金额\n张伟,5000\n" in GBK.
const std::string kGbk = "\xD0\xD5\xC3\xFB,\xBD\xF0\xB6\xEE\n\xD5\xC5\xCE\xB0,5000\n";

TEST(EncodingTest, Utf8WithAndWithoutBom) {
  auto a = decode_text("姓名\n", EncodingChoice::automatic, "f");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a.value().text, "姓名\n");
  EXPECT_EQ(a.value().encoding, "utf-8");
  auto b = decode_text("\xEF\xBB\xBF姓名\n", EncodingChoice::automatic, "f");
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b.value().text, "姓名\n");
  EXPECT_EQ(b.value().encoding, "utf-8-bom");
}

TEST(EncodingTest, GbkDetectedAutomatically) {
  auto d = decode_text(kGbk, EncodingChoice::automatic, "f");
  ASSERT_TRUE(d.ok()) << d.error().message();
  EXPECT_EQ(d.value().text, "姓名,金额\n张伟,5000\n");
  EXPECT_EQ(d.value().encoding, "gb18030");
}

TEST(EncodingTest, Gb18030FourByteCharacters) {
  // U+20087 𠂇 is four bytes in GB18030: 0x95 0x32 0x90 0x31.
  auto d = decode_text("\x95\x32\x90\x31", EncodingChoice::gbk, "f");
  ASSERT_TRUE(d.ok()) << d.error().message();
  EXPECT_EQ(d.value().text, "\xF0\xA0\x82\x87");
}

TEST(EncodingTest, Utf16WithBom) {
  const std::string le("\xFF\xFE\x7D\x59\x0A\x00", 6);  // 好\n
  auto d = decode_text(le, EncodingChoice::automatic, "f");
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d.value().text, "好\n");
}

TEST(EncodingTest, UnknownEncodingNamesLineAndByte) {
  auto d = decode_text("a,b\n1,\x80\x80\n", EncodingChoice::automatic, "x.csv");
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.error().code(), "import.unknown_encoding");
  EXPECT_EQ(d.error().where().row, 2);
  EXPECT_EQ(d.error().where().file, "x.csv");
  EXPECT_NE(d.error().message().find("第 7 字节"), std::string::npos);
}

TEST(EncodingTest, ForcedUtf8RefusesGbk) {
  auto d = decode_text(kGbk, EncodingChoice::utf8, "f");
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.error().code(), "import.unknown_encoding");
}

TEST(EncodingTest, BinaryRefused) {
  auto d = decode_text(std::string("PNG\0\0\x01", 6), EncodingChoice::automatic, "f");
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.error().code(), "import.binary_file");
}

TEST(EncodingTest, ChoiceNames) {
  EXPECT_EQ(parse_encoding_choice("GBK").value(), EncodingChoice::gbk);
  EXPECT_EQ(parse_encoding_choice("utf8").value(), EncodingChoice::utf8);
  EXPECT_EQ(parse_encoding_choice("auto").value(), EncodingChoice::automatic);
  EXPECT_FALSE(parse_encoding_choice("big5").ok());
}

}  // namespace
}  // namespace shanhai::ingest

namespace shanhai::ingest {
namespace {

// GBK text longer than one conversion chunk (4 MiB): characters straddle chunk boundaries, the
// consumed callback reaches the end, and an undecodable byte late in the file names its line.
TEST(EncodingTest, LargeGbkConvertedInChunks) {
  const std::string gbk_line = "\xD5\xC5\xCE\xB0,5000\n";  // 张伟,5000
  std::string gbk = "\xB1\xE0\xBA\xC5\n";                  // 编号 (an odd offset follows)
  std::string utf8 = "编号\n";
  for (int i = 0; i < 600000; ++i) {
    gbk += gbk_line;
    utf8 += "张伟,5000\n";
  }
  size_t last_consumed = 0;
  auto d =
      decode_text(gbk, EncodingChoice::automatic, "big.csv", [&](size_t n) { last_consumed = n; });
  ASSERT_TRUE(d.ok()) << d.error().message();
  EXPECT_EQ(d.value().encoding, "gb18030");
  EXPECT_TRUE(d.value().text == utf8);
  EXPECT_EQ(last_consumed, gbk.size());

  std::string bad = gbk;
  bad[bad.size() - 5] = '\x80';  // on the last line
  auto e = decode_text(bad, EncodingChoice::gbk, "big.csv");
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(e.error().where().row, 600001);
}

}  // namespace
}  // namespace shanhai::ingest
