#include "engine/columns.h"

#include <algorithm>
#include <atomic>
#include <cstring>
#include <optional>
#include <thread>

#include <xxhash.h>

#include "engine/arithmetic.h"

namespace shanhai::engine {

namespace {

// Whether every byte of flags is set. Checked only when gathering many rows (a sequential scan
// of the flags then saves a random read per gathered row).
bool all_set(const std::vector<uint8_t>& flags, size_t gathered) {
  return gathered >= flags.size() / 8 &&
         std::find(flags.begin(), flags.end(), uint8_t{0}) == flags.end();
}

// out[i] = from[rows[i]], 0 for kNoRow; without reading `from` when every flag is set.
void gather_flags(std::vector<uint8_t>& out, const std::vector<uint8_t>& from,
                  const std::vector<uint32_t>& rows) {
  const size_t n = rows.size();
  out.resize(n);
  if (all_set(from, n)) {
    for (size_t i = 0; i < n; ++i) out[i] = rows[i] != kNoRow ? 1 : 0;
    return;
  }
  for (size_t i = 0; i < n; ++i) out[i] = rows[i] != kNoRow ? from[rows[i]] : 0;
}

}  // namespace

Column gather(const Column& from, const std::vector<uint32_t>& rows) {
  Column c;
  c.type = from.type;
  c.element = from.element;
  const size_t n = rows.size();
  gather_flags(c.present, from.present, rows);
  if (!from.element_valid.empty()) gather_flags(c.element_valid, from.element_valid, rows);
  if (from.is_text() && from.texts.borrowed()) {
    c.texts = from.texts.select(rows);
    return c;
  }
  if (from.is_text()) {
    size_t bytes = 0;
    for (uint32_t r : rows) {
      if (r != kNoRow) bytes += from.texts.at(r).size();
    }
    c.texts.reserve(n, bytes);
    for (size_t i = 0; i < n; ++i) {
      const uint32_t r = rows[i];
      c.texts.push_back(r == kNoRow ? std::string_view() : from.texts.at(r));
    }
    return c;
  }
  c.values.resize(n);
  for (size_t i = 0; i < n; ++i) {
    const uint32_t r = rows[i];
    if (r != kNoRow) c.values[i] = from.values[r];
  }
  return c;
}

void append_column(Column& dst, const Column& src) {
  const size_t before = dst.size();
  if (!src.element_valid.empty() || !dst.element_valid.empty()) {
    if (dst.element_valid.empty()) dst.element_valid.assign(dst.present.begin(), dst.present.end());
    if (src.element_valid.empty()) {
      dst.element_valid.insert(dst.element_valid.end(), src.present.begin(), src.present.end());
    } else {
      dst.element_valid.insert(dst.element_valid.end(), src.element_valid.begin(),
                               src.element_valid.end());
    }
  }
  dst.present.insert(dst.present.end(), src.present.begin(), src.present.end());
  if (dst.is_text()) {
    if (src.texts.borrowed()) {
      for (size_t i = 0; i < src.texts.size(); ++i) dst.texts.push_back(src.texts.at(i));
    } else {
      const uint64_t base = dst.texts.data.size();
      dst.texts.data.append(src.texts.data);
      for (size_t i = 1; i < src.texts.offsets.size(); ++i) {
        dst.texts.offsets.push_back(base + src.texts.offsets[i]);
      }
    }
  } else {
    dst.values.insert(dst.values.end(), src.values.begin(), src.values.end());
  }
  (void)before;
}

void parallel_for(size_t tasks, unsigned threads, const std::function<void(size_t)>& task) {
  if (threads == 0) threads = std::max(1U, std::thread::hardware_concurrency());
  const size_t workers = std::min<size_t>(threads, tasks);
  if (workers <= 1) {
    for (size_t i = 0; i < tasks; ++i) task(i);
    return;
  }
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i = next++; i < tasks; i = next++) task(i);
  };
  std::vector<std::thread> pool;
  for (size_t w = 1; w < workers; ++w) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();
}

