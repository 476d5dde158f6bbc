// Generates the record-linkage benchmark data (bench/linkage_bench.sh):
//
//   shanhai_gen_people PEOPLE LEFT.csv RIGHT.csv TRUTH.csv [SEED]
//
// LEFT.csv  PEOPLE people of one register (rec_id, 姓名, 公民身份号码, 出生日期, 联系电话): names
//           drawn from the frequencies of Chinese surnames and given-name characters, with
//           Uyghur names (热孜亚·吾斯曼) and Tibetan ones (扎西顿珠); 18-character identity numbers
//           with a valid region code, birth date and check character; phones; 1% of ids and 8%
//           of phones missing.
// RIGHT.csv PEOPLE records of another source (rec_id, 当事人姓名, 身份证号, 出生年月日, 手机号):
//           half of them the left people again, damaged as registers are: ids missing (7%),
//           one digit mistyped (4%), two adjacent digits swapped (1.5%), written as the legacy
//           15-digit number (3%), spaced or in full-width digits; homophone characters in the
//           name (4%, 章/张, 伟/炜), another character (1%), traditional characters (1.5%),
//           separators of minority names changed or dropped (·/•/・/none); birth dates a day
//           off (3%) or missing (2%) and written every which way (1985年3月12日, 19850312,
//           1985/3/12); phones missing (12%), changed (10%) or formatted. The other half are
//           other people. Rows are shuffled.
// TRUTH.csv left_id,right_id of every pair that is the same person.
//
// Deterministic: the same PEOPLE and SEED give the same files (raw 64-bit draws of
// std::mt19937_64, no library distributions).
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <unordered_set>
#include <vector>

namespace {

class Rng {
 public:
  explicit Rng(uint64_t seed) : g_(seed) {}
  uint64_t next() { return g_(); }
  uint64_t below(uint64_t n) { return static_cast<uint64_t>((__uint128_t{g_()} * n) >> 64); }
  double unit() { return static_cast<double>(g_() >> 11) * 0x1.0p-53; }
  bool chance(double p) { return unit() < p; }

 private:
  std::mt19937_64 g_;
};

// Picks an index with probability proportional to its weight.
class Weighted {
 public:
  explicit Weighted(const std::vector<double>& weights) {
    double sum = 0;
    for (double w : weights) cumulative_.push_back(sum += w);
  }
  size_t pick(Rng& rng) const {
    const double x = rng.unit() * cumulative_.back();
    return static_cast<size_t>(std::upper_bound(cumulative_.begin(), cumulative_.end(), x) -
                               cumulative_.begin());
  }

