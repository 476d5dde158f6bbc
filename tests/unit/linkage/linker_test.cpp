// The whole linkage on a small synthetic population: the same people in two registers with
// realistic damage (id typos and transpositions, missing ids, legacy 15-digit numbers,
// homophone names, separator variants, dates off by a day). Checks accuracy, explanations,
// deduplication and determinism (same seed → same result, on one thread or two).

#include "linkage/linker.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "linkage/clustering.h"
#include "linkage/evaluation.h"
#include "linkage/explanation.h"
#include "linkage_fixture.h"
#include "normalize/date.h"

namespace shanhai::linkage {
namespace {

using testing::Table;

const char* kSurnames[] = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周",
                           "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗"};
const char* kGiven[] = {"伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊",   "军",
                        "洋", "勇", "艳", "杰",   "娟", "涛", "明", "超", "秀兰", "霞"};
const char* kHomophone[] = {"炜", "方", "娜", "秀瑛", "民", "靖", "莉", "蔷", "蕾",   "君",
                            "扬", "永", "燕", "洁",   "鹃", "滔", "铭", "超", "秀岚", "侠"};
const char* kRegions[] = {"330106", "540402", "632801", "653201", "110105", "440305"};
const char* kUyghur[] = {"热孜亚·吾斯曼", "阿卜杜拉·买买提", "艾力·吐尔逊", "古丽·艾买提"};

struct Person {
  std::string name, id, birth, phone;
};

struct Population {
  std::vector<std::vector<std::string>> left, right;
  std::vector<RowPair> truth;
};

std::string date_text(int days) { return normalize::format_date(days); }

Population make_population(size_t people, size_t matched, size_t others, uint32_t seed) {
  std::mt19937 rng(seed);
  auto pick = [&](size_t n) { return static_cast<size_t>(rng() % n); };
  auto person = [&]() {
    Person p;
    const size_t g = pick(20);
    if (pick(25) == 0) {
      p.name = kUyghur[pick(4)];
    } else {
      p.name = std::string(kSurnames[pick(20)]) + kGiven[g];
    }
    const int day = normalize::days_from_civil(1950, 1, 1) + static_cast<int>(pick(18000));
    const std::string birth = date_text(day);
    p.birth = birth;
    const std::string first17 = std::string(kRegions[pick(6)]) + birth.substr(0, 4) +
                                birth.substr(5, 2) + birth.substr(8, 2) +
                                std::to_string(100 + pick(900));
    p.id = testing::id18(first17);
    p.phone = "13" + std::to_string(100000000 + pick(900000000));
    return p;
  };
  std::vector<Person> left;
  for (size_t i = 0; i < people; ++i) left.push_back(person());
  Population pop;
  for (const Person& p : left) pop.left.push_back({p.name, p.id, p.birth, p.phone});
  for (size_t i = 0; i < matched; ++i) {
    Person p = left[i];
    switch (i % 10) {
      case 0: {  // one substituted digit in the sequence part
        p.id[15] = p.id[15] == '9' ? '0' : static_cast<char>(p.id[15] + 1);
        break;
      }
      case 1:
        p.id.clear();
        break;
      case 2: {  // a homophone in the given name
        for (size_t g = 0; g < 20; ++g) {
          const std::string given = kGiven[g];
          if (p.name.size() > given.size() &&
              p.name.compare(p.name.size() - given.size(), given.size(), given) == 0) {
            p.name = p.name.substr(0, p.name.size() - given.size()) + kHomophone[g];
            break;
          }
        }
        break;
      }
      case 3: {  // birth date a day off
        const auto d = normalize::parse_date_days(p.birth);
        p.birth = date_text(*d + 1);
        break;
      }
      case 4:  // legacy 15-digit number
        p.id = p.id.substr(0, 6) + p.id.substr(8, 9);
        break;
      case 5:
        std::swap(p.id[14], p.id[15]);
        break;
      case 6: {  // separators, other spellings
        const size_t dot = p.name.find("·");
        if (dot != std::string::npos) p.name.replace(dot, 2, "•");
        p.birth =
            p.birth.substr(0, 4) + "年" + p.birth.substr(5, 2) + "月" + p.birth.substr(8) + "日";
        break;
      }
      case 7:
        p.phone.clear();
        break;
      default:
        break;
    }
    pop.right.push_back({p.name, p.id, p.birth, p.phone});
    pop.truth.push_back({static_cast<uint32_t>(i), static_cast<uint32_t>(i)});
  }
  for (size_t i = 0; i < others; ++i) {
    const Person p = person();
    pop.right.push_back({p.name, p.id, p.birth, p.phone});
  }
  return pop;
}

LinkSpec people_spec() {
  LinkSpec s;
  s.comparisons = {
      {.field = "身份证号", .kind = "id_number", .left_column = "身份证号"},
      {.field = "姓名", .kind = "person_name", .left_column = "姓名"},
      {.field = "出生日期", .kind = "date", .left_column = "出生日期"},
      {.field = "电话", .kind = "exact", .left_column = "电话", .element = "phone"},
  };
  s.blocking = {{"身份证前14位", {{"身份证号", "region_birth"}}},
                {"姓名拼音+出生日期", {{"姓名", "pinyin"}, {"出生日期", "value"}}},
                {"电话", {{"电话", "value"}}}};
  s.u_sample_pairs = 200'000;
  s.keep_threshold = 0.01;
  return s;
}

const std::vector<std::string> kColumns = {"姓名", "身份证号", "出生日期", "电话"};

TEST(Linker, FindsTheSamePeopleAndExplainsWhy) {
  const Population pop = make_population(3000, 1500, 1500, 1);
  const Table left(kColumns, pop.left), right(kColumns, pop.right);
  auto result = link_records(people_spec(), left, right);
  ASSERT_TRUE(result.ok()) << result.error().message();
  ASSERT_TRUE(result->trained);
  EXPECT_GT(result->candidate_pairs, 1500U);
  const Truth truth = Truth::complete(pop.truth);
  const Metrics m = evaluate(result->pairs, truth, result->plan.match_threshold);
  EXPECT_GE(m.precision, 0.97) << m.false_positives;
  EXPECT_GE(m.recall, 0.97) << m.false_negatives;
  // m of exact agreement is high, u tiny; λ is near 1500 matches among 3000 × 3000 pairs.
  const ModelParameters& model = result->training.parameters;
  EXPECT_GT(model.fields[0].m[1], 0.5);
  EXPECT_LT(model.fields[0].u[1], 1e-3);
  EXPECT_NEAR(result->training.expected_matches, 1500.0, 75.0);
  EXPECT_NEAR(model.lambda, 1500.0 / (3000.0 * 3000.0), 1500.0 / (3000.0 * 3000.0) / 20);
  EXPECT_EQ(result->training.sessions.back().rule, "");

  // The pair with the typo at position 16 (row 0) and the homophone (row 2).
  bool typo_seen = false, homophone_seen = false;
  for (const LinkPair& p : result->pairs) {
    if (p.left_row != p.right_row) continue;
    const std::string zh = explain(result->plan, p, Language::zh);
    if (p.left_row == 0) {
      typo_seen = true;
      EXPECT_NE(zh.find("身份证号仅第16位不同"), std::string::npos) << zh;
      EXPECT_EQ(p.match_class, MatchClass::match) << zh;
    }
    if (p.left_row == 2 && zh.find("姓名拼音相同") != std::string::npos) homophone_seen = true;
  }
  EXPECT_TRUE(typo_seen);
  EXPECT_TRUE(homophone_seen);
}

TEST(Linker, SameSeedSameResultOnAnyNumberOfThreads) {
  const Population pop = make_population(1500, 700, 800, 2);
  const Table left(kColumns, pop.left), right(kColumns, pop.right);
  LinkSpec one = people_spec();
  one.threads = 1;
  LinkSpec two = people_spec();
  two.threads = 2;
  auto a = link_records(one, left, right);
  auto b = link_records(two, left, right);
  auto c = link_records(two, left, right);
  ASSERT_TRUE(a.ok() && b.ok() && c.ok());
  for (const auto* other : {&b.value(), &c.value()}) {
    EXPECT_EQ(a->u.counts, other->u.counts);
    EXPECT_EQ(a->training.parameters.lambda, other->training.parameters.lambda);
    ASSERT_EQ(a->pairs.size(), other->pairs.size());
    for (size_t i = 0; i < a->pairs.size(); ++i) {
      EXPECT_EQ(a->pairs[i].left_row, other->pairs[i].left_row);
      EXPECT_EQ(a->pairs[i].right_row, other->pairs[i].right_row);
      EXPECT_EQ(a->pairs[i].weight, other->pairs[i].weight);
    }
  }
  LinkSpec reseeded = people_spec();
  reseeded.seed = 99;
  auto d = link_records(reseeded, left, right);
  ASSERT_TRUE(d.ok());
  EXPECT_NE(a->u.counts, d->u.counts);  // another sample of random pairs
}

TEST(Linker, DeduplicatesOneRegister) {
  // One register holding 400 people, 200 of them entered twice with damage.
  const Population pop = make_population(400, 200, 0, 3);
  std::vector<std::vector<std::string>> rows = pop.left;
  rows.insert(rows.end(), pop.right.begin(), pop.right.end());
  const Table t(kColumns, rows);
  auto result = deduplicate_records(people_spec(), t);
  ASSERT_TRUE(result.ok()) << result.error().message();
  for (const LinkPair& p : result->pairs) EXPECT_LT(p.left_row, p.right_row);
  std::vector<RowPair> truth;
  for (const RowPair& p : pop.truth) truth.push_back({p.left, 400 + p.right});
  const Metrics m = evaluate(result->pairs, Truth::complete(truth, true), 0.95);
  EXPECT_GE(m.f1, 0.95);
  const Clusters clusters = cluster_records(rows.size(), result->pairs, 0.95);
  EXPECT_NEAR(static_cast<double>(clusters.count), 400.0, 10.0);
  const LinkPair* any = nullptr;
  for (const LinkPair& p : result->pairs) {
    if (p.right_row == 400 + 1) any = &p;  // the copy whose id is missing
  }
  ASSERT_NE(any, nullptr);
  EXPECT_NE(explain(result->plan, *any, Language::zh).find("身份证号缺失（其中一条记录），不计分"),
            std::string::npos);
}

TEST(Linker, KeepPairReturnsOnlyTheAcceptedPairsWithTheSameScores) {
  const Population pop = make_population(600, 300, 300, 4);
  const Table left(kColumns, pop.left), right(kColumns, pop.right);
  LinkSpec all = people_spec();
  all.keep_threshold = 0;
  LinkSpec even = all;
  even.keep_pair = [](uint32_t l, uint32_t r) { return (l + r) % 2 == 0; };
  auto a = link_records(all, left, right);
  auto e = link_records(even, left, right);
  ASSERT_TRUE(a.ok() && e.ok());
  EXPECT_EQ(a->pairs.size(), a->candidate_pairs);  // keep 0: every candidate pair
  std::vector<const LinkPair*> expected;
  for (const LinkPair& p : a->pairs) {
    if ((p.left_row + p.right_row) % 2 == 0) expected.push_back(&p);
  }
  ASSERT_FALSE(expected.empty());
  ASSERT_EQ(e->pairs.size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(e->pairs[i].left_row, expected[i]->left_row);
    EXPECT_EQ(e->pairs[i].right_row, expected[i]->right_row);
    EXPECT_EQ(e->pairs[i].probability, expected[i]->probability);
  }
  EXPECT_EQ(e->summary.scored, a->summary.scored);
}

TEST(Linker, NoCandidatesIsNotAnError) {
  const Table left(kColumns, {{"张三", "", "1985-03-12", ""}});
  const Table right(kColumns, {{"李四", "", "1970-01-01", ""}});
  auto result = link_records(people_spec(), left, right);
  ASSERT_TRUE(result.ok());
  EXPECT_FALSE(result->trained);
  EXPECT_TRUE(result->pairs.empty());
  EXPECT_EQ(result->candidate_pairs, 0U);
}

// Remembers what the linkage reported; asks it to stop once `stop_after` stages have started.
class StageLog final : public ProgressSink {
 public:
  explicit StageLog(size_t stop_after = SIZE_MAX) : stop_after_(stop_after) {}
  void update(std::string_view phase, uint64_t done, uint64_t total) override {
    phases.emplace_back(phase);
    dones.push_back(done);
    totals.push_back(total);
  }
  void finish() override {}
  bool cancelled() const override { return phases.size() >= stop_after_; }
  std::vector<std::string> phases;
  std::vector<uint64_t> dones, totals;

