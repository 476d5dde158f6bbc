// Tokens of the expression language: kinds, character columns, decoded strings, lexical errors.

#include "model/expr_lexer.h"

#include <gtest/gtest.h>

namespace shanhai::model {
namespace {

std::string kinds(const std::vector<Token>& tokens) {
  static const char* const kNames[] = {"end", "int", "dec", "str", "id", "param", "(", ")",
                                       "[",   "]",   ",",   ".",   "+",  "-",     "*", "/",
                                       "%",   "=",   "!=",  "<",   "<=", ">",     ">="};
  std::string out;
  for (const Token& t : tokens) {
    if (!out.empty()) out += ' ';
    out += kNames[static_cast<int>(t.kind)];
  }
  return out;
}

struct LexCase {
  const char* text;
  const char* kinds;
};
std::ostream& operator<<(std::ostream& os, const LexCase& c) { return os << '"' << c.text << '"'; }

const LexCase kLexCases[] = {
    {"bac >= $threshold", "id >= param end"},
    {"a=b a==b a!=b a<>b a<b a<=b a>b a>=b",
     "id = id id = id id != id id != id id < id id <= id id > id id >= id end"},
    {"80 80.5 0.10", "int dec dec end"},
    {"1.x", "int . id end"},
    {"penalties.amount", "id . id end"},
    {"'a' \"b\"", "str str end"},
    {"f(a, [1, 2])", "id ( id , [ int , int ] ) end"},
    {"a+b-c*d/e%f", "id + id - id * id / id % id end"},
    {"9个月", "int id end"},
    {"180天", "int id end"},
    {"罚款金额>5000", "id > int end"},
    {"罚款金额且状态", "id end"},  // one run of letters is one name
    {"a 且 b", "id id id end"},
    {"_x1 x_2", "id id end"},
    {"\t a\u3000b\n", "id id end"},  // full-width space separates
    {"", "end"},
    {"date '2023-01-01'", "id str end"},
};

class Lex : public ::testing::TestWithParam<LexCase> {};

TEST_P(Lex, Kinds) {
  const LexCase& c = GetParam();
  Result<std::vector<Token>> tokens = tokenize(c.text);
  ASSERT_TRUE(tokens.ok()) << tokens.error().message();
  EXPECT_EQ(kinds(*tokens), c.kinds);
}

INSTANTIATE_TEST_SUITE_P(Table, Lex, ::testing::ValuesIn(kLexCases));

TEST(Lexer, ColumnsCountCharacters) {
  Result<std::vector<Token>> tokens = tokenize("罚款金额 >= $阈值 and '醉酒'");
  ASSERT_TRUE(tokens.ok());
  const std::vector<Token>& t = *tokens;
  ASSERT_EQ(t.size(), 6u);
  EXPECT_EQ(t[0].column, 1);
  EXPECT_EQ(t[0].text, "罚款金额");
  EXPECT_EQ(t[1].column, 6);
  EXPECT_EQ(t[2].column, 9);
  EXPECT_EQ(t[2].value, "阈值");
  EXPECT_EQ(t[3].column, 13);
  EXPECT_EQ(t[4].column, 17);
  EXPECT_EQ(t[4].value, "醉酒");
  EXPECT_EQ(t[4].text, "'醉酒'");
  EXPECT_EQ(t[5].kind, TokenKind::end);
  EXPECT_EQ(t[5].column, 21);
}

struct StringCase {
  const char* text;
  const char* value;
};
std::ostream& operator<<(std::ostream& os, const StringCase& c) { return os << c.text; }

const StringCase kStrings[] = {
    {R"('醉酒')", "醉酒"},
    {R"("醉酒")", "醉酒"},
    {R"('it\'s')", "it's"},
    {R"("say \"hi\"")", "say \"hi\""},
    {R"('a\\b')", "a\\b"},
    {R"('a\nb')", "a\nb"},
    {R"('\d{4}')", "\\d{4}"},  // other backslashes stay: regular expressions read naturally
    {R"("it's")", "it's"},
    {R"('say "hi"')", "say \"hi\""},
    {R"('')", ""},
};

class LexString : public ::testing::TestWithParam<StringCase> {};

TEST_P(LexString, Decodes) {
  const StringCase& c = GetParam();
  Result<std::vector<Token>> tokens = tokenize(c.text);
  ASSERT_TRUE(tokens.ok()) << tokens.error().message();
  ASSERT_EQ(tokens->size(), 2u);
  EXPECT_EQ((*tokens)[0].kind, TokenKind::string);
  EXPECT_EQ((*tokens)[0].value, c.value);
}

INSTANTIATE_TEST_SUITE_P(Table, LexString, ::testing::ValuesIn(kStrings));

struct LexErrorCase {
  const char* text;
  int64_t column;
  const char* value;
  const char* zh;  // a part of the Chinese message
  const char* en;  // a part of the English message
};
std::ostream& operator<<(std::ostream& os, const LexErrorCase& c) { return os << c.text; }

const LexErrorCase kLexErrors[] = {
    {"'abc", 1, "'abc", "缺少结尾的引号", "unterminated string"},
    {"a = \"abc'", 5, "\"abc'", "缺少结尾的引号", "unterminated string"},
    {"'abc\\", 1, "'abc\\", "缺少结尾的引号", "unterminated string"},
    {"$", 1, "$", "参数名", "parameter name"},
    {"$ x", 1, "$", "参数名", "parameter name"},
    {"a ! b", 3, "!", "不是运算符", "not an operator"},
    {"a && b", 3, "&&", "and", "use and"},
    {"a || b", 3, "||", "or", "use or"},
    {"“醉酒”", 1, "“", "中文引号", "Chinese quotation mark"},
    {"charge = ‘醉酒’", 10, "‘", "中文引号", "Chinese quotation mark"},
    {"contains（x）", 9, "（", "全角字符“（”，请改用半角“(”", "full-width character"},
    {"罚款金额 ＞ 5000", 6, "＞", "请改用半角“>”", "use '>' instead"},
    {"a ＝ 1", 3, "＝", "请改用半角“=”", "use '='"},
    {"a、b", 2, "、", "请改用半角“,”", "use ','"},
    {"a # b", 3, "#", "无法识别的字符“#”", "unexpected character '#'"},
    {"a ; b", 3, ";", "无法识别的字符", "unexpected character"},
    {"\xff", 1, "\xff", "UTF-8", "UTF-8"},
    {"罚款\xff", 3, "\xff", "\\xFF", "\\xFF"},
    {"'醉\xc3'", 3, "\xc3", "UTF-8", "UTF-8"},
};

class LexError : public ::testing::TestWithParam<LexErrorCase> {};

TEST_P(LexError, PointsAtTheCharacter) {
  const LexErrorCase& c = GetParam();
  Result<std::vector<Token>> tokens = tokenize(c.text);
  ASSERT_FALSE(tokens.ok());
  const Error& e = tokens.error();
  EXPECT_EQ(e.code(), "expr.syntax");
  EXPECT_EQ(e.where().column, c.column);
  ASSERT_TRUE(e.where().value.has_value());
  EXPECT_EQ(*e.where().value, c.value);
  EXPECT_NE(e.zh().find(c.zh), std::string::npos) << e.zh();
  EXPECT_NE(e.en().find(c.en), std::string::npos) << e.en();
}

INSTANTIATE_TEST_SUITE_P(Table, LexError, ::testing::ValuesIn(kLexErrors));

TEST(ColumnMap, CountsInvalidBytesAsOneCharacter) {
  const ColumnMap map(
      "a罚\xff"
      "b");
  EXPECT_EQ(map.column(0), 1);
  EXPECT_EQ(map.column(1), 2);
  EXPECT_EQ(map.column(4), 3);
  EXPECT_EQ(map.column(5), 4);
  EXPECT_EQ(map.column(6), 5);
  EXPECT_EQ(map.column(100), 5);
}

}  // namespace
}  // namespace shanhai::model
