// The link step in the engine: pairs found by fuzzy identity linkage, with both rows' lineage,
// the link columns, and the explanation kept for the lead evidence.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>

#include "engine/columns.h"
#include "engine/executor.h"
#include "engine/input_column.h"
#include "engine/link_step.h"
#include "model/spec_loader.h"
#include "model/spec_validator.h"
#include "support/sqlite_oracle.h"

namespace shanhai::engine {
namespace {

const std::string kSpec = R"(id: link-test
version: 1.0.0
name: 关联
legal_basis: [x]
inputs:
  deaths:
    label: 死亡人员登记
    fields:
      name: {element: person_name}
      id_number: {element: id_number}
  payments:
    label: 养老金发放明细
    fields:
      name: {element: person_name}
      id_number: {element: id_number}
steps:
  - id: same_person
    kind: link
    from: deaths
    with: payments
    compare:
      - {field: id, kind: id_number, left: id_number, right: id_number, label: 身份证号}
      - {field: name, kind: person_name, left: name, right: name, label: 姓名}
    blocking:
      - [{field: id, part: region_birth}]
      - [{field: name, part: pinyin}]
    KEEP
leads:
  - step: same_person
    rule: linked
    subject: id_number
    title: "{name}"
    evidence: [deaths, payments]
)";

Column cells(normalize::Element e, const std::vector<std::string>& values) {
  return normalise_cells(e, values.size(), [&](size_t i) { return std::string_view(values[i]); });
}

Table people(uint32_t input, const std::vector<std::string>& names,
             const std::vector<std::string>& ids) {
  Table t;
  t.columns.push_back(
      {"name", std::make_shared<const Column>(cells(normalize::Element::person_name, names))});
  t.columns.push_back(
      {"id_number", std::make_shared<const Column>(cells(normalize::Element::id_number, ids))});
  t.lineage = Lineage::identity(input, names.size());
  return t;
}

// Deaths, and payments to the same people spelt as two registers spell them, plus other people.
std::map<std::string, Table> inputs() {
  std::map<std::string, Table> in;
  in["deaths"] = people(0, {"热孜亚·吾斯曼", "张秀英", "买买提·艾力", "孙德胜", "王建国", "刘志强"},
                        {"650103195107082463", "650102194802153621", "650104194909214159",
                         "650104195303032857", "650102194503121232", "650103195001176314"});
  in["payments"] =
      people(1,
             {"热孜亚•吾斯曼", "章秀英", "买买提·艾力", "孙德胜", "王建国", "王建国", "刘志强",
              "陈淑珍", "阿依古丽·买买提", "周凤兰", "赵玉梅", "李桂兰"},
             {"650103195107082483",  // one digit mistyped (17th), name separator • for ·
              "650102194802156321",  // 15th and 16th swapped, homophone 章 for 张
              "650104194909211459",  // 15th and 16th swapped
              "650104199303032857",  // 9th mistyped
              "650102194503121232",  // equal
              "650104195801018513",  // a living namesake: another person
              "650103195001176314", "650102195505059625", "650103195606121746",
              "650102195409093962", "650104194708307420", "650102520406528"});
  return in;
}

struct Linked {
  model::ModelSpec spec;
  model::ValidatedSpec validated;
  std::map<std::string, Table> tables;
};

Linked run(const std::string& keep, const LinkDecisions* decisions = nullptr,
           std::map<std::string, Table> in = inputs()) {
  Linked l;
  std::string text = kSpec;
  text.replace(text.find("KEEP"), 4, keep);
  auto spec = model::load_spec_text(text, "model.yaml");
  EXPECT_TRUE(spec.ok()) << spec.error().message();
  l.spec = std::move(spec.value());
  auto v = model::validate_spec(l.spec);
  EXPECT_TRUE(v.ok()) << v.error().message();
  l.validated = std::move(v.value());
  auto out = execute(l.spec, l.validated, std::move(in), Parameters{},
                     {.threads = 2, .link_decisions = decisions});
  EXPECT_TRUE(out.ok()) << out.error().message();
  if (out.ok()) l.tables = std::move(out.value());
  return l;
}

TEST(LinkStepTest, LinksTyposTranspositionsAndNameVariantsButNotANamesake) {
  const Linked l = run("match_threshold: 0.75");
  const Table& t = l.tables.at("same_person");
  ASSERT_NE(t.links, nullptr);
  ASSERT_EQ(t.links->size(), t.rows());
  std::vector<std::pair<uint32_t, uint32_t>> pairs;
  for (size_t r = 0; r < t.rows(); ++r) {
    const auto refs = t.lineage.of(r);
    ASSERT_EQ(refs.size(), 2u);
    pairs.emplace_back(refs[0].row, refs[1].row);
  }
  const std::vector<std::pair<uint32_t, uint32_t>> expected = {{0, 0}, {1, 1}, {2, 2},
                                                               {3, 3}, {4, 4}, {5, 6}};
  EXPECT_EQ(pairs, expected);
}

TEST(LinkStepTest, ColumnsSayHowLikelyAndWhy) {
  const Linked l = run("match_threshold: 0.75");
  const Table& t = l.tables.at("same_person");
  ASSERT_EQ(t.rows(), 6u);
  const Column* probability = t.find("link_probability");
  const Column* cls = t.find("link_class");
  const Column* why = t.find("link_explanation");
  ASSERT_NE(probability, nullptr);
  ASSERT_NE(t.find("payments.name"), nullptr);
  for (size_t r = 0; r < t.rows(); ++r) {
    EXPECT_GE(probability->values[r], 750'000) << r;  // decimal × 10^6
    EXPECT_EQ(cls->texts.at(r), "match");
    EXPECT_EQ(why->texts.at(r).rfind("匹配（概率", 0), 0u) << why->texts.at(r);
  }
  // 热孜亚: one digit mistyped; the detail names the field, level and weight.
  const LinkPairDetail& d = (*t.links)[0];
  EXPECT_EQ(d.step, "same_person");
  EXPECT_EQ(d.left, (std::vector<RowRef>{{0, 0}}));
  EXPECT_EQ(d.right, (std::vector<RowRef>{{1, 0}}));
  ASSERT_EQ(d.fields.size(), 2u);
  EXPECT_EQ(d.fields[0].field, "id");
  EXPECT_EQ(d.fields[0].label, "身份证号");
  EXPECT_EQ(d.fields[0].level, "one_typo");
  EXPECT_EQ(d.fields[0].text, "身份证号仅第17位不同");
  EXPECT_GT(d.fields[0].weight, 0);
  EXPECT_NEAR(d.prior_weight + d.fields[0].weight + d.fields[1].weight, d.weight, 1e-5);
  // 张秀英 / 章秀英: homophone.
  EXPECT_EQ((*t.links)[1].fields[1].level, "pinyin");
}

TEST(LinkStepTest, KeepPossibleAddsLowerPairsAsPossible) {
  const Linked l = run("match_threshold: 0.9\n    possible_threshold: 0.5\n    keep: possible");
  const Table& t = l.tables.at("same_person");
  const Column* cls = t.find("link_class");
  size_t possible = 0;
  for (size_t r = 0; r < t.rows(); ++r) possible += cls->texts.at(r) == "possible" ? 1 : 0;
  EXPECT_EQ(t.rows(), 6u);
  EXPECT_GT(possible, 0u);
}

// ---- remembered decisions ------------------------------------------------------------------

const char* kKeepPossible = "match_threshold: 0.9\n    possible_threshold: 0.5\n    keep: possible";
const char* kKeepMatches = "match_threshold: 0.9\n    possible_threshold: 0.5";

// The pair keys of a link step's pairs, by class.
std::map<std::string, std::string> keys_by_class(const Table& t) {
  std::map<std::string, std::string> out;
  for (const LinkPairDetail& d : *t.links) out[d.pair_key] = d.match_class;
  return out;
}

const LinkPairDetail* pair_with_key(const Table& t, const std::string& key) {
  for (const LinkPairDetail& d : *t.links) {
    if (d.pair_key == key) return &d;
  }
  return nullptr;
}

std::string first_possible(const Table& t) {
  for (const LinkPairDetail& d : *t.links) {
    if (d.match_class == "possible") return d.pair_key;
  }
  return "";
}

// No decisions, with a workspace's salt.
LinkDecisions salted() {
  LinkDecisions d;
  d.key_salt = "0123456789abcdef0123456789abcdef";
  return d;
}

LinkDecisions one_decision(const std::string& key, const std::string& decision) {
  LinkDecisions d = salted();
  d.by_step["same_person"][key] = {decision, "张检察官", "C", "2024-07-01T08:00:00Z",
                                   decision == "reject" ? "出生日期不同，非同一人" : ""};
  return d;
}

TEST(LinkStepTest, PairKeysHashTheComparedValuesNotTheRowNumbers) {
  const LinkDecisions salt = salted();
  const Linked l = run(kKeepPossible, &salt);
  const Table& t = l.tables.at("same_person");
  ASSERT_GT(t.rows(), 0u);
  for (const LinkPairDetail& d : *t.links) {
    EXPECT_EQ(d.pair_key.size(), 33u) << d.pair_key;
    EXPECT_EQ(d.pair_key[16], '-');
  }
  // The same records in reverse order: the same keys, and the same class for each.
  std::map<std::string, Table> reversed = inputs();
  for (auto& [name, table] : reversed) {
    std::vector<uint32_t> rows;
    for (size_t r = table.rows(); r > 0; --r) rows.push_back(static_cast<uint32_t>(r - 1));
    Table out;
    for (const NamedColumn& c : table.columns) {
      out.columns.push_back({c.name, std::make_shared<const Column>(gather(*c.column, rows))});
    }
    out.lineage = Lineage::identity(name == "deaths" ? 0 : 1, rows.size());
    table = std::move(out);
  }
  const Linked r = run(kKeepPossible, &salt, std::move(reversed));
  EXPECT_EQ(keys_by_class(r.tables.at("same_person")), keys_by_class(t));
  // Another workspace's salt gives other keys.
  const Linked unsalted = run(kKeepPossible);
  EXPECT_NE(keys_by_class(unsalted.tables.at("same_person")), keys_by_class(t));
  // Deduplicating: the key does not depend on which side comes first.
  EXPECT_EQ(link_pair_key("b", "a", true), "a-b");
  EXPECT_EQ(link_pair_key("b", "a", false), "b-a");
  EXPECT_EQ(link_side_key({"650102194503121232", "王建国"}, "s"),
            link_side_key({"650102194503121232", "王建国"}, "s"));
  EXPECT_NE(link_side_key({"6501021945031212", "32王建国"}, "s"),
            link_side_key({"650102194503121232", "王建国"}, "s"));
}

TEST(LinkStepTest, AConfirmedPossibleMatchIsAMatchSayingWhoConfirmedIt) {
  const LinkDecisions none = salted();
  const Linked before = run(kKeepPossible, &none);
  const std::string key = first_possible(before.tables.at("same_person"));
  ASSERT_FALSE(key.empty()) << "the test data has a possible match";
  const LinkDecisions confirmed = one_decision(key, "confirm");
  const Linked after = run(kKeepPossible, &confirmed);
  const Table& t = after.tables.at("same_person");
  EXPECT_EQ(t.rows(), before.tables.at("same_person").rows());
  const LinkPairDetail* d = pair_with_key(t, key);
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->match_class, "match");
  EXPECT_EQ(d->model_class, "possible");
  ASSERT_TRUE(d->confirmed.has_value());
  EXPECT_EQ(d->confirmed->user, "张检察官");
  EXPECT_EQ(
      d->explanation.rfind("经人工确认为同一人（张检察官，2024-07-01）；模型判断：可能匹配", 0), 0u)
      << d->explanation;
  // The link_class column says so too.
  const Column* cls = t.find("link_class");
  for (size_t r = 0; r < t.rows(); ++r) {
    if ((*t.links)[r].pair_key == key) {
      EXPECT_EQ(cls->texts.at(r), "match");
    }
  }
}

TEST(LinkStepTest, AConfirmedPairIsKeptEvenBelowTheKeepThreshold) {
  const LinkDecisions none = salted();
  const std::string key = first_possible(run(kKeepPossible, &none).tables.at("same_person"));
  ASSERT_FALSE(key.empty());
  // Matches only: the possible match is not kept ...
  const Linked plain = run(kKeepMatches, &none);
  EXPECT_EQ(pair_with_key(plain.tables.at("same_person"), key), nullptr);
  // ... unless a person confirmed it.
  const LinkDecisions confirmed = one_decision(key, "confirm");
  const Linked l = run(kKeepMatches, &confirmed);
  const Table& t = l.tables.at("same_person");
  EXPECT_EQ(t.rows(), plain.tables.at("same_person").rows() + 1);
  const LinkPairDetail* d = pair_with_key(t, key);
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->match_class, "match");
  EXPECT_EQ(d->model_class, "possible");
}

