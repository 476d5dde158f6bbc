#include "engine/column_content.h"

#include <algorithm>
#include <array>
#include <set>
#include <string_view>
#include <vector>

#include "normalize/person_name.h"
#include "normalize/phone.h"
#include "normalize/text.h"

namespace shanhai::engine {

namespace {

using normalize::Element;

// The commonest Chinese surnames (single characters; compound ones start with one of these
// or are listed).
constexpr std::string_view kSurnames =
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏"
    "魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵"
    "万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘"
    "祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟"
    "艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞"
    "姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝";

constexpr std::array<std::string_view, 27> kOrgSuffixes = {
    "公司", "局",   "院",   "所",   "厂",   "店",   "部",     "中心",   "委员会",
    "站",   "队",   "社",   "行",   "馆",   "厅",   "处",     "办",     "学校",
    "医院", "政府", "集团", "协会", "银行", "法院", "检察院", "合作社", "事务所"};

constexpr std::array<std::string_view, 9> kDivisionChars = {"省", "市", "县", "区", "镇",
                                                            "乡", "州", "旗", "盟"};
constexpr std::array<std::string_view, 10> kStreetChars = {"路", "街", "号", "村", "组",
                                                           "弄", "巷", "道", "幢", "室"};

std::vector<char32_t> code_points(std::string_view s) {
  std::vector<char32_t> out;
  for (size_t i = 0; i < s.size();) out.push_back(normalize::next_code_point(s, i));
  return out;
}

bool contains_any(std::string_view s, std::span<const std::string_view> words) {
  return std::any_of(words.begin(), words.end(),
                     [&](std::string_view w) { return s.find(w) != std::string_view::npos; });
}

bool ends_with_any(std::string_view s, std::span<const std::string_view> words) {
  return std::any_of(words.begin(), words.end(), [&](std::string_view w) {
    return s.size() >= w.size() && s.substr(s.size() - w.size()) == w;
  });
}

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// A Chinese personal name: two to four Han characters starting with a common surname, or Han
// parts joined by "·" (阿卜杜拉·买买提); never an organisation or a charge (…罪).
bool looks_like_name(std::string_view raw) {
  const std::string name = normalize::canonical_person_name(raw);
  const std::vector<char32_t> cps = code_points(name);
  if (cps.size() < 2) return false;
  if (ends_with_any(name, kOrgSuffixes) || name.ends_with("罪")) return false;
  if (name.find("·") != std::string::npos) {
    return std::all_of(cps.begin(), cps.end(),
                       [](char32_t c) { return c == U'·' || normalize::is_han(c); });
  }
  if (cps.size() > 4) return false;
  if (!std::all_of(cps.begin(), cps.end(), [](char32_t c) { return normalize::is_han(c); })) {
    return false;
  }
  std::string first;
  normalize::append_utf8(first, cps[0]);
  return kSurnames.find(first) != std::string_view::npos;
}

bool looks_like_org(std::string_view raw) {
  const std::string s = normalize::nfkc_trim(raw);
  return code_points(s).size() >= 4 && ends_with_any(s, kOrgSuffixes);
}

bool looks_like_address(std::string_view raw) {
  const std::string s = normalize::nfkc_trim(raw);
  return code_points(s).size() >= 6 && contains_any(s, kDivisionChars) &&
         contains_any(s, kStreetChars);
}

// A BAC reading: 1 when it carries its unit or wording ("85.3mg/100ml", "未检出"), 0.5 when it is
// a bare number (any decimal column is that), 0 otherwise.
double bac_fit(std::string_view raw) {
  if (!normalize::normalize(Element::bac, raw).valid) return 0;
  const std::string s = normalize::nfkc_trim(raw);
  const bool bare =
      std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || c == '.'; });
  return bare ? 0.5 : 1.0;
}

double fit(Element e, std::string_view v) {
  switch (e) {
    case Element::person_name:
      return looks_like_name(v) ? 1 : 0;
    case Element::org_name:
      return looks_like_org(v) ? 1 : 0;
    case Element::address:
      return looks_like_address(v) ? 1 : 0;
    case Element::bac:
      return bac_fit(v);
    case Element::date:
    case Element::datetime: {
      // Short numbers would pass as Excel date serials; a ledger writes dates as dates.
      const std::string s = normalize::nfkc_trim(v);
      if (all_digits(s) && s.size() < 8) return 0;
      return normalize::normalize(e, v).valid ? 1 : 0;
    }
    case Element::phone: {
      const normalize::Normalized p = normalize::normalize_phone(v);
      const auto digits = std::count_if(p.canonical.begin(), p.canonical.end(),
                                        [](char c) { return c >= '0' && c <= '9'; });
      return p.valid && digits >= 7 ? 1 : 0;  // not 110 or 12345
    }
    case Element::region: {
      if (code_points(v).size() > 12) return 0;  // an address is not a region
      return normalize::normalize(e, v).valid ? 1 : 0;
    }
    default:
      return normalize::normalize(e, v).valid ? 1 : 0;
  }
}

}  // namespace

ContentFit content_fit(Element e, std::span<const std::string> values) {
  ContentFit f;
  if (e == Element::text) return f;
  std::set<std::string> distinct;
  for (const std::string& v : values) {
    if (normalize::is_blank(v)) continue;
    ++f.sampled;
    f.fitting += fit(e, v);
    distinct.insert(v);
  }
  // Names repeat little; a column of a few repeated words (吊销, 注销, 正常) is no list of names.
  if (e == Element::person_name && f.sampled >= 5 && distinct.size() * 2 < f.sampled) {
    f.fitting *= 0.3;
  }
  return f;
}

double content_weight(Element e) {
  switch (e) {
    case Element::id_number:
    case Element::uscc:
    case Element::party_id:
    case Element::case_number:
      return 0.8;
    case Element::phone:
    case Element::plate:
      return 0.75;
    case Element::bac:
      return 0.7;
    case Element::date:
    case Element::datetime:
      return 0.65;
    case Element::region:
      return 0.6;
    case Element::org_name:
    case Element::address:
      return 0.55;
    case Element::money:
    case Element::person_name:
      return 0.5;
    case Element::boolean:
      return 0.45;
    case Element::integer:
    case Element::decimal:
      return 0.35;
    case Element::text:
      return 0;
  }
  return 0;
}

std::optional<Element> dominant_element(std::span<const std::string> values) {
  for (Element e : {Element::id_number, Element::uscc, Element::case_number, Element::phone,
                    Element::plate, Element::date}) {
    const ContentFit f = content_fit(e, values);
    if (f.sampled > 0 && f.share() >= 0.8) return e;
  }
  return std::nullopt;
}

bool is_serial(std::span<const std::string> values) {
  std::vector<long long> numbers;
  for (const std::string& v : values) {
    if (normalize::is_blank(v)) continue;
    const std::string s = normalize::nfkc_trim(v);
    if (!all_digits(s) || s.size() > 9) return false;
    numbers.push_back(std::stoll(s));
  }
  if (numbers.size() < 3) return false;
  for (size_t i = 1; i < numbers.size(); ++i) {
    if (numbers[i] != numbers[i - 1] + 1) return false;
  }
  return true;
}

bool compatible(Element wanted, Element is) {
  if (wanted == is) return true;
  if (wanted == Element::party_id) return is == Element::id_number || is == Element::uscc;
  if (wanted == Element::datetime) return is == Element::date;
  return false;
}

}  // namespace shanhai::engine
