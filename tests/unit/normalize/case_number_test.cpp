// 案号 and 文号: spellings folded to one canonical form, parsed parts.

#include "normalize/case_number.h"

#include <gtest/gtest.h>

#include "normalize/element.h"

namespace shanhai::normalize {
namespace {

struct Case {
  const char* raw;
  const char* canonical;
  bool valid;
};
std::ostream& operator<<(std::ostream& os, const Case& c) { return os << '"' << c.raw << '"'; }

const Case kCases[] = {
    // Court case numbers.
    {"（2023）浙0106刑初123号", "(2023)浙0106刑初123号", true},
    {"(2023)浙0106刑初123号", "(2023)浙0106刑初123号", true},
    {"〔2023〕浙0106刑初123号", "(2023)浙0106刑初123号", true},
    {"[2023]浙0106刑初123号", "(2023)浙0106刑初123号", true},
    {"【2023】浙0106刑初123号", "(2023)浙0106刑初123号", true},
    {"［2023］浙0106刑初123号", "(2023)浙0106刑初123号", true},
    {"﹝2023﹞浙0106刑初123号", "(2023)浙0106刑初123号", true},
    {"（２０２３）浙０１０６刑初１２３号", "(2023)浙0106刑初123号", true},
    {"( 2023 ) 浙 0106 刑初 123 号", "(2023)浙0106刑初123号", true},
    {"（2023）浙0106刑初第123号", "(2023)浙0106刑初123号", true},
    {"（2023）浙0106刑初123", "(2023)浙0106刑初123号", true},
    {"（2023）浙0106刑初0123号", "(2023)浙0106刑初123号", true},
    {"2023浙0106刑初123号", "(2023)浙0106刑初123号", true},
    {"（2023）浙0106刑初123號", "(2023)浙0106刑初123号", true},
    {"（2023）浙0106民初4567号", "(2023)浙0106民初4567号", true},
    {"（2022）浙01民终888号", "(2022)浙01民终888号", true},
    {"（2022）浙刑终7号", "(2022)浙刑终7号", true},
    {"（2023）最高法民终45号", "(2023)最高法民终45号", true},
    {"（2023）最高法刑核12号", "(2023)最高法刑核12号", true},
    {"（2023）京0105执12345号", "(2023)京0105执12345号", true},
    {"（2023）京0105执恢88号", "(2023)京0105执恢88号", true},
    {"（2023）沪72民初8号之一", "(2023)沪72民初8号之一", true},
    {"（2023）沪72民初8号之二", "(2023)沪72民初8号之二", true},
    {"（2021）藏0402刑初5号", "(2021)藏0402刑初5号", true},
    {"（2021）新3201民初100号", "(2021)新3201民初100号", true},
    {"（2020）青2801行初3号", "(2020)青2801行初3号", true},
    {"（2023）兵0101刑初1号", "(2023)兵0101刑初1号", true},
    {"（2019）浙0106财保10号", "(2019)浙0106财保10号", true},
    {"（2023）浙0106刑更55号", "(2023)浙0106刑更55号", true},
    // Administrative document numbers.
    {"林罚决字〔2023〕第12号", "林罚决字(2023)12号", true},
    {"林罚决字[2023]第12号", "林罚决字(2023)12号", true},
    {"林罚决字（2023）12号", "林罚决字(2023)12号", true},
    {"林罚决字(2023)12号", "林罚决字(2023)12号", true},
    {"林罚决字【2023】第12号", "林罚决字(2023)12号", true},
    {"林罚决字 〔2023〕 第 12 号", "林罚决字(2023)12号", true},
    {"林罚决字〔２０２３〕第１２号", "林罚决字(2023)12号", true},
    {"林罚决字〔2023〕第12", "林罚决字(2023)12号", true},
    {"林罚决字〔2023〕第012号", "林罚决字(2023)12号", true},
    {"杭西检刑诉〔2023〕5号", "杭西检刑诉(2023)5号", true},
    {"浙政办发〔2023〕12号", "浙政办发(2023)12号", true},
    {"西湖环罚字〔2022〕第0007号", "西湖环罚字(2022)7号", true},
    {"杭市管罚处字〔2023〕123号", "杭市管罚处字(2023)123号", true},
    {"藏林罚决字〔2023〕第3号", "藏林罚决字(2023)3号", true},
    // Invalid.
    {"（23）浙0106刑初123号", "", false},
    {"（20230）浙0106刑初123号", "", false},
    {"（1900）浙0106刑初123号", "", false},
    {"（2023浙0106刑初123号", "", false},
    {"（2023）号", "", false},
    {"（2023）浙0106刑初号", "", false},
    {"（2023）123号", "", false},
    {"（2023）浙0106刑初123号abc", "", false},
    {"（2023）（2024）浙0106刑初123号", "", false},
    {"林罚决字〔2023〕", "", false},
    {"林罚决字〔2023〕第号", "", false},
    {"林罚决字〔2023〕十二号", "", false},
    {"案号不详", "", false},
    {"123", "", false},
    {"abc", "", false},
    {"", "", false},
};

class CaseNumberSpelling : public ::testing::TestWithParam<Case> {};

TEST_P(CaseNumberSpelling, Normalises) {
  const Case& c = GetParam();
  const Normalized n = normalize(Element::case_number, c.raw);
  EXPECT_EQ(n.canonical, c.canonical);
  EXPECT_EQ(n.valid, c.valid);
  EXPECT_EQ(parse_case_number(c.raw).ok(), c.valid);
  if (n.valid) {
    const Normalized again = normalize(Element::case_number, n.canonical);
    EXPECT_EQ(again.canonical, n.canonical);
    EXPECT_TRUE(again.valid);
  } else {
    EXPECT_FALSE(n.reason_zh.empty());
    EXPECT_FALSE(n.reason_en.empty());
  }
}

INSTANTIATE_TEST_SUITE_P(Table, CaseNumberSpelling, ::testing::ValuesIn(kCases));

TEST(CaseNumber, ParsesCourtCaseParts) {
  auto cn = parse_case_number("（2023）浙0106刑初123号");
  ASSERT_TRUE(cn.ok());
  EXPECT_TRUE(cn->court_case);
  EXPECT_EQ(cn->year, 2023);
  EXPECT_EQ(cn->court_code, "浙0106");
  EXPECT_EQ(cn->case_type, "刑初");
  EXPECT_EQ(cn->sequence, 123);
  EXPECT_TRUE(cn->suffix.empty());

  auto supreme = parse_case_number("(2023)最高法民终45号");
  ASSERT_TRUE(supreme.ok());
  EXPECT_EQ(supreme->court_code, "最高法");
  EXPECT_EQ(supreme->case_type, "民终");

  auto sub = parse_case_number("(2023)沪72民初8号之一");
  ASSERT_TRUE(sub.ok());
  EXPECT_EQ(sub->suffix, "之一");
}

TEST(CaseNumber, ParsesDocumentNumberParts) {
  auto doc = parse_case_number("林罚决字〔2023〕第12号");
  ASSERT_TRUE(doc.ok());
  EXPECT_FALSE(doc->court_case);
  EXPECT_EQ(doc->prefix, "林罚决字");
  EXPECT_EQ(doc->year, 2023);
  EXPECT_EQ(doc->sequence, 12);
}

TEST(CaseNumber, AllIssueSpellingsAreEqual) {
  const char* spellings[] = {"林罚决字〔2023〕第12号", "林罚决字[2023]第12号",
                             "林罚决字（2023）12号"};
  for (const char* s : spellings) {
    EXPECT_EQ(normalize(Element::case_number, s).canonical, "林罚决字(2023)12号") << s;
  }
}

TEST(CaseNumber, ErrorCodes) {
  EXPECT_EQ(parse_case_number("").error().code(), "case_number.empty");
  EXPECT_EQ(parse_case_number("abc").error().code(), "case_number.syntax");
  EXPECT_EQ(parse_case_number("（1900）浙0106刑初123号").error().code(), "case_number.year");
}

}  // namespace
}  // namespace shanhai::normalize
