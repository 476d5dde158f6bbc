// Binding the built-in penalty model to the demo's real sample files, whose headers are Chinese
// and differ from the model's field names.
#include "engine/binding.h"

#include <gtest/gtest.h>

#include "ingest/importer.h"
#include "model/spec_loader.h"
#include "support/temp_dir.h"

namespace shanhai::engine {
namespace {

using shanhai::testing::TempDir;
namespace fs = std::filesystem;

const fs::path kSource = SHANHAI_SOURCE_DIR;

class BindingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ws_ = store::Workspace::create(dir_ / "ws").value();
    import("行政处罚决定", kSource / "samples" / "行政处罚决定台账.csv");
    import("缴款", kSource / "samples" / "罚款缴纳记录.xlsx");
    import("申请", kSource / "samples" / "法院强制执行申请.jsonl");
    spec_ = model::load_spec_file(kSource / "models" / "admin-penalty-enforcement" / "model.yaml")
                .value();
  }
  void import(const std::string& dataset, const fs::path& file) {
    ingest::ImportRequest req;
    req.file = file;
    req.dataset = dataset;
    ASSERT_TRUE(ingest::import_file(*ws_, req).ok());
  }
  std::vector<InputChoice> inputs() {
    return {parse_input_choice("penalties=行政处罚决定").value(),
            parse_input_choice("payments=缴款").value(),
            parse_input_choice("applications=申请").value()};
  }
  // Every mapping the sample files need beyond what labels find.
  std::vector<FieldChoice> maps() {
    std::vector<FieldChoice> out;
    for (const char* m :
         {"penalties.party_name=当事人", "payments.amount=缴款金额（元）",
          "applications.party_id=被申请人证件号码", "applications.filed_date=申请日期"}) {
      out.push_back(parse_field_choice(m).value());
    }
    return out;
  }

  TempDir dir_;
  std::unique_ptr<store::Workspace> ws_;
  model::ModelSpec spec_;
};

TEST_F(BindingTest, LabelsAndMappingsBindEveryField) {
  auto b = bind_model(*ws_, spec_, inputs(), maps());
  ASSERT_TRUE(b.ok()) << b.error().message();
  ASSERT_EQ(b.value().inputs.size(), 3u);
  const BoundInput& penalties = b.value().inputs[0];
  EXPECT_EQ(penalties.version.dataset, "行政处罚决定");
  // decision_no is labelled 决定书文号, the CSV's header: bound by label.
  EXPECT_EQ(penalties.fields[0].field, "decision_no");
  EXPECT_EQ(penalties.fields[0].how, "label");
  EXPECT_EQ(penalties.fields[0].column, 1u);
  EXPECT_EQ(penalties.fields[1].how, "mapped");
  // agency (执法机关) is optional and found by label too.
  EXPECT_EQ(penalties.fields[5].how, "label");
}

TEST_F(BindingTest, RequiredFieldWithoutColumnListsColumnsAndSuggests) {
  auto b = bind_model(*ws_, spec_, inputs(), {});
  ASSERT_FALSE(b.ok());
  EXPECT_EQ(b.error().code(), "bind.unbound_field");
  EXPECT_EQ(b.error().where().value, "payments.amount");
  EXPECT_NE(b.error().message().find("--map payments.amount=COLUMN"), std::string::npos)
      << b.error().message();
  EXPECT_NE(b.error().message().find("缴款金额（元）"), std::string::npos);
}

TEST_F(BindingTest, UnknownInputColumnAndFieldAreNamed) {
  auto in = inputs();
  in.push_back(parse_input_choice("payment=缴款").value());
  auto e1 = bind_model(*ws_, spec_, in, maps());
  EXPECT_EQ(e1.error().code(), "bind.unknown_input");
  EXPECT_NE(e1.error().message().find("did you mean \"payments\""), std::string::npos);

  auto m = maps();
  m.push_back(parse_field_choice("payments.amount=缴款金额").value());
  m.erase(m.begin() + 1);
  auto e2 = bind_model(*ws_, spec_, inputs(), m);
  EXPECT_EQ(e2.error().code(), "bind.unknown_column");
  EXPECT_NE(e2.error().message().find("缴款金额（元）"), std::string::npos);

  auto f = maps();
  f.push_back(parse_field_choice("payments.amout=缴款金额（元）").value());
  auto e3 = bind_model(*ws_, spec_, inputs(), f);
  EXPECT_EQ(e3.error().code(), "bind.unknown_field");
  EXPECT_NE(e3.error().message().find("did you mean \"amount\""), std::string::npos);
}

TEST_F(BindingTest, InputWithoutDatasetAndMissingVersion) {
  auto e = bind_model(*ws_, spec_, {parse_input_choice("penalties=行政处罚决定").value()}, {});
  EXPECT_EQ(e.error().code(), "bind.no_dataset");
  EXPECT_NE(e.error().message().find("--input payments=DATASET"), std::string::npos);
  auto v = inputs();
  v[0] = parse_input_choice("penalties=行政处罚决定@9").value();
  EXPECT_EQ(bind_model(*ws_, spec_, v, maps()).error().code(), "dataset.not_found");
}

TEST(ChoiceParsingTest, Options) {
  auto c = parse_input_choice("penalties=处罚决定@2");
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c.value().dataset, "处罚决定");
  EXPECT_EQ(c.value().version, 2);
  EXPECT_FALSE(parse_input_choice("penalties").ok());
  EXPECT_FALSE(parse_input_choice("p=d@x").ok());
  auto f = parse_field_choice("penalties.amount=罚款金额");
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(f.value().column, "罚款金额");
  EXPECT_FALSE(parse_field_choice("amount=罚款金额").ok());
  EXPECT_FALSE(parse_field_choice("p.=x").ok());
}

}  // namespace
}  // namespace shanhai::engine