namespace {

bool numeric_kind(model::TypeKind k) {
  return k == model::TypeKind::integer || k == model::TypeKind::decimal ||
         k == model::TypeKind::money;
}

uint64_t mix(uint64_t h, uint64_t v) {
  h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
  return h * 0xff51afd7ed558ccdULL;
}

}  // namespace

KeyColumns::KeyColumns(std::vector<const Column*> columns, bool nulls_match)
    : columns_(std::move(columns)), nulls_match_(nulls_match) {
  for (const Column* c : columns_) numeric_.push_back(numeric_kind(c->type.kind));
}

bool KeyColumns::has_key(size_t row) const {
  if (nulls_match_) return true;
  for (const Column* c : columns_) {
    if (c->present[row] == 0) return false;
  }
  return true;
}

uint64_t KeyColumns::hash(size_t row) const {
  uint64_t h = 0x12345678;
  for (size_t k = 0; k < columns_.size(); ++k) {
    const Column& c = *columns_[k];
    if (c.present[row] == 0) {
      h = mix(h, 0xdeadbeef);
    } else if (c.is_text()) {
      const std::string_view t = c.texts.at(row);
      h = mix(h, XXH3_64bits(t.data(), t.size()));
    } else if (numeric_[k] && c.type.kind != model::TypeKind::decimal) {
      const i128 m = to_micro(c.type.kind, c.values[row]);
      h = mix(mix(h, static_cast<uint64_t>(m)), static_cast<uint64_t>(m >> 64));
    } else {
      const i128 m = c.values[row];
      h = mix(mix(h, static_cast<uint64_t>(m)), static_cast<uint64_t>(m >> 64));
    }
  }
  return h;
}

bool KeyColumns::equal(size_t a, const KeyColumns& other, size_t b) const {
  for (size_t k = 0; k < columns_.size(); ++k) {
    const Column& x = *columns_[k];
    const Column& y = *other.columns_[k];
    const bool px = x.present[a] != 0, py = y.present[b] != 0;
    if (!px || !py) {
      if (nulls_match_ && !px && !py) continue;
      return false;
    }
    if (x.is_text() != y.is_text()) return false;
    if (x.is_text()) {
      if (x.texts.at(a) != y.texts.at(b)) return false;
    } else if (x.type.kind == y.type.kind) {
      if (x.values[a] != y.values[b]) return false;
    } else if (numeric_[k] && other.numeric_[k]) {
      if (to_micro(x.type.kind, x.values[a]) != to_micro(y.type.kind, y.values[b])) return false;
    } else {
      return false;
    }
  }
  return true;
}

