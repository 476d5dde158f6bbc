// Element templates: the layout (sheet names Excel accepts, headers, element notes), the file's
// formatting (id-number and case-number columns as text, bold header, grey italic element row),
// and reading a filled template back — every sheet imported and bound by its headers, the element
// row skipped, every kind of bad template refused with its sheet, row and column, and nothing
// imported when anything fails.
#include <gtest/gtest.h>
#include <zip.h>

#include <pugixml.hpp>

#include <algorithm>
#include <fstream>
#include <map>

#include "engine/element_template.h"
#include "engine/run.h"
#include "engine/template_import.h"
#include "ingest/xlsx_reader.h"
#include "model/installer.h"
#include "model/spec_loader.h"
#include "store/catalog.h"
#include "support/recording_sink.h"
#include "support/temp_dir.h"
#include "support/workspace_snapshot.h"
#include "support/xlsx_fixture.h"

namespace shanhai::engine {
namespace {

namespace fs = std::filesystem;
using namespace shanhai::testing;

const fs::path kModels = fs::path(SHANHAI_SOURCE_DIR) / "models";

model::ModelSpec penalty_spec() {
  auto spec = model::load_spec_file(kModels / "admin-penalty-enforcement" / "model.yaml");
  EXPECT_TRUE(spec.ok()) << spec.error().message();
  return spec.value();
}

model::ModelSpec spec_from(const std::string& yaml) {
  auto spec = model::load_spec_text(yaml, "t.yaml");
  EXPECT_TRUE(spec.ok()) << spec.error().message();
  return spec.value();
}

// A workbook as strings, sheet by sheet, to be changed and written again.
std::vector<XlsxSheet> read_back(const fs::path& file) {
  std::vector<XlsxSheet> out;
  auto names = ingest::xlsx_sheet_names(file, file.string());
  EXPECT_TRUE(names.ok());
  for (const std::string& name : names.value()) {
    RecordingGrid grid;
    std::string chosen;
    EXPECT_TRUE(ingest::read_xlsx(file, file.string(), name, grid, &chosen, {}).ok());
    XlsxSheet s{name, {}, {}};
    for (const RecordedRow& r : grid.rows) {
      s.rows.resize(static_cast<size_t>(r.source_row));
      for (const auto& c : r.cells) s.rows.back().emplace_back(c);
    }
    out.push_back(std::move(s));
  }
  return out;
}

XlsxSheet& sheet(std::vector<XlsxSheet>& book, const std::string& name) {
  auto it = std::find_if(book.begin(), book.end(), [&](const auto& s) { return s.name == name; });
  if (it == book.end()) throw std::runtime_error("no sheet " + name);
  return *it;
}

std::vector<XlsxCell> row(std::initializer_list<const char*> cells) {
  std::vector<XlsxCell> out;
  for (const char* c : cells) out.emplace_back(std::string(c));
  return out;
}

std::string zip_entry(const fs::path& file, const std::string& name) {
  int err = 0;
  zip_t* z = zip_open(file.c_str(), ZIP_RDONLY, &err);
  EXPECT_NE(z, nullptr);
  if (z == nullptr) return {};
  std::string out;
  zip_stat_t st;
  if (zip_stat(z, name.c_str(), 0, &st) == 0) {
    zip_file_t* f = zip_fopen(z, name.c_str(), 0);
    out.resize(st.size);
    zip_fread(f, out.data(), st.size);
    zip_fclose(f);
  }
  zip_close(z);
  return out;
}

TEST(TemplateLayoutTest, SheetNamesAreTheLabelsMadeSafeShortAndUnique) {
  const model::ModelSpec spec = spec_from(R"(id: t
version: 1.0.0
name: 测试
legal_basis: [x]
inputs:
  a: {label: 行政处罚决定, fields: {x: {element: text}}}
  b: {label: 行政处罚决定, fields: {x: {element: text}}}
  c: {label: 说明, fields: {x: {element: text}}}
  d: {label: "台账/明细[2023]:*?", fields: {x: {element: text}}}
  e: {label: 某某县某某局某某科二〇二三年度行政处罚决定及罚没款缴纳情况统计台账汇总表, fields: {x: {element: text}}}
  f: {fields: {x: {element: text}}}
steps:
  - {id: s, kind: filter, from: a, where: "x is not null"}
leads:
  - {step: s, rule: r, subject: x, title: t}
)");
  const auto layout = template_layout(spec);
  ASSERT_EQ(layout.size(), 6u);
  EXPECT_EQ(layout[0].sheet, "行政处罚决定");
  EXPECT_EQ(layout[1].sheet, "行政处罚决定(2)");
  EXPECT_EQ(layout[2].sheet, "说明(2)");  // 说明 is the guide's
  EXPECT_EQ(layout[3].sheet, "台账_明细_2023____");
  EXPECT_EQ(layout[4].sheet, "某某县某某局某某科二〇二三年度行政处罚决定及罚没款缴纳情况统计");
  EXPECT_EQ(layout[5].sheet, "f");
  EXPECT_EQ(layout[5].input, "f");
  // The file is written: Excel's rules hold (libxlsxwriter refuses names that break them).
  TempDir dir;
  ASSERT_TRUE(write_element_template(spec, dir / "t.xlsx").ok());
  auto names = ingest::xlsx_sheet_names(dir / "t.xlsx", "t.xlsx");
  ASSERT_TRUE(names.ok());
  EXPECT_EQ(names->size(), 7u);
  EXPECT_EQ(names->front(), "说明");
}

TEST(TemplateLayoutTest, HeadersAreLabelsAndNotesMarkRequiredAndElement) {
  const model::ModelSpec spec = spec_from(R"(id: t
version: 1.0.0
name: 测试
legal_basis: [x]
inputs:
  a:
    label: 判决
    fields:
      id: {element: id_number, label: 被告人身份证号码}
      id2: {element: id_number, label: 被告人身份证号码, required: false}
      code: {element: text}
steps:
  - {id: s, kind: filter, from: a, where: "id is not null"}
leads:
  - {step: s, rule: r, subject: id, title: t}
)");
  const auto layout = template_layout(spec);
  ASSERT_EQ(layout[0].columns.size(), 3u);
  EXPECT_EQ(layout[0].columns[0].header, "被告人身份证号码");
  EXPECT_EQ(layout[0].columns[1].header, "被告人身份证号码（id2）");
  EXPECT_EQ(layout[0].columns[2].header, "code");
  EXPECT_EQ(layout[0].columns[0].note, "【必填】公民身份号码：18位，末位可为X（15位旧号码亦可）");
  EXPECT_EQ(layout[0].columns[1].note.rfind("【选填】公民身份号码", 0), 0u);
  EXPECT_TRUE(is_template_note(layout[0].columns[2].note));
  EXPECT_FALSE(is_template_note("11010119900307002X"));
}

TEST(ElementTemplateFileTest, IdColumnsAreTextHeaderBoldAndElementRowGreyItalic) {
  TempDir dir;
  const fs::path file = dir / "t.xlsx";
  ASSERT_TRUE(write_element_template(penalty_spec(), file).ok());
  pugi::xml_document styles, sheet2;
  ASSERT_TRUE(styles.load_string(zip_entry(file, "xl/styles.xml").c_str()));
  ASSERT_TRUE(sheet2.load_string(zip_entry(file, "xl/worksheets/sheet2.xml").c_str()));
  std::vector<pugi::xml_node> xfs, fonts;
  for (auto xf : styles.child("styleSheet").child("cellXfs").children("xf")) xfs.push_back(xf);
  for (auto f : styles.child("styleSheet").child("fonts").children("font")) fonts.push_back(f);
  // Column default formats: 决定书文号 (A), 当事人证件号码 (C) as text ("@" is format 49); 罚款金额
  // (D) and 决定日期 (E) keep Excel's own.
  std::map<int, int> col_style;
  for (auto c : sheet2.child("worksheet").child("cols").children("col")) {
    for (int i = c.attribute("min").as_int(); i <= c.attribute("max").as_int(); ++i) {
      col_style[i] = c.attribute("style").as_int(0);
    }
  }
  EXPECT_EQ(xfs.at(static_cast<size_t>(col_style[1])).attribute("numFmtId").as_int(), 49);
  EXPECT_EQ(xfs.at(static_cast<size_t>(col_style[3])).attribute("numFmtId").as_int(), 49);
  EXPECT_EQ(col_style[4], 0);
  EXPECT_EQ(col_style[5], 0);
  // A1 bold; A2 italic and grey.
  std::map<std::string, int> cell_style;
  for (auto r : sheet2.child("worksheet").child("sheetData").children("row")) {
    for (auto c : r.children("c")) cell_style[c.attribute("r").value()] = c.attribute("s").as_int();
  }
  const auto font_of = [&](const std::string& cell) {
    return fonts.at(xfs.at(static_cast<size_t>(cell_style.at(cell))).attribute("fontId").as_uint());
  };
  EXPECT_TRUE(font_of("A1").child("b"));
  EXPECT_TRUE(font_of("A2").child("i"));
  EXPECT_STREQ(font_of("A2").child("color").attribute("rgb").value(), "FF808080");
  // The header stays visible while scrolling.
  EXPECT_STREQ(sheet2.child("worksheet")
                   .child("sheetViews")
                   .child("sheetView")
                   .child("pane")
                   .attribute("topLeftCell")
                   .value(),
               "A3");
}

TEST(ElementTemplateFileTest, BytesAreAnXlsxAndTheFileNameIsTheModelName) {
  auto bytes = element_template_bytes(penalty_spec());
  ASSERT_TRUE(bytes.ok()) << bytes.error().message();
  EXPECT_EQ(bytes->rfind("PK\x03\x04", 0), 0u);
  EXPECT_EQ(template_file_name(penalty_spec()),
            "行政非诉执行监督（罚款未缴纳且未申请法院强制执行）-要素模版.xlsx");
}

class TemplateImportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ws_ = store::Workspace::create(dir_ / "ws").value();
    ASSERT_TRUE(
        model::install_model_folder(*ws_, kModels / "admin-penalty-enforcement", true).ok());
    spec_ = penalty_spec();
    ASSERT_TRUE(write_element_template(spec_, dir_ / "blank.xlsx").ok());
    book_ = read_back(dir_ / "blank.xlsx");
    // One fine of 2023-01-31, unpaid and not enforced by 2024-06-30: one lead.
    sheet(book_, "行政处罚决定")
        .rows.push_back(row({"杭西环罚〔2023〕3号", "杭州某某化工有限公司", "91330106MA27XY123U",
                             "伍万元", "2023年1月31日", "杭州市西湖区生态环境分局"}));
    // One fine paid (another number).
    sheet(book_, "行政处罚决定")
        .rows.push_back(row({"杭西环罚〔2023〕4号", "张三", "11010119900307002X", "5000",
                             "2023-01-31", "杭州市西湖区生态环境分局"}));
    sheet(book_, "罚款缴纳记录")
        .rows.push_back(row({"杭西环罚(2023)4号", "11010119900307002X", "5000", "2023-02-10"}));
  }
  TemplateImportRequest request(const fs::path& file) const {
    TemplateImportRequest r;
    r.file = file;
    r.source_name = file.filename().string();
    return r;
  }
  fs::path write(const std::vector<XlsxSheet>& book, const std::string& name) {
    write_xlsx(dir_ / name, book);
    return dir_ / name;
  }
  // Refused with `code` at (sheet, row, column), naming the file; the workspace unchanged.
  void expect_refused(const std::vector<XlsxSheet>& book, const std::string& code,
                      const std::string& sheet_name, int64_t row_no, int64_t column,
                      const std::string& words) {
    const fs::path file = write(book, code + ".xlsx");
    const WorkspaceSnapshot before = snapshot(*ws_);
    auto r = import_template(*ws_, spec_, request(file));
    ASSERT_FALSE(r.ok()) << code;
    EXPECT_EQ(r.error().code(), code) << r.error().message();
    EXPECT_EQ(r.error().where().file, file.filename().string());
    EXPECT_EQ(r.error().where().sheet, sheet_name) << r.error().message();
    EXPECT_EQ(r.error().where().row, row_no) << r.error().message();
    EXPECT_EQ(r.error().where().column, column) << r.error().message();
    EXPECT_NE(r.error().message().find(words), std::string::npos) << r.error().message();
    EXPECT_NE(r.error().message().find("\nError: "), std::string::npos);
    EXPECT_EQ(snapshot(*ws_), before) << code;
  }

