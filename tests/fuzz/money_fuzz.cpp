// libFuzzer target: 金额. parse_money_fen and normalize agree; canonical values round-trip.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "normalize/element.h"
#include "normalize/money.h"

using namespace shanhai::normalize;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view raw(reinterpret_cast<const char*>(data), size);
  const auto fen = parse_money_fen(raw);
  const Normalized n = normalize(Element::money, raw);
  if (fen.has_value() != n.valid) __builtin_trap();
  if (fen) {
    if (format_fen(*fen) != n.canonical) __builtin_trap();
    const auto again = parse_money_fen(n.canonical);
    if (!again || *again != *fen) __builtin_trap();
  } else if (n.reason_zh.empty() || n.reason_en.empty()) {
    __builtin_trap();
  }
  return 0;
}
