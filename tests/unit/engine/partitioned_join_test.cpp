// Radix-partitioned joins (engine/partitioned_join.h) against a plain nested-map join, on tables
// large enough for many partitions and several partitioning tasks, with repeated keys and nulls.

#include "engine/partitioned_join.h"

#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <random>
#include <string>

#include "support/table_builder.h"

namespace shanhai::engine {
namespace {

std::string id_number(uint64_t n) {
  std::string digits = std::to_string(110101199001010000ULL / 10 + n);  // 17 digits
  return digits + (n % 11 == 10 ? "X" : std::to_string(n % 11));
}

// Id-number texts: key k for k < keys, null where the generator says so.
Column id_column(std::mt19937_64& rng, size_t rows, uint64_t keys, double nulls) {
  std::vector<std::optional<std::string>> cells;
  std::uniform_int_distribution<uint64_t> key(0, keys - 1);
  std::bernoulli_distribution null(nulls);
  for (size_t r = 0; r < rows; ++r) {
    cells.push_back(null(rng) ? std::nullopt : std::optional(id_number(key(rng))));
  }
  return testing::text_column(cells);
}

RowPairs expected_pairs(const Column& left, const Column& right) {
  std::map<std::string, std::vector<uint32_t>> by_key;
  for (size_t r = 0; r < right.size(); ++r) {
    if (!right.is_null(r)) by_key[std::string(right.texts.at(r))].push_back(r);
  }
  RowPairs out;
  for (size_t l = 0; l < left.size(); ++l) {
    if (left.is_null(l)) continue;
    auto it = by_key.find(std::string(left.texts.at(l)));
    if (it == by_key.end()) continue;
    for (uint32_t r : it->second) out.emplace_back(static_cast<uint32_t>(l), r);
  }
  return out;
}

TEST(PartitionedJoinTest, PairsAndMarksAgreeWithAPlainJoinOverManyPartitions) {
  std::mt19937_64 rng(7);
  const Column left = id_column(rng, 150'000, 120'000, 0.02);
  const Column right = id_column(rng, 130'000, 200'000, 0.02);
  const KeyColumns lkeys({&left}, false), rkeys({&right}, false);
  for (unsigned threads : {1U, 2U, 3U}) {
    auto lc = coded_side(lkeys, left.size(), threads);
    auto rc = coded_side(rkeys, right.size(), threads);
    ASSERT_TRUE(lc && rc);
    const RowPairs expected = expected_pairs(left, right);
    ASSERT_GT(expected.size(), 10'000U);
    EXPECT_EQ(partitioned_pairs(*lc, *rc, threads), expected);
    std::vector<uint8_t> matched(left.size(), 0), want(left.size(), 0);
    for (const auto& [l, r] : expected) want[l] = 1;
    partitioned_mark(*lc, *rc, threads, matched);
    EXPECT_EQ(matched, want);
  }
}

TEST(PartitionedJoinTest, GroupsAreNumberedInOrderOfFirstAppearance) {
  std::mt19937_64 rng(11);
  const Column keys = id_column(rng, 120'000, 30'000, 0.0);
  std::map<std::string, uint32_t> seen;
  std::vector<uint32_t> want_group, want_first;
  for (size_t r = 0; r < keys.size(); ++r) {
    auto [it, added] = seen.emplace(std::string(keys.texts.at(r)), seen.size());
    if (added) want_first.push_back(static_cast<uint32_t>(r));
    want_group.push_back(it->second);
  }
  for (unsigned threads : {1U, 2U}) {
    auto coded = coded_side(KeyColumns({&keys}, true), keys.size(), threads);
    ASSERT_TRUE(coded);
    std::vector<uint32_t> first;
    EXPECT_EQ(partitioned_groups(*coded, threads, first), want_group);
    EXPECT_EQ(first, want_first);
  }
}

TEST(PartitionedJoinTest, KeysThatAreOnlyHashedOrOfTwoDomainsAreRefused) {
  // Long texts have no exact code; id numbers and short texts are two domains.
  const Column hashed = testing::text_column({"一个很长的当事人名称，超过七个字节", "x"});
  const Column mixed = testing::text_column({"110101199001011234", "abc"});
  EXPECT_FALSE(coded_side(KeyColumns({&hashed}, false), 2, 1).has_value());
  EXPECT_FALSE(coded_side(KeyColumns({&mixed}, false), 2, 1).has_value());
}

TEST(PartitionedJoinTest, SidesOfDifferentDomainsHaveNoPairs) {
  const Column ids = testing::text_column({"110101199001011234"});
  const Column numbers = testing::value_column(model::TypeKind::integer, {{5}});
  auto a = coded_side(KeyColumns({&ids}, false), 1, 1);
  auto b = coded_side(KeyColumns({&numbers}, false), 1, 1);
  ASSERT_TRUE(a && b);
  EXPECT_TRUE(partitioned_pairs(*a, *b, 1).empty());
}

TEST(PartitionedJoinTest, NumbersOfDifferentTypesMatchByValue) {
  const Column integers = testing::value_column(model::TypeKind::integer, {{5}, {7}, {}});
  const Column money = testing::value_column(model::TypeKind::money, {{700}, {500}, {501}});
  auto a = coded_side(KeyColumns({&integers}, false), 3, 1);
  auto b = coded_side(KeyColumns({&money}, false), 3, 1);
  ASSERT_TRUE(a && b);
  EXPECT_EQ(partitioned_pairs(*a, *b, 1), (RowPairs{{0, 1}, {1, 0}}));
}

}  // namespace
}  // namespace shanhai::engine
