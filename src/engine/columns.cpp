#include "engine/columns.h"

#include <algorithm>
#include <atomic>
#include <thread>

#include <xxhash.h>

#include "engine/arithmetic.h"

namespace shanhai::engine {

Column gather(const Column& from, const std::vector<uint32_t>& rows) {
  Column c;
  c.type = from.type;
  c.element = from.element;
  const size_t n = rows.size();
  c.present.resize(n);
  const bool validity = !from.element_valid.empty();
  if (validity) c.element_valid.resize(n);
  if (from.is_text()) {
    size_t bytes = 0;
    for (uint32_t r : rows) {
      if (r != kNoRow) bytes += from.texts.at(r).size();
    }
    c.texts.reserve(n, bytes);
    for (size_t i = 0; i < n; ++i) {
      const uint32_t r = rows[i];
      if (r == kNoRow) {
        c.texts.push_back({});
        continue;
      }
      c.texts.push_back(from.texts.at(r));
      c.present[i] = from.present[r];
      if (validity) c.element_valid[i] = from.element_valid[r];
    }
    return c;
  }
  c.values.resize(n);
  for (size_t i = 0; i < n; ++i) {
    const uint32_t r = rows[i];
    if (r == kNoRow) continue;
    c.values[i] = from.values[r];
    c.present[i] = from.present[r];
    if (validity) c.element_valid[i] = from.element_valid[r];
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

HashIndex::HashIndex(const KeyColumns& keys, size_t rows, unsigned threads) : keys_(keys) {
  std::vector<uint64_t> hashes(rows);
  std::vector<uint8_t> keyed(rows);
  const size_t morsel = 1 << 16;
  parallel_for(morsel_count(rows, morsel), threads, [&](size_t m) {
    const size_t end = std::min(rows, (m + 1) * morsel);
    for (size_t r = m * morsel; r < end; ++r) {
      keyed[r] = keys.has_key(r) ? 1 : 0;
      if (keyed[r] != 0) hashes[r] = keys.hash(r);
    }
  });
  size_t keyed_rows = 0;
  for (uint8_t k : keyed) keyed_rows += k;
  size_t slots = 16;
  while (slots < keyed_rows + keyed_rows / 2) slots <<= 1;  // at most 2/3 full
  mask_ = slots - 1;
  slots_.assign(slots, Slot{0, kNoRow});
  constexpr size_t kAhead = 16;
  for (size_t r = 0; r < rows; ++r) {
    if (r + kAhead < rows && keyed[r + kAhead] != 0) prefetch(hashes[r + kAhead]);
    if (keyed[r] == 0) continue;
    for (uint64_t i = hashes[r] & mask_;; i = (i + 1) & mask_) {
      if (slots_[i].row == kNoRow) {
        slots_[i] = Slot{tag(hashes[r]), static_cast<uint32_t>(r)};
        break;
      }
    }
  }
}

}  // namespace shanhai::engine
