#include "linkage/parallel.h"

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

namespace shanhai::linkage {

unsigned thread_count(unsigned requested) {
  if (requested != 0) return requested;
  return std::max(1U, std::thread::hardware_concurrency());
}

void for_each_chunk(size_t items, size_t chunk, unsigned threads,
                    const std::function<void(size_t, size_t, size_t)>& task) {
  if (chunk == 0) chunk = 1;
  const size_t chunks = chunk_count(items, chunk);
  const size_t workers = std::min<size_t>(thread_count(threads), chunks);
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t c = next++; c < chunks; c = next++) {
      task(c, c * chunk, std::min(items, (c + 1) * chunk));
    }
  };
  std::vector<std::thread> pool;
  for (size_t w = 1; w < workers; ++w) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();
}

}  // namespace shanhai::linkage