 private:
  size_t stop_after_;
};

TEST(Linker, ReportsEachStageAndStopsBetweenStagesWhenAsked) {
  const Population pop = make_population(400, 200, 200, 5);
  const Table left(kColumns, pop.left), right(kColumns, pop.right);
  LinkSpec spec = people_spec();
  StageLog log;
  spec.progress = &log;
  auto result = link_records(spec, left, right);
  ASSERT_TRUE(result.ok()) << result.error().message();
  ASSERT_EQ(log.phases.size(), 6U);
  EXPECT_EQ(log.phases[0], "身份关联：规范化 linking: normalising");
  EXPECT_EQ(log.phases[3], "身份关联：比较 linking: comparing");
  EXPECT_EQ(log.phases[5], "身份关联：打分 linking: scoring");
  EXPECT_EQ(log.dones, (std::vector<uint64_t>{0, 1, 2, 3, 4, 5}));
  EXPECT_EQ(log.totals, std::vector<uint64_t>(6, 6));

  // Asked to stop after blocking: no result, the error says cancelled.
  StageLog stop(2);
  spec.progress = &stop;
  auto stopped = link_records(spec, left, right);
  ASSERT_FALSE(stopped.ok());
  EXPECT_EQ(stopped.error().code(), "job.cancelled");
  EXPECT_EQ(stop.phases.size(), 2U);
  // The same for deduplication.
  StageLog stop_dedupe(1);
  spec.progress = &stop_dedupe;
  auto stopped_dedupe = deduplicate_records(spec, left);
  ASSERT_FALSE(stopped_dedupe.ok());
  EXPECT_EQ(stopped_dedupe.error().code(), "job.cancelled");
}

// u: every pair when the sides have fewer pairs than the sample asks for; otherwise every pair of
// a left sample with a right sample, about as many as asked (and the same on any thread count).
TEST(Linker, UComparesEveryPairOfSmallSidesAndASampleOfLargeOnes) {
  const Population pop = make_population(400, 200, 200, 6);
  const Table left(kColumns, pop.left), right(kColumns, pop.right);
  const uint64_t all = pop.left.size() * pop.right.size();
  LinkSpec spec = people_spec();
  spec.u_sample_pairs = all + 1;
  auto every = link_records(spec, left, right);
  ASSERT_TRUE(every.ok()) << every.error().message();
  EXPECT_EQ(every->u.pairs, all);

  spec.u_sample_pairs = all / 10;
  auto sampled = link_records(spec, left, right);
  ASSERT_TRUE(sampled.ok());
  EXPECT_GE(sampled->u.pairs, all / 10);
  EXPECT_LT(sampled->u.pairs, all / 10 + pop.left.size() + pop.right.size());
  spec.threads = 1;
  auto one_thread = link_records(spec, left, right);
  ASSERT_TRUE(one_thread.ok());
  EXPECT_EQ(one_thread->u.counts, sampled->u.counts);

  // Deduplicating: pairs of two different rows of one sample.
  auto dedupe = deduplicate_records(spec, left);
  ASSERT_TRUE(dedupe.ok());
  EXPECT_GE(dedupe->u.pairs, all / 10);
  spec.u_sample_pairs = 1'000'000;
  auto dedupe_all = deduplicate_records(spec, left);
  ASSERT_TRUE(dedupe_all.ok());
  EXPECT_EQ(dedupe_all->u.pairs, pop.left.size() * (pop.left.size() - 1) / 2);
}

TEST(Linker, BadSpecIsReported) {
  const Table left(kColumns, {}), right(kColumns, {});
  LinkSpec s = people_spec();
  s.blocking.clear();
  auto result = link_records(s, left, right);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code(), "linkage.no_blocking");
}

}  // namespace
}  // namespace shanhai::linkage
