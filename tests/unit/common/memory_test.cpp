#include "common/memory.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <fstream>

namespace shanhai {
namespace {

#if defined(__GLIBC__)
// With the policy applied, a block of 64 MiB (above glibc's default limit of 32 MiB for heap
// blocks, below kRetainedHeapBytes) comes from the heap, which ends at the program break, not
// from a mapping of its own far above it; freed, it is kept and handed out again.
TEST(Memory, LargeBlocksComeFromTheHeapAndAreReused) {
  configure_memory();
  constexpr size_t kBytes = size_t{64} << 20;
  static_assert(kBytes < static_cast<size_t>(kRetainedHeapBytes));
  void* first = std::malloc(kBytes);
  ASSERT_NE(first, nullptr);
  std::memset(first, 1, kBytes);
  const auto heap_end = reinterpret_cast<uintptr_t>(sbrk(0));
  EXPECT_LT(reinterpret_cast<uintptr_t>(first) + kBytes, heap_end + 1)
      << "a 64 MiB block was mapped on its own: configure_memory had no effect";
  std::free(first);
  void* second = std::malloc(kBytes);
  ASSERT_NE(second, nullptr);
  EXPECT_LE(reinterpret_cast<uintptr_t>(second) + kBytes, reinterpret_cast<uintptr_t>(sbrk(0)));
  std::free(second);
}

// Resident memory of this process, from /proc/self/statm (pages).
size_t resident_bytes() {
  std::ifstream statm("/proc/self/statm");
  size_t size = 0, resident = 0;
  statm >> size >> resident;
  return resident * static_cast<size_t>(sysconf(_SC_PAGESIZE));
}

// The policy keeps a freed 64 MiB block; release_free_memory gives it back.
TEST(Memory, FreedBlocksAreKeptUntilReleased) {
  configure_memory();
  constexpr size_t kBytes = size_t{64} << 20;
  void* block = std::malloc(kBytes);
  ASSERT_NE(block, nullptr);
  // Every page written through volatile: a memset of memory freed right after may be dropped.
  auto* bytes = static_cast<volatile unsigned char*>(block);
  for (size_t i = 0; i < kBytes; i += 4096) bytes[i] = 1;
  std::free(block);
  const size_t kept = resident_bytes();
  release_free_memory();
  const size_t released = resident_bytes();
  EXPECT_GE(kept, released + kBytes / 2) << kept << " " << released;
}
#endif

}  // namespace
}  // namespace shanhai