TEST(LinkStepTest, ARejectedPairIsDropped) {
  const LinkDecisions none = salted();
  const Linked before = run(kKeepPossible, &none);
  const std::string key = first_possible(before.tables.at("same_person"));
  ASSERT_FALSE(key.empty());
  const LinkDecisions rejected = one_decision(key, "reject");
  const Linked after = run(kKeepPossible, &rejected);
  const Table& t = after.tables.at("same_person");
  EXPECT_EQ(pair_with_key(t, key), nullptr);
  EXPECT_EQ(t.rows(), before.tables.at("same_person").rows() - 1);
  EXPECT_EQ(t.links->size(), t.rows());
}

TEST(LinkStepTest, SameDataSameResultOnAnyNumberOfThreads) {
  const Linked a = run("match_threshold: 0.75");
  auto one = execute(a.spec, a.validated, inputs(), Parameters{}, {.threads = 1});
  ASSERT_TRUE(one.ok());
  const Table& x = a.tables.at("same_person");
  const Table& y = one.value().at("same_person");
  ASSERT_EQ(x.rows(), y.rows());
  for (size_t r = 0; r < x.rows(); ++r) {
    EXPECT_EQ(x.find("link_weight")->values[r], y.find("link_weight")->values[r]);
  }
}

// The SQL oracle reads a link step's pairs from the engine and compares every step downstream.
// De-duplication: one register against itself; its matches join records into people.
const std::string kDedupeSpec = R"(id: dedupe-test
version: 1.0.0
name: 查重
legal_basis: [x]
inputs:
  register:
    label: 登记
    fields:
      name: {element: person_name}
      id_number: {element: id_number}
