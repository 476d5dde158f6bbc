#pragma once
// Work on every core for the linkage layer. Each call starts its own threads and joins them
// before returning, so no thread outlives the call that needs it (the engine's executor does the
// same, engine/columns.h). Results are made deterministic by the callers: work is split into
// fixed chunks whose outputs are combined in chunk order, whatever the number of threads.

#include <cstddef>
#include <functional>

namespace shanhai::linkage {

// The threads a call uses: `requested`, or every core when it is 0.
unsigned thread_count(unsigned requested);

// Splits [0, items) into chunks of `chunk` items and runs task(chunk_index, begin, end) for each
// on up to `threads` threads (0: every core), in any order. Returns when every chunk is done.
void for_each_chunk(size_t items, size_t chunk, unsigned threads,
                    const std::function<void(size_t, size_t, size_t)>& task);

// Number of chunks for_each_chunk makes of `items` items.
inline size_t chunk_count(size_t items, size_t chunk) { return (items + chunk - 1) / chunk; }

}  // namespace shanhai::linkage
