#pragma once
// A fresh workspace for the access layer's tests, with helpers for time points.

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>

#include "common/clock.h"
#include "store/workspace.h"
#include "support/temp_dir.h"

namespace shanhai::access::testing {

class AccessFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    auto created = store::Workspace::create(dir_ / "ws");
    ASSERT_TRUE(created.ok()) << created.error().message();
    ws_ = std::move(created.value());
  }

  store::Workspace& ws() { return *ws_; }

  // 2026-11-23T08:00:00Z plus `minutes`.
  static SystemTime at(double minutes = 0) {
    return parse_utc_iso("2026-11-23T08:00:00Z") +
           std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::duration<double, std::ratio<60>>(minutes));
  }

  shanhai::testing::TempDir dir_;
  std::unique_ptr<store::Workspace> ws_;
};

}  // namespace shanhai::access::testing
