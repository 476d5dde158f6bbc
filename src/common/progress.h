#pragma once
// Progress of long work, reported by lower layers and shown by front ends (a terminal line in
// the CLI). Implementations decide when and whether to show anything.

#include <cstdint>
#include <string_view>

namespace shanhai {

class ProgressSink {
 public:
  virtual ~ProgressSink() = default;
  // phase: a short bilingual label such as "读取 reading"; done/total in the phase's own unit
  // (bytes, rows or columns). total may be 0 when unknown.
  virtual void update(std::string_view phase, uint64_t done, uint64_t total) = 0;
  // The work is over (successfully or not); clear any partial line.
  virtual void finish() = 0;
};

}  // namespace shanhai