 private:
  std::vector<double> cumulative_;
};

// Surnames with their share of the population in percent (approximately, 公安部 2019/2020).
const struct {
  const char* name;
  double percent;
} kSurnames[] = {
    {"王", 7.12},   {"李", 7.00},   {"张", 6.74}, {"刘", 5.44}, {"陈", 4.59}, {"杨", 3.10},
    {"黄", 2.14},   {"赵", 2.09},   {"吴", 2.00}, {"周", 1.88}, {"徐", 1.70}, {"孙", 1.60},
    {"马", 1.55},   {"朱", 1.43},   {"胡", 1.34}, {"郭", 1.30}, {"何", 1.26}, {"高", 1.19},
    {"林", 1.18},   {"罗", 1.16},   {"郑", 1.14}, {"梁", 1.09}, {"谢", 0.94}, {"宋", 0.92},
    {"唐", 0.91},   {"许", 0.85},   {"韩", 0.82}, {"冯", 0.80}, {"邓", 0.79}, {"曹", 0.76},
    {"彭", 0.72},   {"曾", 0.71},   {"肖", 0.67}, {"田", 0.65}, {"董", 0.64}, {"袁", 0.62},
    {"潘", 0.60},   {"于", 0.59},   {"蒋", 0.58}, {"蔡", 0.57}, {"余", 0.56}, {"杜", 0.54},
    {"叶", 0.52},   {"程", 0.51},   {"苏", 0.50}, {"魏", 0.49}, {"吕", 0.48}, {"丁", 0.47},
    {"任", 0.46},   {"沈", 0.45},   {"姚", 0.44}, {"卢", 0.43}, {"姜", 0.42}, {"崔", 0.41},
    {"钟", 0.40},   {"谭", 0.39},   {"陆", 0.38}, {"汪", 0.37}, {"范", 0.36}, {"金", 0.35},
    {"石", 0.34},   {"廖", 0.33},   {"贾", 0.32}, {"夏", 0.31}, {"韦", 0.30}, {"付", 0.29},
    {"方", 0.28},   {"白", 0.27},   {"邹", 0.26}, {"孟", 0.25}, {"熊", 0.24}, {"秦", 0.23},
    {"邱", 0.22},   {"江", 0.21},   {"尹", 0.20}, {"薛", 0.19}, {"闫", 0.18}, {"段", 0.17},
    {"雷", 0.16},   {"侯", 0.15},   {"龙", 0.15}, {"史", 0.14}, {"陶", 0.14}, {"黎", 0.13},
    {"贺", 0.13},   {"顾", 0.12},   {"毛", 0.12}, {"郝", 0.11}, {"龚", 0.11}, {"邵", 0.10},
    {"万", 0.10},   {"钱", 0.10},   {"严", 0.09}, {"覃", 0.09}, {"武", 0.09}, {"戴", 0.08},
    {"莫", 0.08},   {"孔", 0.08},   {"向", 0.08}, {"汤", 0.07}, {"章", 0.07}, {"欧阳", 0.03},
    {"司马", 0.01}, {"上官", 0.01},
};

// Given-name characters, most common first (weights fall off as a Zipf law).
const char* kGiven[] = {
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛",
    "明", "超", "秀", "霞", "平", "刚", "桂", "英", "华", "玉", "兰", "红", "建", "文", "辉",
    "力", "海", "鹏", "飞", "云", "峰", "玲", "林", "宇", "欣", "婷", "浩", "晨", "志", "俊",
    "佳", "慧", "梅", "琴", "波", "国", "春", "子", "龙", "成", "东", "雪", "金", "德", "荣",
    "斌", "亮", "倩", "冬", "燕", "琳", "晶", "洁", "鑫", "博", "凯", "昊", "帅", "宏", "帆",
    "颖", "萍", "丹", "瑶", "莹", "思", "雨", "梦", "婧", "露", "璐", "蕾", "薇", "晓", "光",
    "新", "永", "庆", "福", "贵", "生", "安", "民", "彬", "鸣", "铭", "哲", "轩", "涵", "琪",
    "悦", "怡", "诗", "嘉", "睿", "宁", "健", "毅", "坤", "鸿", "瑞", "祥", "泽", "炎", "然",
    "欢", "彤", "妍", "媛", "菲", "晴", "岚", "爽", "娇", "芬", "凤", "翠", "珍", "淑", "惠",
    "巧", "美", "琦", "航", "鹤", "松", "柏", "顺", "利", "君", "玮", "靖", "钧", "洪", "剑",
};

// Characters with the same toneless pinyin (checked against ICU Han-Latin).
const char* kHomophones[][4] = {
    {"伟", "炜", "玮", "维"},       {"丽", "莉", "俐", "力"},       {"明", "鸣", "铭", nullptr},
    {"静", "敬", "靖", nullptr},    {"华", "桦", "骅", nullptr},    {"军", "君", "钧", nullptr},
    {"杰", "洁", "婕", "捷"},       {"涛", "滔", "韬", nullptr},    {"芳", "方", nullptr, nullptr},
    {"敏", "民", "闽", nullptr},    {"磊", "蕾", nullptr, nullptr}, {"强", "蔷", nullptr, nullptr},
    {"娟", "鹃", nullptr, nullptr}, {"霞", "侠", nullptr, nullptr}, {"勇", "永", "咏", nullptr},
    {"艳", "燕", "雁", "彦"},       {"英", "瑛", "莹", "颖"},       {"兰", "岚", "澜", nullptr},
    {"平", "萍", "苹", nullptr},    {"刚", "钢", "纲", nullptr},    {"辉", "晖", nullptr, nullptr},
    {"玲", "凌", "翎", nullptr},    {"林", "琳", "霖", nullptr},    {"红", "宏", "鸿", "洪"},
    {"建", "健", "剑", nullptr},    {"峰", "锋", nullptr, nullptr}, {"文", "雯", nullptr, nullptr},
    {"斌", "彬", nullptr, nullptr}, {"宇", "雨", "语", nullptr},    {"欣", "新", "馨", nullptr},
    {"婷", "亭", nullptr, nullptr}, {"浩", "昊", "皓", nullptr},    {"晨", "辰", nullptr, nullptr},
    {"志", "智", nullptr, nullptr}, {"俊", "峻", "骏", nullptr},    {"佳", "嘉", "家", nullptr},
    {"慧", "惠", nullptr, nullptr}, {"梅", "玫", nullptr, nullptr}, {"琴", "勤", "芹", nullptr},
    {"云", "芸", nullptr, nullptr}, {"波", "博", nullptr, nullptr}, {"飞", "菲", nullptr, nullptr},
    {"张", "章", nullptr, nullptr}, {"杨", "扬", "阳", nullptr},    {"周", "舟", nullptr, nullptr},
    {"朱", "珠", nullptr, nullptr}, {"肖", "萧", nullptr, nullptr}, {"陈", "晨", nullptr, nullptr},
    {"曼", "满", nullptr, nullptr}, {"丹", "单", nullptr, nullptr},
};

// Simplified → traditional for characters that differ.
const char* kTraditional[][2] = {
    {"张", "張"}, {"陈", "陳"}, {"刘", "劉"}, {"黄", "黃"}, {"赵", "趙"}, {"吴", "吳"},
    {"孙", "孫"}, {"马", "馬"}, {"杨", "楊"}, {"郑", "鄭"}, {"谢", "謝"}, {"许", "許"},
    {"韩", "韓"}, {"冯", "馮"}, {"邓", "鄧"}, {"叶", "葉"}, {"苏", "蘇"}, {"吕", "呂"},
    {"卢", "盧"}, {"钟", "鍾"}, {"陆", "陸"}, {"龙", "龍"}, {"伟", "偉"}, {"丽", "麗"},
    {"军", "軍"}, {"华", "華"}, {"红", "紅"}, {"国", "國"}, {"兰", "蘭"}, {"凤", "鳳"},
    {"涛", "濤"}, {"强", "強"}, {"东", "東"}, {"刚", "剛"}, {"辉", "輝"}, {"鹏", "鵬"},
    {"飞", "飛"}, {"云", "雲"}, {"杰", "傑"}, {"艳", "艷"}, {"静", "靜"}, {"庆", "慶"},
};

const char* kTibetan[] = {"扎西", "次仁", "顿珠", "卓玛", "格桑", "旺堆", "拉姆", "央金",
                          "索朗", "达瓦", "尼玛", "普布", "边巴", "平措", "多吉", "德吉",
                          "曲珍", "白玛", "洛桑", "桑珠", "旦增", "益西", "琼达", "巴桑",
                          "米玛", "次旦", "拉巴", "贡布", "仁增", "玉珍"};
const char* kUyghur[] = {
    "热孜亚", "阿卜杜拉", "艾力",     "古丽",     "买买提",   "吐尔逊", "艾买提",   "阿依古丽",
    "努尔",   "麦麦提",   "阿布都",   "米热",     "帕提古丽", "热依拉", "迪丽",     "努尔古丽",
    "阿迪力", "艾尔肯",   "阿力木",   "依力哈木", "吾斯曼",   "玉素甫", "伊明",     "亚森",
    "图尔荪", "卡德尔",   "阿合买提", "排尔哈提", "如先古丽", "祖丽",   "买合木提", "库尔班"};
const char* kSeparatorVariants[] = {"•", "・", "", " · ", "."};

// Province codes with rough population weights; a county is province + 2 + 2 digits.
const struct {
  int code;
  double weight;
} kProvinces[] = {{11, 2.2},  {12, 1.4}, {13, 7.5}, {14, 3.5}, {15, 2.4},  {21, 4.3}, {22, 2.4},
                  {23, 3.2},  {31, 2.5}, {32, 8.5}, {33, 6.5}, {34, 6.1},  {35, 4.2}, {36, 4.5},
                  {37, 10.2}, {41, 9.9}, {42, 5.8}, {43, 6.6}, {44, 12.6}, {45, 5.0}, {46, 1.0},
                  {50, 3.2},  {51, 8.4}, {52, 3.9}, {53, 4.7}, {54, 0.4},  {61, 4.0}, {62, 2.5},
                  {63, 0.6},  {64, 0.7}, {65, 2.6}};

constexpr int kW[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};

char check_char(const std::string& first17) {
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += (first17[static_cast<size_t>(i)] - '0') * kW[i];
  return "10X98765432"[sum % 11];
}

// Proleptic Gregorian day numbers (days since 1970-01-01), as in normalize/date.h.
int32_t days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}
void civil_from_days(int32_t z, int& y, int& m, int& d) {
  z += 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const int doe = z - era * 146097;
  const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp + (mp < 10 ? 3 : -9);
  y = yoe + era * 400 + (m <= 2);
}

