#pragma once
// Random typed expressions of the model language (docs/model-expressions.md) for the random
// models of random_model.h: every operator, function, duration unit and kind of constant, nested
// a few levels, over the fields a step can read. Every expression type-checks by construction.

#include <algorithm>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "model/expr_ast.h"

namespace shanhai::testing {

// Choices drawn from one seeded random engine.
class RandomChoices {
 public:
  explicit RandomChoices(uint64_t seed) : rng_(seed) {}

  int pick(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  bool chance(double p) { return std::bernoulli_distribution(p)(rng_); }
  template <class T>
  const T& one_of(const std::vector<T>& v) {
    return v[static_cast<size_t>(pick(0, static_cast<int>(v.size()) - 1))];
  }
  template <class T>
  void shuffle(std::vector<T>& v) {
    std::shuffle(v.begin(), v.end(), rng_);
  }

 private:
  std::mt19937_64 rng_;
};

// A field as an expression may read it.
struct RandomField {
  std::string name;  // as written in an expression: "amount", "payments.amount"
  model::TypeKind type;
};
using RandomFields = std::vector<RandomField>;

// The dates and texts both literals and input cells are drawn from, so that comparisons hit:
// month ends, a leap day, texts with quotes, Chinese and a character outside the BMP.
const std::vector<std::string>& random_dates();
const std::vector<std::string>& random_texts();

// Whether an expression can name a field: at most one dot ("s1.k", not "s2.甲.k").
bool nameable(const std::string& field);

class RandomExpressions {
 public:
  explicit RandomExpressions(RandomChoices& choices) : c_(choices) {}

  // An expression of type t (boolean, integer, decimal, money, date or text) over env and the
  // parameters $p_int, $p_dec, $p_money, $p_date, $p_text and $p_bool; depth bounds nesting.
  std::string expression(model::TypeKind t, int depth, const RandomFields& env);

  // One of the value types an expression can have (not null).
  model::TypeKind any_type();

 private:
  std::vector<std::string> of_type(const RandomFields& env, model::TypeKind t) const;
  std::string leaf(model::TypeKind t, const RandomFields& env);
  std::string numeric_constant();
  std::string comparison_op(bool ordering);
  std::string list_of(model::TypeKind t);
  std::string boolean(int depth, const RandomFields& env);
  std::string integer(int depth, const RandomFields& env);
  std::string decimal(int depth, const RandomFields& env);
  std::string money(int depth, const RandomFields& env);
  std::string duration(const RandomFields& env);
  std::string date(int depth, const RandomFields& env);
  std::string text(int depth, const RandomFields& env);

  RandomChoices& c_;
};

}  // namespace shanhai::testing
