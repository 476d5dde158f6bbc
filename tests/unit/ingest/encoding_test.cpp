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
