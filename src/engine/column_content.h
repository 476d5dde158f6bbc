#pragma once
// What the values of a column say about it, for mapping suggestions (mapping_suggestion.h):
// the share of sampled values that fit an element, and the element a column plainly holds.
// Validity comes from the normalize layer where it is decisive (id numbers with their check
// digit, credit codes, case numbers, phones, plates, dates, amounts, BAC readings, regions);
// names, organisations and addresses, which any text passes, are judged by their shape.
// Pure functions.

#include <cstddef>
#include <optional>
#include <span>
#include <string>

#include "normalize/element.h"

namespace shanhai::engine {

struct ContentFit {
  size_t sampled = 0;  // non-blank values looked at
  double fitting = 0;  // values that fit (a bare number counts half as a BAC reading)
  double share() const { return sampled == 0 ? 0.0 : fitting / static_cast<double>(sampled); }
};

// How well the values fit element e. For text nothing is judged (sampled = 0).
ContentFit content_fit(normalize::Element e, std::span<const std::string> values);

// How much the values alone can say a column is of element e: 0.8 for id numbers, credit codes
// and case numbers, down to 0.35 for plain numbers; 0 for text.
double content_weight(normalize::Element e);

// The strongly recognisable element (id_number, uscc, case_number, phone, plate, date) that at
// least 80% of the values are, or nullopt.
std::optional<normalize::Element> dominant_element(std::span<const std::string> values);

// True for a row counter (序号): at least three values, whole numbers counting up by one.
bool is_serial(std::span<const std::string> values);

// Whether values of element `is` serve a field of element `wanted` (party_id takes id numbers
// and credit codes, datetime takes dates).
bool compatible(normalize::Element wanted, normalize::Element is);

}  // namespace shanhai::engine