namespace {

// Value classes of exact key codes (KeyCode::domain).
constexpr uint8_t kNullDomain = 1;       // a null in a grouping key
constexpr uint8_t kNumberDomain = 2;     // integer, decimal or money: micro-units
constexpr uint8_t kShortTextDomain = 3;  // text of at most 7 bytes: the bytes and the length
constexpr uint8_t kIdNumberDomain = 4;   // 17 digits and a check character 0-9 or X
constexpr uint8_t kKindDomain = 8;       // + TypeKind: date, bool, … as their value

// The value of 8 ASCII digits at p, several at a time (SWAR); clears `ok` when some byte is not
// a digit.
uint64_t eight_digits(const char* p, bool& ok) {
  constexpr uint64_t kHigh = 0xF0F0F0F0F0F0F0F0ULL, kZeros = 0x3030303030303030ULL;
  uint64_t v = 0;
  std::memcpy(&v, p, 8);  // little-endian: the first digit is the lowest byte
  ok = ok && (v & kHigh) == kZeros && ((v + 0x0606060606060606ULL) & kHigh) == kZeros;
  v -= kZeros;
  v = (v * 10) + (v >> 8);  // each byte pair: 10 × first + second
  v = (((v & 0x000000FF000000FFULL) * (100 + (1'000'000ULL << 32))) +
       (((v >> 16) & 0x000000FF000000FFULL) * (1 + (10'000ULL << 32)))) >>
      32;
  return v;
}

// The exact code of a text, or nullopt when it has none.
std::optional<uint64_t> text_code(std::string_view t, uint8_t& domain) {
  if (t.size() <= 7) {
    uint64_t w = 0;
    std::memcpy(&w, t.data(), t.size());
    domain = kShortTextDomain;
    return w | (uint64_t{t.size()} << 56);
  }
  if (t.size() != 18) return std::nullopt;
  bool digits_only = true;
  const uint64_t high = eight_digits(t.data(), digits_only);
  const uint64_t low = eight_digits(t.data() + 8, digits_only);
  const auto d16 = static_cast<unsigned>(t[16] - '0');
  if (!digits_only || d16 > 9) return std::nullopt;
  const uint64_t digits = (high * 100'000'000 + low) * 10 + d16;
  const auto last = static_cast<unsigned>(t[17] - '0');
  unsigned check = 0;
  if (last <= 9) {
    check = last;
  } else if (t[17] == 'X') {
    check = 10;
  } else {
    return std::nullopt;
  }
  domain = kIdNumberDomain;
  return digits * 11 + check;  // < 1.1 × 10^18 < 2^63
}

}  // namespace

KeyCode KeyColumns::code(size_t row) const {
  if (!has_key(row)) return {0, KeyCode::kNoKey};
  if (columns_.size() == 1) {
    const Column& c = *columns_[0];
    if (c.present[row] == 0) return {0, kNullDomain};
    if (c.is_text()) {
      uint8_t domain = 0;
      if (auto w = text_code(c.texts.at(row), domain)) return {*w, domain};
    } else if (numeric_[0]) {
      if (auto m = fit(to_micro(c.type.kind, c.values[row]))) {
        return {static_cast<uint64_t>(*m), kNumberDomain};
      }
    } else {
      return {static_cast<uint64_t>(c.values[row]),
              static_cast<uint8_t>(kKindDomain + static_cast<unsigned>(c.type.kind))};
    }
  }
  return {hash(row), KeyCode::kHashed};
}

HashIndex::HashIndex(const KeyColumns& keys, size_t rows, unsigned threads) : keys_(keys) {
  words_.resize(rows);
  domains_.resize(rows);
  const size_t morsel = 1 << 16;
  parallel_for(morsel_count(rows, morsel), threads, [&](size_t m) {
    const size_t end = std::min(rows, (m + 1) * morsel);
    for (size_t r = m * morsel; r < end; ++r) {
      const KeyCode c = keys.code(r);
      words_[r] = c.word;
      domains_[r] = c.domain;
    }
  });
  size_t keyed_rows = 0;
  one_domain_ = true;
  domain_ = KeyCode::kNoKey;
  for (uint8_t d : domains_) {
    if (d == KeyCode::kNoKey) continue;
    ++keyed_rows;
    if (domain_ == KeyCode::kNoKey) domain_ = d;
    one_domain_ = one_domain_ && d == domain_;
  }
  size_t slots = 16;
  while (slots < keyed_rows + keyed_rows / 2) slots <<= 1;  // at most 2/3 full
  mask_ = slots - 1;
  slots_.assign(slots, Slot{0, kNoRow});
  auto bucket = [&](size_t r) { return KeyCode{words_[r], domains_[r]}.bucket(); };
  constexpr size_t kAhead = 16;
  for (size_t r = 0; r < rows; ++r) {
    if (r + kAhead < rows && domains_[r + kAhead] != KeyCode::kNoKey) {
      __builtin_prefetch(&slots_[bucket(r + kAhead) & mask_]);
    }
    if (domains_[r] == KeyCode::kNoKey) continue;
    const uint64_t b = bucket(r);
    for (uint64_t i = b & mask_;; i = (i + 1) & mask_) {
      if (slots_[i].row == kNoRow) {
        slots_[i] = Slot{tag(b), static_cast<uint32_t>(r)};
        break;
      }
    }
  }
}

}  // namespace shanhai::engine
