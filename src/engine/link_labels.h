#pragma once
// Labelled pairs for measuring a link step (link_evaluation.h): a file a data analyst fills by
// hand after reviewing pairs of records, one pair a row.
//
//   左表行号,右表行号,是否同一人,备注
//   2,2,是,号码姓名相同
//   3,3,是,号码第17位录错
//   2,10,否,同名同姓，号码不同
//
// Format: CSV (UTF-8 or GB18030, detected as on import; delimiter , ; | or tab) or an Excel
// workbook (XLSX, XLS: the first sheet). The first non-empty row is the header. Columns, found
// by header (ASCII case-insensitive, surrounding spaces ignored); other columns are ignored:
//   left row   左表行号 | 左行号 | left_row | left
//   right row  右表行号 | 右行号 | right_row | right
//   label      是否同一人 | 是否匹配 | 标注 | label | is_match | match
// Row numbers are source row numbers: the line (CSV) or row (Excel) of each dataset's file, as
// lead evidence shows them. Labels: 1 是 match true yes y 匹配 同一人 for a match; 0 否 non-match
// non_match nonmatch false no n 不匹配 不是同一人 for a non-match (ASCII case-insensitive).
// Empty rows are skipped.

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "common/error.h"

namespace shanhai::engine {

struct LinkLabel {
  int64_t left_row = 0, right_row = 0;  // source row numbers
  bool is_match = false;
  int64_t line = 0;  // row of the labels file (1-based, as the user sees it)
};

struct LinkLabels {
  std::string file;   // as messages name it
  std::string sheet;  // Excel only
  // 1-based columns and headers of the left row, right row and label, for messages.
  int64_t left_column = 0, right_column = 0, label_column = 0;
  std::string left_header, right_header, label_header;
  std::vector<LinkLabel> pairs;  // in file order; a pair labelled twice alike is listed once
  uint64_t repeated = 0;         // rows that repeated an earlier row's pair and label
};

// Reads a labels file. `unordered`: the pairs are of one dataset with itself (a deduplicating
// link step), so (a, b) and (b, a) are the same pair and a row cannot be paired with itself.
// Errors (each names the file, row, column and value; Chinese, then English):
//   link_eval.labels_file        unreadable, or not CSV/Excel
//   link_eval.labels_empty       no header, or no labelled row
//   link_eval.labels_column      a column missing (lists the headers found and those accepted)
//   link_eval.row_number         a row number that is not a positive integer
//   link_eval.label_value        a label that is none of the accepted values
//   link_eval.same_row           unordered, and a row paired with itself
//   link_eval.contradictory      the same pair labelled both match and non-match (both rows named)
Result<LinkLabels> read_link_labels(const std::filesystem::path& path,
                                    const std::string& display_name, bool unordered);

// Where a label's left (or right) row number is in the labels file, for messages.
Location label_cell(const LinkLabels& labels, const LinkLabel& label, bool left);

}  // namespace shanhai::engine
