#pragma once
// Chinese numerals (中文数字): 一百二十三, 二〇二三 (digit by digit), 两千, 十一, and the financial
// forms 壹贰叁肆伍陆柒捌玖拾佰仟 with 万/萬 and 亿/億. Used by dates and money.

#include <cstdint>
#include <optional>
#include <string_view>

namespace shanhai::normalize {

// 0–9 for a Chinese digit (〇零○ 一壹幺 二贰貳两兩 三叁參 四肆 五伍 六陆陸 七柒 八捌 九玖), else
// -1.
int chinese_digit(char32_t cp);

// 10, 100, 1000 for 十拾, 百佰陌, 千仟阡; 10000 for 万萬; 100000000 for 亿億; else 0.
int64_t chinese_unit(char32_t cp);

// True for a character that may appear in a Chinese numeral (digit or unit).
bool is_chinese_numeral_char(char32_t cp);

// Parses a whole numeral. ASCII digit runs count as one number ("1万2千" = 12000, "5千" = 5000).
// A string of digits only is read digit by digit ("二〇二三" = 2023). A trailing digit after
// 百/千/万 is read colloquially ("一万五" = 15000, "两百五" = 250). Returns nullopt for anything
// that is not a well-formed numeral or that overflows int64.
std::optional<int64_t> parse_chinese_integer(std::u32string_view s);
std::optional<int64_t> parse_chinese_integer(std::string_view utf8);

}  // namespace shanhai::normalize
