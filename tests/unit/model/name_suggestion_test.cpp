// Edit distance over code points and the "did you mean" choice.

#include "model/name_suggestion.h"

#include <gtest/gtest.h>

namespace shanhai::model {
namespace {

struct DistanceCase {
  const char* a;
  const char* b;
  size_t distance;
};
std::ostream& operator<<(std::ostream& os, const DistanceCase& c) {
  return os << '"' << c.a << "\" / \"" << c.b << '"';
}

const DistanceCase kDistances[] = {
    {"", "", 0},
    {"", "abc", 3},
    {"abc", "", 3},
    {"abc", "abc", 0},
    {"decison_date", "decision_date", 1},
    {"amuont", "amount", 1},  // adjacent transposition is one edit
    {"kitten", "sitting", 3},
    {"罚款金额", "罚款数额", 1},  // one code point, though three bytes
    {"罚款金额", "罚款金", 1},
    {"金额", "日期", 2},
    {"abc", "ABC", 3},
    {"ca", "abc", 3},  // optimal string alignment: no edit of a transposed pair
    {"a\xff", "a\xff", 0},
    {"a\xff", "a\xfe", 1},
};

class EditDistance : public ::testing::TestWithParam<DistanceCase> {};

TEST_P(EditDistance, CountsCodePointEdits) {
  const DistanceCase& c = GetParam();
  EXPECT_EQ(edit_distance(c.a, c.b), c.distance);
  EXPECT_EQ(edit_distance(c.b, c.a), c.distance);
}

INSTANTIATE_TEST_SUITE_P(Table, EditDistance, ::testing::ValuesIn(kDistances));

struct SuggestCase {
  const char* name;
  std::vector<std::string> candidates;
  const char* suggestion;  // "" for none
};
std::ostream& operator<<(std::ostream& os, const SuggestCase& c) {
  return os << '"' << c.name << '"';
}

const SuggestCase kSuggestions[] = {
    {"decison_date", {"decision_no", "decision_date", "agency"}, "decision_date"},
    {"amont", {"amount", "agency"}, "amount"},
    {"Amount", {"amount"}, "amount"},             // case alone differs
    {"AMOUNT", {"amounts", "amount"}, "amount"},  // a case-insensitive match wins
    {"罚款金", {"罚款金额", "当事人"}, "罚款金额"},
    {"罚款数额", {"罚款金额"}, "罚款金额"},
    {"金额", {"日期"}, ""},  // everything replaced
    {"ab", {"xy"}, ""},
    {"xyz", {"decision_date"}, ""},
    {"amount", {"amount"}, ""},  // known, not misspelt
    {"x", {}, ""},
    {"filtre", {"filter", "derive", "match"}, "filter"},
    {"time_windows", {"time_window", "aggregate"}, "time_window"},
    {"party_identifier", {"party_identifer", "party_name"}, "party_identifer"},
    // Long names allow a third of their length: 18 code points → 6 edits.
    {"administrative_fee", {"administration_fees"}, "administration_fees"},
    {"abcdef", {"abcxyz"}, ""},  // 3 edits > max(2, 6/3)
    {"abcdef", {"abcdxy"}, "abcdxy"},
    {"amout", {"amount", "amounts"}, "amount"},  // the closer wins
    {"mont", {"month", "mont_"}, "month"},       // ties go to the first
};

class Suggest : public ::testing::TestWithParam<SuggestCase> {};

TEST_P(Suggest, PicksTheClosestCandidate) {
  const SuggestCase& c = GetParam();
  const std::optional<std::string> s = closest_name(c.name, c.candidates);
  if (*c.suggestion == '\0') {
    EXPECT_FALSE(s.has_value()) << *s;
  } else {
    ASSERT_TRUE(s.has_value());
    EXPECT_EQ(*s, c.suggestion);
  }
}

INSTANTIATE_TEST_SUITE_P(Table, Suggest, ::testing::ValuesIn(kSuggestions));

TEST(NameSuggestion, Limit) {
  EXPECT_EQ(suggestion_limit(0), 2u);
  EXPECT_EQ(suggestion_limit(5), 2u);
  EXPECT_EQ(suggestion_limit(9), 3u);
  EXPECT_EQ(suggestion_limit(30), 10u);
}

TEST(NameSuggestion, MessageTails) {
  EXPECT_EQ(did_you_mean_zh(std::string("decision_date")), "，是否应为“decision_date”？");
  EXPECT_EQ(did_you_mean_en(std::string("decision_date")), "; did you mean \"decision_date\"?");
  EXPECT_EQ(did_you_mean_zh(std::nullopt), "");
  EXPECT_EQ(did_you_mean_en(std::nullopt), "");
}

}  // namespace
}  // namespace shanhai::model
