#pragma once
// Work on every core for the linkage layer. Each call starts its own threads and joins them
// before returning, so no thread outlives the call that needs it (the engine's executor does the
// same, engine/columns.h). Results are made deterministic by the callers: work is split into
// fixed chunks whose outputs are combined in chunk order, whatever the number of threads.

#include <cstddef>
#include <functional>
#include <memory>
#include <new>
#include <type_traits>

namespace shanhai::linkage {

// The threads a call uses: `requested`, or every core when it is 0.
unsigned thread_count(unsigned requested);

// Splits [0, items) into chunks of `chunk` items and runs task(chunk_index, begin, end) for each
// on up to `threads` threads (0: every core), in any order. Returns when every chunk is done.
void for_each_chunk(size_t items, size_t chunk, unsigned threads,
                    const std::function<void(size_t, size_t, size_t)>& task);

// An array of n T left uninitialised: a large array's pages are then first touched by the threads
// that fill it, instead of being zeroed by one thread beforehand (every fresh page costs a page
// fault, microseconds on a virtual machine).
template <class T>
std::unique_ptr<T[]> uninitialized_array(size_t n) {
  static_assert(std::is_trivially_default_constructible_v<T>);
  return std::unique_ptr<T[]>(new T[n]);
}

// A large array of trivially destructible T whose elements are constructed by the threads that
// compute them (see uninitialized_array), for types that have default member initialisers.
template <class T>
struct ParallelArrayDeleter {
  void operator()(T* p) const { ::operator delete (p, std::align_val_t{alignof(T)}); }
};
template <class T>
using ParallelArray = std::unique_ptr<T[], ParallelArrayDeleter<T>>;

// Storage for n T: the caller constructs every element (std::construct_at) before use.
template <class T>
ParallelArray<T> unconstructed_array(size_t n) {
  static_assert(std::is_trivially_destructible_v<T>);
  return ParallelArray<T>(
      static_cast<T*>(::operator new (n * sizeof(T), std::align_val_t{alignof(T)})));
}

// The array of make(i) for i in [0, n), made on up to `threads` threads.
template <class T, class Make>
ParallelArray<T> parallel_array(size_t n, unsigned threads, const Make& make) {
  ParallelArray<T> out = unconstructed_array<T>(n);
  for_each_chunk(n, size_t{1} << 14, threads, [&](size_t, size_t begin, size_t end) {
    for (size_t i = begin; i < end; ++i) std::construct_at(out.get() + i, make(i));
  });
  return out;
}

// Number of chunks for_each_chunk makes of `items` items.
inline size_t chunk_count(size_t items, size_t chunk) { return (items + chunk - 1) / chunk; }

}  // namespace shanhai::linkage
