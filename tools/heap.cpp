// The process's heap (tools/heap.h).
#include "tools/heap.h"

#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>

namespace wasm::cli {

// glibc would serve large blocks with fresh mappings and give a freed heap top back to the
// system, to be faulted in again; transparent huge pages fault once per 2 MiB instead of once
// per 4 KiB. A process's footprint stays its peak, rounded up to huge pages.
void tune_heap() {
  mallopt(M_MMAP_THRESHOLD, 32 << 20);  // the largest glibc accepts
  mallopt(M_TRIM_THRESHOLD, 1 << 30);
  mallopt(M_TOP_PAD, 64 << 20);  // the heap grows 64 MiB at a time
  auto begin = reinterpret_cast<uintptr_t>(sbrk(0));
  // More than the heap has left, so it grows by M_TOP_PAD (volatile: the compiler may not
  // leave out an allocation it sees freed unused).
  void* volatile block = std::malloc(1 << 20);
  auto end = reinterpret_cast<uintptr_t>(sbrk(0));
  std::free(block);
  constexpr uintptr_t kHugePage = uintptr_t(2) << 20;
  begin = (begin + kHugePage - 1) & ~(kHugePage - 1);
  if (end > begin) madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
}

}  // namespace wasm::cli
