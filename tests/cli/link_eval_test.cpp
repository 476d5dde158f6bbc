// `shanhai link-eval` as a data analyst meets it: the pension-after-death model's link step on the
// model's sample registers, measured against the hand-written labels beside them
// (models/pension-after-death/tests/basic/关联标注.csv), in every output format and label file
// format, and every kind of bad labels file refused without touching the workspace.
#include <gtest/gtest.h>

#include <fstream>
#include <tuple>

#include <SQLiteCpp/Database.h>
#include <nlohmann/json.hpp>

#include "support/process.h"
#include "support/temp_dir.h"
#include "support/workspace_snapshot.h"
#include "support/xlsx_fixture.h"

namespace shanhai {
namespace {

using namespace shanhai::testing;

const std::string kCase =
    std::string(SHANHAI_SOURCE_DIR) + "/models/pension-after-death/tests/basic";
const std::string kLabels = kCase + "/关联标注.csv";

class LinkEvalTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(run({"init", ws()}).exit_code, 0);
    for (const auto& [name, file] : std::vector<std::pair<std::string, std::string>>{
             {"死亡人员登记", "死亡人员登记.csv"}, {"养老金发放明细", "养老金发放明细.csv"}}) {
      auto r = run({"import", ws(), name, kCase + "/" + file});
      ASSERT_EQ(r.exit_code, 0) << r.err;
    }
  }
  ProcessResult run(const std::vector<std::string>& args) {
    return run_shanhai(args, dir_.path(), "");
  }
  std::string ws() const { return (dir_ / "ws").string(); }
  std::vector<std::string> eval(const std::string& labels, std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {
        "link-eval",           ws(),      "pension-after-death",    "--labels", labels, "--input",
        "deaths=死亡人员登记", "--input", "payments=养老金发放明细"};
    args.insert(args.end(), extra.begin(), extra.end());
    return args;
  }
  nlohmann::json eval_json(const std::string& labels, std::vector<std::string> extra = {}) {
    extra.insert(extra.end(), {"--format", "json"});
    auto r = run(eval(labels, extra));
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return r.exit_code == 0 ? nlohmann::json::parse(r.out) : nlohmann::json();
  }
  std::string write(const std::string& name, const std::string& bytes) {
    const std::string path = (dir_ / name).string();
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
  }
  int64_t count(const std::string& table) {
    SQLite::Database db((dir_ / "ws" / "catalog.db").string());
    return db.execAndGet("SELECT count(*) FROM " + table).getInt64();
  }
  static void expect_bilingual_error(const ProcessResult& r,
                                     const std::vector<std::string>& needles) {
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_EQ(r.err.rfind("错误：", 0), 0u) << r.err;
    EXPECT_NE(r.err.find("\nError: "), std::string::npos) << r.err;
    for (const std::string& n : needles)
      EXPECT_NE(r.err.find(n), std::string::npos) << n << "\n" << r.err;
  }
  TempDir dir_;
};

