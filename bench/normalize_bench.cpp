// Normalisation throughput: 10 million id numbers and 10 million dates generated in memory.
// Reports items/s per core (single thread). Target: ≥ 20 million id numbers per second.
//
//   build/bench/shanhai_normalize_bench [--benchmark_filter=IdNumber]

#include <benchmark/benchmark.h>

#include <cstdio>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "normalize/date.h"
#include "normalize/element.h"
#include "normalize/id_number.h"

namespace {

using shanhai::normalize::Element;

constexpr size_t kCount = 10'000'000;

// Values packed into one buffer; value i is text.substr(offset[i], offset[i+1] - offset[i]).
struct Column {
  std::string text;
  std::vector<uint32_t> offset{0};
  size_t size() const { return offset.size() - 1; }
  std::string_view operator[](size_t i) const {
    return std::string_view(text).substr(offset[i], offset[i + 1] - offset[i]);
  }
  void push(std::string_view v) {
    text += v;
    offset.push_back(static_cast<uint32_t>(text.size()));
  }
};

const char* kRegions[] = {"110105", "330106", "540402", "632801", "653201", "440305", "330110"};

std::string make_id(std::mt19937_64& rng) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "%s%04d%02d%02d%03d", kRegions[rng() % std::size(kRegions)],
                static_cast<int>(1940 + rng() % 80), static_cast<int>(1 + rng() % 12),
                static_cast<int>(1 + rng() % 28), static_cast<int>(rng() % 1000));
  std::string id(buf);
  id += shanhai::normalize::id_check_char(id);
  return id;
}

// Canonical 18-character numbers (lower-case x for a tenth of those ending in X).
const Column& canonical_ids() {
  static const Column column = [] {
    Column c;
    c.text.reserve(kCount * 18);
    c.offset.reserve(kCount + 1);
    std::mt19937_64 rng(1);
    for (size_t i = 0; i < kCount; ++i) {
      std::string id = make_id(rng);
      if (id.back() == 'X' && rng() % 10 == 0) id.back() = 'x';
      c.push(id);
    }
    return c;
  }();
  return column;
}

// Real-world mix: 85% canonical, 5% legacy 15-digit, 5% with spaces, 5% full-width.
const Column& mixed_ids() {
  static const Column column = [] {
    Column c;
    c.text.reserve(kCount * 22);
    c.offset.reserve(kCount + 1);
    std::mt19937_64 rng(2);
    for (size_t i = 0; i < kCount; ++i) {
      std::string id = make_id(rng);
      const auto r = rng() % 100;
      if (r < 85) {
        c.push(id);
      } else if (r < 90) {
        c.push(id.substr(0, 6) + id.substr(8, 9));
      } else if (r < 95) {
        c.push(id.substr(0, 6) + " " + id.substr(6, 8) + " " + id.substr(14));
      } else {
        std::string wide;
        for (char ch : id) {
          const char32_t cp = ch == 'X' ? U'Ｘ' : U'０' + static_cast<char32_t>(ch - '0');
          wide += static_cast<char>(0xE0 | (cp >> 12));
          wide += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
          wide += static_cast<char>(0x80 | (cp & 0x3F));
        }
        c.push(wide);
      }
    }
    return c;
  }();
  return column;
}

// Dates: 70% ISO, 10% 2023/8/21, 10% 2023年8月21日, 10% 20230821.
const Column& dates() {
  static const Column column = [] {
    Column c;
    c.text.reserve(kCount * 12);
    c.offset.reserve(kCount + 1);
    std::mt19937_64 rng(3);
    char buf[64];
    for (size_t i = 0; i < kCount; ++i) {
      const int y = static_cast<int>(1990 + rng() % 35), m = static_cast<int>(1 + rng() % 12),
                d = static_cast<int>(1 + rng() % 28);
      const auto r = rng() % 10;
      if (r < 7) {
        std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
      } else if (r == 7) {
        std::snprintf(buf, sizeof buf, "%d/%d/%d", y, m, d);
      } else if (r == 8) {
        std::snprintf(buf, sizeof buf, "%d年%d月%d日", y, m, d);
      } else {
        std::snprintf(buf, sizeof buf, "%04d%02d%02d", y, m, d);
      }
      c.push(buf);
    }
    return c;
  }();
  return column;
}

void run_normalize(benchmark::State& state, const Column& column, Element element) {
  size_t valid = 0;
  for (auto _ : state) {
    for (size_t i = 0; i < column.size(); ++i) {
      const auto n = shanhai::normalize::normalize(element, column[i]);
      valid += n.valid;
      benchmark::DoNotOptimize(n.canonical.data());
    }
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * column.size()));
  state.counters["valid_pct"] =
      100.0 * static_cast<double>(valid) / static_cast<double>(state.iterations() * column.size());
}

void BM_NormalizeIdNumber(benchmark::State& state) {
  run_normalize(state, canonical_ids(), Element::id_number);
}

void BM_NormalizeIdNumberMixed(benchmark::State& state) {
  run_normalize(state, mixed_ids(), Element::id_number);
}

// The allocation-free API (import can write straight into its column buffer).
void BM_CanonicalIdNumberNoAlloc(benchmark::State& state) {
  const Column& column = canonical_ids();
  char out[18];
  size_t valid = 0;
  for (auto _ : state) {
    for (size_t i = 0; i < column.size(); ++i) {
      valid += shanhai::normalize::canonical_id_number(column[i], out);
      benchmark::DoNotOptimize(out);
    }
  }
  benchmark::DoNotOptimize(valid);
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * column.size()));
}

void BM_NormalizeDate(benchmark::State& state) { run_normalize(state, dates(), Element::date); }

void BM_ParseDateDays(benchmark::State& state) {
  const Column& column = dates();
  int64_t sum = 0;
  for (auto _ : state) {
    for (size_t i = 0; i < column.size(); ++i) {
      if (auto d = shanhai::normalize::parse_date_days(column[i])) sum += *d;
    }
  }
  benchmark::DoNotOptimize(sum);
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * column.size()));
}

BENCHMARK(BM_NormalizeIdNumber)->Unit(benchmark::kMillisecond)->MinTime(2.0);
BENCHMARK(BM_NormalizeIdNumberMixed)->Unit(benchmark::kMillisecond)->MinTime(2.0);
BENCHMARK(BM_CanonicalIdNumberNoAlloc)->Unit(benchmark::kMillisecond)->MinTime(2.0);
BENCHMARK(BM_NormalizeDate)->Unit(benchmark::kMillisecond)->MinTime(2.0);
BENCHMARK(BM_ParseDateDays)->Unit(benchmark::kMillisecond)->MinTime(2.0);

}  // namespace

BENCHMARK_MAIN();
