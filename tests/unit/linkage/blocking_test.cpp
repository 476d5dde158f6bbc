// Blocking: candidate pairs are the union of the rules, each pair once and attributed to the
// first rule that finds it; deduplication yields i < j only; oversized blocks are skipped and
// reported; records missing a key part have no key.

#include "linkage/blocking.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <bit>

#include "linkage_fixture.h"

namespace shanhai::linkage {
namespace {

using testing::Table;

LinkSpec people_spec() {
  LinkSpec s;
  s.comparisons = {
      {.field = "id", .kind = "id_number", .left_column = "id"},
      {.field = "name", .kind = "person_name", .left_column = "name"},
      {.field = "birth", .kind = "date", .left_column = "birth"},
      {.field = "phone", .kind = "exact", .left_column = "phone", .element = "phone"},
  };
  s.blocking = {{"id14", {{"id", "region_birth"}}},
                {"pinyin_birth", {{"name", "pinyin"}, {"birth", "value"}}},
                {"phone", {{"phone", "value"}}}};
  return s;
}

const Table kLeft({"id", "name", "birth", "phone"},
                  {
                      {"33010619850312423X", "张三", "1985-03-12", "13812345678"},  // 0
                      {"54040219920704052X", "扎西顿珠", "1992-07-04", ""},         // 1
                      {"", "王伟", "1990-01-01", "13900000000"},                    // 2
                      {"653201198801010012", "热孜亚·吾斯曼", "1988-01-01", ""},    // 3
                  });
const Table kRight({"id", "name", "birth", "phone"},
                   {
                       {"33010619850312423X", "章三", "1985-03-12", "13812345678"},  // 0: l0 by all
                       {"", "王炜", "1990-01-01", ""},             // 1: l2 by pinyin+birth
                       {"", "李四", "1970-05-05", "13900000000"},  // 2: l2 by phone only
                       {"65320119880101002X", "热孜亚吾斯曼", "1988-01-01", ""},  // 3: l3 id14
                       {"", "", "", ""},                                          // 4: nothing
                   });

std::vector<RowPair> sorted(std::vector<RowPair> v) {
  std::sort(v.begin(), v.end());
  return v;
}

TEST(Blocking, UnionOfRulesEachPairOnce) {
  auto plan = plan_link(people_spec(), kLeft.records().names(), kRight.records().names());
  ASSERT_TRUE(plan.ok()) << plan.error().message();
  const PreparedRecords records = PreparedRecords::prepare(*plan, kLeft, kRight);
  auto c = find_candidate_pairs(*plan, records);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(sorted(c->pairs), (std::vector<RowPair>{{0, 0}, {2, 1}, {2, 2}, {3, 3}}));
  // Attributed to the first rule: id14 finds (0,0) and (3,3); pinyin+birth finds them again and
  // adds (2,1); phone finds (0,0) again and adds (2,2).
  ASSERT_EQ(c->rules.size(), 3U);
  EXPECT_EQ(c->rules[0].new_pairs, 2U);
  EXPECT_EQ(c->rules[1].pairs, 3U);  // (0,0) 张三/章三, (2,1) 王伟/王炜, (3,3)
  EXPECT_EQ(c->rules[1].new_pairs, 1U);
  EXPECT_EQ(c->rules[2].pairs, 2U);
  EXPECT_EQ(c->rules[2].new_pairs, 1U);
  EXPECT_EQ(c->rules[0].keyed_left, 3U);  // row 2 has no id
  EXPECT_EQ(c->rules[0].keyed_right, 2U);
  // Which rules each pair shares a key under.
  for (size_t i = 0; i < c->size(); ++i) {
    const RowPair p = c->pairs[i];
    const uint16_t expected = p == RowPair{0, 0}   ? 0b111
                              : p == RowPair{2, 1} ? 0b010
                              : p == RowPair{2, 2} ? 0b100
                                                   : 0b011;
    EXPECT_EQ(c->agreeing_rules[i], expected) << p.left << "," << p.right;
  }
}

TEST(Blocking, DeduplicationYieldsEachUnorderedPairOnce) {
  const Table t({"id", "name", "birth", "phone"}, {
                                                      {"", "张三", "1985-03-12", "1"},
                                                      {"", "章三", "1985-03-12", "1"},
                                                      {"", "張三", "1985-03-12", ""},
                                                      {"", "李四", "1985-03-12", "1"},
                                                  });
  LinkSpec s = people_spec();
  s.comparisons[3].element = "text";
  auto plan = plan_deduplication(s, t.records().names());
  ASSERT_TRUE(plan.ok());
  const PreparedRecords records = PreparedRecords::prepare(*plan, t);
  auto c = find_candidate_pairs(*plan, records);
  ASSERT_TRUE(c.ok());
  // zhangsan+birth: {0,1,2}; phone "1": {0,1,3}.
  EXPECT_EQ(sorted(c->pairs), (std::vector<RowPair>{{0, 1}, {0, 2}, {0, 3}, {1, 2}, {1, 3}}));
  for (const RowPair& p : c->pairs) EXPECT_LT(p.left, p.right);
}

TEST(Blocking, OversizedBlocksAreSkippedAndReported) {
  std::vector<std::vector<std::string>> rows;
  for (int i = 0; i < 30; ++i) rows.push_back({"", "王伟", "", "13800000000"});
  rows.push_back({"", "张三", "", "13812345678"});
  rows.push_back({"", "张三", "", "13812345678"});
  const Table t({"id", "name", "birth", "phone"}, rows);
  LinkSpec s = people_spec();
  s.blocking = {{"phone", {{"phone", "value"}}}, {"name", {{"name", "value"}}}};
  s.max_block_pairs = 100;  // 30 records: 435 pairs
  auto plan = plan_deduplication(s, t.records().names());
  ASSERT_TRUE(plan.ok());
  const PreparedRecords records = PreparedRecords::prepare(*plan, t);
  auto c = find_candidate_pairs(*plan, records);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->pairs, (std::vector<RowPair>{{30, 31}}));
  ASSERT_EQ(c->rules[0].skipped_blocks, 1U);
  EXPECT_EQ(c->rules[0].skipped_pairs, 435U);
  ASSERT_EQ(c->rules[0].largest_skipped.size(), 1U);
  EXPECT_EQ(c->rules[0].largest_skipped[0].key, "phone.value=13800000000");
  EXPECT_EQ(c->rules[0].largest_skipped[0].left_rows, 30U);
  // The name rule's block of 王伟 is as large: skipped too, so the pair of 张三 is found once.
  EXPECT_EQ(c->rules[1].skipped_blocks, 1U);
  EXPECT_EQ(c->rules[1].largest_skipped[0].key, "name.value=王伟");
  EXPECT_EQ(c->rules[1].new_pairs, 0U);
}

// Records drawn from small pools of names (homophones among them), dates and phones, one phone
// shared by a hundred records on each side (its bucket is sorted the other way).
std::vector<std::vector<std::string>> pooled_rows(size_t n, uint32_t seed) {
  static const char* kNames[] = {"张三",          "章三",         "張三", "李四", "王伟", "王炜",
                                 "热孜亚·吾斯曼", "热孜亚吾斯曼", "扎西", "",     "李思", "赵六"};
  static const char* kBirths[] = {"1985-03-12", "1985-03-13", "1990-01-01", "1990-07-01",
                                  "",           "1972-12-31", "1985-11-02"};
  static const char* kPhones[] = {"13812345678", "13912345678", "", "13700000001", "13700000002"};
  std::vector<std::vector<std::string>> rows;
  uint32_t x = seed;
  auto next = [&x](uint32_t bound) {
    x = x * 1664525U + 1013904223U;
    return (x >> 8) % bound;
  };
  for (size_t i = 0; i < n; ++i) {
    const std::string phone = i % 3 == 0 ? "13800000000" : kPhones[next(5)];
    rows.push_back({"", kNames[next(12)], kBirths[next(7)], phone});
  }
  return rows;
}

// What find_candidate_pairs must give, worked out pair by pair from the readable keys.
struct Expected {
  std::vector<RowPair> pairs;
  std::vector<uint16_t> rules;
  std::vector<uint64_t> new_pairs;
};

Expected by_brute_force(const LinkPlan& plan, const PreparedRecords& records) {
  Expected e;
  e.new_pairs.assign(plan.blocking.size(), 0);
  for (uint32_t l = 0; l < records.left_rows(); ++l) {
    for (uint32_t r = records.dedupe() ? l + 1 : 0; r < records.right_rows(); ++r) {
      uint16_t mask = 0;
      for (size_t k = 0; k < plan.blocking.size(); ++k) {
        const std::string a = describe_blocking_key(plan, records, k, records.left_index(l));
        const std::string b = describe_blocking_key(plan, records, k, records.right_index(r));
        if (!a.empty() && a == b) mask |= uint16_t(1U << k);
      }
      if (mask == 0) continue;
      e.pairs.push_back({l, r});
      e.rules.push_back(mask);
      ++e.new_pairs[static_cast<size_t>(std::countr_zero(mask))];
    }
  }
  return e;
}

TEST(Blocking, EqualsBruteForceOrderedByLeftThenRightRow) {
  const Table left({"id", "name", "birth", "phone"}, pooled_rows(300, 7));
  const Table right({"id", "name", "birth", "phone"}, pooled_rows(250, 11));
  LinkSpec s = people_spec();
  s.blocking = {{"pinyin_birth", {{"name", "pinyin"}, {"birth", "value"}}},
                {"phone", {{"phone", "value"}}},
                {"name_year", {{"name", "value"}, {"birth", "year"}}}};
  for (const bool dedupe : {false, true}) {
    auto plan = dedupe ? plan_deduplication(s, left.records().names())
                       : plan_link(s, left.records().names(), right.records().names());
    ASSERT_TRUE(plan.ok());
    const PreparedRecords records = dedupe ? PreparedRecords::prepare(*plan, left)
                                           : PreparedRecords::prepare(*plan, left, right);
    const Expected e = by_brute_force(*plan, records);
    ASSERT_GT(e.pairs.size(), 4950U);  // the shared phone alone: 100 × 84, or 100 × 99 / 2
    for (const unsigned threads : {1U, 2U}) {
      LinkPlan p = *plan;
      p.threads = threads;
      auto c = find_candidate_pairs(p, records);
      ASSERT_TRUE(c.ok());
      EXPECT_EQ(c->pairs, e.pairs) << "dedupe " << dedupe << ", threads " << threads;
      EXPECT_EQ(c->agreeing_rules, e.rules);
      for (size_t k = 0; k < e.new_pairs.size(); ++k) {
        EXPECT_EQ(c->rules[k].new_pairs, e.new_pairs[k]) << k;
      }
    }
  }
}

TEST(Blocking, TooManyCandidatePairsIsAnError) {
  std::vector<std::vector<std::string>> rows;
  for (int i = 0; i < 20; ++i) rows.push_back({"", "王伟", "", ""});
  const Table t({"id", "name", "birth", "phone"}, rows);
  LinkSpec s = people_spec();
  s.blocking = {{"name", {{"name", "value"}}}};
  s.max_candidate_pairs = 100;  // 190 pairs
  auto plan = plan_deduplication(s, t.records().names());
  ASSERT_TRUE(plan.ok());
  auto c = find_candidate_pairs(*plan, PreparedRecords::prepare(*plan, t));
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.error().code(), "linkage.too_many_pairs");
  EXPECT_NE(c.error().zh().find("候选对超过上限"), std::string::npos);
  EXPECT_NE(c.error().en().find("too many candidate pairs"), std::string::npos);
}

