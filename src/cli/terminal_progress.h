#pragma once
// A one-line progress indicator on stderr for work that takes more than a second. Shown only
// when stderr is a terminal; redrawn at most ten times a second; erased when the work ends.

#include <chrono>
#include <string>

#include "common/progress.h"

namespace shanhai::cli {

class TerminalProgress final : public ProgressSink {
 public:
  explicit TerminalProgress(bool enabled) : enabled_(enabled) {}
  ~TerminalProgress() override { finish(); }
  void update(std::string_view phase, uint64_t done, uint64_t total) override;
  void finish() override;

 private:
  using Clock = std::chrono::steady_clock;
  bool enabled_;
  bool shown_ = false;
  Clock::time_point started_ = Clock::now();
  Clock::time_point last_ = {};
};

}  // namespace shanhai::cli
