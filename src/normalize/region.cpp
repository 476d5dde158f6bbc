#include "normalize/region.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "common/utf8.h"
#include "normalize/text.h"

namespace shanhai::normalize {

namespace {

// Province-level divisions and the divisions used in the bundled samples and tests.
constexpr std::string_view kBuiltin = R"(110000	北京市
110100	市辖区
110101	东城区
110102	西城区
110105	朝阳区
110106	丰台区
110107	石景山区
110108	海淀区
110109	门头沟区
110111	房山区
110112	通州区
110113	顺义区
110114	昌平区
110115	大兴区
110116	怀柔区
110117	平谷区
110118	密云区
110119	延庆区
120000	天津市
130000	河北省
140000	山西省
150000	内蒙古自治区
210000	辽宁省
220000	吉林省
230000	黑龙江省
310000	上海市
320000	江苏省
330000	浙江省
330100	杭州市
330102	上城区
330105	拱墅区
330106	西湖区
330108	滨江区
330109	萧山区
330110	余杭区
330111	富阳区
330112	临安区
330113	临平区
330114	钱塘区
330122	桐庐县
330127	淳安县
330182	建德市
330200	宁波市
330300	温州市
330400	嘉兴市
330500	湖州市
330600	绍兴市
330700	金华市
330800	衢州市
330900	舟山市
331000	台州市
331100	丽水市
340000	安徽省
350000	福建省
360000	江西省
370000	山东省
410000	河南省
420000	湖北省
430000	湖南省
440000	广东省
440100	广州市
440300	深圳市
450000	广西壮族自治区
460000	海南省
500000	重庆市
510000	四川省
520000	贵州省
530000	云南省
540000	西藏自治区
540100	拉萨市
540200	日喀则市
540300	昌都市
540400	林芝市
540402	巴宜区
540421	工布江达县
540423	墨脱县
540424	波密县
540425	察隅县
540426	朗县
540500	山南市
540600	那曲市
542500	阿里地区
610000	陕西省
620000	甘肃省
630000	青海省
630100	西宁市
630200	海东市
632200	海北藏族自治州
632300	黄南藏族自治州
632500	海南藏族自治州
632600	果洛藏族自治州
632700	玉树藏族自治州
632800	海西蒙古族藏族自治州
632801	格尔木市
632802	德令哈市
632803	茫崖市
632821	乌兰县
632822	都兰县
632823	天峻县
640000	宁夏回族自治区
650000	新疆维吾尔自治区
650100	乌鲁木齐市
650200	克拉玛依市
650400	吐鲁番市
650500	哈密市
652300	昌吉回族自治州
652700	博尔塔拉蒙古自治州
652800	巴音郭楞蒙古自治州
652900	阿克苏地区
653000	克孜勒苏柯尔克孜自治州
653100	喀什地区
653200	和田地区
653201	和田市
653221	和田县
653222	墨玉县
653223	皮山县
653224	洛浦县
653225	策勒县
653226	于田县
653227	民丰县
654000	伊犁哈萨克自治州
654200	塔城地区
654300	阿勒泰地区
710000	台湾省
810000	香港特别行政区
820000	澳门特别行政区
)";

constexpr std::array<std::string_view, 52> kEthnic = {
    "蒙古", "藏",   "回",     "维吾尔", "哈萨克", "柯尔克孜", "彝",     "傣",       "白",
    "傈僳", "景颇", "哈尼",   "壮",     "苗",     "土家",     "布依",   "侗",       "朝鲜",
    "羌",   "土",   "撒拉",   "瑶",     "黎",     "畲",       "仡佬",   "水",       "毛南",
    "仫佬", "纳西", "拉祜",   "佤",     "布朗",   "普米",     "独龙",   "怒",       "阿昌",
    "德昂", "基诺", "达斡尔", "鄂温克", "鄂伦春", "锡伯",     "塔吉克", "乌孜别克", "裕固",
    "保安", "东乡", "门巴",   "珞巴",   "满",     "各",       "京"};

bool is_placeholder(std::string_view name) {
  return name == "市辖区" || name == "县" || name == "省直辖县级行政区划" ||
         name == "自治区直辖县级行政区划" || name == "省直辖行政单位";
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// "海西蒙古族藏族" → "海西"; keeps at least two characters.
std::string strip_ethnic(std::string stem) {
  for (bool changed = true; changed;) {
    changed = false;
    std::string trial = stem;
    if (ends_with(trial, "族")) trial.resize(trial.size() - std::string_view("族").size());
    size_t best = 0;
    for (std::string_view e : kEthnic) {
      if (ends_with(trial, e) && e.size() > best) best = e.size();
    }
    if (best == 0) break;
    trial.resize(trial.size() - best);
    if (utf8_length(trial) < 2) break;
    stem = trial;
    changed = true;
  }
  return stem;
}

int level(uint32_t code) {
  if (code % 10000 == 0) return 1;
  if (code % 100 == 0) return 2;
  return 3;
}

bool is_under(uint32_t child, uint32_t parent) {
  if (parent == 0) return true;
  if (child == parent) return false;
  if (parent % 10000 == 0) return child / 10000 == parent / 10000;
  if (parent % 100 == 0) return child / 100 == parent / 100;
  return false;
}

std::string code_string(uint32_t code) { return fmt::format("{:06}", code); }

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

}  // namespace

std::string Region::full_name() const { return province + city + county; }

const RegionTable& RegionTable::builtin() {
  static const RegionTable table = [] {
    auto t = RegionTable::from_text(kBuiltin);
    RegionTable r = std::move(t.value());
    r.complete_ = false;
    return r;
  }();
  return table;
}

Result<RegionTable> RegionTable::from_text(std::string_view text) {
  RegionTable table;
  size_t line_no = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    ++line_no;
    if (line_no == 1 && line.substr(0, 3) == "\xEF\xBB\xBF") line.remove_prefix(3);
    line = trim(line);
    if (line.empty() || line.front() == '#') continue;
    size_t code_end = 0;
    while (code_end < line.size() && line[code_end] >= '0' && line[code_end] <= '9') ++code_end;
    std::string_view code = line.substr(0, code_end);
    std::string_view rest = line.substr(code_end);
    while (!rest.empty() && (rest.front() == '\t' || rest.front() == ',' || rest.front() == ' ')) {
      rest.remove_prefix(1);
    }
    rest = trim(rest);
    if (code.empty() && line_no == 1) continue;  // header
    if ((code.size() != 6 && code.size() != 12) || rest.empty()) {
      Location where;
      where.row = static_cast<int64_t>(line_no);
      where.value = std::string(line);
      return Error("region.table",
                   fmt::format("行政区划表第 {} 行格式有误，应为“6 位代码<制表符>名称”", line_no),
                   fmt::format("line {} of the region table is malformed; expected "
                               "\"6-digit code<TAB>name\"",
                               line_no),
                   std::move(where));
    }
    if (code.size() == 12) {
      if (code.substr(6) != "000000") continue;  // towns and villages are below our level
      code = code.substr(0, 6);
    }
    table.names_[static_cast<uint32_t>(std::stoul(std::string(code)))] = std::string(rest);
  }
  table.rebuild_index();
  table.complete_ = true;
  return table;
}

