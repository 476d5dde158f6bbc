#pragma once
// Tab-separated output that scripts read back: a field never contains a raw tab or line break.

#include <string>
#include <string_view>

namespace shanhai {

// Appends field to out with tab, newline, carriage return and backslash written as \t, \n, \r
// and \\ (the escapes `cut`, `awk -F'\t'` users and the IANA TSV convention expect).
void append_tsv_escaped(std::string& out, std::string_view field);

inline std::string tsv_escape(std::string_view field) {
  std::string out;
  out.reserve(field.size());
  append_tsv_escaped(out, field);
  return out;
}

}  // namespace shanhai
