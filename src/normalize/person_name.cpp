#include "normalize/person_name.h"

#include <fmt/format.h>
#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <memory>

#include "normalize/text.h"

namespace shanhai::normalize {

namespace {

bool is_separator(char32_t cp) {
  switch (cp) {
    case '.':
    case 0x00B7:  // · middle dot
    case 0x2022:  // • bullet
    case 0x30FB:  // ・ katakana middle dot
    case 0xFF65:  // ･ half-width katakana middle dot
    case 0x25AA:  // ▪
    case 0x25CF:  // ●
    case 0x2219:  // ∙
    case 0x22C5:  // ⋅
    case 0x2027:  // ‧
    case 0x0387:  // Greek ano teleia
    case 0x16EB:  // runic single punctuation
    case 0x2E31:  // word separator middle dot
    case 0x318D:  // ㆍ
    case 0x3002:  // 。
    case 0xFF0E:  // ．
      return true;
    default:
      return false;
  }
}

bool is_latin_letter(char32_t cp) {
  return (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') ||
         (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7);
}

struct Scan {
  std::string canonical;
  bool has_digit = false;
  char32_t bad = 0;  // first character that does not belong in a name
  bool any_letter = false;
};

// Whether s is one or more characters of CJK Unified Ideographs (U+4E00–U+9FFF) and nothing
// else, as most names are: NFKC leaves those alone, and there is nothing to trim or separate.
bool unified_ideographs_only(std::string_view s) {
  if (s.empty() || s.size() % 3 != 0) return false;
  for (size_t i = 0; i < s.size(); i += 3) {
    const auto b0 = static_cast<unsigned char>(s[i]), b1 = static_cast<unsigned char>(s[i + 1]),
               b2 = static_cast<unsigned char>(s[i + 2]);
    if (b0 < 0xE4 || b0 > 0xE9 || (b1 & 0xC0) != 0x80 || (b2 & 0xC0) != 0x80) return false;
    if (b0 == 0xE4 && b1 < 0xB8) return false;  // below U+4E00
  }
  return true;
}

Scan scan(std::string_view raw) {
  Scan out;
  if (unified_ideographs_only(raw)) {
    // The general path below would return the simplified spelling unchanged.
    std::string simplified = to_simplified(raw);
    if (unified_ideographs_only(simplified)) {
      out.canonical = std::move(simplified);
      out.any_letter = true;
      return out;
    }
  }
  const std::string s = to_simplified(nfkc(trim(raw)));
  bool has_han = false;
  {
    size_t i = 0;
    while (i < s.size()) {
      if (is_han(next_code_point(s, i))) {
        has_han = true;
        break;
      }
    }
  }
  bool pending_sep = false, pending_space = false;
  size_t i = 0;
  while (i < s.size()) {
    char32_t cp = next_code_point(s, i);
    if (is_space(cp)) {
      if (!has_han) pending_space = true;
      continue;
    }
    if (is_separator(cp) && (has_han || cp != '.')) {
      pending_sep = true;
      continue;
    }
    if (!out.canonical.empty()) {
      if (pending_sep) {
        out.canonical += "·";
      } else if (pending_space) {
        out.canonical += ' ';
      }
    }
    pending_sep = pending_space = false;
    if (cp >= '0' && cp <= '9') out.has_digit = true;
    if (!has_han && cp >= 'a' && cp <= 'z') cp = cp - 'a' + 'A';
    if (is_han(cp) || is_latin_letter(cp)) {
      out.any_letter = true;
    } else if (cp != '-' && cp != '\'' && cp != 0x2019 && cp != '.' && !(cp >= '0' && cp <= '9') &&
               out.bad == 0) {
      out.bad = cp;
    }
    append_utf8(out.canonical, cp);
  }
  return out;
}

std::unique_ptr<icu::Transliterator> make_transliterator() {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::Transliterator> t(
      icu::Transliterator::createInstance("Han-Latin; Latin-ASCII; Lower", UTRANS_FORWARD, status));
  if (U_FAILURE(status)) return nullptr;
  return t;
}

// ICU transliterators are not safe to share between threads: each thread clones the prototype.
icu::Transliterator* thread_transliterator() {
  static const std::unique_ptr<icu::Transliterator> prototype = make_transliterator();
  thread_local std::unique_ptr<icu::Transliterator> mine(prototype ? prototype->clone() : nullptr);
  return mine.get();
}

}  // namespace

std::string canonical_person_name(std::string_view raw) { return scan(raw).canonical; }

std::string pinyin_key(std::string_view name) {
  std::string canonical = canonical_person_name(name);
  std::string latin;
  if (is_ascii(canonical)) {
    latin = std::move(canonical);
  } else if (icu::Transliterator* t = thread_transliterator()) {
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(
        icu::StringPiece(canonical.data(), static_cast<int32_t>(canonical.size())));
    t->transliterate(u);
    u.toUTF8String(latin);
  } else {
    latin = std::move(canonical);
  }
  std::string key;
  key.reserve(latin.size());
  for (char c : latin) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) key += c;
  }
  return key;
}

Normalized normalize_person_name(std::string_view raw) {
  if (is_blank(raw)) return empty_result();
  Scan s = scan(raw);
  if (s.canonical.empty() || !s.any_letter) {
    return invalid_result(std::move(s.canonical), "不含文字，不是姓名", "contains no letters");
  }
  if (s.has_digit)
    return invalid_result(std::move(s.canonical), "姓名含数字", "name contains digits");
  if (s.bad != 0) {
    std::string ch;
    append_utf8(ch, s.bad);
    return invalid_result(std::move(s.canonical), fmt::format("姓名含字符“{}”", ch),
                          fmt::format("name contains \"{}\"", ch));
  }
  return valid_result(std::move(s.canonical));
}

}  // namespace shanhai::normalize
