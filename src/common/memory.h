#pragma once
// The process's memory policy, set once at the start of each shanhai program.
//
// Linkage and the collision engine allocate large working arrays (hundreds of MiB for a million
// records) and free them again stage after stage. By default glibc maps every block of 32 MiB or
// more afresh and unmaps it on free, so the next such array is faulted in again page by page:
// about 3 µs a page on virtual machines, 0.1 s for 128 MiB, on one thread. Blocks below 256 MiB
// are instead taken from the heap, which keeps up to 256 MiB of freed memory for the next one.

namespace shanhai {

inline constexpr long kRetainedHeapBytes = 256L << 20;

// Applies the policy above (glibc mallopt; nothing elsewhere).
void configure_memory();

// Returns the heap's free memory to the system (glibc malloc_trim; nothing elsewhere): freed
// blocks that lie below ones still in use are kept by the policy above however large they
// are, so a long-lived process calls this when a large piece of work is done (the server after
// each background job).
void release_free_memory();

}  // namespace shanhai