struct Person {
  std::string name;  // as the left register writes it
  std::string id;    // 18 characters
  int32_t birth = 0;
  std::string phone;
};

class People {
 public:
  explicit People(Rng& rng) : rng_(rng) {
    std::vector<double> w;
    for (const auto& s : kSurnames) w.push_back(s.percent);
    surnames_ = Weighted(w);
    w.clear();
    for (size_t i = 0; i < std::size(kGiven); ++i) w.push_back(1.0 / (static_cast<double>(i) + 8));
    given_ = Weighted(w);
    w.clear();
    for (const auto& p : kProvinces) w.push_back(p.weight);
    provinces_ = Weighted(w);
  }

  Person make() {
    Person p;
    const double kind = rng_.unit();
    if (kind < 0.02) {
      p.name = std::string(kUyghur[rng_.below(std::size(kUyghur))]) + "·" +
               kUyghur[rng_.below(std::size(kUyghur))];
    } else if (kind < 0.035) {
      p.name = std::string(kTibetan[rng_.below(std::size(kTibetan))]) +
               kTibetan[rng_.below(std::size(kTibetan))];
    } else {
      p.name = kSurnames[surnames_.pick(rng_)].name;
      p.name += kGiven[given_.pick(rng_)];
      if (rng_.chance(0.72)) p.name += kGiven[given_.pick(rng_)];
    }
    p.birth = days_from_civil(1940, 1, 1) + static_cast<int32_t>(rng_.below(24100));  // → 2005
    int y, m, d;
    civil_from_days(p.birth, y, m, d);
    const int province = kProvinces[provinces_.pick(rng_)].code;
    const int city = 1 + static_cast<int>(rng_.below(15));
    const int county = 1 + static_cast<int>(rng_.below(25));
    while (true) {
      char first17[18];
      std::snprintf(first17, sizeof first17, "%02d%02d%02d%04d%02d%02d%03d", province, city, county,
                    y, m, d, static_cast<int>(rng_.below(1000)));
      if (!used_.insert(std::strtoull(first17, nullptr, 10)).second) continue;
      p.id = std::string(first17) + check_char(first17);
      break;
    }
    p.phone = phone();
    return p;
  }

