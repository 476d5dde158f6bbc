// Organisations (codes, duplicates, parents), pairings and how OrgGraph relates one organisation
// to another: own, descendant at any depth, ancestor, paired only within the pairing's period,
// unrelated, and data owned by no organisation ('').
#include "access/organisations.h"

#include <gtest/gtest.h>

#include "unit/access/access_fixture.h"

namespace shanhai::access {
namespace {

using testing::AccessFixture;

class OrganisationsTest : public AccessFixture {};

TEST_F(OrganisationsTest, AddsAndListsByCode) {
  auto p = add_organisation(ws(), "33", "浙江省人民检察院", "");
  ASSERT_TRUE(p.ok()) << p.error().message();
  EXPECT_EQ(p->parent, "");
  EXPECT_FALSE(p->created_at.empty());
  ASSERT_TRUE(add_organisation(ws(), "3301", "杭州市人民检察院", "33").ok());
  ASSERT_TRUE(add_organisation(ws(), "330122-a_B", "桐庐县人民检察院", "3301").ok());
  ASSERT_TRUE(add_organisation(ws(), "11", "北京市人民检察院", "").ok());
  auto all = list_organisations(ws());
  ASSERT_TRUE(all.ok());
  std::vector<std::string> codes;
  for (const auto& o : all.value()) codes.push_back(o.code);
  EXPECT_EQ(codes, (std::vector<std::string>{"11", "33", "3301", "330122-a_B"}));
  EXPECT_EQ(all->at(2).parent, "33");
  EXPECT_EQ(all->at(2).name, "杭州市人民检察院");
}

TEST_F(OrganisationsTest, RefusesInvalidCodesAndNames) {
  for (const std::string& code : {std::string(), std::string("33 01"), std::string("杭州"),
                                  std::string("a/b"), std::string(33, 'x')}) {
    SCOPED_TRACE(code);
    auto r = add_organisation(ws(), code, "某院", "");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code(), "org.invalid_code");
    EXPECT_FALSE(r.error().zh().empty());
    EXPECT_FALSE(r.error().en().empty());
  }
  EXPECT_TRUE(add_organisation(ws(), std::string(32, 'x'), "某院", "").ok());
  auto unnamed = add_organisation(ws(), "44", "", "");
  ASSERT_FALSE(unnamed.ok());
  EXPECT_EQ(unnamed.error().code(), "org.invalid_name");
}

TEST_F(OrganisationsTest, RefusesDuplicateCodeAndUnknownParent) {
  ASSERT_TRUE(add_organisation(ws(), "33", "浙江省人民检察院", "").ok());
  auto dup = add_organisation(ws(), "33", "另一个院", "");
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.error().code(), "org.exists");
  EXPECT_NE(dup.error().zh().find("33"), std::string::npos);
  auto orphan = add_organisation(ws(), "3301", "杭州市人民检察院", "99");
  ASSERT_FALSE(orphan.ok());
  EXPECT_EQ(orphan.error().code(), "org.unknown_parent");
  EXPECT_NE(orphan.error().zh().find("99"), std::string::npos);
  EXPECT_NE(orphan.error().en().find("99"), std::string::npos);
  // Nothing was written by the refused calls.
  auto all = list_organisations(ws());
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 1u);
  EXPECT_EQ(all->at(0).name, "浙江省人民检察院");
}

TEST_F(OrganisationsTest, PairingErrors) {
  ASSERT_TRUE(add_organisation(ws(), "A", "甲院", "").ok());
  ASSERT_TRUE(add_organisation(ws(), "B", "乙院", "").ok());
  auto same = add_pairing(ws(), "A", "A", "2026-01-01", "2026-12-31");
  ASSERT_FALSE(same.ok());
  EXPECT_EQ(same.error().code(), "pairing.same_org");
  for (auto [from, to] :
       {std::pair{"2026-12-31", "2026-01-01"}, std::pair{"2026-13-01", "2026-12-31"},
        std::pair{"2026/01/01", "2026-12-31"}, std::pair{"", "2026-12-31"}}) {
    SCOPED_TRACE(std::string(from) + " " + to);
    auto r = add_pairing(ws(), "A", "B", from, to);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code(), "pairing.invalid_period");
  }
  auto unknown = add_pairing(ws(), "A", "Z", "2026-01-01", "2026-12-31");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code(), "org.unknown");
  auto ok = add_pairing(ws(), "A", "B", "2026-01-01", "2026-01-01");
  ASSERT_TRUE(ok.ok()) << ok.error().message();
  auto all = list_pairings(ws());
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 1u);
  EXPECT_EQ(all->at(0).assisting, "A");
  EXPECT_EQ(all->at(0).assisted, "B");
  EXPECT_EQ(all->at(0).id, ok->id);
}

