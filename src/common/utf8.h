#pragma once
// Small UTF-8 facts used by several layers. Pure functions, no allocation.

#include <cstddef>
#include <string_view>

namespace shanhai {

// Length in bytes of the well-formed UTF-8 sequence at the start of s, or 0 when s is empty or
// starts with a malformed sequence (overlong, surrogate, truncated, out of range).
size_t utf8_sequence_length(std::string_view s);

// Offset of the first byte that is not part of well-formed UTF-8, or s.size() when s is valid.
// A sequence cut off by the end of s counts as invalid unless allow_truncated_tail is true (used
// when validating a file in chunks).
size_t utf8_first_invalid(std::string_view s, bool allow_truncated_tail = false);

// Number of code points in valid UTF-8 (invalid bytes count one each).
size_t utf8_length(std::string_view s);

}  // namespace shanhai
