#include "model/name_suggestion.h"

#include <algorithm>
#include <cstdint>

#include "common/utf8.h"

namespace shanhai::model {
namespace {

// Code points of s; an invalid byte b becomes 0x110000 + b (outside Unicode, so it only ever
// equals the same invalid byte).
std::u32string code_points(std::string_view s) {
  std::u32string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    const size_t len = utf8_sequence_length(s.substr(i));
    const auto* p = reinterpret_cast<const unsigned char*>(s.data() + i);
    if (len == 0) {
      out.push_back(static_cast<char32_t>(0x110000u + p[0]));
      i += 1;
      continue;
    }
    char32_t c = 0;
    switch (len) {
      case 1:
        c = p[0];
        break;
      case 2:
        c = (static_cast<char32_t>(p[0] & 0x1F) << 6) | (p[1] & 0x3F);
        break;
      case 3:
        c = (static_cast<char32_t>(p[0] & 0x0F) << 12) | (static_cast<char32_t>(p[1] & 0x3F) << 6) |
            (p[2] & 0x3F);
        break;
      default:
        c = (static_cast<char32_t>(p[0] & 0x07) << 18) |
            (static_cast<char32_t>(p[1] & 0x3F) << 12) | (static_cast<char32_t>(p[2] & 0x3F) << 6) |
            (p[3] & 0x3F);
        break;
    }
    out.push_back(c);
    i += len;
  }
  return out;
}

size_t osa_distance(const std::u32string& a, const std::u32string& b) {
  const size_t n = a.size();
  const size_t m = b.size();
  if (n == 0) return m;
  if (m == 0) return n;
  // Three rows: two back (for transpositions), previous and current.
  std::vector<size_t> two(m + 1), prev(m + 1), cur(m + 1);
  for (size_t j = 0; j <= m; ++j) prev[j] = j;
  for (size_t i = 1; i <= n; ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= m; ++j) {
      const size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      size_t d = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d = std::min(d, two[j - 2] + 1);
      }
      cur[j] = d;
    }
    std::swap(two, prev);
    std::swap(prev, cur);
  }
  return prev[m];
}

bool equal_ignoring_ascii_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

}  // namespace

size_t edit_distance(std::string_view a, std::string_view b) {
  return osa_distance(code_points(a), code_points(b));
}

size_t suggestion_limit(size_t length) { return std::max<size_t>(2, length / 3); }

std::optional<std::string> closest_name(std::string_view name,
                                        const std::vector<std::string>& candidates) {
  const std::u32string wanted = code_points(name);
  const size_t limit = suggestion_limit(wanted.size());
  std::optional<std::string> best;
  size_t best_distance = SIZE_MAX;
  for (const std::string& candidate : candidates) {
    if (candidate == name) continue;
    if (equal_ignoring_ascii_case(candidate, name)) return candidate;
    const std::u32string c = code_points(candidate);
    // The distance is at least the difference in length: skip hopeless candidates cheaply.
    const size_t gap =
        c.size() > wanted.size() ? c.size() - wanted.size() : wanted.size() - c.size();
    if (gap > limit || gap >= best_distance) continue;
    const size_t d = osa_distance(wanted, c);
    if (d > limit || d >= wanted.size() || d >= c.size()) continue;
    if (d < best_distance) {
      best_distance = d;
      best = candidate;
    }
  }
  return best;
}

std::string did_you_mean_zh(const std::optional<std::string>& suggestion) {
  if (!suggestion) return {};
  return "，是否应为“" + *suggestion + "”？";
}

std::string did_you_mean_en(const std::optional<std::string>& suggestion) {
  if (!suggestion) return {};
  return "; did you mean \"" + *suggestion + "\"?";
}

}  // namespace shanhai::model
