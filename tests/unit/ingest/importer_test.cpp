// Import end to end on real files and a real workspace: every value of the sample GB18030 CSV
// and XLSX, versions, elements, and one test per kind of bad input — each must leave the
// workspace exactly as it was.
#include "ingest/importer.h"

#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <fstream>

#include "store/catalog.h"
#include "store/dataset_version.h"
#include "support/temp_dir.h"
#include "support/workspace_snapshot.h"
#include "support/xlsx_fixture.h"

namespace shanhai::ingest {
namespace {

using namespace shanhai::testing;
namespace fs = std::filesystem;

const fs::path kSamples = fs::path(SHANHAI_SOURCE_DIR) / "samples";

class ImporterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto ws = store::Workspace::create(dir_ / "ws");
    ASSERT_TRUE(ws.ok()) << ws.error().message();
    ws_ = std::move(ws.value());
  }

  Result<ImportResult> import(const fs::path& file, const std::string& dataset = "d",
                              std::vector<std::string> elements = {}, std::string sheet = "") {
    ImportRequest req;
    req.file = file;
    req.dataset = dataset;
    req.sheet = std::move(sheet);
    for (const auto& e : elements) req.elements.push_back(parse_element_override(e).value());
    return import_file(*ws_, req);
  }

  // Every raw value, row by row, of the latest version of a dataset.
  std::vector<std::vector<std::string>> raw_rows(const std::string& dataset) {
    auto info = store::find_version(*ws_, dataset);
    EXPECT_TRUE(info.ok());
    auto v = store::DatasetVersion::open(*ws_, info.value());
    EXPECT_TRUE(v.ok());
    EXPECT_TRUE(v.value().verify().ok());
    std::vector<std::vector<std::string>> rows(static_cast<size_t>(info.value().row_count));
    for (size_t c = 0; c < info.value().columns.size(); ++c) {
      auto col = v.value().raw(c);
      EXPECT_TRUE(col.ok());
      for (size_t r = 0; r < rows.size(); ++r) rows[r].emplace_back(col.value().at(r));
    }
    return rows;
  }

  std::vector<int64_t> source_rows(const std::string& dataset) {
    auto v = store::DatasetVersion::open(*ws_, store::find_version(*ws_, dataset).value());
    auto rows = v.value().row_numbers();
    return {rows.value().values().begin(), rows.value().values().end()};
  }

  // Runs an import that must fail with `code` and leave the workspace unchanged.
  Error expect_refused(const fs::path& file, const std::string& code,
                       std::vector<std::string> elements = {}, std::string sheet = "",
                       const std::string& dataset = "d") {
    const WorkspaceSnapshot before = snapshot(*ws_);
    auto r = import(file, dataset, std::move(elements), std::move(sheet));
    EXPECT_FALSE(r.ok());
    if (r.ok()) return Error("", "", "");
    EXPECT_EQ(r.error().code(), code) << r.error().message();
    EXPECT_EQ(snapshot(*ws_), before) << "the workspace changed";
    const std::string msg = r.error().message();
    EXPECT_EQ(msg.rfind("错误：", 0), 0u) << msg;
    EXPECT_NE(msg.find("\nError: "), std::string::npos) << msg;
    return r.error();
  }

  TempDir dir_;
  std::unique_ptr<store::Workspace> ws_;
};

