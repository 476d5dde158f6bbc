#pragma once
// Checks what a loaded model spec means, before anything runs: metadata (id, semantic version,
// legal basis), parameter types and defaults, field elements, that every name a step or lead
// uses exists (with the closest name suggested when not), that steps form a DAG (a cycle is
// named step by step), that every input is used, and which fields each step outputs. Errors
// carry code "spec.*", Chinese and English sentences, and the file, line and column.
//
// Expressions (filter and match conditions, derived fields, aggregate thresholds) are compiled
// with the expression language (expr_types.h) against the typed schemas computed here.

#include <map>
#include <string>
#include <vector>

#include "common/error.h"
#include "model/expr_types.h"
#include "model/spec.h"

namespace shanhai::model {

// One output field of an input or step and its type.
struct SchemaField {
  std::string name;
  Type type;
  friend bool operator==(const SchemaField&, const SchemaField&) = default;
};

// The fields a step (or input) outputs, in order. A match adds the other side's fields as
// "<other>.<field>". Input fields are typed by their element (element_type).
using Schema = std::vector<SchemaField>;

// The expression type of a column of an element: money → money, date → date, integer,
// decimal and bac → numbers, bool → bool, every other element → text.
Type element_type(std::string_view element);

struct ValidatedSpec {
  // Steps in an order where every step comes after what it reads.
  std::vector<const Step*> order;
  // Output fields of every input and step, by name.
  std::map<std::string, Schema> schemas;
  // Every expression of the spec compiled and typed, keyed by its position in the file
  // ("line:column"), for the engine.
  std::map<std::string, TypedExpr> expressions;
};

// Validates spec; the result points into spec, which must outlive it.
Result<ValidatedSpec> validate_spec(const ModelSpec& spec);

}  // namespace shanhai::model