// The hand-written labels: nine pairs of the same person (each death with its January payment,
// 王建国 also with February's) and four of different people, of which three blocking never
// proposes (different region and birth date, different pinyin).
TEST_F(LinkEvalTest, MeasuresTheSampleLinkStepAtTheModelThreshold) {
  const auto j = eval_json(kLabels);
  EXPECT_EQ(j["model"], "pension-after-death");
  EXPECT_EQ(j["step"], "same_person");
  EXPECT_EQ(j["dedupe"], false);
  EXPECT_EQ(j["left"]["dataset"], "死亡人员登记");
  EXPECT_EQ(j["right"]["input"], "payments");
  EXPECT_EQ(j["labels"]["pairs"], 13);
  EXPECT_EQ(j["labels"]["matches"], 9);
  EXPECT_EQ(j["labels"]["non_matches"], 4);
  EXPECT_EQ(j["threshold_source"], "model");
  EXPECT_EQ(j["match_threshold"], 0.75);
  EXPECT_EQ(j["not_proposed"], 3);
  EXPECT_EQ(j["not_in_step"], 0);
  EXPECT_EQ(j["recorded"], false);
  const auto& m = j["at_threshold"];
  EXPECT_EQ(m["labelled_pairs"], 13);
  EXPECT_EQ(m["true_positives"], 9);
  EXPECT_EQ(m["false_positives"], 0);
  EXPECT_EQ(m["false_negatives"], 0);
  EXPECT_EQ(m["precision"], 1.0);
  EXPECT_EQ(m["recall"], 1.0);
  EXPECT_EQ(m["f1"], 1.0);
  EXPECT_EQ(j["candidate_pairs"], 61);

  // The curve: 0.00 … 1.00 by 0.05 (the model's 0.5 and 0.75 are among them). At 0 the living
  // namesake 王建国 (probability ≈ 0.00001) is a match too; the two 王建国 pairs (≈ 0.82) drop out
  // above 0.80, and three pairs reach 0.95 (parameters as trained on the
  // sample of pension-after-death 1.1.0, whose payments include 马玉兰's rows without an id).
  const auto& curve = j["curve"];
  ASSERT_EQ(curve.size(), 21u);
  EXPECT_EQ(curve[0]["threshold"], 0.0);
  EXPECT_EQ(curve[0]["true_positives"], 9);
  EXPECT_EQ(curve[0]["false_positives"], 1);
  EXPECT_EQ(curve[0]["precision"], 0.9);
  EXPECT_EQ(curve[0]["f1"], 0.947368);
  EXPECT_EQ(curve[1]["precision"], 1.0);
  EXPECT_EQ(curve[15]["threshold"], 0.75);
  EXPECT_EQ(curve[15]["recall"], 1.0);
  EXPECT_EQ(curve[17]["threshold"], 0.85);
  EXPECT_EQ(curve[17]["true_positives"], 7);
  EXPECT_EQ(curve[17]["recall"], 0.777778);
  EXPECT_EQ(curve[18]["true_positives"], 5);
  EXPECT_EQ(curve[19]["threshold"], 0.95);
  EXPECT_EQ(curve[19]["true_positives"], 3);
  EXPECT_EQ(curve[19]["false_negatives"], 6);
  EXPECT_EQ(curve[19]["precision"], 1.0);
  EXPECT_EQ(curve[19]["f1"], 0.5);
}

TEST_F(LinkEvalTest, TextTableCsvCurveAndAnotherThreshold) {
  auto text = run(eval(kLabels));
  ASSERT_EQ(text.exit_code, 0) << text.err;
  for (const char* line :
       {"关联评估 link evaluation：模型 model pension-after-death 1.1.0，步骤 step same_person",
        "13 对 pairs（同一人 match 9，不是同一人 non-match 4）",
        "分块未提出的标注对 labelled pairs blocking never proposed: 3（按不匹配计",
        "阈值 threshold 0.75（模型的匹配阈值 / the model's match_threshold）",
        "  真阳性 true positives:       9\n", "  假阳性 false positives:      0\n",
        "  假阴性 false negatives:      0\n", "  精确率 precision:            1.0000\n",
        "  召回率 recall:               1.0000\n", "  F1:                          1.0000\n",
        "  0.00            0.9000            1.0000         0.9474\n",
        "  0.75            1.0000            1.0000         1.0000  ← 匹配阈值 match_threshold\n",
        "  0.85            1.0000            0.7778         0.8750\n"}) {
    EXPECT_NE(text.out.find(line), std::string::npos) << line << "\n" << text.out;
  }

  const std::string out = (dir_ / "curve.csv").string();
  auto csv = run(eval(kLabels, {"--format", "csv", "--out", out}));
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  EXPECT_TRUE(csv.out.empty()) << csv.out;
  std::ifstream in(out);
  std::vector<std::string> lines;
  for (std::string l; std::getline(in, l);) lines.push_back(l);
  ASSERT_EQ(lines.size(), 22u);
  EXPECT_EQ(lines[0], "threshold,precision,recall,f1");
  EXPECT_EQ(lines[1], "0.00,0.900000,1.000000,0.947368");
  EXPECT_EQ(lines[16], "0.75,1.000000,1.000000,1.000000");
  EXPECT_EQ(lines[18], "0.85,1.000000,0.777778,0.875000");
  EXPECT_EQ(lines[19], "0.90,1.000000,0.555556,0.714286");
  EXPECT_EQ(lines[21], "1.00,1.000000,0.000000,0.000000");

  // --threshold: measured there, and added to the curve when it is not on the grid.
  const auto j = eval_json(kLabels, {"--threshold", "0.88", "--step", "same_person"});
  EXPECT_EQ(j["threshold_source"], "option");
  const auto& m = j["at_threshold"];
  EXPECT_EQ(m["threshold"], 0.88);
  EXPECT_EQ(m["true_positives"], 7);
  EXPECT_EQ(m["false_positives"], 0);
  EXPECT_EQ(m["false_negatives"], 2);
  EXPECT_EQ(m["precision"], 1.0);
  EXPECT_EQ(m["recall"], 0.777778);
  EXPECT_EQ(m["f1"], 0.875);
  ASSERT_EQ(j["curve"].size(), 22u);
  EXPECT_EQ(j["curve"][18]["threshold"], 0.88);
}

