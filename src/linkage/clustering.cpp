#include "linkage/clustering.h"

#include <numeric>

#include "linkage/value_dictionary.h"

namespace shanhai::linkage {

namespace {

class UnionFind {
 public:
  explicit UnionFind(size_t n) : parent_(n) { std::iota(parent_.begin(), parent_.end(), 0U); }

  uint32_t find(uint32_t x) {
    while (parent_[x] != x) {
      parent_[x] = parent_[parent_[x]];  // path halving
      x = parent_[x];
    }
    return x;
  }
  // The smaller root becomes the parent: roots are the smallest node of their component.
  void unite(uint32_t a, uint32_t b) {
    a = find(a);
    b = find(b);
    if (a == b) return;
    if (b < a) std::swap(a, b);
    parent_[b] = a;
  }

 private:
  std::vector<uint32_t> parent_;
};

Clusters cluster(size_t nodes, std::span<const LinkPair> pairs, double min_probability,
                 uint32_t right_offset) {
  UnionFind uf(nodes);
  for (const LinkPair& p : pairs) {
    if (p.probability >= min_probability) uf.unite(p.left_row, right_offset + p.right_row);
  }
  Clusters out;
  out.cluster.assign(nodes, kNoValue);
  std::vector<uint32_t> members;
  for (uint32_t i = 0; i < nodes; ++i) {
    const uint32_t root = uf.find(i);
    if (out.cluster[root] == kNoValue) {
      out.cluster[root] = out.count++;  // root <= i: numbered when first met
      members.push_back(0);
    }
    out.cluster[i] = out.cluster[root];
    if (++members[out.cluster[i]] == 2) ++out.multi_member;
  }
  return out;
}

}  // namespace

Clusters cluster_records(size_t rows, std::span<const LinkPair> pairs, double min_probability) {
  return cluster(rows, pairs, min_probability, 0);
}

Clusters cluster_linked_records(size_t left_rows, size_t right_rows,
                                std::span<const LinkPair> pairs, double min_probability) {
  return cluster(left_rows + right_rows, pairs, min_probability, static_cast<uint32_t>(left_rows));
}

}  // namespace shanhai::linkage