  TempDir dir_;
  std::unique_ptr<store::Workspace> ws_;
  model::ModelSpec spec_;
  std::vector<XlsxSheet> book_;
};

TEST_F(TemplateImportTest, EachSheetBecomesADatasetBoundByItsHeaders) {
  auto imported = import_template(*ws_, spec_, request(write(book_, "filled.xlsx")));
  ASSERT_TRUE(imported.ok()) << imported.error().message();
  const TemplateImport& t = imported.value();
  ASSERT_EQ(t.inputs.size(), 3u);
  EXPECT_EQ(t.inputs[0].dataset, "admin-penalty-enforcement.penalties");
  EXPECT_EQ(t.inputs[0].sheet, "行政处罚决定");
  EXPECT_EQ(t.inputs[0].rows, 2);
  EXPECT_EQ(t.inputs[1].rows, 1);
  EXPECT_EQ(t.inputs[2].rows, 0);
  EXPECT_EQ(t.inputs[0].element_row, 2);
  EXPECT_EQ(t.ignored_sheets, std::vector<std::string>{"说明"});
  EXPECT_EQ(t.field_choices.size(), 13u);
  // The element row is neither data nor rejected; field columns carry their elements.
  auto v = store::find_version(*ws_, "admin-penalty-enforcement.penalties");
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->row_count, 2);
  EXPECT_EQ(v->rejected_cells, 0);
  EXPECT_EQ(v->invalid_cells, 0);
  EXPECT_EQ(v->header_row, 1);
  EXPECT_EQ(v->source_file, "filled.xlsx");
  EXPECT_EQ(v->columns[0].element, "case_number");
  EXPECT_EQ(v->columns[2].element, "party_id");
  EXPECT_EQ(v->columns[3].element, "money");

  RunRequest run;
  run.inputs = t.input_choices;
  run.fields = t.field_choices;
  run.params = {{"as_of", "2024-06-30"}};
  run.record = false;
  auto outcome = run_model(*ws_, "admin-penalty-enforcement", run);
  ASSERT_TRUE(outcome.ok()) << outcome.error().message();
  ASSERT_EQ(outcome->leads.size(), 1u);
  EXPECT_EQ(outcome->leads[0].subject, "杭西环罚(2023)3号");
  EXPECT_EQ(outcome->leads[0].evidence.at(0).row, 3);  // the first data row of the sheet
  EXPECT_EQ(outcome->leads[0].evidence.at(0).sheet, "行政处罚决定");
}

