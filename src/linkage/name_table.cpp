#include "linkage/name_table.h"

#include <algorithm>

#include "linkage/parallel.h"
#include "linkage/pinyin_table.h"
#include "normalize/person_name.h"
#include "normalize/text.h"

namespace shanhai::linkage {

namespace {

constexpr size_t kChunk = 4096;
constexpr size_t kAhead = 8;  // values fetched ahead of their turn

// Characters that may separate the parts of a name in a raw spelling: anything that is not a
// letter, digit, ideograph or space.
bool is_separator_like(char32_t cp) {
  if (normalize::is_space(cp) || normalize::is_han(cp)) return false;
  if ((cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z')) {
    return false;
  }
  if (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7) return false;  // Latin letters
  return cp != '-' && cp != '\'';
}

uint32_t separator_signature(std::string_view raw) {
  uint32_t h = 0;
  size_t i = 0;
  while (i < raw.size()) {
    const char32_t cp = normalize::next_code_point(raw, i);
    if (!is_separator_like(cp)) continue;
    h = (h ^ cp) * 0x01000193U;  // FNV-1a step
    if (h == 0) h = 1;
  }
  return h;
}

// The canonical spelling without "·" and spaces.
std::string plain_spelling(std::string_view canonical) {
  std::string out;
  out.reserve(canonical.size());
  size_t i = 0;
  while (i < canonical.size()) {
    const size_t start = i;
    const char32_t cp = normalize::next_code_point(canonical, i);
    if (cp == 0x00B7 || cp == ' ') continue;
    out.append(canonical, start, i - start);
  }
  return out;
}

// The pinyin key of each distinct code point of the names, indexed by code point: from the
// build-time table, or transliterated once when outside it.
std::vector<std::string> pinyin_of_code_points(const std::vector<std::u32string>& names) {
  char32_t top = 0;
  for (const std::u32string& name : names) {
    for (char32_t cp : name) top = std::max(top, cp);
  }
  std::vector<uint8_t> seen(size_t{top} + 1, 0);
  std::vector<std::string> out(seen.size());
  for (const std::u32string& name : names) {
    for (char32_t cp : name) {
      if (seen[cp]) continue;
      seen[cp] = 1;
      if (const auto key = table_pinyin(cp)) {
        out[cp] = *key;
      } else {
        std::string one;
        normalize::append_utf8(one, cp);
        out[cp] = normalize::pinyin_key(one);
      }
    }
  }
  return out;
}

std::vector<std::string_view> views(const std::vector<std::string>& strings) {
  return std::vector<std::string_view>(strings.begin(), strings.end());
}

}  // namespace

NameTable NameTable::build(const StringColumn& raw, unsigned threads, const PutRef& put) {
  NameTable t;
  // 1. Distinct raw spellings, each cleaned once.
  const ValueDictionary raws = build_value_dictionary(raw, threads);
  std::vector<std::string> canonical_of_raw(raws.size());
  std::vector<uint32_t> signature_of_raw(raws.size());
  for_each_chunk(raws.size(), kChunk, threads, [&](size_t, size_t begin, size_t end) {
    for (size_t r = begin; r < end; ++r) {
      // Distinct values lie scattered over the input: fetch a few ahead.
      if (r + kAhead < end) __builtin_prefetch(raws.values[r + kAhead].data());
      canonical_of_raw[r] = normalize::canonical_person_name(raws.values[r]);
      signature_of_raw[r] = separator_signature(raws.values[r]);
    }
  });
  // 2. Distinct canonical spellings and their forms.
  const std::vector<std::string_view> canonical_views = views(canonical_of_raw);
  const ValueDictionary canonicals = build_value_dictionary(canonical_views, threads);
  const size_t forms = canonicals.size();
  t.canonical_ = TextArena(canonicals.values, threads);
  std::vector<std::string> plain_of(forms), pinyin_of(forms);
  std::vector<std::u32string> points_of(forms);
  for_each_chunk(forms, kChunk, threads, [&](size_t, size_t begin, size_t end) {
    for (size_t c = begin; c < end; ++c) {
      plain_of[c] = plain_spelling(t.canonical_[c]);
      size_t i = 0;
      const std::string& plain = plain_of[c];
      while (i < plain.size()) points_of[c].push_back(normalize::next_code_point(plain, i));
    }
  });
  const std::vector<std::string> pinyin_of_point = pinyin_of_code_points(points_of);
  for_each_chunk(forms, kChunk, threads, [&](size_t, size_t begin, size_t end) {
    for (size_t c = begin; c < end; ++c) {
      for (char32_t cp : points_of[c]) pinyin_of[c] += pinyin_of_point[cp];
    }
  });
  const ValueDictionary plains = build_value_dictionary(views(plain_of), threads);
  const ValueDictionary pinyins = build_value_dictionary(views(pinyin_of), threads);
  t.plain_ = TextArena(plains.values, threads);
  t.pinyin_ = TextArena(pinyins.values, threads);
  t.forms_.resize(forms);
  size_t total_points = 0;
  for (const auto& p : points_of) total_points += p.size();
  t.code_points_.reserve(total_points);
  for (size_t c = 0; c < forms; ++c) {
    NameForm& f = t.forms_[c];
    f.plain = plains.ids[c];
    f.pinyin = pinyins.ids[c];
    f.code_point_begin = static_cast<uint32_t>(t.code_points_.size());
    f.code_point_count = static_cast<uint32_t>(points_of[c].size());
    t.code_points_ += points_of[c];
  }
  // 3. The reference of each distinct raw spelling, then of each record; how common each
  // separator-free spelling is follows from how many records carry each raw spelling.
  std::vector<NameRef> ref_of_raw(raws.size());
  for_each_chunk(raws.size(), kChunk, threads, [&](size_t, size_t begin, size_t end) {
    for (size_t r = begin; r < end; ++r) {
      const uint32_t c = canonicals.ids[r];
      if (c == kNoValue || t.forms_[c].plain == kNoValue) continue;
      const NameForm& form = t.forms_[c];
      ref_of_raw[r] = {c,           signature_of_raw[r],   form.plain,
                       form.pinyin, form.code_point_begin, form.code_point_count};
    }
  });
  t.plain_counts_.assign(plains.size(), 0);
  for (size_t r = 0; r < raws.size(); ++r) {
    if (ref_of_raw[r].canonical == kNoValue) continue;
    t.plain_counts_[ref_of_raw[r].plain] += raws.counts[r];
    t.named_ += raws.counts[r];
  }
  for_each_chunk(raw.size(), kChunk * 4, threads, [&](size_t, size_t begin, size_t end) {
    for (size_t i = begin; i < end; ++i) {
      const uint32_t r = raws.ids[i];
      put(t, i, r == kNoValue ? NameRef{} : ref_of_raw[r]);
    }
  });
  return t;
}

}  // namespace shanhai::linkage
