// Generates the two tables of the engine benchmark (bench/engine_bench.sh):
//   shanhai_gen_pairs ROWS LEFT.csv RIGHT.csv
// LEFT  (penalty decisions): id, party_id, party_name, amount, decision_date
// RIGHT (payments):          pay_id, party_id, amount, paid_date
// Both have ROWS rows. party_id is a valid 18-character citizen id number (check digit
// computed) already in canonical form, so every engine compares the same strings; importing it
// with --element id_number stores the canonical value beside the raw one.
//
// Key distribution (deterministic, fixed seed):
//   left   95% of rows are a person of their own; 5% belong to a pool of ROWS/200 "frequent"
//          persons (about 10 rows each), so grouping by party_id finds repeat parties
//   right  50% of rows are the person of a random left row (so about 42% of left persons have
//          a payment, some several: the join fans out a little), 50% persons not in left
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

namespace {

const char* kSurnames[] = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴",
                           "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马", "罗"};
const char* kGiven[] = {"伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊",   "军",
                        "洋", "勇", "艳", "杰",   "娟", "涛", "明", "超", "秀兰", "霞"};
const char* kRegions[] = {"330106", "540402", "632801", "653201", "110105"};

// Civil date of a day count since 1970-01-01 (H. Hinnant's algorithm).
void civil(int64_t z, int& y, int& m, int& d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  y = static_cast<int>(yoe + era * 400 + (m <= 2 ? 1 : 0));
}

// Person index → distinct id number: a bijection of [0, 10^8) onto (region, birth day, seq).
std::string id_number(uint64_t person) {
  constexpr uint64_t kSpace = 100'000'000;  // 5 regions × 20000 days × 1000 sequence numbers
  const uint64_t p = (person * 2654435761ULL + 12345) % kSpace;
  const char* region = kRegions[p % 5];
  const uint64_t rest = p / 5;
  int y = 0, m = 0, d = 0;
  civil(-7305 + static_cast<int64_t>(rest % 20000), y, m, d);  // from 1950-01-01
  char first17[18];
  std::snprintf(first17, sizeof first17, "%s%04d%02d%02d%03d", region, y, m, d,
                static_cast<int>(rest / 20000));
  static const int w[] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += (first17[i] - '0') * w[i];
  return std::string(first17) + "10X98765432"[sum % 11];
}

std::string date_text(int64_t days) {
  int y = 0, m = 0, d = 0;
  civil(days, y, m, d);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

std::string money_text(uint64_t r) {
  const long fen = 100L * static_cast<long>(1 + r % 5000) + ((r >> 13) % 4 == 0 ? 50 : 0);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%ld.%02ld", fen / 100, fen % 100);
  return buf;
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
  std::string& buf() { return buf_; }
  void maybe_flush() {
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
  if (argc < 4) {
    std::fprintf(stderr, "usage: shanhai_gen_pairs ROWS LEFT.csv RIGHT.csv\n");
    return 2;
  }
  const uint64_t rows = std::strtoull(argv[1], nullptr, 10);
  const uint64_t frequent = rows / 200 > 0 ? rows / 200 : 1;
  const int64_t day2015 = 16436;  // 2015-01-01
  std::mt19937_64 rng(20240611);
  std::vector<uint32_t> left_person(rows);
  {
    Out out(argv[2]);
    out.buf() += "id,party_id,party_name,amount,decision_date\n";
    for (uint64_t i = 0; i < rows; ++i) {
      const uint64_t r = rng();
      const uint64_t person = r % 100 < 5 ? rows + (r >> 8) % frequent : i;
      left_person[i] = static_cast<uint32_t>(person);
      std::string& b = out.buf();
      b += std::to_string(i + 1);
      b += ',';
      b += id_number(person);
      b += ',';
      b += kSurnames[(person * 2654435761ULL >> 11) % 20];
      b += kGiven[(person * 2654435761ULL >> 17) % 20];
      b += ',';
      b += money_text(r >> 20);
      b += ',';
      b += date_text(day2015 + static_cast<int64_t>((r >> 40) % 3000));
      b += '\n';
      out.maybe_flush();
    }
  }
  Out out(argv[3]);
  out.buf() += "pay_id,party_id,amount,paid_date\n";
  for (uint64_t j = 0; j < rows; ++j) {
    const uint64_t r = rng();
    const uint64_t person = r % 100 < 50 ? left_person[(r >> 8) % rows] : 2 * rows + j;
    std::string& b = out.buf();
    b += std::to_string(j + 1);
    b += ',';
    b += id_number(person);
    b += ',';
    b += money_text(r >> 20);
    b += ',';
    b += date_text(day2015 + static_cast<int64_t>((r >> 40) % 3000));
    b += '\n';
    out.maybe_flush();
  }
  return 0;
}
