#include "common/utf8.h"

#include <cstdint>
#include <cstring>

namespace shanhai {

size_t utf8_sequence_length(std::string_view s) {
  if (s.empty()) return 0;
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const unsigned char c = p[0];
  if (c < 0x80) return 1;
  size_t need;
  unsigned char lo = 0x80, hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) {
    need = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    need = 3;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    need = 4;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  if (s.size() < need) return 0;
  if (p[1] < lo || p[1] > hi) return 0;
  for (size_t k = 2; k < need; ++k) {
    if (p[k] < 0x80 || p[k] > 0xBF) return 0;
  }
  return need;
}

size_t utf8_first_invalid(std::string_view s, bool allow_truncated_tail) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  size_t i = 0;
  while (i < n) {
    // ASCII fast path, eight bytes at a time.
    while (i + 8 <= n) {
      uint64_t w;
      std::memcpy(&w, p + i, 8);
      if (w & 0x8080808080808080ULL) break;
      i += 8;
    }
    // Then a run of characters decoded inline (most Chinese text is three-byte sequences).
    while (i < n) {
      const unsigned char c = p[i];
      if (c < 0x80) {
        ++i;
        if (i + 8 <= n && (p[i] & 0x80) == 0) break;  // back to the word-at-a-time path
        continue;
      }
      if (c >= 0xE1 && c <= 0xEF && c != 0xED && i + 2 < n && (p[i + 1] & 0xC0) == 0x80 &&
          (p[i + 2] & 0xC0) == 0x80) {
        i += 3;  // the common CJK case, no special ranges to check
        continue;
      }
      const size_t len = utf8_sequence_length(s.substr(i));
      if (len == 0) {
        if (allow_truncated_tail && n - i < 4) {
          // A lead byte whose continuation lies in the next chunk.
          const size_t need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
          bool continuation_ok = need > n - i;
          for (size_t k = i + 1; k < n; ++k) {
            if ((p[k] & 0xC0) != 0x80) continuation_ok = false;
          }
          if (continuation_ok) return n;
        }
        return i;
      }
      i += len;
    }
  }
  return n;
}

size_t utf8_length(std::string_view s) {
  size_t count = 0;
  size_t i = 0;
  while (i < s.size()) {
    const size_t len = utf8_sequence_length(s.substr(i));
    i += len == 0 ? 1 : len;
    ++count;
  }
  return count;
}

}  // namespace shanhai
