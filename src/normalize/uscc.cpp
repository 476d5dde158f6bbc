#include "normalize/uscc.h"

#include <fmt/format.h>

#include "normalize/text.h"

namespace shanhai::normalize {

namespace {

constexpr std::string_view kUsccChars = "0123456789ABCDEFGHJKLMNPQRTUWXY";
constexpr int kUsccWeights[17] = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
constexpr int kOrgWeights[8] = {3, 7, 9, 10, 5, 8, 4, 2};

int uscc_value(char c) {
  const size_t k = kUsccChars.find(c);
  return k == std::string_view::npos ? -1 : static_cast<int>(k);
}

int org_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
  return -1;
}

enum class Problem { none, empty, length, chars, region, checksum };

struct Cleaned {
  std::string code;
  char bad_char = 0;  // first character outside the alphabet
  bool non_ascii = false;
};

Cleaned clean(std::string_view raw) {
  Cleaned out;
  size_t i = 0;
  while (i < raw.size()) {
    char32_t cp = next_code_point(raw, i);
    if (is_space(cp)) continue;
    if (cp >= 0xFF01 && cp <= 0xFF5E) cp = cp - 0xFF01 + 0x21;
    if (cp == '-' || (cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212) continue;
    if (cp >= 'a' && cp <= 'z') cp = cp - 'a' + 'A';
    if ((cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z')) {
      out.code += static_cast<char>(cp);
    } else {
      out.non_ascii = true;
    }
  }
  return out;
}

struct Outcome {
  Problem problem = Problem::none;
  Uscc value;
  std::string zh, en;
};

Outcome examine(std::string_view raw) {
  Outcome o;
  Cleaned c = clean(raw);
  std::string& code = c.code;
  if (c.non_ascii) {
    o.problem = Problem::chars;
    o.zh = "含字母和数字以外的字符";
    o.en = "contains characters other than letters and digits";
    return o;
  }
  if (code.empty()) {
    o.problem = Problem::empty;
    o.zh = "空值";
    o.en = "empty";
    return o;
  }
  if (code.size() == 18) {
    for (char ch : code) {
      if (uscc_value(ch) < 0) {
        o.problem = Problem::chars;
        o.zh = fmt::format("含不允许的字符 {}（代码不使用 I、O、S、V、Z）", ch);
        o.en = fmt::format("contains {}, which the code never uses (no I, O, S, V, Z)", ch);
        return o;
      }
    }
    o.value.kind = Uscc::Kind::uscc;
    o.value.canonical = code;
    o.value.authority = code[0];
    o.value.category = code[1];
    o.value.region_code = code.substr(2, 6);
    o.value.org_code = code.substr(8, 8) + "-" + code.substr(16, 1);
    for (size_t k = 2; k < 8; ++k) {
      if (code[k] < '0' || code[k] > '9') {
        o.problem = Problem::region;
        o.zh = "第 3–8 位登记管理机关行政区划码应为数字";
        o.en = "characters 3-8 (region code of the registration authority) must be digits";
        return o;
      }
    }
    const char want = uscc_check_char(std::string_view(code).substr(0, 17));
    if (want != code[17]) {
      o.problem = Problem::checksum;
      o.zh = fmt::format("校验码错误，应为 {}", want);
      o.en = fmt::format("wrong check character, expected {}", want);
    }
    return o;
  }
  if (code.size() == 9) {
    o.value.kind = Uscc::Kind::org_code;
    o.value.canonical = code.substr(0, 8) + "-" + code.substr(8, 1);
    o.value.org_code = o.value.canonical;
    for (size_t k = 0; k < 8; ++k) {
      if (org_value(code[k]) < 0) {
        o.problem = Problem::chars;
        o.zh = "组织机构代码含非法字符";
        o.en = "organisation code contains invalid characters";
        return o;
      }
    }
    const char want = org_code_check_char(std::string_view(code).substr(0, 8));
    if (want != code[8]) {
      o.problem = Problem::checksum;
      o.zh = fmt::format("组织机构代码校验码错误，应为 {}", want);
      o.en = fmt::format("wrong organisation-code check character, expected {}", want);
    }
    return o;
  }
  if (code.size() == 15) {
    for (char ch : code) {
      if (ch < '0' || ch > '9') {
        o.problem = Problem::chars;
        o.zh = "15 位工商注册号只能包含数字";
        o.en = "a 15-digit registration number has digits only";
        return o;
      }
    }
    o.value.kind = Uscc::Kind::registration_number;
    o.value.canonical = code;
    o.value.region_code = code.substr(0, 6);
    const char want = registration_number_check_digit(std::string_view(code).substr(0, 14));
    if (want != code[14]) {
      o.problem = Problem::checksum;
      o.zh = fmt::format("工商注册号校验位错误，应为 {}", want);
      o.en = fmt::format("wrong registration-number check digit, expected {}", want);
    }
    return o;
  }
  o.problem = Problem::length;
  o.zh = fmt::format("位数应为 18 位（或旧组织机构代码 9 位、工商注册号 15 位），实为 {} 位",
                     code.size());
  o.en = fmt::format(
      "must have 18 characters (or 9 for an organisation code, 15 for a registration "
      "number), found {}",
      code.size());
  return o;
}

}  // namespace

char uscc_check_char(std::string_view first17) {
  if (first17.size() != 17) return '\0';
  int sum = 0;
  for (size_t k = 0; k < 17; ++k) {
    const int v = uscc_value(first17[k]);
    if (v < 0) return '\0';
    sum += v * kUsccWeights[k];
  }
  return kUsccChars[(31 - sum % 31) % 31];
}

char org_code_check_char(std::string_view first8) {
  if (first8.size() != 8) return '\0';
  int sum = 0;
  for (size_t k = 0; k < 8; ++k) {
    const int v = org_value(first8[k]);
    if (v < 0) return '\0';
    sum += v * kOrgWeights[k];
  }
  const int c = 11 - sum % 11;
  if (c == 10) return 'X';
  if (c == 11) return '0';
  return static_cast<char>('0' + c);
}

char registration_number_check_digit(std::string_view first14) {
  if (first14.size() != 14) return '\0';
  int p = 10;
  for (char ch : first14) {
    if (ch < '0' || ch > '9') return '\0';
    int s = (p + (ch - '0')) % 10;
    if (s == 0) s = 10;
    p = (s * 2) % 11;
  }
  return static_cast<char>('0' + (11 - p) % 10);
}

Result<Uscc> parse_uscc(std::string_view raw) {
  Outcome o = examine(raw);
  if (o.problem == Problem::none) return std::move(o.value);
  static constexpr const char* kCodes[] = {"",           "uscc.empty", "uscc.length",
                                           "uscc.chars", "uscc.chars", "uscc.checksum"};
  Location where;
  where.value = std::string(raw);
  return Error(kCodes[static_cast<int>(o.problem)], "统一社会信用代码" + o.zh,
               "unified social credit code: " + o.en, std::move(where));
}

Normalized normalize_uscc(std::string_view raw) {
  Outcome o = examine(raw);
  if (o.problem == Problem::none) return valid_result(std::move(o.value.canonical));
  if (o.problem == Problem::empty) return empty_result();
  const bool keep = o.problem == Problem::checksum || o.problem == Problem::region;
  return invalid_result(keep ? std::move(o.value.canonical) : std::string(), o.zh, o.en);
}

}  // namespace shanhai::normalize
