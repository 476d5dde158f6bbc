#pragma once
// Delimited text (CSV, TSV, semicolon- or pipe-separated) already decoded to UTF-8.
// RFC 4180 quoting: quoted fields may hold delimiters, doubled quotes and line breaks.

#include <functional>
#include <string>
#include <string_view>

#include "ingest/sinks.h"

namespace shanhai::ingest {

// Guesses the delimiter from the first lines: the candidate among , \t ; | that splits the
// most lines into the same number (>1) of fields. Falls back to ','.
char sniff_delimiter(std::string_view text);

// Emits every record to sink with the 1-based line on which it starts. An unterminated quoted
// field (a truncated file) is an error naming the line and column where the field starts.
// progress(bytes_done) is called now and then.
Status read_delimited(std::string_view text, char delimiter, const std::string& file,
                      GridSink& sink, const std::function<void(uint64_t)>& progress);

}  // namespace shanhai::ingest
