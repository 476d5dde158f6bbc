#include "normalize/text.h"

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>
#include <opencc/Config.hpp>
#include <opencc/Conversion.hpp>
#include <opencc/ConversionChain.hpp>
#include <opencc/Converter.hpp>
#include <opencc/Dict.hpp>
#include <opencc/Lexicon.hpp>

#include <algorithm>
#include <cstring>
#include <memory>
#include <unordered_map>

#include "common/utf8.h"

#ifndef SHANHAI_OPENCC_DIR
#define SHANHAI_OPENCC_DIR "/usr/share/opencc"
#endif

namespace shanhai::normalize {

char32_t next_code_point_general(std::string_view s, size_t& i) {
  const auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) {
    ++i;
    return c;
  }
  const size_t len = utf8_sequence_length(s.substr(i));
  if (len == 0) {
    ++i;
    return 0xFFFD;
  }
  char32_t cp;
  if (len == 2) {
    cp = c & 0x1F;
  } else if (len == 3) {
    cp = c & 0x0F;
  } else {
    cp = c & 0x07;
  }
  for (size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  i += len;
  return cp;
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp >= 0xD800 && cp <= 0xDFFF) cp = 0xFFFD;
  if (cp > 0x10FFFF) cp = 0xFFFD;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

bool is_space(char32_t cp) {
  if (cp <= 0x20) return true;  // ASCII blanks and C0 controls
  if (cp == 0x7F || cp == 0x85 || cp == 0xA0) return true;
  if (cp >= 0x2000 && cp <= 0x200B) return true;
  return cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000 ||
         cp == 0xFEFF;
}

bool is_han(char32_t cp) {
  return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
         (cp >= 0x20000 && cp <= 0x323AF) || (cp >= 0xF900 && cp <= 0xFAFF) || cp == 0x3007;
}

bool is_blank(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    if (!is_space(next_code_point(s, i))) return false;
  }
  return true;
}

bool is_ascii(std::string_view s) {
  for (char c : s) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

std::string_view trim(std::string_view s) {
  size_t begin = 0;
  while (begin < s.size()) {
    size_t next = begin;
    if (!is_space(next_code_point(s, next))) break;
    begin = next;
  }
  size_t end = begin;  // one past the last non-space character
  size_t i = begin;
  while (i < s.size()) {
    if (!is_space(next_code_point(s, i))) end = i;
  }
  return s.substr(begin, end - begin);
}

namespace {

const icu::Normalizer2* nfkc_instance() {
  static const icu::Normalizer2* instance = [] {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFKCInstance(status);
    return U_SUCCESS(status) ? n : nullptr;
  }();
  return instance;
}

}  // namespace

std::string nfkc(std::string_view s) {
  if (is_ascii(s)) return std::string(s);
  const icu::Normalizer2* n = nfkc_instance();
  if (n == nullptr) return std::string(s);
  if (utf8_first_invalid(s) == s.size()) {
    // Most text (any run of common ideographs) is already in NFKC: check in UTF-8, which is
    // far cheaper than converting to UTF-16 and back. (Malformed bytes take the long way,
    // which turns them into U+FFFD.)
    UErrorCode status = U_ZERO_ERROR;
    if (n->isNormalizedUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())), status) &&
        U_SUCCESS(status)) {
      return std::string(s);
    }
  }
  icu::UnicodeString u =
      icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString out = n->normalize(u, status);
  if (U_FAILURE(status)) return std::string(s);
  std::string result;
  out.toUTF8String(result);
  return result;
}

std::string nfkc_trim(std::string_view s) { return std::string(trim(nfkc(trim(s)))); }

std::string fold_width(std::string_view s, bool drop_spaces) {
  std::string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      if (drop_spaces && is_space(c)) continue;
      out += static_cast<char>(c);
      continue;
    }
    const size_t start = i;
    const char32_t cp = next_code_point(s, i);
    if (drop_spaces && is_space(cp)) continue;
    if (cp >= 0xFF01 && cp <= 0xFF5E) {
      out += static_cast<char>(cp - 0xFF01 + 0x21);
    } else if (cp == 0x3000) {
      out += ' ';
    } else if (cp == 0xFFFD && i - start == 1) {
      out += static_cast<char>(c);  // keep a malformed byte as it was
    } else {
      out.append(s.substr(start, i - start));
    }
  }
  return out;
}

