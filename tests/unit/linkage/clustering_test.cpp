// Clustering: connected components over pairs at or above a probability.

#include "linkage/clustering.h"

#include <gtest/gtest.h>

#include "linkage_fixture.h"

namespace shanhai::linkage {
namespace {

using testing::probable_pair;

TEST(Clustering, TransitiveChainsJoin) {
  // 1–3 and 3–5 above the threshold join 1, 3, 5 without a 1–5 pair; 0–2 is below it.
  const std::vector<LinkPair> pairs = {probable_pair(3, 5, 0.99), probable_pair(1, 3, 0.97),
                                       probable_pair(0, 2, 0.6), probable_pair(4, 6, 0.95)};
  const Clusters c = cluster_records(7, pairs, 0.95);
  EXPECT_EQ(c.cluster, (std::vector<uint32_t>{0, 1, 2, 1, 3, 1, 3}));
  EXPECT_EQ(c.count, 4U);
  EXPECT_EQ(c.multi_member, 2U);
}

TEST(Clustering, NumberingDoesNotDependOnPairOrder) {
  std::vector<LinkPair> pairs = {probable_pair(5, 6, 1), probable_pair(0, 6, 1),
                                 probable_pair(2, 3, 1)};
  const Clusters a = cluster_records(7, pairs, 0.5);
  std::reverse(pairs.begin(), pairs.end());
  const Clusters b = cluster_records(7, pairs, 0.5);
  EXPECT_EQ(a.cluster, b.cluster);
  EXPECT_EQ(a.cluster, (std::vector<uint32_t>{0, 1, 2, 2, 3, 0, 0}));
}

TEST(Clustering, LinkedSidesAreOneGraph) {
  // Left rows 0–2, right rows 0–1 (nodes 3–4). Left 0 and left 2 both match right 1.
  const std::vector<LinkPair> pairs = {probable_pair(0, 1, 0.99), probable_pair(2, 1, 0.98),
                                       probable_pair(1, 0, 0.2)};
  const Clusters c = cluster_linked_records(3, 2, pairs, 0.95);
  EXPECT_EQ(c.cluster, (std::vector<uint32_t>{0, 1, 0, 2, 0}));
  EXPECT_EQ(c.count, 3U);
  EXPECT_EQ(c.multi_member, 1U);
}

TEST(Clustering, NoPairsMeansSingletons) {
  const Clusters c = cluster_records(3, {}, 0.5);
  EXPECT_EQ(c.cluster, (std::vector<uint32_t>{0, 1, 2}));
  EXPECT_EQ(c.multi_member, 0U);
}

}  // namespace
}  // namespace shanhai::linkage