  std::string phone() {
    char b[16];
    std::snprintf(b, sizeof b, "1%d%09d", 3 + static_cast<int>(rng_.below(7)),
                  static_cast<int>(rng_.below(1000000000)));
    return b;
  }

  const char* random_given() { return kGiven[given_.pick(rng_)]; }

 private:
  Rng& rng_;
  Weighted surnames_{{1}}, given_{{1}}, provinces_{{1}};
  std::unordered_set<uint64_t> used_;
};

std::string iso_date(int32_t days) {
  int y, m, d;
  civil_from_days(days, y, m, d);
  char b[16];
  std::snprintf(b, sizeof b, "%04d-%02d-%02d", y, m, d);
  return b;
}

std::string any_date(Rng& rng, int32_t days) {
  int y, m, d;
  civil_from_days(days, y, m, d);
  char b[32];
  const double r = rng.unit();
  if (r < 0.4) return iso_date(days);
  if (r < 0.7) {
    std::snprintf(b, sizeof b, "%d年%d月%d日", y, m, d);
  } else if (r < 0.9) {
    std::snprintf(b, sizeof b, "%04d%02d%02d", y, m, d);
  } else {
    std::snprintf(b, sizeof b, "%d/%d/%d", y, m, d);
  }
  return b;
}

// The UTF-8 characters of s.
std::vector<std::string> characters(const std::string& s) {
  std::vector<std::string> out;
  for (size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    const size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    out.push_back(s.substr(i, n));
    i += n;
  }
  return out;
}