TEST_F(ImporterTest, Gb18030CsvWithChineseHeadersEveryValue) {
  auto r = import(kSamples / "行政处罚决定台账.csv", "处罚决定");
  ASSERT_TRUE(r.ok()) << r.error().message();
  auto info = store::find_version(*ws_, "处罚决定").value();
  EXPECT_EQ(info.version, 1);
  EXPECT_EQ(info.encoding, "gb18030");
  EXPECT_EQ(info.source_format, "csv");
  EXPECT_EQ(info.header_row, 2);  // below the title row
  std::vector<std::string> names, types;
  for (const auto& c : info.columns) {
    names.push_back(c.name);
    types.push_back(c.type);
  }
  EXPECT_EQ(names, (std::vector<std::string>{"序号", "决定书文号", "当事人", "当事人证件号码",
                                             "罚款金额", "决定日期", "执法机关", "违法事实"}));
  EXPECT_EQ(types, (std::vector<std::string>{"integer", "text", "text", "text", "text", "date",
                                             "text", "text"}));
  const std::vector<std::vector<std::string>> expected = {
      {"1", "林罚决字〔2023〕第1号", "张伟", "33010619850315771X", "5000", "2023-01-10",
       "某县林业局", "擅自改变林地用途"},
      {"2", "林罚决字[2023]第2号", "李娜", "330106199007080025", "12,000.00", "2023/2/3",
       "某县林业局", "滥伐林木"},
      {"3", "林罚决字（2023）3号", "扎西次仁", "540402197811220034", "伍仟元整", "2023年3月15日",
       "某县林业局", "在古树名木保护范围内\n堆放柴草"},
      {"4", "林罚决字〔2023〕第4号", "林芝某某木材加工有限公司", "91540400MA6T0Q1NX9", "20000",
       "2023-04-02", "某县林业局", "非法收购明知是盗伐的林木"},
      {"5", "林罚决字〔2023〕第5号", "热孜亚·吾斯曼", "653200198806060047", "0.5万元",
       "２０２３-05-20", "某县林业局", "非法采集国家重点保护野生植物"},
      {"6", "林罚决字〔2023〕第6号", "王芳", "110105491231002", "3000", "2023.06.01", "某县林业局",
       "古树树干缠绕铁丝"},
      {"7", "林罚决字〔2023〕第7号", "马明", "632800199501011239", "待定", "2023-07-11",
       "某县林业局", "擅自移植古树"},
      {"8", "林罚决字〔2023〕第8号", "陈晓", "540402198204190050", "8000", "2023-08-21",
       "某县林业局", "剥损古树树皮"},
      {"9", "林罚决字〔2023〕第9号", "杭州某某园林工程有限公司", "91330106MA2H3K7P6X", "15000",
       "2023-09-30", "某县林业局", "未经批准修剪古树"},
      {"10", "林罚决字〔2023〕第10号", "刘强", "330106197612301261", "2000", "二〇二三年十月八日",
       "某县林业局", "毁坏林木"},
  };
  EXPECT_EQ(raw_rows("处罚决定"), expected);
  // Line numbers in the file; record 3 spans two lines.
  EXPECT_EQ(source_rows("处罚决定"), (std::vector<int64_t>{3, 4, 5, 7, 8, 9, 10, 11, 12, 13}));
  // Typed values: dates in days since 1970-01-01, all ten spellings understood.
  auto v = store::DatasetVersion::open(*ws_, info).value();
  auto dates = v.int_values(5).value();
  EXPECT_EQ(dates.at(0), 19367);  // 2023-01-10
  EXPECT_EQ(dates.at(9), 19638);  // 2023-10-08
  for (uint64_t i = 0; i < dates.size(); ++i) EXPECT_NE(dates.at(i), store::kNullInt) << i;
  EXPECT_EQ(v.int_values(0).value().at(9), 10);
}

