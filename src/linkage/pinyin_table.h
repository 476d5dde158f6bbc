#pragma once
// The toneless pinyin key (normalize::pinyin_key) of each CJK ideograph on its own, computed at
// build time (src/linkage/tools/gen_pinyin_table.cpp) with the same ICU the program runs with:
// loading ICU's Han-Latin rules takes over 100 ms and each transliteration about 10 µs, while
// names are keyed character by character (NameTable).

#include <cstdint>
#include <optional>
#include <string_view>

namespace shanhai::linkage {

// CJK Unified Ideographs Extension A and the CJK Unified Ideographs block.
inline constexpr char32_t kPinyinFirst = 0x3400;
inline constexpr char32_t kPinyinLast = 0x9FFF;

extern const char kPinyinText[];         // the keys, one after the other
extern const uint32_t kPinyinOffsets[];  // per character from kPinyinFirst, and one past the last

// normalize::pinyin_key of the character alone; nullopt outside the table's range.
inline std::optional<std::string_view> table_pinyin(char32_t cp) {
  if (cp < kPinyinFirst || cp > kPinyinLast) return std::nullopt;
  const uint32_t k = cp - kPinyinFirst;
  return std::string_view(kPinyinText + kPinyinOffsets[k],
                          kPinyinOffsets[k + 1] - kPinyinOffsets[k]);
}

}  // namespace shanhai::linkage
