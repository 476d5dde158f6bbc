#pragma once
// A model specification (模型规格): a procurator's supervision idea written down once, as data.
// Loaded from YAML or the equivalent JSON (spec_loader.h), checked by spec_validator.h, compiled
// to a plan by the engine. Every element remembers where it was written (SourcePos), so that
// errors name the file, line and column.
//
//   id, version, name, category, author_org, legal_basis, description   metadata
//   parameters: {as_of: {type: date, default: today, label: 截止日期}}
//   inputs:     {penalties: {label: 行政处罚决定, fields: {decision_no: {element: case_number,
//                label: 决定书文号, required: true}, …}}}
//   steps:      [{id: overdue, kind: filter, from: penalties, where: "…"}, …]   a DAG
//   leads:      [{step: …, rule: …, subject: …, title: "…{field}…", category: …,
//                 evidence: [penalties]}]
// See docs/model-spec.md for every step kind and its keys.

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace shanhai::model {

// 1-based line and column in the spec file (0 when unknown).
struct SourcePos {
  int line = 0;
  int column = 0;
};

// A string value and where it was written. For a quoted scalar ("…" or '…') pos is the opening
// quote, so the text starts one column later.
struct Located {
  std::string text;
  SourcePos pos;
  bool quoted = false;
};

struct Parameter {
  Located name;
  Located type;                          // date, integer, decimal, money, text, bool
  std::optional<Located> default_value;  // literal text; "today" for dates
  std::string label;
};

struct Field {
  Located name;
  Located element;  // an element name (normalize/element.h)
  std::string label;
  bool required = true;
};

struct Input {
  Located name;
  std::string label;
  std::vector<Field> fields;
};

// One way two step outputs match: every pair left field = right field, optionally only where a
// condition on the pair holds ("payments.decision_no is null").
struct KeySet {
  std::vector<std::pair<Located, Located>> pairs;  // (left field, right field)
  std::optional<Located> where;
  SourcePos pos;
};

// link: one compared field of the two sides (linkage/link_spec.h ComparisonSpec).
struct LinkComparison {
  Located field;                   // names the comparison in explanations and blocking rules
  Located kind;                    // id_number | person_name | date | number | money | exact
  Located left;                    // field of `from`
  Located right;                   // field of `with` (of `from` again when deduplicating)
  std::optional<Located> element;  // exact: the element values are normalised as
  std::string label;               // how explanations name it (身份证号); default: field
  SourcePos pos;
};

// link: one part of a blocking key, a comparison field and what of it to use.
struct LinkKeyPart {
  Located field;
  Located part;  // value (default) | region_birth | birth | region | pinyin | first_char | year |
                 // year_month
  SourcePos pos;
};

// A step of the DAG. Which members are used depends on the kind; the validator checks that the
// keys a kind needs are there and no others.
struct Step {
  Located id;
  Located kind;  // filter, derive, match, absence, presence, time_window, aggregate, union,
                 // distinct, link
  std::vector<Located> from;      // inputs or earlier steps (several only for union)
  std::optional<Located> with;    // match family: the other side
  std::optional<Located> join;    // match: inner | left
  std::vector<KeySet> match_any;  // match family: alternative key sets
  std::optional<Located> where;   // filter condition; aggregate: having
  std::vector<std::pair<Located, Located>> derive;    // derive: new field = expression
  std::vector<Located> group_by;                      // aggregate
  std::vector<std::pair<Located, Located>> measures;  // aggregate: name = count() | sum(f) …
  std::optional<Located> having;                      // aggregate threshold
  std::vector<Located> on;                            // distinct
  // time_window: left date field, right date field, within/after/before a duration.
  std::optional<Located> window_left, window_right, window_relation, window_duration;
  std::optional<Located> window_mode;  // presence (default) | absence | match
  // link: fuzzy identity linkage of `from` with `with` (or of `from` with itself).
  std::vector<LinkComparison> compare;
  std::vector<std::vector<LinkKeyPart>> blocking;  // rules (ORed), each parts that must all agree
  std::optional<Located> match_threshold, possible_threshold;  // probabilities in [0, 1]
  std::optional<Located> keep;                                 // match (default) | possible
  SourcePos pos;
};

struct LeadTemplate {
  Located step;
  Located rule;
  Located subject;  // a field of the step's output: the entity the lead is about
  Located title;    // Chinese title with {field} placeholders
  std::string category;
  std::vector<Located> evidence;  // inputs whose rows are the lead's evidence
  SourcePos pos;
};

struct ModelSpec {
  std::string file;  // where it was loaded from (for messages)
  Located id;
  Located version;  // semantic version x.y.z
  std::string name;
  std::string category;
  std::string author_org;
  std::vector<std::string> legal_basis;
  std::string description;
  std::vector<Parameter> parameters;
  std::vector<Input> inputs;
  std::vector<Step> steps;
  std::vector<LeadTemplate> leads;
};

}  // namespace shanhai::model
