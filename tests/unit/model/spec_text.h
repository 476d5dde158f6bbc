#pragma once
// Helpers for tests that edit a spec's text to make it wrong.

#include <gtest/gtest.h>

#include <string>

#include "model/spec_loader.h"
#include "model/spec_validator.h"

namespace shanhai::model {

// text with the first `from` replaced by `to` (a failure when there is none).
inline std::string replace(std::string text, const std::string& from, const std::string& to) {
  const size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

// Loads and validates; returns the first error (a failure when there is none).
inline Error first_error(const std::string& text) {
  auto spec = load_spec_text(text, "model.yaml");
  if (!spec) return spec.error();
  auto v = validate_spec(spec.value());
  EXPECT_FALSE(v.ok()) << "expected an error";
  return v.ok() ? Error("", "", "") : v.error();
}

}  // namespace shanhai::model
