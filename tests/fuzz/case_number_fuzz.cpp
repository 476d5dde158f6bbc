// libFuzzer target: 案号 / 文号.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "normalize/case_number.h"
#include "normalize/element.h"

using namespace shanhai::normalize;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view raw(reinterpret_cast<const char*>(data), size);
  const Normalized n = normalize(Element::case_number, raw);
  const auto parsed = parse_case_number(raw);
  if (parsed.ok() != n.valid) __builtin_trap();
  if (n.valid) {
    if (parsed->canonical != n.canonical) __builtin_trap();
    const Normalized again = normalize(Element::case_number, n.canonical);
    if (!again.valid || again.canonical != n.canonical) __builtin_trap();
  } else if (n.reason_zh.empty() || n.reason_en.empty()) {
    __builtin_trap();
  }
  return 0;
}
