#pragma once
// "Did you mean …?" for misspelt names (fields, inputs, parameters, steps, functions).
//
// Distances count Unicode code points, not bytes, so "罚款金额" and "罚款数额" are one edit apart.
// An adjacent transposition ("amuont" / "amount") counts as one edit (optimal string alignment
// distance). Invalid UTF-8 bytes count as one code point each.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace shanhai::model {

// Edits (insert, delete, substitute one code point, or swap two adjacent ones) that turn a into b.
size_t edit_distance(std::string_view a, std::string_view b);

// The largest distance at which a candidate is still offered for a name of `length` code points:
// max(2, length / 3).
size_t suggestion_limit(size_t length);

// The candidate closest to `name`, or nullopt when none is close enough. A candidate is close
// enough when its distance d is at most suggestion_limit(length of name), and d is smaller than
// the length of both strings (so "ab" never suggests "xy"). A candidate equal to name ignoring
// ASCII case always wins. Ties go to the earliest candidate. A candidate equal to name is never
// offered (the name is known, not misspelt).
std::optional<std::string> closest_name(std::string_view name,
                                        const std::vector<std::string>& candidates);

// Message tails for a suggestion: "，是否应为“x”？" and "; did you mean \"x\"?", or "" when there
// is none.
std::string did_you_mean_zh(const std::optional<std::string>& suggestion);
std::string did_you_mean_en(const std::optional<std::string>& suggestion);

}  // namespace shanhai::model
