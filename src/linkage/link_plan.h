#pragma once
// A checked LinkSpec: kinds and key parts resolved to enums, columns to indices, the levels of
// every comparison spelled out. Everything after planning (prepare, blocking, training, scoring,
// explanation) works from a LinkPlan and never fails on configuration.

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"
#include "linkage/link_spec.h"
#include "normalize/element.h"

namespace shanhai::linkage {

inline constexpr size_t kMaxComparisons = 8;  // a comparison vector packs 4 bits per field
inline constexpr size_t kMaxLevels = 16;
inline constexpr size_t kMaxBlockingRules = 16;

enum class ComparisonKind : uint8_t { id_number, person_name, date, number, money, exact };

// "id_number" → ComparisonKind::id_number …; nullopt for an unknown name.
std::optional<ComparisonKind> comparison_kind_from_name(std::string_view name);
std::string_view comparison_kind_name(ComparisonKind kind);

enum class LevelKind : uint8_t {
  missing,           // either value empty or unusable: no evidence
  exact,             // equal canonical values (names: also the same separators)
  legacy_upgrade,    // id_number: a 15-digit number equals the other after upgrade to 18
  one_typo,          // id_number: one substitution or one adjacent transposition
  separators,        // person_name: equal once separators are removed
  pinyin,            // person_name: equal toneless pinyin (章三 / 张三)
  jaro_winkler,      // person_name: Jaro-Winkler on code points >= parameter
  levenshtein,       // person_name: at most `parameter` edits
  within_days,       // date: at most `parameter` days apart
  within_tolerance,  // number, money: within the comparison's tolerance
  different,         // none of the above
};

struct ComparisonLevel {
  LevelKind kind = LevelKind::different;
  double parameter = 0;         // threshold, edits or days for the kinds that take one
  bool term_frequency = false;  // weight adjusted by how common the value is

  // Stable identifier: "exact", "jaro_winkler>=0.92", "levenshtein<=1", "within_days<=1" …
  std::string code() const;
  // Short labels for tables: "拼音相同" / "same pinyin".
  std::string label_zh() const;
  std::string label_en() const;
};

struct ComparisonPlan {
  std::string field;
  std::string label_zh, label_en;
  ComparisonKind kind = ComparisonKind::exact;
  size_t left_column = 0, right_column = 0;
  normalize::Element element = normalize::Element::text;  // exact only
  double absolute_tolerance = 0, relative_tolerance = 0;  // number, money
  bool term_frequency = false;
  // levels[0] is missing, levels.back() is different; the first level that holds wins.
  std::vector<ComparisonLevel> levels;

  // Index of the first level of this kind, or nullopt.
  std::optional<uint8_t> level_index(LevelKind kind) const;
};

enum class KeyPart : uint8_t {
  value,            // the whole normalised value (names without separators)
  id_region_birth,  // id_number: first 14 characters
  id_birth,         // id_number: birth date digits
  id_region,        // id_number: region code
  name_pinyin,      // person_name
  name_first_char,  // person_name: first character of the canonical name
  date_year,        // date
  date_year_month,  // date
};

struct BlockingKeyPlan {
  size_t comparison = 0;
  KeyPart part = KeyPart::value;
  std::string part_name;  // as written in the spec, for reports
};

struct BlockingRulePlan {
  std::string name;
  std::vector<BlockingKeyPlan> keys;
  uint32_t comparisons_used = 0;  // bit i: the rule reads comparison i
};

struct LinkPlan {
  bool dedupe = false;  // one dataset against itself: pairs i < j only
  std::vector<ComparisonPlan> comparisons;
  std::vector<BlockingRulePlan> blocking;
  double match_threshold = 0.95, possible_threshold = 0.5, keep_threshold = 0.5;
  std::function<bool(uint32_t, uint32_t)> keep_pair;  // LinkSpec::keep_pair
  uint64_t max_block_pairs = 0, max_candidate_pairs = 0, u_sample_pairs = 0;
  int em_max_iterations = 0;
  double em_tolerance = 0;
  uint64_t seed = 0;
  unsigned threads = 0;
  std::string left_label_zh, left_label_en, right_label_zh, right_label_en;
};

// Checks spec against the column names of the two sides and builds the plan. Every error names
// the offending entry (Location::field such as "comparisons[2].kind") and value. Codes:
// linkage.no_comparisons, .too_many_comparisons, .field_name, .duplicate_field,
// .unknown_kind, .unknown_column, .unknown_element, .term_frequency, .jaro_winkler_threshold,
// .too_many_levels, .max_edits, .within_days, .tolerance, .threshold_range, .threshold_order,
// .no_blocking,
// .too_many_rules, .empty_rule, .unknown_key_field, .unknown_key_part, .sample_size,
// .max_pairs, .em_settings.
Result<LinkPlan> plan_link(const LinkSpec& spec, std::span<const std::string> left_columns,
                           std::span<const std::string> right_columns);

// The same for deduplicating one dataset: every comparison reads left_column on both sides.
Result<LinkPlan> plan_deduplication(const LinkSpec& spec, std::span<const std::string> columns);

}  // namespace shanhai::linkage