void RegionTable::add(std::string_view code, std::string_view name) {
  if (code.size() != 6 || !all_digits(code) || name.empty()) return;
  const auto c = static_cast<uint32_t>(std::stoul(std::string(code)));
  const bool replacing = names_.count(c) > 0;
  names_[c] = std::string(name);
  if (replacing) {
    rebuild_index();
  } else {
    index_name(c, names_[c]);
  }
}

void RegionTable::rebuild_index() {
  index_.clear();
  max_name_bytes_ = 0;
  for (const auto& [code, name] : names_) index_name(code, name);
}

void RegionTable::index_name(uint32_t code, const std::string& name) {
  if (is_placeholder(name)) return;
  auto put = [&](const std::string& key, bool alias) {
    if (key.empty()) return;
    auto& list = index_[key];
    for (const auto& c : list) {
      if (c.code == code) return;
    }
    list.push_back({code, alias});
    max_name_bytes_ = std::max(max_name_bytes_, key.size());
  };
  put(name, false);
  auto stem_if = [&](std::string_view suffix, size_t min_chars) -> std::string {
    if (!ends_with(name, suffix)) return {};
    std::string stem = name.substr(0, name.size() - suffix.size());
    return utf8_length(stem) >= min_chars ? stem : std::string();
  };
  const int lv = level(code);
  if (lv == 1) {
    for (std::string_view suf : {"省", "市", "特别行政区"}) put(stem_if(suf, 2), true);
    if (ends_with(name, "自治区")) put(strip_ethnic(stem_if("自治区", 2)), true);
  } else if (lv == 2) {
    for (std::string_view suf : {"市", "地区", "盟"}) put(stem_if(suf, 2), true);
    if (ends_with(name, "自治州")) {
      const std::string stem = strip_ethnic(stem_if("自治州", 2));
      put(stem, true);
      if (!stem.empty()) put(stem + "州", true);
    }
  } else {
    if (ends_with(name, "自治县") || ends_with(name, "自治旗")) {
      const std::string stem =
          strip_ethnic(stem_if(ends_with(name, "自治县") ? "自治县" : "自治旗", 2));
      put(stem, true);
      if (!stem.empty()) put(stem + (ends_with(name, "自治县") ? "县" : "旗"), true);
    } else {
      for (std::string_view suf : {"区", "县", "市", "旗"}) put(stem_if(suf, 2), true);
    }
  }
}

