#pragma once
// Progress of long work, reported by lower layers and shown by front ends (a terminal line in
// the CLI). Implementations decide when and whether to show anything.

#include <cstdint>
#include <string_view>

#include "common/error.h"

namespace shanhai {

class ProgressSink {
 public:
  virtual ~ProgressSink() = default;
  // phase: a short bilingual label such as "读取 reading"; done/total in the phase's own unit
  // (bytes, rows or columns). total may be 0 when unknown.
  virtual void update(std::string_view phase, uint64_t done, uint64_t total) = 0;
  // The work is over (successfully or not); clear any partial line.
  virtual void finish() = 0;
  // True once whoever started the work asked to stop it. Long work checks this between its
  // stages and then gives up with cancelled_error(), leaving everything as it was.
  virtual bool cancelled() const { return false; }
};

inline bool is_cancelled(const ProgressSink* progress) {
  return progress != nullptr && progress->cancelled();
}

inline Error cancelled_error() { return Error("job.cancelled", "已取消", "cancelled"); }

// Calls progress->finish() when it goes out of scope, however the work ends (a null sink is
// fine).
class FinishProgressOnExit {
 public:
  explicit FinishProgressOnExit(ProgressSink* progress) : progress_(progress) {}
  ~FinishProgressOnExit() {
    if (progress_ != nullptr) progress_->finish();
  }
  FinishProgressOnExit(const FinishProgressOnExit&) = delete;
  FinishProgressOnExit& operator=(const FinishProgressOnExit&) = delete;

 private:
  ProgressSink* progress_;
};

}  // namespace shanhai
