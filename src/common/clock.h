#pragma once
// Wall-clock time as the catalog stores it: ISO 8601 UTC with seconds, "2026-11-23T08:00:00Z".
// Strings of this form sort in time order, so the catalog compares them as text.

#include <chrono>
#include <string>

namespace shanhai {

using SystemTime = std::chrono::system_clock::time_point;

std::string utc_iso(SystemTime t);
inline std::string utc_now_iso() { return utc_iso(std::chrono::system_clock::now()); }

// Parses utc_iso's format; std::nullopt-like epoch (time_point{}) when malformed.
SystemTime parse_utc_iso(const std::string& text);

struct CivilDate {
  int year = 1970;
  int month = 1;
  int day = 1;
};
// Today in the machine's time zone (what `default: today` and 今天 mean to a procurator).
CivilDate local_today();

}  // namespace shanhai
