#include "normalize/phone.h"

#include <fmt/format.h>

#include <array>
#include <optional>
#include <vector>

#include "normalize/text.h"

namespace shanhai::normalize {

namespace {

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

constexpr std::array<std::string_view, 14> kLabels = {
    "联系电话", "电话号码", "手机号码", "联系方式", "手机号", "电话", "手机",
    "座机",     "mobile",   "phone",    "tel",      "电",     "tel.", "mob"};

const char* kBadZh = "无法识别为电话号码";
const char* kBadEn = "not a recognised telephone number";

}  // namespace

namespace {

// A mobile number written as its bare 11 digits, the common case: the full path below keeps it
// as it is, so skip the cleaning.
bool is_bare_mobile(std::string_view raw) {
  if (raw.size() != 11 || raw[0] != '1' || raw[1] < '3' || raw[1] > '9') return false;
  for (char c : raw) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// The mobile number of the commonest spellings other than the bare one: ASCII digits in groups
// separated by spaces or hyphens, perhaps after +86 or 0086 ("+86-181-2327-8046",
// "138 1234 5678"); nullopt for anything else, which the general path below reads (and gives
// the same answer for these).
std::optional<std::string> plain_mobile(std::string_view raw) {
  if (raw.empty() || !(raw.front() == '+' || (raw.front() >= '0' && raw.front() <= '9')) ||
      !(raw.back() >= '0' && raw.back() <= '9') || raw.size() > 24) {
    return std::nullopt;
  }
  std::string digits;
  for (size_t k = 0; k < raw.size(); ++k) {
    const char c = raw[k];
    if (c >= '0' && c <= '9') {
      digits += c;
    } else if (!(c == ' ' || c == '-' || (c == '+' && k == 0))) {
      return std::nullopt;
    }
  }
  if (raw.front() == '+') {
    if (!starts_with(digits, "86")) return std::nullopt;
    digits.erase(0, 2);
  } else if (starts_with(digits, "0086")) {
    digits.erase(0, 4);
  } else if (digits.size() == 13 && starts_with(digits, "861") && digits[3] >= '3') {
    digits.erase(0, 2);
  }
  if (!is_bare_mobile(digits)) return std::nullopt;
  return digits;
}

}  // namespace

bool is_canonical_mobile(std::string_view raw) { return is_bare_mobile(raw); }

Normalized normalize_phone(std::string_view raw) {
  if (is_bare_mobile(raw)) return valid_result(std::string(raw));
  if (auto mobile = plain_mobile(raw)) return valid_result(std::move(*mobile));
  if (is_blank(raw)) return empty_result();
  std::string s = fold_width(nfkc(trim(raw)), false);
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  std::string_view v = trim(s);
  // Leading labels such as "电话：".
  for (bool changed = true; changed;) {
    changed = false;
    for (std::string_view label : kLabels) {
      if (starts_with(v, label)) {
        v.remove_prefix(label.size());
        changed = true;
      }
    }
    while (!v.empty() && (v.front() == ':' || v.front() == ' ')) {
      v.remove_prefix(1);
      changed = true;
    }
  }
  // Extension.
  std::string ext;
  for (std::string_view marker : {"转", "分机", "ext.", "ext", "x", "#", ",,"}) {
    const size_t at = v.find(marker);
    if (at == std::string_view::npos || at == 0) continue;
    std::string_view tail = trim(v.substr(at + marker.size()));
    bool digits_only = !tail.empty() && tail.size() <= 6;
    for (char c : tail) digits_only = digits_only && c >= '0' && c <= '9';
    if (!digits_only) continue;
    ext = std::string(tail);
    v = v.substr(0, at);
    break;
  }
  // Digits, and the groups they were written in.
  std::string digits;
  std::vector<size_t> groups;
  size_t group = 0;
  bool plus = false;
  for (size_t k = 0; k < v.size(); ++k) {
    const char c = v[k];
    if (c >= '0' && c <= '9') {
      digits += c;
      ++group;
      continue;
    }
    if (group > 0) {
      groups.push_back(group);
      group = 0;
    }
    if (c == '+' && digits.empty()) {
      plus = true;
    } else if (c == ' ' || c == '-' || c == '(' || c == ')' || c == '.') {
      continue;
    } else if (c == ',' || c == ';' || c == '/' || c == '|') {
      return invalid_result("", "包含多个号码", "contains more than one number");
    } else if (static_cast<unsigned char>(c) >= 0x80) {
      // Chinese punctuation between numbers (、，；) means several numbers.
      std::string_view rest = v.substr(k);
      if (starts_with(rest, "、") || starts_with(rest, "，") || starts_with(rest, "；")) {
        return invalid_result("", "包含多个号码", "contains more than one number");
      }
      return invalid_result("", kBadZh, kBadEn);
    } else {
      return invalid_result("", kBadZh, kBadEn);
    }
  }
  if (group > 0) groups.push_back(group);
  if (digits.empty()) return invalid_result("", kBadZh, kBadEn);
  // Country code.
  bool international = plus;
  if (plus) {
    if (!starts_with(digits, "86")) {
      return invalid_result("", "不是中国大陆号码（+86）", "not a mainland China number (+86)");
    }
    digits.erase(0, 2);
    if (!groups.empty()) groups[0] = groups[0] >= 2 ? groups[0] - 2 : 0;
    if (!groups.empty() && groups[0] == 0) groups.erase(groups.begin());
  } else if (starts_with(digits, "0086")) {
    digits.erase(0, 4);
    international = true;
    if (!groups.empty()) groups[0] = groups[0] >= 4 ? groups[0] - 4 : 0;
    if (!groups.empty() && groups[0] == 0) groups.erase(groups.begin());
  } else if (digits.size() == 13 && starts_with(digits, "861") && digits[3] >= '3') {
    digits.erase(0, 2);
  }
  auto with_ext = [&ext](std::string c) {
    if (!ext.empty()) c += "-" + ext;
    return c;
  };
  // Mobile.
  if (digits.size() == 11 && digits[0] == '1' && digits[1] >= '3' && digits[1] <= '9') {
    return valid_result(with_ext(std::move(digits)));
  }
  if (international && !digits.empty() && digits[0] != '0') {
    digits.insert(digits.begin(), '0');
    if (!groups.empty()) ++groups[0];
  }
  // Service numbers.
  if (digits.size() == 10 && (starts_with(digits, "400") || starts_with(digits, "800"))) {
    return valid_result(with_ext(std::move(digits)));
  }
  if (!international && digits.size() >= 3 && digits.size() <= 6 && digits[0] != '0' &&
      ext.empty()) {
    if (digits[0] == '1' || digits[0] == '9') return valid_result(std::move(digits));
  }
  // Landline.
  if (digits[0] == '0' && ext.empty() && groups.size() == 3 && groups[0] >= 3 && groups[0] <= 4 &&
      groups[1] >= 7 && groups[1] <= 8 && groups[2] <= 6) {
    // 0571-88886666-123: the third group is an extension.
    ext = digits.substr(groups[0] + groups[1]);
    digits.resize(groups[0] + groups[1]);
    groups.pop_back();
  }
  if (digits[0] == '0') {
    size_t area = 0;
    if (groups.size() >= 2 && (groups[0] == 3 || groups[0] == 4)) {
      area = groups[0];
    } else if (starts_with(digits, "010") || starts_with(digits, "02")) {
      area = 3;
    } else {
      area = 4;
    }
    const size_t local = digits.size() > area ? digits.size() - area : 0;
    if (local < 7 || local > 8 || digits[area] == '0') {
      return invalid_result(
          "", fmt::format("固定电话号码位数不符（区号后应为 7–8 位，实为 {} 位）", local),
          fmt::format("a landline has 7-8 digits after the area code, found {}", local));
    }
    return valid_result(with_ext(digits.substr(0, area) + "-" + digits.substr(area)));
  }
  if ((digits.size() == 7 || digits.size() == 8) && digits[0] != '1') {
    return invalid_result(with_ext(digits), "固定电话缺少区号",
                          "landline number lacks its area code");
  }
  if (digits[0] == '1') {
    return invalid_result("", fmt::format("手机号码应为 11 位，实为 {} 位", digits.size()),
                          fmt::format("a mobile number has 11 digits, found {}", digits.size()));
  }
  return invalid_result("", kBadZh, kBadEn);
}

}  // namespace shanhai::normalize
