#pragma once
// Blocking: which pairs of records are worth comparing at all. Each rule builds a key from
// fields of a record (the first 14 characters of the id number; pinyin and birth date; the
// phone); records with equal keys form a block and every left–right pair of a block is a
// candidate. Candidates are the union over the rules, each pair once, attributed to the first
// rule that produces it. Deduplicating one dataset yields pairs (i, j) with i < j only.
//
// Keys are compared as 64-bit hashes: a collision can only add a candidate pair, which is then
// scored like any other, never lose one.

#include <cstdint>
#include <string>
#include <vector>

#include "common/error.h"
#include "linkage/link_plan.h"
#include "linkage/prepared_records.h"

namespace shanhai::linkage {

struct RowPair {
  uint32_t left = 0, right = 0;  // row numbers (0-based) of the left and right records

  friend bool operator==(const RowPair&, const RowPair&) = default;
  friend auto operator<=>(const RowPair&, const RowPair&) = default;
};

// A block with more pairs than the plan's max_block_pairs: skipped, and reported so that the
// rule can be made stricter (a placeholder phone 13800000000, the most common name).
struct OversizedBlock {
  std::string key;  // "phone=13800000000"
  uint64_t left_rows = 0, right_rows = 0, pairs = 0;
};

struct RuleReport {
  std::string rule;
  uint64_t keyed_left = 0, keyed_right = 0;  // records with a key under the rule
  uint64_t blocks = 0;                       // keys that pair at least two records
  uint64_t pairs = 0;                        // pairs in those blocks, skipped blocks excluded
  uint64_t new_pairs = 0;                    // ... of which no earlier rule produced
  uint64_t skipped_blocks = 0, skipped_pairs = 0;
  std::vector<OversizedBlock> largest_skipped;  // the 10 largest skipped blocks, largest first
};

struct CandidatePairs {
  std::vector<RowPair> pairs;  // by left row, then right row
  // Per pair: bit r is set when the pair shares rule r's key (and the block was not skipped).
  std::vector<uint16_t> agreeing_rules;
  std::vector<RuleReport> rules;

  size_t size() const { return pairs.size(); }
};

// Finds the candidate pairs (threads: plan.threads). Error "linkage.too_many_pairs" when there
// are more than plan.max_candidate_pairs: the rules are too loose for the data.
Result<CandidatePairs> find_candidate_pairs(const LinkPlan& plan, const PreparedRecords& records);

// The key of the record at `index` under rule `rule`, readably ("姓名.pinyin=wangwei,
// 出生日期.value=1990-01-01"), or "" when the record has no key under it.
std::string describe_blocking_key(const LinkPlan& plan, const PreparedRecords& records, size_t rule,
                                  uint32_t index);

}  // namespace shanhai::linkage
