#pragma once
// The distinct person names of both sides and their matching forms, computed once per distinct
// spelling rather than once per record: canonical form (normalize::canonical_person_name), the
// separators the raw spelling used, the separator-free form, its code points (for Jaro-Winkler
// and Levenshtein) and its toneless pinyin key.
//
// The pinyin key of a name is the concatenation of normalize::pinyin_key of each of its
// characters, looked up in the build-time table of linkage/pinyin_table.h (other characters are
// transliterated once each): ICU's transliteration costs microseconds per call and loading it
// over 100 ms, and names are read character by character anyway (ICU's few word-level readings,
// such as 藏文 → zangwen, do not apply to names).

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "linkage/value_dictionary.h"

namespace shanhai::linkage {

// One record's name: its canonical spelling and the separators (·•・…) its raw spelling used.
// The canonical spelling's plain and pinyin ids and code points are repeated here from its
// NameForm: blocking keys, the cheaper comparison levels and term frequencies then read only the
// record's own entry, not the form it points to.
struct NameRef {
  uint32_t canonical = kNoValue;  // kNoValue: missing (empty, or nothing left after cleaning)
  uint32_t separators = 0;        // hash of the raw separator characters in order; 0: none
  uint32_t plain = kNoValue;      // NameForm::plain of canonical
  uint32_t pinyin = kNoValue;     // NameForm::pinyin of canonical
  // NameForm::code_point_begin and code_point_count of canonical (NameTable::code_points).
  uint32_t code_point_begin = 0, code_point_count = 0;

  // The same spelling with the same separators (the other members follow from canonical).
  friend bool operator==(const NameRef& a, const NameRef& b) {
    return a.canonical == b.canonical && a.separators == b.separators;
  }
};

// Per distinct canonical spelling.
struct NameForm {
  uint32_t plain = kNoValue;   // id of the separator-free spelling
  uint32_t pinyin = kNoValue;  // id of the pinyin key (kNoValue when it is empty)
  uint32_t code_point_begin = 0, code_point_count = 0;  // of the separator-free spelling
};

class NameTable {
 public:
  // Called once for every raw name i, from several threads, with the finished table (counts
  // included) and raw[i]'s reference; the table itself keeps no per-record data.
  using PutRef = std::function<void(const NameTable& table, size_t index, const NameRef& ref)>;

  // Builds the table from raw names (left rows, then right rows).
  static NameTable build(const StringColumn& raw, unsigned threads, const PutRef& put);

  const NameForm& form(uint32_t canonical) const { return forms_[canonical]; }
  std::u32string_view code_points(uint32_t canonical) const {
    const NameForm& f = forms_[canonical];
    return std::u32string_view(code_points_.data() + f.code_point_begin, f.code_point_count);
  }
  // The same for a record's name, without reading its form.
  std::u32string_view code_points(const NameRef& ref) const {
    return std::u32string_view(code_points_.data() + ref.code_point_begin, ref.code_point_count);
  }
  std::string_view canonical_text(uint32_t canonical) const { return canonical_[canonical]; }
  std::string_view plain_text(uint32_t plain) const { return plain_[plain]; }
  std::string_view pinyin_text(uint32_t pinyin) const { return pinyin_[pinyin]; }

  // How many of the input names have this separator-free spelling, and how many are not
  // missing: the term frequency of a name is plain_count / named.
  uint32_t plain_count(uint32_t plain) const { return plain_counts_[plain]; }
  uint64_t named() const { return named_; }

  size_t distinct_spellings() const { return forms_.size(); }

 private:
  std::vector<NameForm> forms_;
  TextArena canonical_, plain_, pinyin_;
  std::u32string code_points_;
  std::vector<uint32_t> plain_counts_;
  uint64_t named_ = 0;
};

}  // namespace shanhai::linkage
