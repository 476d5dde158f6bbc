#pragma once
// Text helpers shared by every element: UTF-8 walking, Unicode whitespace, NFKC, width folding
// and traditional→simplified conversion. Pure functions; the ICU and OpenCC objects behind
// nfkc() and to_simplified() are created once, lazily, and are safe to use from many threads.

#include <cstddef>
#include <string>
#include <string_view>

#include "normalize/element.h"

namespace shanhai::normalize {

// next_code_point for everything but ASCII and the common well-formed 3-byte sequences.
char32_t next_code_point_general(std::string_view s, size_t& i);

// Decodes the code point at s[i] and advances i past it. A malformed byte yields U+FFFD and
// advances i by one, so a loop over any byte string terminates. Inline for ASCII and for the
// 3-byte sequences of U+1000–U+CFFF and U+E000–U+FFFF (Chinese text), whose lead byte rules
// out overlong forms and surrogates.
inline char32_t next_code_point(std::string_view s, size_t& i) {
  const auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) {
    ++i;
    return c;
  }
  if (c >= 0xE1 && c <= 0xEF && c != 0xED && i + 2 < s.size()) {
    const auto c1 = static_cast<unsigned char>(s[i + 1]);
    const auto c2 = static_cast<unsigned char>(s[i + 2]);
    if ((c1 & 0xC0) == 0x80 && (c2 & 0xC0) == 0x80) {
      i += 3;
      return (char32_t{c & 0x0Fu} << 12) | (char32_t{c1 & 0x3Fu} << 6) | (c2 & 0x3Fu);
    }
  }
  return next_code_point_general(s, i);
}

// Appends cp as UTF-8 (U+FFFD for surrogates and values above U+10FFFF).
void append_utf8(std::string& out, char32_t cp);

// Whitespace in the widest sense found in spreadsheets: ASCII blanks and controls, NBSP,
// U+2000–U+200B, U+2028/2029, U+202F, U+205F, ideographic space U+3000 and the BOM U+FEFF.
bool is_space(char32_t cp);

// Han ideographs (CJK Unified Ideographs, extensions A–G and compatibility ideographs) and 〇.
bool is_han(char32_t cp);

// True when s is empty or consists only of is_space() characters.
bool is_blank(std::string_view s);

// True when every byte is below 0x80.
bool is_ascii(std::string_view s);

// s without leading and trailing is_space() characters.
std::string_view trim(std::string_view s);

// Unicode NFKC (full-width letters and digits become ASCII, ㈠ becomes (一), …). ASCII input is
// returned unchanged without calling ICU. Malformed UTF-8 bytes become U+FFFD.
std::string nfkc(std::string_view s);

// nfkc() followed by trim().
std::string nfkc_trim(std::string_view s);

// Cheap partial NFKC for parsers: full-width ASCII U+FF01–U+FF5E becomes ASCII, U+3000 a space,
// other characters are copied. With drop_spaces, every is_space() character is removed.
std::string fold_width(std::string_view s, bool drop_spaces = false);

// Traditional → simplified Chinese (OpenCC t2s). ASCII input is returned unchanged; if OpenCC
// cannot be loaded the input is returned unchanged.
std::string to_simplified(std::string_view s);

// Upper-cases ASCII letters in place.
void ascii_upper(std::string& s);

// normalize(Element::text, raw): NFKC, trimmed. Malformed UTF-8 is replaced by U+FFFD and the
// value marked invalid.
Normalized normalize_text(std::string_view raw);

// Builders for results.
Normalized valid_result(std::string canonical);
Normalized invalid_result(std::string canonical, std::string_view reason_zh,
                          std::string_view reason_en);
// The result for blank input: canonical "", invalid, "空值" / "empty".
Normalized empty_result();

}  // namespace shanhai::normalize