Region RegionTable::make_region(uint32_t code) const {
  Region r;
  r.code = code_string(code);
  auto name_of = [this](uint32_t c) -> std::string {
    auto it = names_.find(c);
    if (it == names_.end() || is_placeholder(it->second)) return {};
    return it->second;
  };
  r.name = name_of(code);
  r.province = name_of(code / 10000 * 10000);
  const int lv = level(code);
  if (lv >= 2) r.city = name_of(code / 100 * 100);
  if (lv == 3) r.county = r.name;
  return r;
}

std::optional<Region> RegionTable::by_code(std::string_view code) const {
  if (code.size() != 6 || !all_digits(code)) return std::nullopt;
  const auto c = static_cast<uint32_t>(std::stoul(std::string(code)));
  if (names_.count(c) == 0) return std::nullopt;
  return make_region(c);
}

void RegionTable::chains(std::string_view s, size_t pos, uint32_t parent, int aliases, int depth,
                         std::vector<Reached>& out) const {
  if (pos >= s.size() || depth >= 4) return;
  const size_t longest = std::min(max_name_bytes_, s.size() - pos);
  for (size_t len = longest; len > 0; --len) {
    auto it = index_.find(std::string(s.substr(pos, len)));
    if (it == index_.end()) continue;
    for (const Candidate& c : it->second) {
      if (!is_under(c.code, parent)) continue;
      const int a = aliases + (c.alias ? 1 : 0);
      out.push_back({c.code, a, pos + len, c.alias});
      chains(s, pos + len, c.code, a, depth + 1, out);
    }
  }
}