namespace {

// One OpenCC converter for the process. OpenCC's conversion is const and keeps no per-call
// state, so the instance is shared by all threads.
//
// OpenCC converts by taking, from each position, the longest dictionary key that matches there
// and writing its value; characters no key matches are copied. Two shortcuts give the same result
// for nearly all text at a fraction of the cost (OpenCC builds segments and strings per call):
//   * text where no character starts a key whose value differs from the key comes back unchanged;
//   * text where no multi-character key (phrase) matches anywhere converts character by
//     character through the single-character keys.
// Only text that contains one of OpenCC's phrases goes through OpenCC itself.
class SimplifiedConverter {
 public:
  SimplifiedConverter() {
    for (const char* file : {SHANHAI_OPENCC_DIR "/t2s.json", "t2s.json"}) {
      try {
        converter_ = opencc::Config().NewFromFile(file);
        break;
      } catch (const std::exception&) {
        converter_ = nullptr;
      }
    }
    if (converter_ == nullptr) return;
    for (const opencc::ConversionPtr& conversion :
         converter_->GetConversionChain()->GetConversions()) {
      const opencc::LexiconPtr lexicon = conversion->GetDict()->GetLexicon();
      for (const std::unique_ptr<opencc::DictEntry>& entry : *lexicon) {
        const std::string key = entry->Key();
        if (key.empty()) continue;
        size_t i = 0;
        const char32_t first = next_code_point(key, i);
        if (i < key.size()) {
          phrases_[first].push_back(key);
        } else {
          singles_.emplace(first, entry->GetDefault());  // the first dictionary's value wins
        }
        if (key != entry->GetDefault()) mark(first);
      }
    }
  }
  SimplifiedConverter(const SimplifiedConverter&) = delete;
  SimplifiedConverter& operator=(const SimplifiedConverter&) = delete;

  std::string convert(std::string_view s) const {
    if (converter_ == nullptr || !may_change(s)) return std::string(s);
    std::string out;
    out.reserve(s.size());
    size_t i = 0;
    while (i < s.size()) {
      const size_t start = i;
      const char32_t cp = next_code_point(s, i);
      if (const auto p = phrases_.find(cp); p != phrases_.end()) {
        for (const std::string& phrase : p->second) {
          if (s.substr(start).starts_with(phrase)) return convert_with_opencc(s);
        }
      }
      if (const auto c = singles_.find(cp); c != singles_.end()) {
        out += c->second;
      } else {
        out.append(s.substr(start, i - start));
      }
    }
    return out;
  }

 private:
  std::string convert_with_opencc(std::string_view s) const {
    try {
      return converter_->Convert(std::string(s));
    } catch (const std::exception&) {
      return std::string(s);
    }
  }

  void mark(char32_t cp) {
    if (cp < starts_bmp_.size()) {
      starts_bmp_[cp] = true;
    } else {
      starts_other_.push_back(cp);
    }
  }

  bool may_change(std::string_view s) const {
    size_t i = 0;
    while (i < s.size()) {
      const char32_t cp = next_code_point(s, i);
      if (cp < starts_bmp_.size()
              ? starts_bmp_[cp]
              : std::find(starts_other_.begin(), starts_other_.end(), cp) != starts_other_.end()) {
        return true;
      }
    }
    return false;
  }

  opencc::ConverterPtr converter_;
  // First characters of the keys whose value differs from the key.
  std::vector<bool> starts_bmp_ = std::vector<bool>(0x10000, false);
  std::vector<char32_t> starts_other_;  // few: OpenCC's keys are almost all in the BMP
  std::unordered_map<char32_t, std::string> singles_;  // one-character keys
  std::unordered_map<char32_t, std::vector<std::string>>
      phrases_;  // longer keys by first character
};

}  // namespace

std::string to_simplified(std::string_view s) {
  if (is_ascii(s)) return std::string(s);
  // OpenCC stops at NUL and expects valid UTF-8; convert only when both hold.
  if (s.find('\0') != std::string_view::npos || utf8_first_invalid(s) != s.size()) {
    return std::string(s);
  }
  static const SimplifiedConverter converter;
  return converter.convert(s);
}

void ascii_upper(std::string& s) {
  for (char& c : s) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
}

Normalized valid_result(std::string canonical) {
  Normalized n;
  n.canonical = std::move(canonical);
  n.valid = true;
  return n;
}

Normalized invalid_result(std::string canonical, std::string_view reason_zh,
                          std::string_view reason_en) {
  Normalized n;
  n.canonical = std::move(canonical);
  n.valid = false;
  n.reason_zh = reason_zh;
  n.reason_en = reason_en;
  return n;
}

Normalized normalize_text(std::string_view raw) {
  if (is_blank(raw)) return empty_result();
  std::string canonical = nfkc_trim(raw);
  if (utf8_first_invalid(raw) != raw.size()) {
    return invalid_result(std::move(canonical), "含无效的 UTF-8 字节",
                          "contains invalid UTF-8 bytes");
  }
  return valid_result(std::move(canonical));
}

Normalized empty_result() { return invalid_result("", "空值", "empty"); }

}  // namespace shanhai::normalize
