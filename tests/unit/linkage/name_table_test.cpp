// The name table: distinct raw spellings, their canonical and separator-free spellings and their
// counts, the same whatever the number of threads.

#include "linkage/name_table.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

namespace shanhai::linkage {
namespace {

struct Built {
  NameTable table;
  std::vector<NameRef> refs;
};

Built build(const std::vector<std::string_view>& raw, unsigned threads) {
  Built b;
  b.refs.resize(raw.size());
  b.table = NameTable::build(StringColumn(raw), threads,
                             [&](const NameTable&, size_t i, const NameRef& r) { b.refs[i] = r; });
  return b;
}

// Raw spellings that cleaning changes (traditional characters, spaces, other separators) share
// the canonical spelling of those it leaves alone; separator-free spellings are shared across
// separators, whether or not a record was written without them.
const std::vector<std::string_view> kRaw = {
    "张三",
    "張三",
    "张 三",
    "李四",
    "热孜亚·吾斯曼",
    "热孜亚•吾斯曼",
    "热孜亚吾斯曼",
    "",
    "阿依古丽·买买提",
    "阿依古丽 · 买买提",
    "王伟",
    "王伟",
};

TEST(NameTable, SharesCanonicalAndSeparatorFreeSpellings) {
  for (unsigned threads : {1U, 2U}) {
    const Built b = build(kRaw, threads);
    const auto& r = b.refs;
    const NameTable& t = b.table;
    EXPECT_EQ(r[0].canonical, r[1].canonical);
    EXPECT_EQ(r[0].canonical, r[2].canonical);
    EXPECT_EQ(t.canonical_text(r[1].canonical), "张三");
    EXPECT_NE(r[0].canonical, r[3].canonical);
    // 热孜亚·吾斯曼 and 热孜亚•吾斯曼: one canonical spelling, different separators.
    EXPECT_EQ(r[4].canonical, r[5].canonical);
    EXPECT_NE(r[4].separators, r[5].separators);
    EXPECT_NE(r[4].canonical, r[6].canonical);
    EXPECT_EQ(r[4].plain, r[6].plain);
    EXPECT_EQ(t.plain_text(r[4].plain), "热孜亚吾斯曼");
    EXPECT_EQ(t.plain_count(r[4].plain), 3U);
    // A separated name nobody wrote without separators.
    EXPECT_EQ(r[8].canonical, r[9].canonical);
    EXPECT_EQ(t.plain_text(r[8].plain), "阿依古丽买买提");
    EXPECT_EQ(t.plain_count(r[8].plain), 2U);
    EXPECT_EQ(r[7].canonical, kNoValue);
    EXPECT_EQ(r[10], r[11]);
    EXPECT_EQ(t.plain_count(r[10].plain), 2U);
    EXPECT_EQ(t.named(), kRaw.size() - 1);
    EXPECT_EQ(t.pinyin_text(r[0].pinyin), "zhangsan");
    EXPECT_EQ(t.code_points(r[4]), U"热孜亚吾斯曼");
  }
}

TEST(NameTable, NumberingDoesNotDependOnThreads) {
  std::vector<std::string> owned;
  for (int i = 0; i < 20000; ++i) {
    owned.push_back((i % 3 == 0 ? "張" : "张") + std::to_string(i % 7000) +
                    (i % 5 == 0 ? "·甲" : "甲"));
  }
  const std::vector<std::string_view> raw(owned.begin(), owned.end());
  const Built one = build(raw, 1), two = build(raw, 2);
  for (size_t i = 0; i < raw.size(); ++i) {
    ASSERT_EQ(one.refs[i].canonical, two.refs[i].canonical) << i;
    ASSERT_EQ(one.refs[i].plain, two.refs[i].plain) << i;
    ASSERT_EQ(one.refs[i].pinyin, two.refs[i].pinyin) << i;
    ASSERT_EQ(one.table.plain_text(one.refs[i].plain), two.table.plain_text(two.refs[i].plain));
  }
}

}  // namespace
}  // namespace shanhai::linkage
