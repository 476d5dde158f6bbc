#pragma once
// Helpers for the linkage tests: small tables that own the text behind Records' views, valid
// identity numbers, and one-pair comparisons.

#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "linkage/explanation.h"
#include "linkage/fellegi_sunter.h"
#include "linkage/link_plan.h"
#include "linkage/prepared_records.h"
#include "linkage/records.h"
#include "linkage/scoring.h"
#include "normalize/id_number.h"

namespace shanhai::linkage::testing {

// A table of text: column names and rows. Keeps the strings alive for Records' views.
class Table {
 public:
  Table(std::vector<std::string> names, const std::vector<std::vector<std::string>>& rows) {
    for (size_t c = 0; c < names.size(); ++c) {
      std::vector<std::string_view> values;
      for (const auto& row : rows) values.push_back(cells_.emplace_back(row.at(c)));
      (void)records_.add_column(names[c], std::move(values));
    }
  }
  Table(const Table&) = delete;
  const Records& records() const { return records_; }
  operator const Records&() const { return records_; }

 private:
  std::deque<std::string> cells_;  // stable addresses
  Records records_;
};

// An 18-character number from its first 17 digits and the right check character.
inline std::string id18(std::string_view first17) {
  return std::string(first17) + normalize::id_check_char(first17);
}

// A scored pair with only rows and probability set (clustering, evaluation).
inline LinkPair probable_pair(uint32_t left_row, uint32_t right_row, double probability) {
  LinkPair out;
  out.left_row = left_row;
  out.right_row = right_row;
  out.probability = probability;
  return out;
}

// The result of comparing one value with another under one comparison.
struct Compared {
  std::string level;  // ComparisonLevel::code()
  int32_t detail = 0;
  std::string zh, en;  // explanations
};

// Compares a (left) with b (right) under `spec` (its columns are set to "v").
inline Compared compare_values(ComparisonSpec spec, const std::string& a, const std::string& b) {
  spec.left_column = "v";
  spec.right_column.clear();
  LinkSpec link;
  link.comparisons = {spec};
  link.blocking = {{"any", {{spec.field, "value"}}}};
  const Table left({"v"}, {{a}}), right({"v"}, {{b}});
  auto plan = plan_link(link, left.records().names(), right.records().names());
  if (!plan) return {"error: " + plan.error().en()};
  const PreparedRecords records = PreparedRecords::prepare(*plan, left, right);
  ModelParameters model = initial_parameters(*plan);
  model.fields[0].u = model.fields[0].m;
  const LinkPair pair = score_pair(*plan, records, model, 0, 0);
  const FieldContribution& c = pair.contributions()[0];
  return {plan->comparisons[0].levels[c.level].code(), c.detail, explain(*plan, pair, Language::zh),
          explain(*plan, pair, Language::en)};
}

}  // namespace shanhai::linkage::testing
