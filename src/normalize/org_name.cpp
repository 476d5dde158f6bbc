#include "normalize/org_name.h"

#include "common/utf8.h"
#include "normalize/text.h"

namespace shanhai::normalize {

namespace {

char32_t fold_bracket(char32_t cp) {
  switch (cp) {
    case '(':
    case '[':
    case U'【':
    case U'〔':
    case U'﹝':
    case U'〖':
    case U'（':
      return U'（';
    case ')':
    case ']':
    case U'】':
    case U'〕':
    case U'﹞':
    case U'〗':
    case U'）':
      return U'）';
    default:
      return cp;
  }
}

bool is_bracket(char32_t cp) { return cp == U'（' || cp == U'）'; }

bool is_wide(char32_t cp) { return is_han(cp) || is_bracket(cp) || cp >= 0x3000; }

bool is_edge_punct(char32_t cp) {
  switch (cp) {
    case '"':
    case '\'':
    case U'“':
    case U'”':
    case U'‘':
    case U'’':
    case U'「':
    case U'」':
    case U'《':
    case U'》':
    case '.':
    case ',':
    case ';':
    case ':':
    case U'。':
    case U'，':
    case U'、':
    case U'；':
    case U'：':
      return true;
    default:
      return false;
  }
}

void replace_all(std::string& s, std::string_view from, std::string_view to) {
  size_t pos = 0;
  while ((pos = s.find(from, pos)) != std::string::npos) {
    s.replace(pos, from.size(), to);
    pos += to.size();
  }
}

}  // namespace

std::string canonical_org_name(std::string_view raw) {
  const std::string s = to_simplified(nfkc(trim(raw)));
  std::u32string cps;
  size_t i = 0;
  while (i < s.size()) cps.push_back(fold_bracket(next_code_point(s, i)));
  // Trim punctuation and quotes at both ends (a closing bracket at the end stays).
  size_t b = 0, e = cps.size();
  while (b < e && (is_edge_punct(cps[b]) || is_space(cps[b]))) ++b;
  while (e > b && (is_edge_punct(cps[e - 1]) || is_space(cps[e - 1]))) --e;
  std::string out;
  bool pending_space = false;
  char32_t prev = 0;
  for (size_t k = b; k < e; ++k) {
    const char32_t cp = cps[k];
    if (is_space(cp)) {
      pending_space = true;
      continue;
    }
    if (pending_space && prev != 0 && !is_wide(prev) && !is_wide(cp)) out += ' ';
    pending_space = false;
    append_utf8(out, cp);
    prev = cp;
  }
  replace_all(out, "有限责任公司", "有限公司");
  replace_all(out, "股份公司", "股份有限公司");
  replace_all(out, "（）", "");
  return out;
}

Normalized normalize_org_name(std::string_view raw) {
  if (is_blank(raw)) return empty_result();
  std::string c = canonical_org_name(raw);
  bool letters = false, all_alnum = true;
  size_t i = 0;
  while (i < c.size()) {
    const char32_t cp = next_code_point(c, i);
    const bool ascii_alnum =
        (cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z');
    if (is_han(cp) || (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z')) letters = true;
    if (!ascii_alnum) all_alnum = false;
  }
  if (!letters)
    return invalid_result(std::move(c), "不含文字，不是单位名称", "contains no letters");
  if (all_alnum && c.size() == 18) {
    return invalid_result(std::move(c), "像是统一社会信用代码而不是名称",
                          "looks like a unified social credit code, not a name");
  }
  if (utf8_length(c) < 2) return invalid_result(std::move(c), "名称过短", "name too short");
  return valid_result(std::move(c));
}

}  // namespace shanhai::normalize
