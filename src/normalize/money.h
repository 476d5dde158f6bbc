#pragma once
// 金额 (amounts of money in yuan), exact in fen (分); no floating point anywhere.
//
// Accepted: 5000, 5,000.00, 5000元, 5000.00元整, 0.5万元, 1.2亿, 3千元, ￥5000, ¥5,000, RMB5000,
// 人民币5000元, 人民币伍仟元整, 壹万贰仟叁佰肆拾伍元陆角柒分, 五千元, 一万五千元, 1万2千元,
// 叁角, 负500 / -500, full-width digits and spaces anywhere. Canonical form: yuan with exactly two
// decimals, e.g. "5000.00", "-12.30".

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "normalize/element.h"

namespace shanhai::normalize {

// The amount in fen, or nullopt when raw is not an amount, is more precise than one fen, or does
// not fit in int64.
std::optional<int64_t> parse_money_fen(std::string_view raw);

// "5000.00" for 500000 fen; "-0.05" for -5.
std::string format_fen(int64_t fen);

Normalized normalize_money(std::string_view raw);

}  // namespace shanhai::normalize