steps:
  - id: duplicates
    kind: link
    from: register
    compare:
      - {field: id, kind: id_number, left: id_number, right: id_number, label: 身份证号}
      - {field: name, kind: person_name, left: name, right: name, label: 姓名}
    blocking:
      - [{field: id, part: region_birth}]
      - [{field: name, part: pinyin}]
    match_threshold: 0.5
  - id: people
    kind: aggregate
    from: duplicates
    group_by: [link_cluster]
    measures:
      records: max(link_cluster_size)
leads:
  - step: people
    rule: duplicated
    subject: link_cluster
    title: "{records}"
    evidence: [register]
)";

TEST(LinkStepTest, DeduplicationNumbersThePeopleItsMatchesJoin) {
  auto spec = model::load_spec_text(kDedupeSpec, "model.yaml");
  ASSERT_TRUE(spec.ok()) << spec.error().message();
  auto v = model::validate_spec(spec.value());
  ASSERT_TRUE(v.ok()) << v.error().message();
  std::map<std::string, Table> in;
  // Rows 0, 1, 2: one man written three ways (an id typo, a homophone); rows 4 and 6: one woman;
  // the rest: other people.
  in["register"] = people(0,
                          {"王建国", "王建国", "汪建国", "陈淑珍", "阿依古丽·买买提", "周凤兰",
                           "阿依古丽•买买提", "赵玉梅", "李桂兰", "孙德胜"},
                          {"650102194503121232", "650102194503121262", "650102194503121232",
                           "650102195505059625", "650103195606121746", "650102195409093962",
                           "650103195606121746", "650104194708307420", "650102195204065282",
                           "650104195303032857"});
  auto out = execute(spec.value(), v.value(), std::move(in), Parameters{}, {.threads = 2});
  ASSERT_TRUE(out.ok()) << out.error().message();
  const Table& t = out->at("duplicates");
  const Column* cluster = t.find("link_cluster");
  const Column* size = t.find("link_cluster_size");
  const Column* cls = t.find("link_class");
  ASSERT_NE(cluster, nullptr);
  ASSERT_NE(size, nullptr);
  ASSERT_GE(t.rows(), 3u);
  std::map<uint32_t, int64_t> cluster_of_row;  // register row → its cluster number
  for (size_t r = 0; r < t.rows(); ++r) {
    ASSERT_EQ(cls->texts.at(r), "match") << r;
    ASSERT_FALSE(cluster->is_null(r));
    const LinkPairDetail& d = (*t.links)[r];
    for (const RowRef& ref : {d.left.at(0), d.right.at(0)}) {
      const auto [it, added] = cluster_of_row.emplace(ref.row, cluster->values[r]);
      EXPECT_EQ(it->second, cluster->values[r]) << "row " << ref.row << " in two clusters";
    }
  }
  // The man's three records are person 1 (three records), the woman's two person 2.
  EXPECT_EQ(cluster_of_row.at(0), 1);
  EXPECT_EQ(cluster_of_row.at(1), 1);
  EXPECT_EQ(cluster_of_row.at(2), 1);
  EXPECT_EQ(cluster_of_row.at(4), 2);
  EXPECT_EQ(cluster_of_row.at(6), 2);
  EXPECT_EQ(cluster_of_row.size(), 5u);
  for (size_t r = 0; r < t.rows(); ++r) {
    EXPECT_EQ(size->values[r], cluster->values[r] == 1 ? 3 : 2) << r;
  }
  // Downstream, one row per person.
  const Table& persons = out->at("people");
  ASSERT_EQ(persons.rows(), 2u);
}