TEST_F(TemplateImportTest, ColumnsMayMoveExtraColumnsAndOptionalFieldsMayGo) {
  // Headers in another order, 执法机关 (optional) left out, 备注 added.
  sheet(book_, "行政处罚决定").rows = {
      row({"罚款金额", "决定日期", "决定书文号", "当事人证件号码", "当事人", "备注"}),
      row({"【必填】金额", "【必填】日期", "【必填】案号", "【必填】证件", "【选填】文本", ""}),
      row({"伍万元", "2023-01-31", "杭西环罚〔2023〕3号", "91330106MA27XY123U", "某公司",
           "已送达"})};
  auto imported = import_template(*ws_, spec_, request(write(book_, "moved.xlsx")));
  ASSERT_TRUE(imported.ok()) << imported.error().message();
  EXPECT_EQ(imported->inputs[0].extra_columns, std::vector<std::string>{"备注"});
  EXPECT_EQ(imported->inputs[0].missing_optional, std::vector<std::string>{"agency"});
  RunRequest run;
  run.inputs = imported->input_choices;
  run.fields = imported->field_choices;
  run.params = {{"as_of", "2024-06-30"}};
  run.record = false;
  auto outcome = run_model(*ws_, "admin-penalty-enforcement", run);
  ASSERT_TRUE(outcome.ok()) << outcome.error().message();
  ASSERT_EQ(outcome->leads.size(), 1u);
  EXPECT_EQ(outcome->leads[0].title,
            "某公司被处罚款50000元（杭西环罚(2023)3号），逾期未缴纳且未申请法院强制执行");
}

