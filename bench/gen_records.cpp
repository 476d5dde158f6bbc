// Generates a CSV of realistic Chinese records for benchmarks:
//   shanhai_gen_records ROWS OUT.csv [--gbk]
// Ten columns: 序号, 姓名, 公民身份号码 (valid check digits), 性别, 出生日期, 户籍地址, 联系电话,
// 案由, 罚款金额, 决定日期. Deterministic (fixed seed), so runs compare like with like. With
// --gbk the file is written in GB18030 through iconv(3).
#include <iconv.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <vector>

namespace {

const char* kSurnames[] = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴",
                           "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马", "罗"};
const char* kGiven[] = {"伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊",   "军",
                        "洋", "勇", "艳", "杰",   "娟", "涛", "明", "超", "秀兰", "霞"};
const char* kRegions[][2] = {{"330106", "浙江省杭州市西湖区"},
                             {"540402", "西藏自治区林芝市巴宜区"},
                             {"632801", "青海省海西州格尔木市"},
                             {"653201", "新疆维吾尔自治区和田市"},
                             {"110105", "北京市朝阳区"}};
const char* kCauses[] = {"擅自改变林地用途", "滥伐林木",     "非法占用农用地", "醉酒驾驶机动车",
                         "未按规定缴纳罚款", "破坏古树名木", "非法采矿"};

char check_digit(const std::string& first17) {
  static const int w[] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += (first17[static_cast<size_t>(i)] - '0') * w[i];
  return "10X98765432"[sum % 11];
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: shanhai_gen_records ROWS OUT.csv [--gbk]\n");
    return 2;
  }
  const long rows = std::atol(argv[1]);
  const bool gbk = argc > 3 && std::strcmp(argv[3], "--gbk") == 0;
  FILE* out = std::fopen(argv[2], "wb");
  if (out == nullptr) {
    std::perror(argv[2]);
    return 1;
  }
  iconv_t cd = gbk ? iconv_open("GB18030", "UTF-8") : nullptr;
  std::string buf;
  auto flush = [&] {
    if (!gbk) {
      std::fwrite(buf.data(), 1, buf.size(), out);
    } else {
      std::vector<char> conv(buf.size() * 2 + 16);
      char* in = buf.data();
      size_t in_left = buf.size();
      char* o = conv.data();
      size_t o_left = conv.size();
      iconv(cd, &in, &in_left, &o, &o_left);
      std::fwrite(conv.data(), 1, conv.size() - o_left, out);
    }
    buf.clear();
  };
  std::mt19937_64 rng(20231123);
  buf += "序号,姓名,公民身份号码,性别,出生日期,户籍地址,联系电话,案由,罚款金额,决定日期\n";
  char line[512];
  for (long i = 1; i <= rows; ++i) {
    const auto r = rng();
    const auto& region = kRegions[r % 5];
    const int year = 1950 + static_cast<int>((r >> 8) % 55);
    const int month = 1 + static_cast<int>((r >> 16) % 12);
    const int day = 1 + static_cast<int>((r >> 24) % 28);
    const int seq = static_cast<int>((r >> 32) % 1000);
    char first17[18];
    std::snprintf(first17, sizeof first17, "%s%04d%02d%02d%03d", region[0], year, month, day, seq);
    const std::string id = std::string(first17) + check_digit(first17);
    const char* sex = seq % 2 == 1 ? "男" : "女";
    const long amount = 100 * static_cast<long>(1 + (r >> 40) % 500);
    std::snprintf(line, sizeof line,
                  "%ld,%s%s,%s,%s,%04d-%02d-%02d,%s某街道%d号,1%010lu,%s,%ld,2023-%02d-%02d\n", i,
                  kSurnames[(r >> 4) % 20], kGiven[(r >> 12) % 20], id.c_str(), sex, year, month,
                  day, region[1], static_cast<int>((r >> 20) % 300),
                  static_cast<unsigned long>((r >> 28) % 10000000000UL), kCauses[(r >> 44) % 7],
                  amount, 1 + static_cast<int>((r >> 48) % 12),
                  1 + static_cast<int>((r >> 52) % 28));
    buf += line;
    if (buf.size() > (1 << 20)) flush();
  }
  flush();
  if (cd != nullptr) iconv_close(cd);
  std::fclose(out);
  return 0;
}
