#include "cli/terminal_progress.h"

#include <cstdio>

#include <fmt/format.h>

namespace shanhai::cli {

void TerminalProgress::update(std::string_view phase, uint64_t done, uint64_t total) {
  if (!enabled_) return;
  const auto now = Clock::now();
  if (now - started_ < std::chrono::seconds(1)) return;
  if (shown_ && now - last_ < std::chrono::milliseconds(100)) return;
  last_ = now;
  shown_ = true;
  const double secs = std::chrono::duration<double>(now - started_).count();
  std::string line;
  if (total > 0) {
    const double pct = 100.0 * static_cast<double>(done) / static_cast<double>(total);
    const int bar = static_cast<int>(pct / 5);
    line = fmt::format("\r{} [{:<20}] {:5.1f}%  {:.0f}s", phase,
                       std::string(static_cast<size_t>(bar), '#'), pct, secs);
  } else {
    line = fmt::format("\r{} {}  {:.0f}s", phase, done, secs);
  }
  std::fputs(line.c_str(), stderr);
  std::fputs("\x1b[K", stderr);
  std::fflush(stderr);
}

void TerminalProgress::finish() {
  if (!shown_) return;
  std::fputs("\r\x1b[K", stderr);
  std::fflush(stderr);
  shown_ = false;
}

}  // namespace shanhai::cli