TEST_F(TemplateImportTest, ADeletedElementRowMeansDataFromRowTwo) {
  for (XlsxSheet& s : book_) {
    if (s.name != "说明") s.rows.erase(s.rows.begin() + 1);
  }
  auto imported = import_template(*ws_, spec_, request(write(book_, "no-notes.xlsx")));
  ASSERT_TRUE(imported.ok()) << imported.error().message();
  EXPECT_EQ(imported->inputs[0].element_row, 0);
  EXPECT_EQ(imported->inputs[0].rows, 2);
}

TEST_F(TemplateImportTest, DatasetPrefixNamesTheDatasets) {
  TemplateImportRequest r = request(write(book_, "p.xlsx"));
  r.dataset_prefix = "林芝2024";
  auto imported = import_template(*ws_, spec_, r);
  ASSERT_TRUE(imported.ok()) << imported.error().message();
  EXPECT_EQ(imported->inputs[1].dataset, "林芝2024.payments");
  EXPECT_EQ(imported->input_choices[1].dataset, "林芝2024.payments");
  EXPECT_EQ(imported->input_choices[1].version, 1);
}

TEST_F(TemplateImportTest, MissingSheetIsRefused) {
  auto book = book_;
  book.erase(
      std::find_if(book.begin(), book.end(), [](auto& s) { return s.name == "罚款缴纳记录"; }));
  expect_refused(book, "template.missing_sheet", "罚款缴纳记录", 0, 0, "罚款缴纳记录");
}