TEST(Blocking, KeyParts) {
  auto plan = plan_link(people_spec(), kLeft.records().names(), kRight.records().names());
  ASSERT_TRUE(plan.ok());
  const PreparedRecords records = PreparedRecords::prepare(*plan, kLeft, kRight);
  EXPECT_EQ(describe_blocking_key(*plan, records, 0, 0), "id.region_birth=33010619850312");
  EXPECT_EQ(describe_blocking_key(*plan, records, 1, 3),
            "name.pinyin=reziyawusiman, birth.value=1988-01-01");
  EXPECT_EQ(describe_blocking_key(*plan, records, 0, 2), "");  // no id
}

TEST(Blocking, SameResultOnOneOrTwoThreads) {
  auto plan = plan_link(people_spec(), kLeft.records().names(), kRight.records().names());
  ASSERT_TRUE(plan.ok());
  LinkPlan one = *plan;
  one.threads = 1;
  LinkPlan two = *plan;
  two.threads = 2;
  const auto a = find_candidate_pairs(one, PreparedRecords::prepare(one, kLeft, kRight));
  const auto b = find_candidate_pairs(two, PreparedRecords::prepare(two, kLeft, kRight));
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->pairs, b->pairs);
  EXPECT_EQ(a->agreeing_rules, b->agreeing_rules);
}

}  // namespace
}  // namespace shanhai::linkage