TEST_F(ImporterTest, XlsxWithTitleRowAndTwoRowHeaderEveryValue) {
  auto r = import(kSamples / "罚款缴纳记录.xlsx", "缴款");
  ASSERT_TRUE(r.ok()) << r.error().message();
  auto info = store::find_version(*ws_, "缴款").value();
  EXPECT_EQ(info.source_format, "xlsx");
  EXPECT_EQ(info.source_sheet, "缴款记录");
  EXPECT_EQ(info.header_row, 2);
  std::vector<std::string> names, types;
  for (const auto& c : info.columns) {
    names.push_back(c.name);
    types.push_back(c.type);
  }
  EXPECT_EQ(names, (std::vector<std::string>{"序号", "缴款人姓名", "缴款人证件号码", "决定书文号",
                                             "缴款金额（元）", "缴款日期"}));
  EXPECT_EQ(types,
            (std::vector<std::string>{"integer", "text", "text", "text", "decimal", "date"}));
  const std::vector<std::vector<std::string>> expected = {
      {"1", "张伟", "33010619850315771X", "林罚决字(2023)第1号", "5000", "2023-02-01"},
      {"2", "扎西次仁", "540402197811220034", "", "5000", "2023-05-10"},
      {"3", "林芝某某木材加工有限公司", "91540400MA6T0Q1NX9", "林罚决字〔2023〕4号", "20000",
       "2023-04-20"},
      {"4", "热孜亚•吾斯曼", "653200198806060047", "林罚决字〔2023〕第5号", "5000", "2023-06-01"},
      {"5", "杭州某某园林工程有限公司", "91330106MA2H3K7P6X", "林罚决字〔2023〕第9号", "15000.5",
       "2023-10-15"},
  };
  EXPECT_EQ(raw_rows("缴款"), expected);
  EXPECT_EQ(source_rows("缴款"), (std::vector<int64_t>{4, 5, 6, 7, 8}));
  auto v = store::DatasetVersion::open(*ws_, info).value();
  EXPECT_DOUBLE_EQ(v.decimal_values(4).value().at(4), 15000.5);
}

TEST_F(ImporterTest, SecondSheetByName) {
  auto r = import(kSamples / "罚款缴纳记录.xlsx", "说明", {}, "说明");
  ASSERT_TRUE(r.ok()) << r.error().message();
  EXPECT_EQ(store::find_version(*ws_, "说明").value().row_count, 0);
}

TEST_F(ImporterTest, XlsLegacyWorkbook) {
  auto r = import(kSamples / "驾驶证信息.xls", "驾驶证");
  ASSERT_TRUE(r.ok()) << r.error().message();
  auto info = store::find_version(*ws_, "驾驶证").value();
  EXPECT_EQ(info.source_format, "xls");
  EXPECT_EQ(info.header_row, 2);
  ASSERT_EQ(info.columns.size(), 5u);
  EXPECT_EQ(info.columns[4].type, "date");
  auto rows = raw_rows("驾驶证");
  ASSERT_EQ(rows.size(), 5u);
  EXPECT_EQ(rows[1],
            (std::vector<std::string>{"李娜", "330106199007080025", "C1", "吊销", "2023-06-18"}));
  EXPECT_EQ(rows[2][1], "110105491231002");
}

TEST_F(ImporterTest, JsonLines) {
  auto r = import(kSamples / "法院强制执行申请.jsonl", "申请");
  ASSERT_TRUE(r.ok()) << r.error().message();
  auto info = store::find_version(*ws_, "申请").value();
  EXPECT_EQ(info.row_count, 2);
  EXPECT_EQ(info.columns[0].name, "申请文书号");
  EXPECT_EQ(info.columns[3].type, "date");
  EXPECT_EQ(source_rows("申请"), (std::vector<int64_t>{1, 2}));
}

TEST_F(ImporterTest, ReimportCreatesNewVersionAndKeepsTheOld) {
  const auto f = dir_.write("a.csv", "x,y\n1,2\n");
  ASSERT_TRUE(import(f).ok());
  const auto g = dir_.write("b.csv", "x,y\n1,2\n3,4\n");
  auto r = import(g);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value().version.version, 2);
  auto list = store::list_datasets(*ws_).value();
  ASSERT_EQ(list.size(), 1u);
  ASSERT_EQ(list[0].versions.size(), 2u);
  EXPECT_EQ(list[0].versions[0].row_count, 1);
  EXPECT_EQ(list[0].versions[1].row_count, 2);
  EXPECT_TRUE(fs::exists(ws_->data_dir() / "d" / "1" / "manifest.json"));
  EXPECT_TRUE(fs::exists(ws_->data_dir() / "d" / "2" / "manifest.json"));
}

