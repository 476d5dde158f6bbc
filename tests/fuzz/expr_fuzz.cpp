// libFuzzer target: model expressions. Parses and type-checks arbitrary bytes against a fixed
// schema; must never crash. Every error has a code, Chinese and English sentences and a column
// inside the text; every success prints to a form that parses back to itself, with every node
// typed.
//
// The first byte picks the mode: even → the remaining bytes are the expression text; odd → each
// remaining byte picks a token from a vocabulary of the language (names, keywords, functions,
// operators, literals), so the fuzzer reaches the type checker without having to discover the
// grammar byte by byte.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "common/utf8.h"
#include "model/expr_parser.h"
#include "model/expr_types.h"

using namespace shanhai;
using namespace shanhai::model;

namespace {

const TypeEnvironment& schema() {
  static const TypeEnvironment env = [] {
    TypeEnvironment e;
    e.fields = {
        {"bac", TypeKind::decimal},
        {"charge", TypeKind::text},
        {"decision_date", TypeKind::date},
        {"amount", TypeKind::money},
        {"paid", TypeKind::money},
        {"count", TypeKind::integer},
        {"flag", TypeKind::boolean},
        {"罚款金额", TypeKind::money},
        {"date", TypeKind::date},
        {"days", TypeKind::integer},
        {"penalties.amount", TypeKind::money},
        {"penalties.decision_date", TypeKind::date},
    };
    e.params = {{"as_of", TypeKind::date},     {"threshold", TypeKind::decimal},
                {"months", TypeKind::integer}, {"keyword", TypeKind::text},
                {"min", TypeKind::money},      {"strict", TypeKind::boolean}};
    return e;
  }();
  return env;
}

constexpr std::string_view kVocabulary[] = {"bac",
                                            "charge",
                                            "decision_date",
                                            "amount",
                                            "paid",
                                            "count",
                                            "flag",
                                            "罚款金额",
                                            "date",
                                            "days",
                                            "penalties.amount",
                                            "penalties.decision_date",
                                            "penalty.x",
                                            "decison_date",
                                            "$as_of",
                                            "$threshold",
                                            "$months",
                                            "$keyword",
                                            "$min",
                                            "$strict",
                                            "$nope",
                                            "80",
                                            "80.5",
                                            "0",
                                            "9223372036854775808",
                                            "-",
                                            "+",
                                            "*",
                                            "/",
                                            "%",
                                            "=",
                                            "==",
                                            "!=",
                                            "<>",
                                            "<",
                                            "<=",
                                            ">",
                                            ">=",
                                            "and",
                                            "or",
                                            "not",
                                            "且",
                                            "或",
                                            "非",
                                            "in",
                                            "is",
                                            "null",
                                            "true",
                                            "false",
                                            "(",
                                            ")",
                                            "[",
                                            "]",
                                            ",",
                                            ".",
                                            "'醉酒'",
                                            "\"过失\"",
                                            "'(a'",
                                            "'\\d+'",
                                            "'2023-01-01'",
                                            "date '2023-01-01'",
                                            "date '2023-02-30'",
                                            "months",
                                            "days",
                                            "year",
                                            "个月",
                                            "天",
                                            "年",
                                            "contains(",
                                            "contains_any(",
                                            "starts_with(",
                                            "matches(",
                                            "length(",
                                            "extract_bac(",
                                            "coalesce(",
                                            "is_valid(",
                                            "year(",
                                            "month(",
                                            "days_between(",
                                            "lower(",
                                            "upper(",
                                            "today(",
                                            "frob(",
                                            "9 months",
                                            "[1, 2.5]",
                                            "['a', 'b']",
                                            "“",
                                            "（",
                                            "$",
                                            "'",
                                            "\\",
                                            " "};

void check_error(const Error& e, std::string_view text) {
  if (e.zh().empty() || e.en().empty() || e.code().rfind("expr.", 0) != 0) __builtin_trap();
  const auto chars = static_cast<int64_t>(utf8_length(text));
  if (e.where().column < 1 || e.where().column > chars + 1) __builtin_trap();
}

void check_typed(const Expr& e) {
  if (e.type.kind == TypeKind::unknown) __builtin_trap();
  if (e.kind == ExprKind::call && e.function == Function::none) __builtin_trap();
  for (const ExprPtr& child : e.children) check_typed(*child);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  std::string text;
  if (data[0] % 2 == 0) {
    text.assign(reinterpret_cast<const char*>(data + 1), size - 1);
  } else {
    constexpr size_t kWords = sizeof(kVocabulary) / sizeof(kVocabulary[0]);
    for (size_t i = 1; i < size; ++i) {
      if (i > 1) text += ' ';
      text += kVocabulary[data[i] % kWords];
    }
  }

  Result<ExprPtr> parsed = parse_expression(text);
  if (!parsed.ok()) {
    check_error(parsed.error(), text);
    return 0;
  }
  Expr& root = **parsed;
  const std::string printed = to_string(root);
  Result<ExprPtr> again = parse_expression(printed);
  if (!again.ok() || to_string(**again) != printed) __builtin_trap();
  (void)referenced_fields(root);
  (void)referenced_params(root);

  Result<Type> type = check_expression(root, schema());
  Result<Type> type_again = check_expression(**again, schema());
  if (type.ok() != type_again.ok()) __builtin_trap();
  if (!type.ok()) {
    check_error(type.error(), text);
    return 0;
  }
  if (*type != *type_again) __builtin_trap();
  if (type->kind == TypeKind::list || type->kind == TypeKind::duration) __builtin_trap();
  check_typed(root);
  const ExprPtr copy = clone(root);
  if (to_string(*copy) != printed || copy->type != root.type) __builtin_trap();
  return 0;
}