// The same labels as a GB18030 CSV with Chinese headers, and as an XLSX workbook with English
// headers, numbers stored as numbers and every spelling of a label, give the same measures.
TEST_F(LinkEvalTest, GbkCsvAndXlsxLabelsReadAlike) {
  const std::string gbk_header =
      "\xD7\xF3\xB1\xED\xD0\xD0\xBA\xC5,\xD3\xD2\xB1\xED\xD0\xD0\xBA\xC5,"
      "\xCA\xC7\xB7\xF1\xCD\xAC\xD2\xBB\xC8\xCB\r\n";   // 左表行号,右表行号,是否同一人
  const std::string yes = "\xCA\xC7", no = "\xB7\xF1";  // 是, 否
  std::string gbk = gbk_header;
  for (const auto& [l, r, m] : std::vector<std::tuple<int, int, bool>>{{2, 2, true},
                                                                       {2, 14, true},
                                                                       {2, 10, false},
                                                                       {3, 3, true},
                                                                       {4, 4, true},
                                                                       {5, 5, true},
                                                                       {6, 6, true},
                                                                       {7, 7, true},
                                                                       {8, 8, true},
                                                                       {9, 9, true},
                                                                       {9, 10, false},
                                                                       {7, 11, false},
                                                                       {4, 13, false}}) {
    gbk += std::to_string(l) + "," + std::to_string(r) + "," + (m ? yes : no) + "\r\n";
  }
  const auto from_gbk = eval_json(write("labels-gbk.csv", gbk));

  const std::string xlsx = (dir_ / "labels.xlsx").string();
  const std::vector<std::string> spellings = {"match", "TRUE",   "1",    "是",  "yes",
                                              "Y",     "同一人", "匹配", "true"};
  std::vector<std::vector<XlsxCell>> rows = {{std::string("Left_Row"), std::string("right_row"),
                                              std::string("label"), std::string("reviewer")}};
  const std::vector<std::pair<int, int>> same = {{2, 2}, {2, 14}, {3, 3}, {4, 4}, {5, 5},
                                                 {6, 6}, {7, 7},  {8, 8}, {9, 9}};
  for (size_t i = 0; i < same.size(); ++i) {
    rows.push_back({XlsxNumber{double(same[i].first)}, XlsxNumber{double(same[i].second)},
                    spellings[i], std::string("张检察官")});
  }
  rows.push_back({XlsxNumber{2}, XlsxNumber{10}, std::string("non-match")});
  rows.push_back({});  // an empty row is skipped
  rows.push_back({XlsxNumber{9}, XlsxNumber{10}, std::string("0")});
  rows.push_back({XlsxNumber{7}, XlsxNumber{11}, std::string("否")});
  rows.push_back({XlsxNumber{4}, XlsxNumber{13}, std::string("False")});
  write_xlsx(xlsx, {{"标注", rows, {}}});
  const auto from_xlsx = eval_json(xlsx);

  const auto from_csv = eval_json(kLabels);
  for (const auto* j : {&from_gbk, &from_xlsx}) {
    EXPECT_EQ((*j)["at_threshold"], from_csv["at_threshold"]);
    EXPECT_EQ((*j)["curve"], from_csv["curve"]);
    EXPECT_EQ((*j)["not_proposed"], from_csv["not_proposed"]);
    EXPECT_EQ((*j)["labels"]["pairs"], 13);
  }
}

