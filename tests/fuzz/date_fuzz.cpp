// libFuzzer target: 日期 / 日期时间. Whatever parse_date_days accepts, normalize(date) turns into
// the same day; canonical values normalise to themselves.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "normalize/date.h"
#include "normalize/element.h"

using namespace shanhai::normalize;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view raw(reinterpret_cast<const char*>(data), size);
  const auto days = parse_date_days(raw);
  const Normalized d = normalize(Element::date, raw);
  if (days) {
    if (!d.valid || d.canonical != format_date(*days)) __builtin_trap();
  }
  if (d.valid) {
    const Normalized again = normalize(Element::date, d.canonical);
    if (!again.valid || again.canonical != d.canonical) __builtin_trap();
  } else if (d.reason_zh.empty() || d.reason_en.empty()) {
    __builtin_trap();
  }
  const auto secs = parse_datetime_seconds(raw);
  const Normalized dt = normalize(Element::datetime, raw);
  if (secs && (!dt.valid || dt.canonical != format_datetime(*secs))) __builtin_trap();
  if (dt.valid) {
    const Normalized again = normalize(Element::datetime, dt.canonical);
    if (!again.valid || again.canonical != dt.canonical) __builtin_trap();
  }
  return 0;
}
