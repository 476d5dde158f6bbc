// Value dictionaries: one id per distinct non-empty value, whatever the number of threads, with
// values read from one or two parts; values longer than the 20 bytes an entry carries are told
// apart by their full text.

#include "linkage/value_dictionary.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

namespace shanhai::linkage {
namespace {

// The dictionary's partition of the input, checked against a map: equal values share an id,
// different ones do not, "" has none, and the counts add up.
void expect_valid(const StringColumn& column, const ValueDictionary& d) {
  ASSERT_EQ(d.ids.size(), column.size());
  std::map<std::string_view, uint32_t> id_of;
  std::vector<uint32_t> counts(d.size(), 0);
  for (size_t i = 0; i < column.size(); ++i) {
    if (column[i].empty()) {
      EXPECT_EQ(d.ids[i], kNoValue) << i;
      continue;
    }
    ASSERT_LT(d.ids[i], d.size()) << i;
    EXPECT_EQ(d.values[d.ids[i]], column[i]) << i;
    auto [it, added] = id_of.emplace(column[i], d.ids[i]);
    if (!added) {
      EXPECT_EQ(it->second, d.ids[i]) << column[i];
    }
    ++counts[d.ids[i]];
  }
  EXPECT_EQ(id_of.size(), d.size());
  EXPECT_EQ(counts, d.counts);
}

TEST(ValueDictionary, LongValuesSharingTheirFirst16BytesStayApart) {
  const std::string prefix = "阿卜杜拉·买买提";  // 23 bytes
  std::vector<std::string> texts;
  for (int i = 0; i < 2000; ++i) {
    texts.push_back(prefix + std::to_string(i % 700));  // long, equal in the first 20 bytes
    texts.push_back(std::to_string(i % 300));           // short
    texts.push_back(i % 5 == 0 ? "" : "1380013800" + std::to_string(i % 10));  // 11 bytes
    texts.push_back(std::string(20, 'x') + (i % 2 ? "a" : ""));                // 20 and 21 bytes
  }
  const std::vector<std::string_view> views(texts.begin(), texts.end());
  const ValueDictionary one = build_value_dictionary(views, 1);
  expect_valid(views, one);
  EXPECT_EQ(one.size(), 700U + 300U + 8U + 2U);  // phones ending 0 and 5 are all ""
  const ValueDictionary two = build_value_dictionary(views, 2);
  EXPECT_EQ(one.ids, two.ids);  // the numbering does not depend on the threads
  EXPECT_EQ(one.values, two.values);
}

TEST(ValueDictionary, TwoPartsAreOneColumn) {
  const std::vector<std::string_view> left = {"张三", "", "李四", "张三"};
  const std::vector<std::string_view> right = {"李四", "王五", ""};
  const StringColumn column(left, right);
  ASSERT_EQ(column.size(), 7U);
  EXPECT_EQ(column[4], "李四");
  const ValueDictionary d = build_value_dictionary(column, 2);
  expect_valid(column, d);
  EXPECT_EQ(d.ids[0], d.ids[3]);
  EXPECT_EQ(d.ids[2], d.ids[4]);
  EXPECT_EQ(d.size(), 3U);
  const std::vector<std::string_view> joined = {"张三", "", "李四", "张三", "李四", "王五", ""};
  EXPECT_EQ(build_value_dictionary(joined, 2).ids, d.ids);
}

TEST(ValueDictionary, Empty) {
  const ValueDictionary d = build_value_dictionary(std::vector<std::string_view>{}, 2);
  EXPECT_TRUE(d.ids.empty());
  EXPECT_EQ(d.size(), 0U);
  const ValueDictionary blank = build_value_dictionary(std::vector<std::string_view>{"", ""}, 2);
  EXPECT_EQ(blank.ids, (std::vector<uint32_t>{kNoValue, kNoValue}));
}

}  // namespace
}  // namespace shanhai::linkage