TEST_F(LinkEvalTest, WritesNothingToTheWorkspace) {
  auto snap = [&] { return snapshot(*store::Workspace::open(ws()).value()); };
  const auto before = snap();
  auto r = run(eval(kLabels));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("未写入工作区"), std::string::npos) << r.out;
  EXPECT_EQ(snap(), before);
  EXPECT_EQ(count("runs"), 0);
  EXPECT_EQ(count("leads"), 0);
  auto help = run({"link-eval", "--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("nothing is written to the workspace (no run record, no leads)"),
            std::string::npos)
      << help.out;
  EXPECT_NE(help.out.find("不写入工作区"), std::string::npos) << help.out;
}

// One test per kind of bad labels file: each refused, Chinese then English, naming the file,
// the row, the column and the value.
TEST_F(LinkEvalTest, LabelsWithoutARequiredColumnAreRefused) {
  const auto f = write("no-label.csv", "左表行号,右表行号,备注\n2,2,同一人\n");
  expect_bilingual_error(run(eval(f)), {"no-label.csv", "第 1 行", "缺少标注列", "是否同一人",
                                        "has no label column", "备注"});
  const auto g = write("no-right.csv", "left_row,label\n2,1\n");
  expect_bilingual_error(
      run(eval(g)), {"no-right.csv", "缺少右表行号列", "right_row", "has no right row column"});
}

TEST_F(LinkEvalTest, AnUnknownLabelValueIsRefused) {
  const auto f = write("maybe.csv", "左表行号,右表行号,是否同一人\n2,2,是\n3,3,可能\n");
  expect_bilingual_error(
      run(eval(f)), {"maybe.csv", "第 3 行", "第 3 列“是否同一人”", "值“可能”", "无法识别的标注",
                     "unknown label", "row 3", "column 3 \"是否同一人\"", "value \"可能\""});
  const auto empty = write("blank-label.csv", "左表行号,右表行号,是否同一人\n2,2,\n");
  expect_bilingual_error(run(eval(empty)), {"blank-label.csv", "第 2 行", "无法识别的标注"});
}

TEST_F(LinkEvalTest, ARowNumberNotInTheDatasetIsRefused) {
  // Deaths are lines 2–9 of their file; line 1 is the header, not a data row.
  const auto f = write("row99.csv", "左表行号,右表行号,是否同一人\n2,2,是\n99,3,否\n");
  expect_bilingual_error(
      run(eval(f)), {"row99.csv", "第 3 行", "第 1 列“左表行号”", "值“99”", "死亡人员登记", "2–10",
                     "row 99 is not a data row of dataset", "row 3"});
  const auto header = write("row1.csv", "左表行号,右表行号,是否同一人\n2,1,是\n");
  expect_bilingual_error(run(eval(header)), {"row1.csv", "第 2 行", "第 2 列“右表行号”", "值“1”",
                                             "养老金发放明细", "2–89"});
  const auto word = write("word.csv", "左表行号,右表行号,是否同一人\n第二行,2,是\n");
  expect_bilingual_error(run(eval(word)), {"word.csv", "第 2 行", "左表行号须为正整数",
                                           "值“第二行”", "positive whole number"});
}

TEST_F(LinkEvalTest, ContradictoryDuplicateLabelsAreRefused) {
  const auto f =
      write("twice.csv", "左表行号,右表行号,是否同一人\n2,2,是\n2,10,否\n2,2,1\n2,10,是\n");
  expect_bilingual_error(
      run(eval(f)), {"twice.csv", "标注矛盾", "第 3 行标为不是同一人", "第 5 行标为同一人",
                     "左表第 2 行，右表第 10 行", "contradictory labels", "row 3 says non-match",
                     "row 5 says match"});
}

TEST_F(LinkEvalTest, StepsFormatsAndThresholdsAreChecked) {
  expect_bilingual_error(run(eval(kLabels, {"--step", "same_id"})),
                         {"same_id", "不是该模型的 link 步骤", "same_person"});
  expect_bilingual_error(run(eval(kLabels, {"--format", "xml"})), {"xml", "text、json、csv"});
  expect_bilingual_error(run(eval(kLabels, {"--threshold", "1.5"})), {"1.5", "0 到 1"});
  expect_bilingual_error(run({"link-eval", ws(), "admin-penalty-enforcement", "--labels", kLabels}),
                         {"没有 link", "no link step"});
  expect_bilingual_error(run(eval(kCase + "/不存在.csv")), {"不存在.csv"});
  EXPECT_EQ(count("runs"), 0);
}

