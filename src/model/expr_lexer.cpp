#include "model/expr_lexer.h"

#include <unicode/uchar.h>

#include <fmt/format.h>

#include "common/utf8.h"
#include "normalize/text.h"

namespace shanhai::model {
namespace {

// The code point at the start of s.
char32_t decode(std::string_view s) {
  size_t i = 0;
  return normalize::next_code_point(s, i);
}

bool is_ascii_letter(char32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_ascii_digit(char32_t c) { return c >= '0' && c <= '9'; }

bool is_identifier_start(char32_t c) {
  if (c < 0x80) return is_ascii_letter(c) || c == '_';
  return u_hasBinaryProperty(static_cast<UChar32>(c), UCHAR_ALPHABETIC) != 0;
}

bool is_identifier_part(char32_t c) { return is_identifier_start(c) || is_ascii_digit(c); }

bool is_space(char32_t c) {
  if (c < 0x80) return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
  return u_isUWhiteSpace(static_cast<UChar32>(c)) != 0;
}

class Lexer {
 public:
  explicit Lexer(std::string_view text) : text_(text), columns_(text) {}

  Result<std::vector<Token>> run() {
    std::vector<Token> tokens;
    size_t i = 0;
    while (true) {
      // Skip whitespace.
      while (i < text_.size()) {
        const size_t len = utf8_sequence_length(text_.substr(i));
        if (len == 0) return invalid_byte(i);
        if (!is_space(decode(text_.substr(i)))) break;
        i += len;
      }
      if (i == text_.size()) break;
      Result<Token> token = next(i);
      if (!token.ok()) return token.take_error();
      i = token->offset + token->text.size();
      tokens.push_back(std::move(token.value()));
    }
    Token end;
    end.kind = TokenKind::end;
    end.text = text_.substr(text_.size());
    end.offset = text_.size();
    end.column = columns_.column(text_.size());
    tokens.push_back(std::move(end));
    return tokens;
  }

 private:
  Token make(TokenKind kind, size_t begin, size_t end) const {
    Token t;
    t.kind = kind;
    t.text = text_.substr(begin, end - begin);
    t.offset = begin;
    t.column = columns_.column(begin);
    if (kind == TokenKind::identifier || kind == TokenKind::integer || kind == TokenKind::decimal) {
      t.value = std::string(t.text);
    }
    return t;
  }

  Error error_at(size_t offset, size_t length, std::string zh, std::string en) const {
    return expression_error("expr.syntax", std::move(zh), std::move(en), columns_.column(offset),
                            text_.substr(offset, length));
  }

  Error invalid_byte(size_t offset) const {
    const auto byte = static_cast<unsigned char>(text_[offset]);
    return error_at(offset, 1, fmt::format("表达式含无效的 UTF-8 字节 \\x{:02X}", byte),
                    fmt::format("the expression contains the invalid UTF-8 byte \\x{:02X}", byte));
  }

  // Length in bytes of the identifier starting at i (0 when none starts there).
  size_t identifier_length(size_t i) const {
    size_t j = i;
    bool first = true;
    while (j < text_.size()) {
      const size_t len = utf8_sequence_length(text_.substr(j));
      if (len == 0) break;
      const char32_t c = decode(text_.substr(j));
      if (first ? !is_identifier_start(c) : !is_identifier_part(c)) break;
      first = false;
      j += len;
    }
    return j - i;
  }

  Result<Token> next(size_t i) {
    const size_t len = utf8_sequence_length(text_.substr(i));
    const char32_t c = decode(text_.substr(i));
    auto two = [&](char second) { return i + 1 < text_.size() && text_[i + 1] == second; };

    if (is_ascii_digit(c)) {
      size_t j = i;
      while (j < text_.size() && is_ascii_digit(static_cast<unsigned char>(text_[j]))) ++j;
      if (j + 1 < text_.size() && text_[j] == '.' &&
          is_ascii_digit(static_cast<unsigned char>(text_[j + 1]))) {
        ++j;
        while (j < text_.size() && is_ascii_digit(static_cast<unsigned char>(text_[j]))) ++j;
        return make(TokenKind::decimal, i, j);
      }
      return make(TokenKind::integer, i, j);
    }
    if (is_identifier_start(c)) {
      return make(TokenKind::identifier, i, i + identifier_length(i));
    }
    switch (c) {
      case '\'':
      case '"':
        return string(i);
      case '$': {
        const size_t name = identifier_length(i + 1);
        if (name == 0) {
          return error_at(i, 1, "“$”后应为参数名，例如 $as_of",
                          "expected a parameter name after '$', as in $as_of");
        }
        Token t = make(TokenKind::param, i, i + 1 + name);
        t.value = std::string(text_.substr(i + 1, name));
        return t;
      }
      case '(':
        return make(TokenKind::lparen, i, i + 1);
      case ')':
        return make(TokenKind::rparen, i, i + 1);
      case '[':
        return make(TokenKind::lbracket, i, i + 1);
      case ']':
        return make(TokenKind::rbracket, i, i + 1);
      case ',':
        return make(TokenKind::comma, i, i + 1);
      case '.':
        return make(TokenKind::dot, i, i + 1);
      case '+':
        return make(TokenKind::plus, i, i + 1);
      case '-':
        return make(TokenKind::minus, i, i + 1);
      case '*':
        return make(TokenKind::star, i, i + 1);
      case '/':
        return make(TokenKind::slash, i, i + 1);
      case '%':
        return make(TokenKind::percent, i, i + 1);
      case '=':
        return make(TokenKind::eq, i, two('=') ? i + 2 : i + 1);
      case '!':
        if (two('=')) return make(TokenKind::ne, i, i + 2);
        return error_at(i, 1, "“!”不是运算符；取反请用 not，不等于请用 !=",
                        "'!' is not an operator; use not for negation and != for inequality");
      case '<':
        if (two('=')) return make(TokenKind::le, i, i + 2);
        if (two('>')) return make(TokenKind::ne, i, i + 2);
        return make(TokenKind::lt, i, i + 1);
      case '>':
        if (two('=')) return make(TokenKind::ge, i, i + 2);
        return make(TokenKind::gt, i, i + 1);
      case '&':
        return error_at(i, two('&') ? 2 : 1, "“&”不是运算符，请用 and（或“且”）",
                        "'&' is not an operator; use and");
      case '|':
        return error_at(i, two('|') ? 2 : 1, "“|”不是运算符，请用 or（或“或”）",
                        "'|' is not an operator; use or");
      default:
        break;
    }
    const std::string ch(text_.substr(i, len));
    if (c == U'“' || c == U'”' || c == U'‘' || c == U'’') {
      return error_at(
          i, len, fmt::format("中文引号 {} 不能用来括起字符串，请改用半角引号 ' 或 \"", ch),
          fmt::format("the Chinese quotation mark '{}' cannot quote a string; use ' or \"", ch));
    }
    char32_t ascii = 0;
    if (c >= 0xFF01 && c <= 0xFF5E) ascii = c - 0xFEE0;  // full-width forms of ASCII
    if (c == U'、') ascii = ',';
    if (c == U'。') ascii = '.';
    if (c == U'【') ascii = '[';
    if (c == U'】') ascii = ']';
    if (ascii != 0) {
      std::string a;
      normalize::append_utf8(a, ascii);
      return error_at(i, len, fmt::format("全角字符“{}”，请改用半角“{}”", ch, a),
                      fmt::format("full-width character '{}'; use '{}' instead", ch, a));
    }
    return error_at(i, len, fmt::format("无法识别的字符“{}”", ch),
                    fmt::format("unexpected character '{}'", ch));
  }

  Result<Token> string(size_t begin) {
    const char quote = text_[begin];
    std::string value;
    size_t j = begin + 1;
    while (j < text_.size()) {
      const char c = text_[j];
      if (c == quote) {
        Token t = make(TokenKind::string, begin, j + 1);
        t.value = std::move(value);
        return t;
      }
      if (c == '\\') {
        if (j + 1 >= text_.size()) break;
        const char e = text_[j + 1];
        if (e == '\'' || e == '"' || e == '\\') {
          value += e;
        } else if (e == 'n') {
          value += '\n';
        } else {
          // Any other backslash stays as written, so regular expressions read naturally:
          // '\d{4}' is the pattern \d{4}.
          value += '\\';
          j += 1;
          continue;
        }
        j += 2;
        continue;
      }
      const size_t len = utf8_sequence_length(text_.substr(j));
      if (len == 0) return invalid_byte(j);
      value.append(text_.substr(j, len));
      j += len;
    }
    return error_at(begin, text_.size() - begin, fmt::format("字符串缺少结尾的引号 {}", quote),
                    fmt::format("unterminated string; expected a closing {}", quote));
  }

  std::string_view text_;
  ColumnMap columns_;
};

}  // namespace

ColumnMap::ColumnMap(std::string_view text) : columns_(text.size() + 1) {
  int64_t column = 1;
  size_t i = 0;
  while (i < text.size()) {
    size_t len = utf8_sequence_length(text.substr(i));
    if (len == 0) len = 1;
    for (size_t k = 0; k < len; ++k) columns_[i + k] = column;
    i += len;
    ++column;
  }
  columns_[text.size()] = column;
}

int64_t ColumnMap::column(size_t offset) const {
  if (offset >= columns_.size()) return columns_.back();
  return columns_[offset];
}

Error expression_error(std::string code, std::string zh, std::string en, int64_t column,
                       std::string_view value) {
  Location where;
  where.column = column;
  if (!value.empty()) where.value = std::string(value);
  return Error(std::move(code), std::move(zh), std::move(en), std::move(where));
}

Result<std::vector<Token>> tokenize(std::string_view text) { return Lexer(text).run(); }

}  // namespace shanhai::model