TEST_F(ImporterTest, UnparseableCellsKeptRawAndCounted) {
  std::string csv = "编号,金额\n";
  for (int i = 1; i <= 40; ++i) csv += std::to_string(i) + "," + std::to_string(i * 100) + "\n";
  csv += "41,五千\n";
  auto r = import(dir_.write("m.csv", csv));
  ASSERT_TRUE(r.ok());
  auto info = store::find_version(*ws_, "d").value();
  EXPECT_EQ(info.columns[1].type, "integer");
  EXPECT_EQ(info.columns[1].rejected, 1);
  EXPECT_EQ(info.rejected_cells, 1);
  EXPECT_EQ(raw_rows("d").back()[1], "五千");
  const auto& samples = r.value().manifest.report["rejected_samples"]["金额"];
  ASSERT_EQ(samples.size(), 1u);
  EXPECT_EQ(samples[0]["row"], 42);
  EXPECT_EQ(samples[0]["value"], "五千");
  std::ifstream rejects(ws_->root() / info.dir / "c1.rejects.tsv");
  std::string header, line;
  std::getline(rejects, header);
  std::getline(rejects, line);
  EXPECT_EQ(line.substr(0, line.find("\t", line.find("\t", line.find("\t") + 1) + 1)),
            "42\t2\t五千");
}

TEST_F(ImporterTest, ElementOverridesTypeAndNormalises) {
  auto r = import(kSamples / "行政处罚决定台账.csv", "处罚决定",
                  {"罚款金额=money", "当事人证件号码=id_number"});
  ASSERT_TRUE(r.ok()) << r.error().message();
  auto info = store::find_version(*ws_, "处罚决定").value();
  EXPECT_EQ(info.columns[4].type, "money");
  EXPECT_EQ(info.columns[4].element, "money");
  EXPECT_EQ(info.columns[4].invalid, 1);  // 待定
  EXPECT_EQ(info.columns[3].element, "id_number");
  EXPECT_EQ(info.columns[3].invalid, 2);  // two companies' credit codes are not id numbers
  auto v = store::DatasetVersion::open(*ws_, info).value();
  auto fen = v.int_values(4).value();
  EXPECT_EQ(fen.at(1), 1200000);  // 12,000.00
  EXPECT_EQ(fen.at(2), 500000);   // 伍仟元整
  EXPECT_EQ(fen.at(4), 500000);   // 0.5万元
  EXPECT_EQ(fen.at(6), store::kNullInt);
  auto ids = v.canonical(3).value();
  EXPECT_EQ(ids.at(5), "11010519491231002X");                // legacy 15-digit number upgraded
  EXPECT_EQ(raw_rows("处罚决定")[5][3], "110105491231002");  // raw kept
}

// ---- Bad input: one test per kind, each leaves the workspace exactly as before. ----

class BadInputTest : public ImporterTest {
 protected:
  void SetUp() override {
    ImporterTest::SetUp();
    // A dataset already there, so "unchanged" is checked against a non-empty workspace.
    ASSERT_TRUE(import(dir_.write("ok.csv", "a,b\n1,2\n")).ok());
  }
};

TEST_F(BadInputTest, MissingFile) {
  auto e = expect_refused(dir_ / "nope.csv", "import.missing_file");
  EXPECT_EQ(e.where().file, (dir_ / "nope.csv").string());
}

TEST_F(BadInputTest, Directory) { expect_refused(dir_.path(), "import.not_a_file"); }

TEST_F(BadInputTest, UnreadableFile) {
  const auto f = dir_.write("secret.csv", "a\n1\n");
  fs::permissions(f, fs::perms::none);
  if (::geteuid() != 0) {
    expect_refused(f, "import.unreadable");
    return;
  }
  // Root reads every file: the import runs in a child process that has become nobody, on a
  // workspace it may write to.
  for (const auto& e : fs::recursive_directory_iterator(dir_.path())) {
    if (e.path() != f) fs::permissions(e.path(), fs::perms::all);
  }
  fs::permissions(dir_.path(), fs::perms::all);
  const WorkspaceSnapshot before = snapshot(*ws_);
  const pid_t child = ::fork();
  if (child == 0) {
    if (::setgid(65534) != 0 || ::setuid(65534) != 0) ::_exit(3);
    auto ws = store::Workspace::open(ws_->root());
    if (!ws.ok()) ::_exit(4);
    ImportRequest req;
    req.file = f;
    req.dataset = "d";
    auto r = import_file(*ws.value(), req);
    ::_exit(!r.ok() && r.error().code() == "import.unreadable" ? 0 : 5);
  }
  int status = 0;
  ::waitpid(child, &status, 0);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
  EXPECT_EQ(snapshot(*ws_), before);
}