std::string join(const std::vector<std::string>& chars) {
  std::string out;
  for (const auto& c : chars) out += c;
  return out;
}

std::string damaged_id(Rng& rng, const Person& p) {
  std::string id = p.id;
  const double r = rng.unit();
  if (r < 0.07) return "";
  if (r < 0.11) {  // one mistyped digit
    const size_t pos = rng.below(18);
    char c;
    do {
      c = static_cast<char>('0' + rng.below(10));
    } while (c == id[pos]);
    id[pos] = c;
  } else if (r < 0.125) {  // two adjacent digits swapped
    const size_t pos = rng.below(17);
    std::swap(id[pos], id[pos + 1]);
  } else if (r < 0.155 && id.compare(6, 2, "19") == 0) {  // legacy 15-digit number
    id = id.substr(0, 6) + id.substr(8, 9);
  }
  const double f = rng.unit();
  if (f < 0.02) {  // spaced
    id = id.substr(0, 6) + " " + id.substr(6, 8) + " " + id.substr(14);
  } else if (f < 0.03) {  // full-width digits
    std::string wide;
    for (char c : id)
      wide += c == 'X' ? std::string("Ｘ") : "\xEF\xBC" + std::string(1, char(0x90 + (c - '0')));
    id = wide;
  } else if (f < 0.05 && id.back() == 'X') {
    id.back() = 'x';
  }
  return id;
}

std::string damaged_name(Rng& rng, People& people, const Person& p) {
  std::string name = p.name;
  const size_t dot = name.find("·");
  if (dot != std::string::npos && rng.chance(0.5)) {
    name.replace(dot, std::string("·").size(),
                 kSeparatorVariants[rng.below(std::size(kSeparatorVariants))]);
  }
  std::vector<std::string> chars = characters(name);
  if (rng.chance(0.04)) {                            // a homophone for one character
    std::vector<std::pair<size_t, size_t>> options;  // (position, homophone group)
    for (size_t i = 0; i < chars.size(); ++i) {
      for (size_t g = 0; g < std::size(kHomophones); ++g) {
        for (const char* h : kHomophones[g]) {
          if (h != nullptr && chars[i] == h) options.push_back({i, g});
        }
      }
    }
    if (!options.empty()) {
      const auto [i, g] = options[rng.below(options.size())];
      std::vector<const char*> others;
      for (const char* h : kHomophones[g]) {
        if (h != nullptr && chars[i] != h) others.push_back(h);
      }
      chars[i] = others[rng.below(others.size())];
    }
  } else if (rng.chance(0.01) && chars.size() >= 2) {  // another character
    chars[1 + rng.below(chars.size() - 1)] = people.random_given();
  }
  if (rng.chance(0.015)) {  // traditional characters
    for (auto& c : chars) {
      for (const auto& t : kTraditional) {
        if (c == t[0]) c = t[1];
      }
    }
  }
  return join(chars);
}

