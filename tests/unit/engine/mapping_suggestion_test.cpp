// Field-mapping suggestions on the headers and values procuratorates really receive: a table of
// real-looking header sets and the mapping each must give, content-based detection under
// headers like 列1/列2, confidence that agrees with the evidence, one column per field unless
// nothing else fits, and the synonym dictionary's own consistency.
#include <gtest/gtest.h>

#include <map>

#include "engine/column_content.h"
#include "engine/header_dictionary.h"
#include "engine/mapping_suggestion.h"
#include "ingest/importer.h"
#include "model/spec_loader.h"
#include "support/temp_dir.h"

namespace shanhai::engine {
namespace {

namespace fs = std::filesystem;

const fs::path kModels = fs::path(SHANHAI_SOURCE_DIR) / "models";

const model::ModelSpec& spec_of(const std::string& id) {
  static std::map<std::string, model::ModelSpec> cache;
  if (!cache.count(id)) {
    auto s = model::load_spec_file(kModels / id / "model.yaml");
    EXPECT_TRUE(s.ok()) << s.error().message();
    cache[id] = s.value();
  }
  return cache.at(id);
}

const model::Input& input_of(const std::string& model, const std::string& input) {
  for (const auto& in : spec_of(model).inputs) {
    if (in.name.text == input) return in;
  }
  throw std::runtime_error("no input " + input);
}

std::vector<ColumnSample> headers_only(const std::vector<std::string>& headers) {
  std::vector<ColumnSample> out;
  for (const auto& h : headers) out.push_back({h, {}});
  return out;
}

// field → suggested column header ("" when none).
std::map<std::string, std::string> mapping(const std::vector<FieldSuggestion>& s,
                                           const std::vector<ColumnSample>& columns) {
  std::map<std::string, std::string> out;
  for (const auto& f : s) out[f.field] = f.suggestion ? columns[f.suggestion->column].name : "";
  return out;
}

const FieldSuggestion& field(const std::vector<FieldSuggestion>& s, const std::string& name) {
  for (const auto& f : s) {
    if (f.field == name) return f;
  }
  throw std::runtime_error("no field " + name);
}

struct HeaderCase {
  std::string model, input;
  std::vector<std::string> headers;
  std::map<std::string, std::string> expected;  // field → header ("" : none)
};

// Header sets as ledgers of other procuratorates and agencies name them.
const std::vector<HeaderCase> kHeaderCases = {
    {"admin-penalty-enforcement",
     "penalties",
     {"序号", "当事人名称", "证件号码", "处罚决定书文号", "罚款金额（元）", "决定日期", "执法机关"},
     {{"decision_no", "处罚决定书文号"},
      {"party_name", "当事人名称"},
      {"party_id", "证件号码"},
      {"amount", "罚款金额（元）"},
      {"decision_date", "决定日期"},
      {"agency", "执法机关"}}},
    {"admin-penalty-enforcement",
     "penalties",
     {"行政处罚决定书文号", "被处罚人", "身份证号", "罚没金额", "处罚日期", "处罚机关", "备注"},
     {{"decision_no", "行政处罚决定书文号"},
      {"party_name", "被处罚人"},
      {"party_id", "身份证号"},
      {"amount", "罚没金额"},
      {"decision_date", "处罚日期"},
      {"agency", "处罚机关"}}},
    {"admin-penalty-enforcement",
     "payments",
     {"缴款人姓名", "缴款人身份证号", "文书号", "实缴金额(元)", "缴款时间"},
     {{"decision_no", "文书号"},
      {"party_id", "缴款人身份证号"},
      {"amount", "实缴金额(元)"},
      {"paid_date", "缴款时间"}}},
    {"admin-penalty-enforcement",
     "applications",
     {"收案日期", "案号", "被执行人身份证号", "执行依据文号"},
     {{"decision_no", "执行依据文号"},
      {"party_id", "被执行人身份证号"},
      {"filed_date", "收案日期"}}},
    {"dui-licence-not-revoked",
     "judgments",
     {"案号", "被告人", "公民身份号码", "宣判日期", "案由", "血液中酒精含量（mg/100ml）"},
     {{"case_number", "案号"},
      {"defendant_name", "被告人"},
      {"defendant_id", "公民身份号码"},
      {"judgment_date", "宣判日期"},
      {"charge", "案由"},
      {"bac_text", "血液中酒精含量（mg/100ml）"}}},
    {"dui-licence-not-revoked",
     "licences",
     {"持证人", "身份证明号码", "驾驶证状态", "状态变更日期", "准驾车型"},
     {{"holder_name", "持证人"},
      {"holder_id", "身份证明号码"},
      {"status", "驾驶证状态"},
      {"status_date", "状态变更日期"}}},
    {"ancient-trees-protection",
     "census",
     {"古树名木编号", "县（市、区）", "所在乡镇", "树种", "保护等级", "树龄"},
     {{"tree_no", "古树名木编号"},
      {"county", "县（市、区）"},
      {"town", "所在乡镇"},
      {"species", "树种"},
      {"grade", "保护等级"}}},
    {"ancient-trees-protection",
     "funds",
     {"区县", "项目名称", "拨款金额（万元）", "下达日期"},
     {{"county", "区县"},
      {"purpose", "项目名称"},
      {"amount", "拨款金额（万元）"},
      {"date", "下达日期"}}},
};

TEST(MappingSuggestionTest, RealLookingHeaderSetsMapAsAProcuratorWould) {
  for (const HeaderCase& c : kHeaderCases) {
    const auto columns = headers_only(c.headers);
    const auto s = suggest_fields(input_of(c.model, c.input), columns);
    const auto got = mapping(s, columns);
    for (const auto& [f, header] : c.expected) {
      EXPECT_EQ(got.at(f), header)
          << c.model << "." << c.input << "." << f << ": "
          << (field(s, f).suggestion ? field(s, f).suggestion->reason_zh : "no suggestion");
      if (!header.empty()) {
        EXPECT_GE(field(s, f).suggestion->confidence, 0.45) << f;
        EXPECT_FALSE(field(s, f).suggestion->reason_zh.empty()) << f;
        EXPECT_FALSE(field(s, f).shared) << f;
      }
    }
  }
}

TEST(MappingSuggestionTest, ConfidenceFollowsTheStrengthOfTheHeaderEvidence) {
  const auto columns =
      headers_only({"决定日期", "处罚决定书号", "罚款金额（元）", "证件号码", "当事人名称"});
  const auto s = suggest_fields(input_of("admin-penalty-enforcement", "penalties"), columns);
  EXPECT_DOUBLE_EQ(field(s, "decision_date").suggestion->confidence, 1.0);
  EXPECT_NE(field(s, "decision_date").suggestion->reason_zh.find("与字段标签相同"),
            std::string::npos);
  EXPECT_DOUBLE_EQ(field(s, "amount").suggestion->confidence, 0.95);
  EXPECT_DOUBLE_EQ(field(s, "decision_no").suggestion->confidence, 0.85);
  EXPECT_NE(field(s, "decision_no").suggestion->reason_zh.find("同义"), std::string::npos);
  EXPECT_FALSE(field(s, "agency").suggestion) << "no column names an agency";
}

TEST(MappingSuggestionTest, ContentAloneFindsIdNumbersDatesAndAmountsUnderBlankHeaders) {
  std::vector<ColumnSample> columns = {
      {"列1", {"1", "2", "3", "4", "5"}},
      {"列2",
       {"杭西环罚〔2023〕3号", "杭西环罚(2023)4号", "林罚决字（2023）12号", "杭西市监罚〔2023〕7号",
        "杭西环罚〔2023〕8号"}},
      {"列3", {"张三", "李四", "王五", "赵六", "杭州某某化工有限公司"}},
      {"列4",
       {"11010119900307002X", "330106198506120031", "330122198001011235", "110101199003070011",
        "91330106MA27XY123U"}},
      {"列5", {"5000", "伍仟元整", "0.5万元", "20000", "1,200.00"}},
      {"列6", {"2023-01-31", "2023年2月1日", "2023/3/15", "20230401", "2023-05-06"}},
      {"列7",
       {"杭州市西湖区生态环境分局", "杭州市西湖区市场监督管理局", "杭州市西湖区生态环境分局",
        "杭州市西湖区城市管理局", "杭州市西湖区市场监督管理局"}},
  };
  const auto s = suggest_fields(input_of("admin-penalty-enforcement", "penalties"), columns);
  const auto got = mapping(s, columns);
  EXPECT_EQ(got.at("decision_no"), "列2");
  EXPECT_EQ(got.at("party_id"), "列4");
  EXPECT_EQ(got.at("amount"), "列5") << field(s, "amount").suggestion->reason_zh;
  EXPECT_EQ(got.at("decision_date"), "列6");
  EXPECT_EQ(got.at("agency"), "列7");
  EXPECT_GE(field(s, "party_id").suggestion->confidence, 0.75);
  EXPECT_LT(field(s, "amount").suggestion->confidence, kConfidentSuggestion) << "numbers only";
  EXPECT_NE(field(s, "party_id").suggestion->reason_zh.find("仅凭内容判断"), std::string::npos);
  EXPECT_NE(field(s, "party_id").suggestion->reason_zh.find("5 个值中 5 个"), std::string::npos);
  for (const auto& f : s) {
    if (!f.suggestion) continue;
    EXPECT_NE(columns[f.suggestion->column].name, "列1") << f.field << " 序号";
  }
}

TEST(MappingSuggestionTest, ContentFindsPeoplePhonesPlatesAndBacReadings) {
  const model::ModelSpec spec = [] {
    auto s = model::load_spec_text(R"(id: t
version: 1.0.0
name: t
legal_basis: [x]
inputs:
  a:
    fields:
      who: {element: person_name, label: 驾驶人}
      tel: {element: phone, label: 联系电话}
      car: {element: plate, label: 号牌}
      bac: {element: text, label: 血液酒精含量}
      status: {element: text, label: 状态}
steps:
  - {id: s, kind: filter, from: a, where: "who is not null"}
leads:
  - {step: s, rule: r, subject: who, title: t}
)",
                                   "t.yaml");
    EXPECT_TRUE(s.ok()) << s.error().message();
    return s.value();
  }();
  std::vector<ColumnSample> columns = {
      {"A", {"吊销", "注销", "正常", "吊销", "正常", "正常"}},
      {"B", {"浙A12345", "浙AD12345", "沪B9876X", "浙A88888", "浙A7777S", "浙A6666G"}},
      {"C", {"85.3mg/100ml", "120mg/100ml", "未检出", "0.95mg/ml", "79.9mg/100ml", "200mg/100ml"}},
      {"D",
       {"13812341234", "0571-88886666", "13900001111", "13700002222", "15800003333",
        "18600004444"}},
      {"E", {"张伟", "王芳", "李娜", "刘洋", "陈静", "阿卜杜拉·买买提"}},
  };
  const auto s = suggest_fields(spec.inputs[0], columns);
  const auto got = mapping(s, columns);
  EXPECT_EQ(got.at("who"), "E");
  EXPECT_EQ(got.at("tel"), "D");
  EXPECT_EQ(got.at("car"), "B");
  EXPECT_EQ(got.at("bac"), "C") << "a text field labelled 血液酒精含量 is judged as BAC";
  EXPECT_EQ(got.at("status"), "") << "a text field has no content evidence";
}

TEST(MappingSuggestionTest, ValuesThatContradictTheHeaderLowerItsConfidence) {
  const model::Input& in = input_of("admin-penalty-enforcement", "penalties");
  std::vector<ColumnSample> right = {{"证件号码", {"11010119900307002X", "330106198506120031"}}};
  std::vector<ColumnSample> wrong = {{"证件号码", {"2023-01-31", "2023-02-01", "2023-03-01"}}};
  const auto ok = suggest_fields(in, right);
  const auto bad = suggest_fields(in, wrong);
  ASSERT_TRUE(field(ok, "party_id").suggestion);
  ASSERT_TRUE(field(bad, "party_id").suggestion);
  EXPECT_GT(field(ok, "party_id").suggestion->confidence, 0.9);
  EXPECT_LT(field(bad, "party_id").suggestion->confidence, kConfidentSuggestion);
  EXPECT_NE(field(bad, "party_id").suggestion->reason_zh.find("抽样值大多是日期"),
            std::string::npos)
      << field(bad, "party_id").suggestion->reason_zh;
}

TEST(MappingSuggestionTest, TwoFieldsShareAColumnOnlyWhenNothingElseFits) {
  const model::Input& in = input_of("admin-penalty-enforcement", "penalties");
  // One id column, one number column: party_id takes the id column; nothing else competes.
  auto s = suggest_fields(in, headers_only({"决定书文号", "文号"}));
  EXPECT_EQ(mapping(s, headers_only({"决定书文号", "文号"})).at("decision_no"), "决定书文号");
  for (const auto& f : s) {
    if (f.field != "decision_no" && f.suggestion) {
      EXPECT_NE(f.suggestion->column, 0u) << f.field;
    }
  }
  // Two date fields of one input and a single date column: the second shares it, marked.
  auto spec = model::load_spec_text(R"(id: t
version: 1.0.0
name: t
legal_basis: [x]
inputs:
  a:
    fields:
      d1: {element: date, label: 决定日期}
      d2: {element: date, label: 缴款日期, required: false}
steps:
  - {id: s, kind: filter, from: a, where: "d1 is not null"}
leads:
  - {step: s, rule: r, subject: d1, title: t}
)",
                                    "t.yaml");
  ASSERT_TRUE(spec.ok()) << spec.error().message();
  const std::vector<ColumnSample> one = {{"日期", {"2023-01-31", "2023-02-01"}}};
  s = suggest_fields(spec->inputs[0], one);
  ASSERT_TRUE(field(s, "d1").suggestion);
  ASSERT_TRUE(field(s, "d2").suggestion);
  EXPECT_FALSE(field(s, "d1").shared);
  EXPECT_TRUE(field(s, "d2").shared);
  EXPECT_NE(field(s, "d2").suggestion->reason_zh.find("没有其他合适的列"), std::string::npos);
  // With a second date column, each gets its own.
  const std::vector<ColumnSample> two = {{"日期", {"2023-01-31"}}, {"缴纳日期", {"2023-02-01"}}};
  s = suggest_fields(spec->inputs[0], two);
  EXPECT_EQ(mapping(s, two).at("d2"), "缴纳日期");
  EXPECT_EQ(mapping(s, two).at("d1"), "日期");
  EXPECT_FALSE(field(s, "d2").shared);
}

