#pragma once
// A model spec written in a test as just its parameters, inputs and steps: the metadata and one
// lead template are filled in, the text is loaded and validated (a failure fails the test).

#include <gtest/gtest.h>

#include <string>

#include "model/spec.h"
#include "model/spec_loader.h"
#include "model/spec_validator.h"

namespace shanhai::testing {

struct SmallModel {
  model::ModelSpec spec;
  model::ValidatedSpec validated;
};

// body: YAML of parameters, inputs and steps; the lead takes `subject` from `lead_step`.
// Note that `validated` points into `spec`: keep the SmallModel where it is (it is not moved).
inline void load_small_model(SmallModel& out, const std::string& body, const std::string& lead_step,
                             const std::string& subject) {
  const std::string yaml = "id: t\nversion: 1.0.0\nname: t\nlegal_basis: [x]\n" + body +
                           "leads:\n  - {step: " + lead_step + ", rule: r, subject: " + subject +
                           ", title: t}\n";
  auto s = model::load_spec_text(yaml, "t.yaml");
  ASSERT_TRUE(s.ok()) << s.error().message();
  out.spec = std::move(s.value());
  auto v = model::validate_spec(out.spec);
  ASSERT_TRUE(v.ok()) << v.error().message();
  out.validated = std::move(v.value());
}

}  // namespace shanhai::testing
