#pragma once
// Tokens of the model expression language (docs/model-expressions.md).
//
// The lexer knows no keywords: `and`, `date`, `months`, 且 … are identifiers, and the parser
// decides by position what they mean (so a field may be called `date` or `year`). It does know
// numbers, strings with their escapes, parameters ($name), punctuation and operators.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"

namespace shanhai::model {

enum class TokenKind : uint8_t {
  end,         // after the last token; text is empty
  integer,     // 80
  decimal,     // 80.5
  string,      // '醉酒' or "醉酒"; value holds the decoded string
  identifier,  // bac, 罚款金额, and, 且, months
  param,       // $threshold; value holds the name without '$'
  lparen,
  rparen,
  lbracket,
  rbracket,
  comma,
  dot,
  plus,
  minus,
  star,
  slash,
  percent,
  eq,  // = or ==
  ne,  // != or <>
  lt,
  le,
  gt,
  ge
};

struct Token {
  TokenKind kind = TokenKind::end;
  std::string_view text;  // the token as written (a view into the expression text)
  size_t offset = 0;      // byte offset of the token in the expression text
  int64_t column = 0;     // 1-based character (code point) column of the token
  std::string value;      // string: decoded value; param: name; identifier/number: = text
};

// Splits text into tokens, ending with one TokenKind::end token (column = characters + 1).
// Whitespace (including the full-width space) separates tokens and is otherwise ignored.
// Errors (code expr.syntax): invalid UTF-8, a character that belongs to no token (with a hint for
// full-width punctuation and Chinese quotation marks), an unterminated string, '$' without a name.
// In strings \' \" \\ and \n are escapes; any other backslash is kept as written ('\d' is the two
// characters \d), so regular expressions need no doubling. The error's Location::column is the
// character column of the offending character and Location::value its text.
Result<std::vector<Token>> tokenize(std::string_view text);

// Maps byte offsets of an expression text to 1-based character columns.
class ColumnMap {
 public:
  explicit ColumnMap(std::string_view text);
  // Column of the character starting at byte `offset` (offset == text size → characters + 1).
  int64_t column(size_t offset) const;

 private:
  std::vector<int64_t> columns_;  // one entry per byte, plus one for the end
};

// The Error every expression diagnostic uses: code, sentences, Location{column, value}.
Error expression_error(std::string code, std::string zh, std::string en, int64_t column,
                       std::string_view value);

}  // namespace shanhai::model
