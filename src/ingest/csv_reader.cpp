#include "ingest/csv_reader.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <deque>
#include <map>
#include <vector>

#include <fmt/format.h>

namespace shanhai::ingest {

char sniff_delimiter(std::string_view text) {
  constexpr std::array<char, 4> kCandidates = {',', '\t', ';', '|'};
  constexpr size_t kLines = 50;
  // Field counts per line for each candidate, quotes respected.
  std::array<std::vector<size_t>, 4> counts;
  std::array<size_t, 4> current{};
  bool quoted = false;
  size_t lines = 0;
  for (size_t i = 0; i < text.size() && lines < kLines; ++i) {
    const char c = text[i];
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == '\n') {
      for (size_t k = 0; k < kCandidates.size(); ++k) {
        counts[k].push_back(current[k] + 1);
        current[k] = 0;
      }
      ++lines;
      continue;
    }
    for (size_t k = 0; k < kCandidates.size(); ++k) {
      if (c == kCandidates[k]) ++current[k];
    }
  }
  if (lines < kLines) {
    for (size_t k = 0; k < kCandidates.size(); ++k) {
      if (current[k] > 0) counts[k].push_back(current[k] + 1);
    }
  }
  char best = ',';
  size_t best_score = 0;
  for (size_t k = 0; k < kCandidates.size(); ++k) {
    std::map<size_t, size_t> freq;
    for (size_t n : counts[k]) {
      if (n > 1) ++freq[n];
    }
    // Score: lines sharing the most common field count, times that count (more fields wins ties).
    for (const auto& [fields, lines_with] : freq) {
      const size_t score = lines_with * 1000 + fields;
      if (score > best_score) {
        best_score = score;
        best = kCandidates[k];
      }
    }
  }
  return best;
}

Status read_delimited(std::string_view text, char delimiter, const std::string& file,
                      GridSink& sink, const std::function<void(uint64_t)>& progress) {
  std::vector<std::string_view> cells;
  // Storage for fields that had doubled quotes. A deque, because cells already point into its
  // strings: growing a vector would move them (short strings live inside the object).
  std::deque<std::string> unescaped;
  size_t unescaped_used = 0;
  const char* const begin = text.data();
  const char* const end = begin + text.size();
  const char* p = begin;
  int64_t line = 1;
  int64_t grid_row = 0;
  // Characters that end an unquoted field.
  std::array<bool, 256> stop{};
  stop[static_cast<unsigned char>(delimiter)] = true;
  stop['\n'] = true;
  stop['\r'] = true;

  while (p < end) {
    const int64_t row_line = line;
    cells.clear();
    unescaped_used = 0;
    // One record.
    while (true) {
      if (p < end && *p == '"') {
        const char* field_start = p;
        const int64_t field_line = line;
        ++p;
        const char* seg = p;
        bool has_escape = false;
        std::string* buf = nullptr;
        while (true) {
          const char* q =
              static_cast<const char*>(std::memchr(p, '"', static_cast<size_t>(end - p)));
          if (q == nullptr) {
            Location where;
            where.file = file;
            where.row = field_line;
            where.column = static_cast<int64_t>(cells.size()) + 1;
            where.value = std::string(field_start,
                                      std::min<size_t>(40, static_cast<size_t>(end - field_start)));
            return Error("import.unterminated_quote",
                         "引号未闭合：字段以双引号开始但直到文件末尾都没有结束，文件可能被截断",
                         "unterminated quoted field: it opens with a double quote that is never "
                         "closed; the file may be truncated",
                         where);
          }
          line += std::count(p, q, '\n');
          if (q + 1 < end && q[1] == '"') {
            if (!has_escape) {
              has_escape = true;
              if (unescaped_used == unescaped.size()) unescaped.emplace_back();
              buf = &unescaped[unescaped_used++];
              buf->clear();
            }
            buf->append(seg, static_cast<size_t>(q - seg) + 1);
            p = q + 2;
            seg = p;
            continue;
          }
          if (has_escape) buf->append(seg, static_cast<size_t>(q - seg));
          std::string_view value = has_escape ? std::string_view(*buf)
                                              : std::string_view(seg, static_cast<size_t>(q - seg));
          p = q + 1;
          // Text between the closing quote and the delimiter is kept (lenient, nothing lost).
          const char* tail = p;
          while (p < end && !stop[static_cast<unsigned char>(*p)]) ++p;
          if (p != tail) {
            if (!has_escape) {
              if (unescaped_used == unescaped.size()) unescaped.emplace_back();
              buf = &unescaped[unescaped_used++];
              buf->assign(value);
            }
            buf->append(tail, static_cast<size_t>(p - tail));
            value = *buf;
          }
          cells.push_back(value);
          break;
        }
      } else {
        const char* start = p;
        while (p < end && !stop[static_cast<unsigned char>(*p)]) ++p;
        cells.emplace_back(start, static_cast<size_t>(p - start));
      }
      if (p < end && *p == delimiter) {
        ++p;
        continue;
      }
      // End of record: \n, \r\n, lone \r, or end of text.
      if (p < end && *p == '\r') ++p;
      if (p < end && *p == '\n') ++p;
      ++line;
      break;
    }
    SHANHAI_TRY(sink.row(row_line, grid_row++, cells));
    if ((grid_row & 0xFFFF) == 0 && progress) progress(static_cast<uint64_t>(p - begin));
  }
  if (progress) progress(text.size());
  return Status::Ok();
}

}  // namespace shanhai::ingest
