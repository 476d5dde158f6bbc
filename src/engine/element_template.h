#pragma once
// Element templates (要素模版): the spreadsheet a procuratorate fills in for a model, in the
// convention procurators know from the national model platform.
//
//   sheet "说明"            what the model is and how to fill the template (skipped on import)
//   one sheet per input     named after the input's Chinese label (or its name), ≤ 31 characters
//     row 1                 the fields' Chinese labels (bold)
//     row 2                 the element row: "【必填】公民身份号码：18位，末位可为X" (grey italic)
//     row 3 …               data, one record per row
//
// Columns of identifying numbers (id numbers, credit codes, case numbers, phones, plates, codes
// and other text) are formatted as text, so Excel neither turns an 18-digit id number into
// 1.10101E+17 nor drops leading zeros. Reading a filled template back is template_import.h.

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"
#include "model/spec.h"
#include "normalize/element.h"

namespace shanhai::engine {

// The instructions sheet; never an input sheet.
inline constexpr std::string_view kTemplateGuideSheet = "说明";
// How the cells of the element row begin.
inline constexpr std::string_view kRequiredMark = "【必填】";
inline constexpr std::string_view kOptionalMark = "【选填】";

struct TemplateColumn {
  std::string field;   // field name
  std::string header;  // row 1: the label (the name when there is none; "label（name）" if twice)
  std::string note;    // row 2: required mark + element hint
  normalize::Element element = normalize::Element::text;
  bool required = true;
};

struct TemplateSheet {
  std::string input;  // input name
  std::string sheet;  // sheet name
  std::vector<TemplateColumn> columns;
};

// The sheets and columns of spec's template, in the spec's order. Pure. Sheet names are the
// input's label (its name when there is none) with the characters Excel forbids ([]:*?/\)
// replaced by "_", cut to 31 characters, and made unique (ignoring ASCII case, and never
// "说明") by a suffix "(2)", "(3)" ….
std::vector<TemplateSheet> template_layout(const model::ModelSpec& spec);

// True when a row-2 cell is an element-row note: it starts with kRequiredMark or kOptionalMark.
bool is_template_note(std::string_view cell);

// Writes the template of spec to `out` (replaced atomically: written aside, then renamed).
// Error "template.write" names the file.
Status write_element_template(const model::ModelSpec& spec, const std::filesystem::path& out);

// The template as the bytes of an .xlsx file (for downloads).
Result<std::string> element_template_bytes(const model::ModelSpec& spec);

// "行政处罚决定未依法申请强制执行-要素模版.xlsx": the model's name (its id when it has none).
std::string template_file_name(const model::ModelSpec& spec);

}  // namespace shanhai::engine