TEST(MappingSuggestionTest, SuggestMappingReadsTheDatasetsOfAWorkspace) {
  testing::TempDir dir;
  auto ws = store::Workspace::create(dir / "ws").value();
  std::ofstream(dir / "p.csv")
      << "序号,当事人名称,证件号码,处罚决定书文号,罚款金额（元）,决定日期\n"
         "1,张三,11010119900307002X,杭西环罚〔2023〕3号,5000,2023-01-31\n"
         "2,李四,330106198506120031,杭西环罚〔2023〕4号,伍仟元整,2023-02-01\n";
  ingest::ImportRequest req;
  req.file = dir / "p.csv";
  req.dataset = "本地处罚台账";
  ASSERT_TRUE(ingest::import_file(*ws, req).ok());
  const model::ModelSpec& spec = spec_of("admin-penalty-enforcement");
  auto s = suggest_mapping(*ws, spec, {{"penalties", "本地处罚台账", std::nullopt}});
  ASSERT_TRUE(s.ok()) << s.error().message();
  ASSERT_EQ(s->size(), 3u);
  ASSERT_TRUE((*s)[0].version);
  EXPECT_FALSE((*s)[1].version) << "payments has no dataset";
  const nlohmann::json j = suggestion_json((*s)[0]);
  EXPECT_EQ(j["dataset"], "本地处罚台账");
  EXPECT_EQ(j["fields"][2]["name"], "party_id");
  EXPECT_EQ(j["fields"][2]["column"], "证件号码");
  EXPECT_GT(j["fields"][2]["confidence"].get<double>(), 0.9);
  EXPECT_EQ(j["fields"][5]["column"], nullptr);  // agency
  auto bad = suggest_mapping(*ws, spec, {{"penalty", "本地处罚台账", std::nullopt}});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code(), "bind.unknown_input");
  auto missing = suggest_mapping(*ws, spec, {{"penalties", "没有", std::nullopt}});
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code(), "dataset.not_found");
}

