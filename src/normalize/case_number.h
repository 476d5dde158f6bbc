#pragma once
// 案号 (court case numbers) and 文号 (document numbers of administrative decisions), one element.
//
// Court case number (最高人民法院《关于人民法院案件案号的若干规定》): (year) court code, case-type
// code, sequence, 号 — "(2023)浙0106刑初123号", "(2023)最高法民终45号", "(2022)浙刑终7号",
// "(2023)沪72民初8号之一". Document number: issuing prefix (year) sequence 号 —
// "林罚决字(2023)12号", "杭西检刑诉(2023)5号".
//
// Spellings folded: （）〔〕[]【】［］﹝﹞ brackets, full-width digits, spaces, an optional 第
// before the sequence, a missing 号 (added) and an unbracketed year at the start
// ("2023浙0106刑初123号"). Canonical form: ASCII parentheses, no spaces, no 第, ending in 号 (plus
// 之X when present).

#include <cstdint>
#include <string>
#include <string_view>

#include "common/error.h"
#include "normalize/element.h"

namespace shanhai::normalize {

struct CaseNumber {
  std::string canonical;
  bool court_case = true;  // false for an administrative document number (文号)
  int year = 0;
  std::string court_code;  // court case: "浙0106", "最高法", "浙"
  std::string case_type;   // court case: "刑初", "民终", "执"
  std::string prefix;      // document number: "林罚决字"
  int64_t sequence = 0;    // 123
  std::string suffix;      // "之一" when present
};

// Error codes: "case_number.empty", "case_number.syntax", "case_number.year".
Result<CaseNumber> parse_case_number(std::string_view raw);

Normalized normalize_case_number(std::string_view raw);

}  // namespace shanhai::normalize
