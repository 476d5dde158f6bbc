// libFuzzer target: 统一社会信用代码 / 组织机构代码 / 工商注册号.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "normalize/element.h"
#include "normalize/uscc.h"

using namespace shanhai::normalize;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view raw(reinterpret_cast<const char*>(data), size);
  const Normalized n = normalize(Element::uscc, raw);
  const auto parsed = parse_uscc(raw);
  if (parsed.ok() != n.valid) __builtin_trap();
  if (n.valid) {
    if (parsed->canonical != n.canonical) __builtin_trap();
    const Normalized again = normalize(Element::uscc, n.canonical);
    if (!again.valid || again.canonical != n.canonical) __builtin_trap();
  } else if (n.reason_zh.empty() || n.reason_en.empty()) {
    __builtin_trap();
  }
  if (size >= 17) (void)uscc_check_char(raw.substr(0, 17));
  if (size >= 8) (void)org_code_check_char(raw.substr(0, 8));
  return 0;
}
