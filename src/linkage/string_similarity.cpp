#include "linkage/string_similarity.h"

#include <algorithm>
#include <cstdint>
#include <memory>
#include <vector>

#include "normalize/text.h"

namespace shanhai::linkage {

namespace {

// Flags or counters for short strings on the stack, longer ones on the heap.
template <class T>
class Scratch {
 public:
  explicit Scratch(size_t n) {
    if (n <= kInline) {
      std::fill(inline_, inline_ + n, T{});
      data_ = inline_;
    } else {
      heap_.assign(n, T{});
      data_ = heap_.data();
    }
  }
  T& operator[](size_t i) { return data_[i]; }

 private:
  static constexpr size_t kInline = 65;
  T inline_[kInline];
  std::vector<T> heap_;
  T* data_;
};

}  // namespace

void append_code_points(std::string_view utf8, std::u32string& out) {
  size_t i = 0;
  while (i < utf8.size()) out.push_back(normalize::next_code_point(utf8, i));
}

std::u32string code_points(std::string_view utf8) {
  std::u32string out;
  out.reserve(utf8.size());
  append_code_points(utf8, out);
  return out;
}

double jaro(std::u32string_view a, std::u32string_view b) {
  if (a.empty() && b.empty()) return 1.0;
  if (a.empty() || b.empty()) return 0.0;
  if (a == b) return 1.0;
  const size_t longer = std::max(a.size(), b.size());
  const size_t window = longer / 2 > 0 ? longer / 2 - 1 : 0;
  Scratch<uint8_t> a_hit(a.size());
  Scratch<uint8_t> b_hit(b.size());
  size_t matches = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    const size_t lo = i > window ? i - window : 0;
    const size_t hi = std::min(b.size(), i + window + 1);
    for (size_t j = lo; j < hi; ++j) {
      if (!b_hit[j] && a[i] == b[j]) {
        a_hit[i] = b_hit[j] = 1;
        ++matches;
        break;
      }
    }
  }
  if (matches == 0) return 0.0;
  size_t half_transpositions = 0;
  for (size_t i = 0, j = 0; i < a.size(); ++i) {
    if (!a_hit[i]) continue;
    while (!b_hit[j]) ++j;
    if (a[i] != b[j]) ++half_transpositions;
    ++j;
  }
  const double m = static_cast<double>(matches);
  const double t = static_cast<double>(half_transpositions / 2);
  return (m / static_cast<double>(a.size()) + m / static_cast<double>(b.size()) + (m - t) / m) /
         3.0;
}

double jaro_winkler(std::u32string_view a, std::u32string_view b, double prefix_scale,
                    size_t max_prefix, double boost_threshold) {
  const double j = jaro(a, b);
  if (j <= boost_threshold) return j;
  size_t prefix = 0;
  const size_t limit = std::min({a.size(), b.size(), max_prefix});
  while (prefix < limit && a[prefix] == b[prefix]) ++prefix;
  return j + static_cast<double>(prefix) * prefix_scale * (1.0 - j);
}

double jaro_winkler(std::string_view a_utf8, std::string_view b_utf8) {
  return jaro_winkler(code_points(a_utf8), code_points(b_utf8));
}

size_t levenshtein(std::u32string_view a, std::u32string_view b) {
  if (a.size() < b.size()) std::swap(a, b);
  // One row of the dynamic programme over the shorter string.
  Scratch<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t above = row[j];
      row[j] = std::min({above + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

size_t levenshtein(std::string_view a_utf8, std::string_view b_utf8) {
  return levenshtein(code_points(a_utf8), code_points(b_utf8));
}

size_t levenshtein_bounded(std::u32string_view a, std::u32string_view b, size_t limit) {
  if (a.size() < b.size()) std::swap(a, b);
  if (a.size() - b.size() > limit) return limit + 1;
  if (limit <= 1) {  // the usual "one edit at most": no table needed
    size_t i = 0;
    while (i < b.size() && a[i] == b[i]) ++i;  // the common prefix
    if (i == a.size()) return 0;
    const size_t over = limit + 1;
    if (limit == 0) return over;
    // One substitution (same length) or one character of a left out (a is one longer).
    const size_t skip = a.size() == b.size() ? 1 : 0;
    return a.substr(i + 1) == b.substr(i + skip) ? 1 : over;
  }
  // Only cells within `limit` of the diagonal can hold a distance <= limit; the others are
  // treated as limit + 1.
  const size_t over = limit + 1;
  Scratch<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = std::min(j, over);
  for (size_t i = 1; i <= a.size(); ++i) {
    const size_t lo = i > limit ? i - limit : 1;
    const size_t hi = std::min(b.size(), i + limit);
    size_t diagonal = row[lo - 1];
    row[lo - 1] = lo == 1 ? std::min(i, over) : over;
    size_t best = row[lo - 1];
    for (size_t j = lo; j <= hi; ++j) {
      const size_t above = row[j];
      size_t v = std::min({above + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      v = std::min(v, over);
      row[j] = v;
      best = std::min(best, v);
      diagonal = above;
    }
    if (hi < b.size()) row[hi + 1] = over;
    if (best >= over) return over;
  }
  return std::min(row[b.size()], over);
}

}  // namespace shanhai::linkage
