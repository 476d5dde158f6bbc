#pragma once
// String similarity on Unicode code points: Jaro, Jaro-Winkler and Levenshtein.
//
// Chinese names are two to four characters of three UTF-8 bytes each, so measures on bytes
// overrate them (张伟 and 张炜 share four of six bytes); these work on decoded code points. The
// UTF-8 overloads decode first (a malformed byte counts as one U+FFFD). Pure functions; the
// code-point overloads do not allocate for strings up to 64 code points.

#include <cstddef>
#include <string>
#include <string_view>

namespace shanhai::linkage {

// The code points of UTF-8 text, appended to out.
void append_code_points(std::string_view utf8, std::u32string& out);
std::u32string code_points(std::string_view utf8);

// Jaro similarity in [0, 1]: 1 for equal strings (also two empty ones), 0 when one is empty or
// nothing matches within the window max(|a|, |b|) / 2 - 1.
double jaro(std::u32string_view a, std::u32string_view b);

// Jaro-Winkler: jaro + prefix · prefix_scale · (1 - jaro), where prefix is the common prefix
// (at most max_prefix code points), applied only when jaro > boost_threshold (Winkler's rule,
// as in rapidfuzz and DuckDB). MARTHA/MARHTA → 0.9611, 欧阳建国/欧阳建华 → 0.8833.
double jaro_winkler(std::u32string_view a, std::u32string_view b, double prefix_scale = 0.1,
                    size_t max_prefix = 4, double boost_threshold = 0.7);
double jaro_winkler(std::string_view a_utf8, std::string_view b_utf8);

// Levenshtein distance (insertions, deletions, substitutions of one code point each).
size_t levenshtein(std::u32string_view a, std::u32string_view b);
size_t levenshtein(std::string_view a_utf8, std::string_view b_utf8);

// min(levenshtein(a, b), limit + 1), in O(limit · length) time: for "at most N edits" tests.
size_t levenshtein_bounded(std::u32string_view a, std::u32string_view b, size_t limit);

}  // namespace shanhai::linkage