TEST(LinkStepTest, PensionModelAgreesWithSqlDownstreamOfTheLink) {
  auto spec = model::load_spec_file(std::filesystem::path(SHANHAI_SOURCE_DIR) /
                                    "models/pension-after-death/model.yaml");
  ASSERT_TRUE(spec.ok()) << spec.error().message();
  auto v = model::validate_spec(spec.value());
  ASSERT_TRUE(v.ok()) << v.error().message();
  std::map<std::string, Table> in = inputs();
  const std::vector<std::string> deaths_dates = {"2023-01-20", "2023-04-02", "2023-05-10",
                                                 "2023-07-12", "2023-03-15", "2023-06-30"};
  in["deaths"].columns.push_back({"death_date", std::make_shared<const Column>(cells(
                                                    normalize::Element::date, deaths_dates))});
  // Every payee paid in 2023-07 and 2023-09.
  Table p = in["payments"];
  const size_t n = p.rows();
  Table payments;
  std::vector<uint32_t> rows;
  for (size_t r = 0; r < 2 * n; ++r) rows.push_back(static_cast<uint32_t>(r % n));
  for (const NamedColumn& c : p.columns) {
    std::vector<std::string> texts;
    for (uint32_t r : rows) texts.push_back(format_cell(*c.column, r));
    const auto e =
        c.name == "name" ? normalize::Element::person_name : normalize::Element::id_number;
    payments.columns.push_back({c.name, std::make_shared<const Column>(cells(e, texts))});
  }
  std::vector<std::string> months, amounts;
  for (size_t r = 0; r < 2 * n; ++r) {
    months.push_back(r < n ? "2023-07" : "2023年9月");
    amounts.push_back("2,870.00");
  }
  payments.columns.push_back(
      {"month", std::make_shared<const Column>(cells(normalize::Element::date, months))});
  payments.columns.push_back(
      {"amount", std::make_shared<const Column>(cells(normalize::Element::money, amounts))});
  payments.lineage = Lineage::identity(1, 2 * n);
  in["payments"] = std::move(payments);
  shanhai::testing::OracleStats stats;
  const std::string report = shanhai::testing::compare_engine_with_sql(spec.value(), v.value(), in,
                                                                       Parameters{}, &stats, 2);
  EXPECT_EQ(report, "");
  EXPECT_EQ(stats.non_empty_by_kind["link"], 1u);
  EXPECT_EQ(stats.non_empty_by_kind["aggregate"], 1u);
  auto out = execute(spec.value(), v.value(), in, Parameters{}, {});
  ASSERT_TRUE(out.ok());
  // Paid in 2023-09, two months or more after every death; 2023-07 only after four of them.
  EXPECT_EQ(out.value().at("people").rows(), 6u);
}

}  // namespace
}  // namespace shanhai::engine
