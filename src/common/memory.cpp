#include "common/memory.h"

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

}  // namespace shanhai
