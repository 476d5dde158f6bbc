// libFuzzer target: 公民身份号码. Invariants: no crash or sanitizer report; a valid value is 18
// canonical characters that normalise to themselves; the three entry points agree.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "normalize/element.h"
#include "normalize/id_number.h"

using namespace shanhai::normalize;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view raw(reinterpret_cast<const char*>(data), size);
  const Normalized n = normalize(Element::id_number, raw);
  char out[18];
  const bool fast = canonical_id_number(raw, out);
  const auto parsed = parse_id_number(raw);
  if (fast != n.valid || parsed.ok() != n.valid) __builtin_trap();
  if (n.valid) {
    if (n.canonical.size() != 18 || std::string(out, 18) != n.canonical) __builtin_trap();
    if (parsed->canonical18 != n.canonical) __builtin_trap();
    const Normalized again = normalize(Element::id_number, n.canonical);
    if (!again.valid || again.canonical != n.canonical) __builtin_trap();
    if (!n.reason_zh.empty() || !n.reason_en.empty()) __builtin_trap();
  } else if (n.reason_zh.empty() || n.reason_en.empty()) {
    __builtin_trap();
  }
  return 0;
}
