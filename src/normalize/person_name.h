#pragma once
// 姓名 (names of natural persons).
//
// Canonical form: NFKC, traditional → simplified (OpenCC t2s), whitespace removed inside Chinese
// names, the separators of minority and foreign names (· • ・ ･ . ▪ ∙ ⋅ ‧ and the like) unified to
// "·" with runs collapsed and ends trimmed: "阿卜杜拉 • 买买提" → "阿卜杜拉·买买提". Latin-only
// names have runs of spaces collapsed and are upper-cased ("John  Smith" → "JOHN SMITH").
// Names with digits or symbols are kept (cleaned) but invalid; anonymised names such as 张某某 are
// valid, 张* is not.

#include <string>
#include <string_view>

#include "normalize/element.h"

namespace shanhai::normalize {

// The canonical spelling described above (no validity check).
std::string canonical_person_name(std::string_view raw);

// Matching key: the canonical name transliterated to toneless pinyin (ICU Han-Latin), lower-case
// ASCII letters and digits only: "張 三" → "zhangsan", "阿卜杜拉·买买提" → "abudulamaimaiti".
std::string pinyin_key(std::string_view name);

Normalized normalize_person_name(std::string_view raw);

}  // namespace shanhai::normalize