// P 省院 → C 市院 → X 县院; U and T top-level; C assists T in 2026-11; C assisted U in 2025.
class OrgGraphTest : public AccessFixture {
 protected:
  void SetUp() override {
    AccessFixture::SetUp();
    ASSERT_TRUE(add_organisation(ws(), "P", "省院", "").ok());
    ASSERT_TRUE(add_organisation(ws(), "C", "市院", "P").ok());
    ASSERT_TRUE(add_organisation(ws(), "X", "县院", "C").ok());
    ASSERT_TRUE(add_organisation(ws(), "U", "无关院", "").ok());
    ASSERT_TRUE(add_organisation(ws(), "T", "受援院", "").ok());
    ASSERT_TRUE(add_pairing(ws(), "C", "T", "2026-11-01", "2026-11-30").ok());
    ASSERT_TRUE(add_pairing(ws(), "C", "U", "2025-01-01", "2025-12-31").ok());
  }
  OrgGraph graph(const std::string& today) {
    auto g = OrgGraph::load(ws(), today);
    EXPECT_TRUE(g.ok());
    return std::move(g.value());
  }
};

TEST_F(OrgGraphTest, TreeRelations) {
  const OrgGraph g = graph("2026-11-23");
  EXPECT_EQ(g.relation("C", "C"), Relation::own);
  EXPECT_EQ(g.relation("C", "X"), Relation::descendant);
  EXPECT_EQ(g.relation("P", "X"), Relation::descendant);  // two levels down
  EXPECT_EQ(g.relation("P", "C"), Relation::descendant);
  EXPECT_EQ(g.relation("C", "P"), Relation::ancestor);
  EXPECT_EQ(g.relation("X", "P"), Relation::ancestor);  // two levels up
  EXPECT_EQ(g.relation("X", "C"), Relation::ancestor);
  EXPECT_EQ(g.relation("C", "U"), Relation::unrelated);
  EXPECT_EQ(g.relation("U", "X"), Relation::unrelated);
  EXPECT_EQ(g.relation("C", "nowhere"), Relation::unrelated);
  EXPECT_EQ(g.relation("nobody", "C"), Relation::unrelated);
  EXPECT_EQ(g.relation("nobody", "nobody"), Relation::unrelated);
  ASSERT_NE(g.find("X"), nullptr);
  EXPECT_EQ(g.find("X")->parent, "C");
  EXPECT_EQ(g.find("nowhere"), nullptr);
  EXPECT_EQ(g.all().size(), 5u);
  EXPECT_EQ(relation_name(Relation::descendant), "descendant");
  EXPECT_EQ(relation_name(Relation::paired), "paired");
}

TEST_F(OrgGraphTest, PairedOnlyWithinThePeriodAndOnlyForTheAssistingSide) {
  for (const std::string today : {"2026-11-01", "2026-11-23", "2026-11-30"}) {
    SCOPED_TRACE(today);
    const OrgGraph g = graph(today);
    EXPECT_EQ(g.relation("C", "T"), Relation::paired);
    EXPECT_EQ(g.relation("T", "C"), Relation::unrelated);  // the assisted side sees nothing
    EXPECT_EQ(g.relation("X", "T"), Relation::unrelated);  // only the assisting organisation
    EXPECT_EQ(g.relation("P", "T"), Relation::unrelated);
    EXPECT_EQ(g.assisted_by("C"), std::vector<std::string>{"T"});
  }
  for (const std::string today : {"2026-10-31", "2026-12-01"}) {
    SCOPED_TRACE(today);
    const OrgGraph g = graph(today);
    EXPECT_EQ(g.relation("C", "T"), Relation::unrelated);
    EXPECT_TRUE(g.assisted_by("C").empty());
  }
  // The 2025 pairing with U is over.
  EXPECT_EQ(graph("2026-11-23").relation("C", "U"), Relation::unrelated);
  EXPECT_EQ(graph("2025-06-01").relation("C", "U"), Relation::paired);
}

TEST_F(OrgGraphTest, DataOfNoOrganisation) {
  const OrgGraph g = graph("2026-11-23");
  // '' (the command line's) is below every top-level organisation and unrelated to the rest.
  EXPECT_EQ(g.relation("P", ""), Relation::descendant);
  EXPECT_EQ(g.relation("U", ""), Relation::descendant);
  EXPECT_EQ(g.relation("C", ""), Relation::unrelated);
  EXPECT_EQ(g.relation("X", ""), Relation::unrelated);
  EXPECT_EQ(g.relation("nobody", ""), Relation::unrelated);
}

}  // namespace
}  // namespace shanhai::access