// A deduplicating link step behind a filter: labels name rows of the one register, either way
// round, and a pair whose row the filter drops is a predicted non-match that never reached the
// step.
TEST_F(LinkEvalTest, DeduplicationBehindAFilter) {
  const auto folder = dir_ / "register-duplicates";
  std::filesystem::create_directories(folder);
  std::ofstream(folder / "README.md") << "# 登记重复（测试）\n";
  std::ofstream(folder / "model.yaml") << R"(id: register-duplicates
version: 1.0.0
name: 人员登记重复
category: 测试
author_org: 测试
legal_basis: [测试]
description: 同一人在人员登记中登记两次。
inputs:
  people:
    label: 人员登记
    fields:
      name: {element: person_name, label: 姓名}
      id_number: {element: id_number, label: 公民身份号码}
      status: {element: text, label: 状态}
steps:
  - id: active
    kind: filter
    from: people
    where: "status != '注销'"
  - id: twice
    kind: link
    from: active
    compare:
      - {field: id, kind: id_number, left: id_number, label: 身份证号}
      - {field: name, kind: person_name, left: name, label: 姓名}
    blocking:
      - [{field: id, part: region_birth}]
      - [{field: name, part: pinyin}]
    match_threshold: 0.5
leads:
  - step: twice
    rule: twice
    subject: id_number
    title: "{name}重复登记"
    evidence: [people]
)";
  ASSERT_EQ(run({"model", "add", ws(), folder.string()}).exit_code, 0);
  const auto data = write("人员登记.csv",
                          "姓名,公民身份号码,状态\n"
                          "王建国,650102194503121232,在册\n"         // line 2
                          "王建国,650102194503121232,在册\n"         // line 3: entered twice
                          "热孜亚·吾斯曼,650103195107082463,在册\n"  // line 4
                          "热孜亚•吾斯曼,650103195107082483,在册\n"  // line 5: typo, separator
                          "陈淑珍,650102195505059625,在册\n"         // line 6
                          "陈淑珍,650102195505059625,注销\n");       // line 7: filtered out
  ASSERT_EQ(run({"import", ws(), "人员登记", data}).exit_code, 0);
  const auto labels = write("dup-labels.csv",
                            "left_row,right_row,label\n"
                            "2,3,1\n"
                            "5,4,1\n"  // either way round
                            "2,4,0\n"
                            "6,7,1\n"  // line 7 never reaches the link step
                            "6,2,0\n");
  auto r = run({"link-eval", ws(), "register-duplicates", "--labels", labels, "--input",
                "people=人员登记", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["dedupe"], true);
  EXPECT_EQ(j["left"]["input"], "people");
  EXPECT_EQ(j["right"]["input"], "people");
  EXPECT_EQ(j["labels"]["pairs"], 5);
  EXPECT_EQ(j["candidate_pairs"], 2);  // 2–3 and 4–5; 6 is alone once 7 is filtered out
  EXPECT_EQ(j["not_proposed"], 3);     // 2–4, 6–2 and 6–7
  EXPECT_EQ(j["not_in_step"], 1);
  const auto& m = j["at_threshold"];
  EXPECT_EQ(m["threshold"], 0.5);
  EXPECT_EQ(m["true_positives"], 2);
  EXPECT_EQ(m["false_positives"], 0);
  EXPECT_EQ(m["false_negatives"], 1);  // 6–7: filtered out, so never linked
  EXPECT_EQ(m["recall"], 0.666667);

  const auto self = write("self.csv", "left_row,right_row,label\n3,3,1\n");
  expect_bilingual_error(run({"link-eval", ws(), "register-duplicates", "--labels", self, "--input",
                              "people=人员登记"}),
                         {"self.csv", "第 2 行", "与它自己配对", "with itself"});
  const auto flipped = write("flipped.csv", "left_row,right_row,label\n2,3,1\n3,2,0\n");
  expect_bilingual_error(run({"link-eval", ws(), "register-duplicates", "--labels", flipped,
                              "--input", "people=人员登记"}),
                         {"flipped.csv", "标注矛盾", "contradictory"});
}

}  // namespace
}  // namespace shanhai