Result<Region> RegionTable::lookup(std::string_view raw) const {
  std::string s = to_simplified(fold_width(nfkc(trim(raw)), true));
  Location where;
  where.value = std::string(raw);
  if (all_digits(s)) {
    std::string code;
    if (s.size() == 2) {
      code = s + "0000";
    } else if (s.size() == 4) {
      code = s + "00";
    } else if (s.size() == 6 || s.size() == 12) {
      code = s.substr(0, 6);
    }
    if (!code.empty()) {
      if (auto r = by_code(code)) return std::move(*r);
    }
    return Error("region.unknown", fmt::format("未知的行政区划代码 {}", s),
                 fmt::format("unknown administrative division code {}", s), std::move(where));
  }
  std::vector<Reached> reached;
  chains(s, 0, 0, 0, 0, reached);
  std::vector<Reached> full;
  for (const Reached& r : reached) {
    if (r.consumed == s.size()) full.push_back(r);
  }
  if (full.empty()) {
    return Error("region.unknown", fmt::format("未知的行政区划名称“{}”", display_value(s)),
                 fmt::format("unknown administrative division name \"{}\"", display_value(s)),
                 std::move(where));
  }
  std::sort(full.begin(), full.end(), [](const Reached& a, const Reached& b) {
    if (a.aliases != b.aliases) return a.aliases < b.aliases;
    return level(a.code) < level(b.code);
  });
  std::vector<uint32_t> best;
  for (const Reached& r : full) {
    if (r.aliases != full[0].aliases || level(r.code) != level(full[0].code)) break;
    if (std::find(best.begin(), best.end(), r.code) == best.end()) best.push_back(r.code);
  }
  if (best.size() == 1) return make_region(best[0]);
  std::string options;
  for (uint32_t c : best) {
    if (!options.empty()) options += "、";
    options += make_region(c).full_name() + "(" + code_string(c) + ")";
  }
  return Error("region.ambiguous", fmt::format("名称“{}”不唯一：{}", display_value(s), options),
               fmt::format("name \"{}\" is ambiguous: {}", display_value(s), options),
               std::move(where));
}

std::optional<Region> RegionTable::match_prefix(std::string_view text, size_t& consumed) const {
  consumed = 0;
  std::vector<Reached> reached;
  chains(text, 0, 0, 0, 0, reached);
  std::erase_if(reached, [](const Reached& r) { return r.last_alias; });
  if (reached.empty()) return std::nullopt;
  // Longest reading; among those, fewest aliases, then the deepest division.
  std::sort(reached.begin(), reached.end(), [](const Reached& a, const Reached& b) {
    if (a.consumed != b.consumed) return a.consumed > b.consumed;
    if (a.aliases != b.aliases) return a.aliases < b.aliases;
    return level(a.code) > level(b.code);
  });
  const Reached& top = reached[0];
  for (size_t k = 1; k < reached.size(); ++k) {
    const Reached& r = reached[k];
    if (r.consumed != top.consumed || r.aliases != top.aliases ||
        level(r.code) != level(top.code)) {
      break;
    }
    if (r.code != top.code) return std::nullopt;  // ambiguous
  }
  consumed = top.consumed;
  return make_region(top.code);
}

Normalized normalize_region(std::string_view raw) {
  return normalize_region(raw, RegionTable::builtin());
}

Normalized normalize_region(std::string_view raw, const RegionTable& table) {
  if (is_blank(raw)) return empty_result();
  const std::string s = fold_width(trim(raw), true);
  if (all_digits(s)) {
    std::string code;
    if (s.size() == 2) {
      code = s + "0000";
    } else if (s.size() == 4) {
      code = s + "00";
    } else if (s.size() == 6) {
      code = s;
    } else if (s.size() == 12) {
      code = s.substr(0, 6);
    } else {
      return invalid_result("", fmt::format("区划代码应为 6 位数字，实为 {} 位", s.size()),
                            fmt::format("a division code has 6 digits, found {}", s.size()));
    }
    if (table.by_code(code)) return valid_result(std::move(code));
    if (!table.complete() && table.by_code(code.substr(0, 2) + "0000") &&
        code.substr(2) != "0000") {
      return valid_result(std::move(code));  // partial table: trust a code under a known province
    }
    return invalid_result(code, fmt::format("未知的行政区划代码 {}", code),
                          fmt::format("unknown administrative division code {}", code));
  }
  auto r = table.lookup(raw);
  if (r) return valid_result(std::move(r->code));
  return invalid_result("", r.error().zh(), r.error().en());
}

}  // namespace shanhai::normalize