TEST(HeaderDictionaryTest, WordsAreStoredAsKeys) {
  for (const ElementVocabulary& v : header_dictionary()) {
    for (std::string_view w : v.words) EXPECT_EQ(header_key(w), w);
    for (const HeaderConcept& c : v.concepts) {
      EXPECT_EQ(header_key(c.name), c.name);
      for (std::string_view w : c.words) EXPECT_EQ(header_key(w), w) << c.name;
      EXPECT_NE(std::find(c.words.begin(), c.words.end(), c.name), c.words.end()) << c.name;
    }
  }
}

TEST(HeaderDictionaryTest, HeaderKeysFoldWidthSpacesCaseAndUnits) {
  EXPECT_EQ(header_key(" 罚款金额（元） "), "罚款金额");
  EXPECT_EQ(header_key("金额(万元)"), "金额");
  EXPECT_EQ(header_key("血液酒精含量(mg/100ml)"), "血液酒精含量");
  EXPECT_EQ(header_key("县（市、区）"), "县(市、区)");
  EXPECT_EQ(header_key("身份证 号码"), "身份证号码");
  EXPECT_EQ(header_key("ID_Number"), "id_number");
  EXPECT_TRUE(is_element_word(normalize::Element::party_id, "统一社会信用代码"));
  EXPECT_TRUE(is_element_word(normalize::Element::id_number, "身份证明号码"));
  EXPECT_FALSE(is_element_word(normalize::Element::date, "身份证号"));
}

TEST(ColumnContentTest, SerialNumbersAndDominantElements) {
  EXPECT_TRUE(is_serial(std::vector<std::string>{"1", "2", "3", "4"}));
  EXPECT_FALSE(is_serial(std::vector<std::string>{"1", "3", "4"}));
  EXPECT_FALSE(is_serial(std::vector<std::string>{"1", "2"}));
  EXPECT_EQ(dominant_element(std::vector<std::string>{"11010119900307002X", "330106198506120031"}),
            normalize::Element::id_number);
  EXPECT_EQ(dominant_element(std::vector<std::string>{"12", "5000"}), std::nullopt);
  // Short numbers are not dates (they would pass as Excel serials).
  EXPECT_EQ(content_fit(normalize::Element::date, std::vector<std::string>{"12", "45000"}).share(),
            0.0);
  EXPECT_TRUE(compatible(normalize::Element::party_id, normalize::Element::uscc));
  EXPECT_FALSE(compatible(normalize::Element::date, normalize::Element::id_number));
}

}  // namespace
}  // namespace shanhai::engine
