#include "model/spec_diff.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "model/spec_loader.h"

namespace shanhai::model {
namespace {

std::string builtin_spec() {
  std::ifstream in(std::string(SHANHAI_SOURCE_DIR) +
                   "/models/admin-penalty-enforcement/model.yaml");
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

ModelSpec load(const std::string& text) {
  auto spec = load_spec_text(text, "model.yaml");
  EXPECT_TRUE(spec.ok()) << spec.error().message();
  return spec.value();
}

void replace(std::string& text, const std::string& from, const std::string& to) {
  const size_t at = text.find(from);
  ASSERT_NE(at, std::string::npos) << from;
  text.replace(at, from.size(), to);
}

const SpecChange* find(const std::vector<SpecChange>& changes, const std::string& area,
                       const std::string& subject, const std::string& aspect = "") {
  for (const SpecChange& c : changes) {
    if (c.area == area && c.subject == subject && c.aspect == aspect) return &c;
  }
  return nullptr;
}

TEST(SpecDiffTest, EqualSpecsHaveNoChanges) {
  const ModelSpec spec = load(builtin_spec());
  EXPECT_TRUE(diff_specs(spec, spec).empty());
}

TEST(SpecDiffTest, EveryKindOfChangeIsListedWithAChineseSentence) {
  const std::string before = builtin_spec();
  std::string after = before;
  replace(after, "version: 1.1.0", "version: 1.2.0");
  replace(after, "  - 《中华人民共和国行政诉讼法》第四十六条\n",
          "  - 《中华人民共和国行政诉讼法》第四十六条\n  - 《人民检察院行政诉讼监督规则》\n");
  replace(after, "as_of: {type: date, default: today, label: 截止日期}",
          "as_of: {type: date, default: today, label: 统计截止日期}\n"
          "  months: {type: integer, default: 9, label: 期限（月）}");
  replace(after, "      agency: {element: org_name, label: 执法机关, required: false}\n",
          "      agency: {element: org_name, label: 执法机关, required: true}\n"
          "      note: {element: text, label: 备注, required: false}\n");
  replace(after, "      paid_date: {element: date, label: 缴款日期}\n", "");
  replace(after, "where: \"$as_of > decision_date + 9 months\"",
          "where: \"$as_of > decision_date + 10 months\"");
  replace(after, "category: 行政非诉执行监督\n", "category: 行政非诉执行监督（罚款）\n");
  after +=
      "  - step: unpaid\n    rule: unpaid\n    subject: decision_no\n"
      "    title: \"{decision_no}逾期未缴纳\"\n    evidence: [penalties]\n";
  const auto changes = diff_specs(load(before), load(after));

  const SpecChange* version = find(changes, "metadata", "version", "version");
  ASSERT_NE(version, nullptr);
  EXPECT_EQ(version->before, "1.1.0");
  EXPECT_EQ(version->after, "1.2.0");
  EXPECT_EQ(version->zh, "模型的版本由“1.1.0”改为“1.2.0”");
  const SpecChange* basis = find(changes, "metadata", "legal_basis");
  ASSERT_NE(basis, nullptr);
  EXPECT_EQ(basis->change, "added");
  EXPECT_EQ(basis->zh, "新增法律依据“《人民检察院行政诉讼监督规则》”");

  const SpecChange* label = find(changes, "parameter", "as_of", "label");
  ASSERT_NE(label, nullptr);
  EXPECT_EQ(label->zh, "参数 as_of 的名称由“截止日期”改为“统计截止日期”");
  const SpecChange* months = find(changes, "parameter", "months");
  ASSERT_NE(months, nullptr);
  EXPECT_EQ(months->change, "added");
  EXPECT_NE(months->zh.find("默认 9"), std::string::npos) << months->zh;

  const SpecChange* note = find(changes, "field", "penalties.note");
  ASSERT_NE(note, nullptr);
  EXPECT_EQ(note->change, "added");
  EXPECT_EQ(note->zh, "输入 penalties 新增字段 note（备注，要素 text，可选）");
  const SpecChange* paid = find(changes, "field", "payments.paid_date");
  ASSERT_NE(paid, nullptr);
  EXPECT_EQ(paid->change, "removed");
  const SpecChange* required = find(changes, "field", "penalties.agency", "required");
  ASSERT_NE(required, nullptr);
  EXPECT_EQ(required->before, "可选");
  EXPECT_EQ(required->after, "必填");

  const SpecChange* where = find(changes, "step", "overdue", "where");
  ASSERT_NE(where, nullptr);
  EXPECT_EQ(where->zh,
            "步骤 overdue 的条件由“$as_of > decision_date + 9 months”改为“$as_of > "
            "decision_date + 10 months”");
  const SpecChange* category = find(changes, "lead", "unpaid-and-not-enforced", "category");
  ASSERT_NE(category, nullptr);
  const SpecChange* rule = find(changes, "lead", "unpaid");
  ASSERT_NE(rule, nullptr);
  EXPECT_EQ(rule->change, "added");
  EXPECT_NE(rule->zh.find("新增线索规则 unpaid"), std::string::npos);

  // Nothing else: unchanged inputs, steps and leads are not listed.
  EXPECT_EQ(changes.size(), 10u) << spec_changes_json(changes).dump(2);
  // And the reverse diff mirrors it.
  const auto back = diff_specs(load(after), load(before));
  EXPECT_EQ(back.size(), changes.size());
  EXPECT_EQ(find(back, "field", "penalties.note")->change, "removed");
  EXPECT_EQ(find(back, "lead", "unpaid")->change, "removed");
}

TEST(SpecDiffTest, StepsAddedRemovedAndMatchKeysChanged) {
  const std::string before = builtin_spec();
  std::string after = before;
  replace(after, "      - on: {party_id: party_id}\n", "");
  replace(after, "  - id: unenforced\n",
          "  - id: paid_late\n    kind: filter\n    from: overdue\n"
          "    where: \"amount > 0\"\n  - id: unenforced\n");
  const auto changes = diff_specs(load(before), load(after));
  const SpecChange* match = find(changes, "step", "unenforced", "match_any");
  ASSERT_NE(match, nullptr);
  EXPECT_EQ(match->before, "{decision_no = decision_no} | {party_id = party_id}");
  EXPECT_EQ(match->after, "{decision_no = decision_no}");
  const SpecChange* added = find(changes, "step", "paid_late");
  ASSERT_NE(added, nullptr);
  EXPECT_EQ(added->zh, "新增步骤 paid_late（filter，来源 overdue，条件 amount > 0）");
  const nlohmann::json j = spec_changes_json(changes);
  ASSERT_EQ(j.size(), 2u);
  EXPECT_EQ(j[0]["description_zh"], match->zh);
}

}  // namespace
}  // namespace shanhai::model