std::string formatted_phone(Rng& rng, const std::string& phone) {
  const double r = rng.unit();
  if (r < 0.1) return phone.substr(0, 3) + " " + phone.substr(3, 4) + " " + phone.substr(7);
  if (r < 0.2) return "+86-" + phone;
  return phone;
}

class Out {
 public:
  explicit Out(const char* path) : f_(std::fopen(path, "wb")) {
    if (f_ == nullptr) {
      std::perror(path);
      std::exit(1);
    }
  }
  ~Out() {
    flush();
    std::fclose(f_);
  }
  void row(std::initializer_list<std::string> cells) {
    bool first = true;
    for (const auto& c : cells) {
      if (!first) buf_ += ',';
      first = false;
      buf_ += c;
    }
    buf_ += '\n';
    if (buf_.size() > (1 << 20)) flush();
  }

 private:
  void flush() {
    std::fwrite(buf_.data(), 1, buf_.size(), f_);
    buf_.clear();
  }
  FILE* f_;
  std::string buf_;
};

}  // namespace

int main(int argc, char** argv) {
  if (argc < 5) {
    std::fprintf(stderr, "usage: shanhai_gen_people PEOPLE LEFT.csv RIGHT.csv TRUTH.csv [SEED]\n");
    return 2;
  }
  const uint64_t n = std::strtoull(argv[1], nullptr, 10);
  const uint64_t seed = argc > 5 ? std::strtoull(argv[5], nullptr, 10) : 20240615;
  Rng rng(seed);
  People people(rng);

  std::vector<Person> left(n);
  for (auto& p : left) p = people.make();
  {
    Out out(argv[2]);
    out.row({"rec_id", "姓名", "公民身份号码", "出生日期", "联系电话"});
    for (uint64_t i = 0; i < n; ++i) {
      const Person& p = left[i];
      out.row({std::to_string(i + 1), p.name, rng.chance(0.01) ? "" : p.id, iso_date(p.birth),
               rng.chance(0.08) ? "" : p.phone});
    }
  }

  // Right rows: the first half of a shuffled order are left people, the rest new ones.
  const uint64_t matched = n / 2;
  std::vector<uint64_t> chosen(n);
  for (uint64_t i = 0; i < n; ++i) chosen[i] = i;
  for (uint64_t i = 0; i < matched; ++i) std::swap(chosen[i], chosen[i + rng.below(n - i)]);
  // source[j]: the left person of right row j, or n for a new person.
  std::vector<uint64_t> source(n, n);
  for (uint64_t i = 0; i < matched; ++i) source[i] = chosen[i];
  for (uint64_t j = n - 1; j > 0; --j) std::swap(source[j], source[rng.below(j + 1)]);

  Out right(argv[3]);
  Out truth(argv[4]);
  right.row({"rec_id", "当事人姓名", "身份证号", "出生年月日", "手机号"});
  truth.row({"left_id", "right_id"});
  for (uint64_t j = 0; j < n; ++j) {
    const std::string rec = std::to_string(j + 1);
    if (source[j] == n) {
      const Person p = people.make();
      right.row({rec, p.name, rng.chance(0.05) ? "" : p.id, any_date(rng, p.birth),
                 rng.chance(0.12) ? "" : formatted_phone(rng, p.phone)});
      continue;
    }
    const Person& p = left[source[j]];
    int32_t birth = p.birth;
    const double b = rng.unit();
    std::string birth_text;
    if (b < 0.02) {
      birth_text = "";
    } else {
      if (b < 0.05) birth += rng.chance(0.5) ? 1 : -1;
      birth_text = any_date(rng, birth);
    }
    std::string phone;
    const double f = rng.unit();
    if (f >= 0.12) phone = formatted_phone(rng, f < 0.22 ? people.phone() : p.phone);
    right.row({rec, damaged_name(rng, people, p), damaged_id(rng, p), birth_text, phone});
    truth.row({std::to_string(source[j] + 1), rec});
  }
  return 0;
}
