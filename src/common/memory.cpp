#include "common/memory.h"

// Any C library header defines __GLIBC__; without one the test below was always false, and
// configure_memory did nothing.
#include <cstdlib>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace shanhai {

void configure_memory() {
#if defined(__GLIBC__)
  mallopt(M_MMAP_THRESHOLD, static_cast<int>(kRetainedHeapBytes));
  mallopt(M_TRIM_THRESHOLD, static_cast<int>(kRetainedHeapBytes));
#endif
}

void release_free_memory() {
#if defined(__GLIBC__)
  malloc_trim(0);
#endif
}

}  // namespace shanhai
