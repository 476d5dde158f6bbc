#pragma once
// Reading a filled element template (element_template.h) back: every input sheet becomes a new
// version of a dataset, and each input and field is bound to its sheet and column by the
// template's own headers, so that a model runs on a filled template with no --input or --map.
//
// A template is checked whole before anything is written, and the datasets are committed
// together (store::VersionWriter::commit_all): a refused template, or any failure while
// importing, leaves the workspace exactly as it was. Refusals name the file, sheet, row and
// column:
//   template.not_xlsx         the file is not an .xlsx workbook
//   template.missing_sheet    an input has no sheet (the sheets there are are listed)
//   template.no_header        row 1 of a sheet is empty
//   template.renamed_header   a field's header is missing and a header of row 1 that is no field
//                             resembles it ("当事人证件号" for "当事人证件号码")
//   template.missing_column   a required field's header is missing from row 1
//   template.duplicate_header a field's header appears twice in row 1
//   template.element_row      row 2 mixes the element notes with data
// Row 2 is skipped when it is the element row (its cells under the fields start with 【必填】 or
// 【选填】); a template whose element row was deleted has its data from row 2. Columns that are
// no field are imported but bound to nothing; optional fields may be left out.

#include <filesystem>
#include <string>
#include <vector>

#include "common/error.h"
#include "common/progress.h"
#include "engine/binding.h"
#include "model/spec.h"
#include "store/workspace.h"

namespace shanhai::engine {

struct TemplateImportRequest {
  std::filesystem::path file;
  // How messages and the datasets' provenance name the file ('' : its path).
  std::string source_name;
  // The datasets are "<prefix>.<input>"; '' : the model id.
  std::string dataset_prefix;
  // Organisation owning the new datasets ('' : none, as `shanhai import` without --org). A
  // dataset of that name owned by another organisation refuses the template
  // ("dataset.other_org").
  std::string org;
  unsigned threads = 2;
};

struct TemplateInput {
  std::string input;
  std::string sheet;
  std::string dataset;
  int64_t version = 0;      // 0 until imported
  int64_t rows = 0;         // data rows (known once imported)
  int64_t element_row = 2;  // the row skipped as element row; 0 when the sheet has none
  std::vector<std::string> extra_columns;     // headers of row 1 that are no field
  std::vector<std::string> missing_optional;  // optional fields without a column
};

struct TemplateImport {
  std::vector<TemplateInput> inputs;        // in the spec's input order
  std::vector<InputChoice> input_choices;   // input → its dataset version
  std::vector<FieldChoice> field_choices;   // every field with a column → its header
  std::vector<std::string> ignored_sheets;  // 说明 and any sheet that is no input's
};

// Checks the filled template against spec without writing anything (see the file comment);
// the result has no versions and rows yet.
Result<TemplateImport> check_template(const model::ModelSpec& spec,
                                      const TemplateImportRequest& request);

// check_template, then every input sheet imported as a new version of its dataset (the
// element row skipped, field columns typed by their elements), all committed together, then
// owned by request.org. On any error nothing is imported.
Result<TemplateImport> import_template(store::Workspace& ws, const model::ModelSpec& spec,
                                       const TemplateImportRequest& request,
                                       ProgressSink* progress = nullptr);

}  // namespace shanhai::engine
