// Jaro, Jaro-Winkler and Levenshtein on code points: textbook values, Chinese names (where a
// byte-wise measure would overrate them), and the bounded Levenshtein against the full one.

#include "linkage/string_similarity.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

namespace shanhai::linkage {
namespace {

struct SimilarityCase {
  const char* a;
  const char* b;
  double jaro;
  double jaro_winkler;
};

const SimilarityCase kSimilarity[] = {
    {"MARTHA", "MARHTA", 0.944444, 0.961111},
    {"DWAYNE", "DUANE", 0.822222, 0.84},
    {"DIXON", "DICKSONX", 0.766667, 0.813333},
    {"JELLYFISH", "SMELLYFISH", 0.896296, 0.896296},  // no common prefix
    {"", "", 1.0, 1.0},
    {"abc", "", 0.0, 0.0},
    {"abc", "xyz", 0.0, 0.0},
    {"张伟", "张伟", 1.0, 1.0},
    {"张伟", "张炜", 0.666667, 0.666667},  // below the 0.7 boost threshold: no prefix bonus
    {"张三", "章三", 0.666667, 0.666667},
    {"王秀英", "王英秀", 0.555556, 0.555556},
    {"欧阳建国", "欧阳建华", 0.833333, 0.883333},
    {"热孜亚吾斯曼", "热孜亚吾斯满", 0.888889, 0.933333},
    {"热孜亚吾斯曼", "热孜亚·吾斯曼", 0.952381, 0.966667},
    {"阿卜杜拉买买提", "阿布都拉买买提", 0.809524, 0.828571},
};

class SimilarityTest : public ::testing::TestWithParam<SimilarityCase> {};

TEST_P(SimilarityTest, KnownValues) {
  const SimilarityCase& c = GetParam();
  const std::u32string a = code_points(c.a), b = code_points(c.b);
  EXPECT_NEAR(jaro(a, b), c.jaro, 1e-6);
  EXPECT_NEAR(jaro(b, a), c.jaro, 1e-6);
  EXPECT_NEAR(jaro_winkler(a, b), c.jaro_winkler, 1e-6);
  EXPECT_NEAR(jaro_winkler(c.a, c.b), c.jaro_winkler, 1e-6);  // UTF-8 overload
}

INSTANTIATE_TEST_SUITE_P(Linkage, SimilarityTest, ::testing::ValuesIn(kSimilarity));

struct EditCase {
  const char* a;
  const char* b;
  size_t distance;
};

const EditCase kEdits[] = {
    {"kitten", "sitting", 3},
    {"flaw", "lawn", 2},
    {"", "abc", 3},
    {"abc", "abc", 0},
    {"张三", "张三丰", 1},
    {"章三", "张三", 1},
    {"热孜亚·吾斯曼", "热孜亚吾斯曼", 1},
    {"欧阳建国", "欧阳建华", 1},
    {"王秀英", "王英秀", 2},
    {"王秀英", "", 3},  // code points, not the 9 bytes
};

class EditTest : public ::testing::TestWithParam<EditCase> {};

TEST_P(EditTest, KnownDistances) {
  const EditCase& c = GetParam();
  EXPECT_EQ(levenshtein(c.a, c.b), c.distance);
  EXPECT_EQ(levenshtein(c.b, c.a), c.distance);
  const std::u32string a = code_points(c.a), b = code_points(c.b);
  for (size_t limit = 0; limit <= 4; ++limit) {
    EXPECT_EQ(levenshtein_bounded(a, b, limit), std::min(c.distance, limit + 1)) << limit;
  }
}

INSTANTIATE_TEST_SUITE_P(Linkage, EditTest, ::testing::ValuesIn(kEdits));

TEST(LevenshteinBounded, AgreesWithTheFullDistanceOnRandomStrings) {
  std::mt19937 rng(7);
  const char32_t alphabet[] = {U'张', U'章', U'王', U'伟', U'a', U'b'};
  for (int trial = 0; trial < 3000; ++trial) {
    std::u32string a, b;
    const int la = static_cast<int>(rng() % 9), lb = static_cast<int>(rng() % 9);
    for (int i = 0; i < la; ++i) a += alphabet[rng() % 6];
    for (int i = 0; i < lb; ++i) b += alphabet[rng() % 6];
    const size_t full = levenshtein(a, b);
    const size_t limit = rng() % 5;
    ASSERT_EQ(levenshtein_bounded(a, b, limit), std::min(full, limit + 1));
  }
}

TEST(JaroWinkler, LongStringsUseTheHeap) {
  std::u32string a(200, U'张'), b(200, U'张');
  b[150] = U'章';
  EXPECT_GT(jaro_winkler(a, b), 0.99);
  EXPECT_EQ(levenshtein(a, b), 1U);
}

TEST(CodePoints, MalformedBytesCountOnce) {
  EXPECT_EQ(code_points("张\xff三"), (std::u32string{U'张', 0xFFFD, U'三'}));
}

}  // namespace
}  // namespace shanhai::linkage
