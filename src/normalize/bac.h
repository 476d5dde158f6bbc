#pragma once
// 血液酒精含量 (blood alcohol concentration), canonical in mg/100ml as the shortest decimal
// ("186.5", "80", "0").
//
// Accepted: 186.5, 186.5mg/100ml, 186.5 mg/100mL, 186.5毫克/100毫升, 186.5mg/dl, 186.5mg%,
// 1.865mg/ml, 1.865g/L, 0.1865g/100ml, 1865mg/L, and free text containing one such measurement
// ("经检验，血液中乙醇含量为186.5mg/100ml"); 未检出 / 阴性 → 0. Values above 1000 mg/100ml are kept
// but invalid. Exact decimal arithmetic, rounded half-up to 0.001 mg/100ml only for mg/L input.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "normalize/element.h"

namespace shanhai::normalize {

// The concentration in thousandths of a mg/100ml, or nullopt when no measurement is found.
std::optional<int64_t> parse_bac_milli(std::string_view raw);

Normalized normalize_bac(std::string_view raw);

}  // namespace shanhai::normalize