TEST_F(TemplateImportTest, MissingRequiredColumnIsRefused) {
  auto book = book_;
  for (auto& r : sheet(book, "法院强制执行申请").rows) r.erase(r.begin() + 1);  // 被申请人证件号码
  expect_refused(book, "template.missing_column", "法院强制执行申请", 1, 0, "被申请人证件号码");
}

TEST_F(TemplateImportTest, RenamedHeaderIsRefusedNamingItsColumn) {
  auto book = book_;
  sheet(book, "行政处罚决定").rows[0][2] = std::string("当事人证件号");
  expect_refused(book, "template.renamed_header", "行政处罚决定", 1, 3, "当事人证件号码");
  // Also for an optional field: 执法机关 → 执法单位名称 is a rename, not an extra column.
  book = book_;
  sheet(book, "行政处罚决定").rows[0][5] = std::string("执法机关名称");
  expect_refused(book, "template.renamed_header", "行政处罚决定", 1, 6, "执法机关");
}

TEST_F(TemplateImportTest, DuplicateHeaderIsRefused) {
  auto book = book_;
  for (auto& r : sheet(book, "罚款缴纳记录").rows) r.push_back(r.at(2));
  expect_refused(book, "template.duplicate_header", "罚款缴纳记录", 1, 5, "缴款金额");
}

TEST_F(TemplateImportTest, ElementRowMixedWithDataIsRefused) {
  auto book = book_;
  sheet(book, "行政处罚决定").rows[1][3] = std::string("5000");
  expect_refused(book, "template.element_row", "行政处罚决定", 2, 4, "第 2 行");
}

TEST_F(TemplateImportTest, EmptyHeaderRowIsRefused) {
  auto book = book_;
  auto& rows = sheet(book, "法院强制执行申请").rows;
  rows.insert(rows.begin(), std::vector<XlsxCell>{});
  expect_refused(book, "template.no_header", "法院强制执行申请", 1, 0, "第 1 行");
}

TEST_F(TemplateImportTest, AFileThatIsNoWorkbookIsRefused) {
  std::ofstream(dir_ / "t.csv") << "决定书文号,当事人\n1,2\n";
  const WorkspaceSnapshot before = snapshot(*ws_);
  auto r = import_template(*ws_, spec_, request(dir_ / "t.csv"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), "template.not_xlsx");
  EXPECT_EQ(snapshot(*ws_), before);
}

TEST_F(TemplateImportTest, AFailureInALaterSheetImportsNothing) {
  // The last sheet passes the template checks but its import fails (an unnamed header cell
  // between named ones): the sheets before it, already read, are not committed either.
  auto book = book_;
  auto& rows = sheet(book, "法院强制执行申请").rows;
  rows[0] = row({"决定书文号", "被申请人证件号码", "申请日期", "", "备注"});
  rows.push_back(row({"杭西环罚〔2023〕9号", "11010119900307002X", "2024-01-01", "x", "y"}));
  const fs::path file = write(book, "late.xlsx");
  const WorkspaceSnapshot before = snapshot(*ws_);
  auto r = import_template(*ws_, spec_, request(file));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), "import.empty_header") << r.error().message();
  EXPECT_EQ(r.error().where().sheet, "法院强制执行申请");
  EXPECT_EQ(snapshot(*ws_), before);
  EXPECT_TRUE(fs::is_empty(ws_->temp_dir()) || !fs::exists(ws_->temp_dir()));
}

TEST_F(TemplateImportTest, ADatasetOfAnotherOrganisationIsRefused) {
  TemplateImportRequest r = request(write(book_, "org.xlsx"));
  r.org = "330100";
  ASSERT_TRUE(import_template(*ws_, spec_, r).ok());
  EXPECT_EQ(store::dataset_org(*ws_, "admin-penalty-enforcement.payments").value(), "330100");
  r.org = "540400";
  const WorkspaceSnapshot before = snapshot(*ws_);
  auto again = import_template(*ws_, spec_, r);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code(), "dataset.other_org");
  EXPECT_EQ(snapshot(*ws_), before);
}

}  // namespace
}  // namespace shanhai::engine