TEST_F(BadInputTest, EmptyFile) { expect_refused(dir_.write("e.csv", ""), "import.empty_file"); }

TEST_F(BadInputTest, WhitespaceOnlyFile) {
  expect_refused(dir_.write("w.csv", " \r\n\n"), "import.empty_file");
}

TEST_F(BadInputTest, BinaryFile) {
  expect_refused(dir_.write("b.csv", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16)),
                 "import.binary_file");
}

TEST_F(BadInputTest, UnknownEncoding) {
  auto e = expect_refused(dir_.write("u.csv", "a,b\n1,\x80\x80\n"), "import.unknown_encoding");
  EXPECT_EQ(e.where().row, 2);
}

TEST_F(BadInputTest, TruncatedCsv) {
  auto e =
      expect_refused(dir_.write("t.csv", "a,b\n1,\"unterminated\n2"), "import.unterminated_quote");
  EXPECT_EQ(e.where().row, 2);
  EXPECT_EQ(e.where().column, 2);
}

TEST_F(BadInputTest, TruncatedXlsx) {
  std::ifstream in(kSamples / "罚款缴纳记录.xlsx", std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), {});
  expect_refused(dir_.write("t.xlsx", bytes.substr(0, bytes.size() * 2 / 3)),
                 "import.corrupt_xlsx");
}

TEST_F(BadInputTest, TruncatedXls) {
  std::ifstream in(kSamples / "驾驶证信息.xls", std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), {});
  expect_refused(dir_.write("t.xls", bytes.substr(0, bytes.size() / 2)), "import.corrupt_xls");
}

TEST_F(BadInputTest, TextNamedXlsx) {
  expect_refused(dir_.write("fake.xlsx", "a,b\n1,2\n"), "import.not_excel");
}

TEST_F(BadInputTest, MissingSheet) {
  auto e = expect_refused(kSamples / "罚款缴纳记录.xlsx", "import.no_such_sheet", {}, "Sheet9");
  EXPECT_EQ(e.where().sheet, "Sheet9");
}

TEST_F(BadInputTest, SheetOptionOnCsv) {
  expect_refused(dir_.write("s.csv", "a\n1\n"), "import.sheet_not_applicable", {}, "Sheet1");
}

TEST_F(BadInputTest, DuplicateHeader) {
  auto e =
      expect_refused(dir_.write("d.csv", "姓名,金额,姓名\n1,2,3\n"), "import.duplicate_header");
  EXPECT_EQ(e.where().row, 1);
  EXPECT_EQ(e.where().column, 3);
}

TEST_F(BadInputTest, EmptyHeaderName) {
  auto e = expect_refused(dir_.write("h.csv", "姓名,,金额\n1,2,3\n"), "import.empty_header");
  EXPECT_EQ(e.where().column, 2);
}

TEST_F(BadInputTest, DuplicateHeaderInXlsx) {
  write_xlsx(dir_ / "dup.xlsx",
             {{"表",
               {{std::string("姓名"), std::string("姓名")}, {std::string("a"), std::string("b")}},
               {}}});
  auto e = expect_refused(dir_ / "dup.xlsx", "import.duplicate_header");
  EXPECT_EQ(e.where().sheet, "表");
}

TEST_F(BadInputTest, MalformedJson) {
  expect_refused(dir_.write("j.json", "[{\"a\": 1}, {\"a\": "), "import.bad_json");
}

TEST_F(BadInputTest, ElementForUnknownColumn) {
  expect_refused(dir_.write("x.csv", "a,b\n1,2\n"), "import.unknown_column", {"c=id_number"});
}

TEST_F(BadInputTest, BadDatasetName) {
  expect_refused(dir_.write("x.csv", "a\n1\n"), "dataset.bad_name", {}, "", "../etc");
}

}  // namespace
}  // namespace shanhai::ingest
