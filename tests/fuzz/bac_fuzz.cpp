// libFuzzer target: 血液酒精含量 (free text with units).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "normalize/bac.h"
#include "normalize/element.h"

using namespace shanhai::normalize;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view raw(reinterpret_cast<const char*>(data), size);
  (void)parse_bac_milli(raw);
  const Normalized n = normalize(Element::bac, raw);
  if (n.valid) {
    const Normalized again = normalize(Element::bac, n.canonical);
    if (!again.valid || again.canonical != n.canonical) __builtin_trap();
  } else if (n.reason_zh.empty() || n.reason_en.empty()) {
    __builtin_trap();
  }
  return 0;
}
