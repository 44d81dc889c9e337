// The store: allocation and growth of memories and tables, dynamic reference types —
// exec/runtime.rst, exec/modules.rst ($growtable, $growmem).
#include "interpreter/store.h"

#include <sys/mman.h>
#include <unistd.h>

#include <map>

#include "spec/error.h"
#include "spec/match.h"

namespace wasm::interp {

MemInst::~MemInst() {
  if (data != nullptr) munmap(data, reserved);
}

uint64_t default_max_memory() {
  long pages = sysconf(_SC_PHYS_PAGES), page = sysconf(_SC_PAGESIZE);
  if (pages <= 0 || page <= 0) return uint64_t(4) << 30;
  return uint64_t(pages) * uint64_t(page) / 2;
}

std::optional<std::string> MemInst::allocate(const MemType& t, MemoryBudget& b) {
  type = t;
  budget = &b;
  page_log2 = t.page_size_log2.value_or(16);
  uint64_t addr_limit = t.addr == AddrType::I32 ? uint64_t(1) << 32 : ~uint64_t(0);
  uint64_t max_pages = t.limits.max.value_or(addr_limit >> page_log2);
  if (max_pages > (addr_limit >> page_log2)) max_pages = addr_limit >> page_log2;
  uint64_t limit = max_pages << page_log2;
  if (t.limits.min > max_pages)
    return cat("memory allocation failed: ", t.limits.min, " pages exceed the maximum");
  uint64_t min_bytes = t.limits.min << page_log2;
  if (min_bytes > kMaxMemoryReserve)
    return cat("memory allocation failed: ", min_bytes, " bytes exceed the implementation limit");
  if (!budget->take(min_bytes))
    return cat("memory allocation failed: ", kOutOfMemoryMessage, " (", b.limit(), " bytes)");
  reserved = limit < kMaxMemoryReserve ? limit : kMaxMemoryReserve;
  if (reserved == 0) reserved = 1;  // a distinct, valid base address for empty memories
  void* p = mmap(nullptr, reserved, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (p == MAP_FAILED) {
    reserved = 0;
    return cat("memory allocation failed: cannot reserve ", limit, " bytes");
  }
  data = static_cast<uint8_t*>(p);
  // A large memory may be backed by transparent huge pages (where the system allows them on
  // request): a program that fills megabytes faults once per 2 MiB instead of once per 4 KiB.
  // Memories below 2 MiB cannot use them and are unaffected.
  if (reserved >= (uint64_t(2) << 20)) madvise(data, reserved, MADV_HUGEPAGE);
  if (min_bytes > 0 && mprotect(data, min_bytes, PROT_READ | PROT_WRITE) != 0)
    return cat("memory allocation failed: cannot commit ", min_bytes, " bytes");
  size = min_bytes;
  return std::nullopt;
}

// spec: $growmem — fails (nothing) beyond the declared maximum or what could be reserved.
std::optional<uint64_t> MemInst::grow(uint64_t delta) {
  std::lock_guard lock(grow_mutex_);
  uint64_t size = bytes();
  uint64_t old = size >> page_log2;
  uint64_t addr_limit = type.addr == AddrType::I32 ? uint64_t(1) << 32 : ~uint64_t(0);
  uint64_t max_pages = type.limits.max.value_or(addr_limit >> page_log2);
  if (delta > max_pages || old + delta > max_pages) return std::nullopt;
  uint64_t new_size = (old + delta) << page_log2;
  if (new_size > reserved) return std::nullopt;
  if (budget != nullptr && !budget->take(new_size - size)) return std::nullopt;
  if (new_size > size && mprotect(data + size, new_size - size, PROT_READ | PROT_WRITE) != 0) {
    if (budget != nullptr) budget->give_back(new_size - size);
    return std::nullopt;
  }
  this->size.store(new_size, std::memory_order_release);
  return old;
}

const char kInterruptedMessage[] = "interrupted: time limit exceeded";

void Store::interrupt() {
  interrupted = true;
  for (size_t i = 0; i < mems.size(); ++i) mems[i].waiters.interrupt_all();
  for (size_t i = 0; i < waitqueues.size(); ++i) waitqueues[i].waiters.interrupt_all();
}

uint64_t Store::next_id() {
  static std::atomic<uint64_t> counter = 0;
  return ++counter;
}

Slot& Store::thread_local_value(GlobalInst& g) {
  thread_local std::map<std::pair<uint64_t, const GlobalInst*>, Slot> values;
  return values.try_emplace({id_, &g}, g.value).first->second;
}

bool Store::ref_shared(uint64_t r) const {
  switch (ref_kind(r)) {
    case RefKind::I31: return is_shared_i31(r);
    case RefKind::Struct: return types_->expand(structs[ref_payload(r)].type).shared;
    case RefKind::Array: return types_->expand(arrays[ref_payload(r)].type).shared;
    case RefKind::Func: return types_->expand(funcs[ref_payload(r)].type).shared;
    case RefKind::WaitQueue: return true;  // only (shared waitqueue) is inhabited
    default: return false;
  }
}

// spec: $growtable
std::optional<uint64_t> TableInst::grow(uint64_t delta, uint64_t init) {
  uint64_t old = refs.size();
  uint64_t max = type.limits.max.value_or(type.addr == AddrType::I32 ? 0xFFFF'FFFFu : ~uint64_t(0));
  if (delta > kMaxTableSize - old || old + delta > max) return std::nullopt;  // no wrap-around
  if (budget != nullptr && !budget->take(delta * sizeof(uint64_t))) return std::nullopt;
  refs.resize(old + delta, init);
  return old;
}

// spec: Ref_ok + Reftype_sub — does the reference value r have (a subtype of) type t?
// (+ shared-everything-threads: a value of an abstract type has its sharedness)
bool Store::ref_matches(uint64_t r, const RefType& t) const {
  if (is_null(r)) return t.nullable;
  if (t.heap.kind != HeapKind::Index && t.heap.shared != ref_shared(internalize(r))) return false;
  HeapKind h = t.heap.kind;
  if (is_externalized(r)) return h == HeapKind::Extern;
  auto concrete = [&](TypeId actual) {
    if (h != HeapKind::Index) return false;
    if (t.heap.exact) return actual == t.heap.index;
    return match_deftype(*types_, actual, t.heap.index);
  };
  switch (ref_kind(r)) {
    case RefKind::Null: return t.nullable;
    case RefKind::I31: return h == HeapKind::Any || h == HeapKind::Eq || h == HeapKind::I31;
    case RefKind::Struct:
      return h == HeapKind::Any || h == HeapKind::Eq || h == HeapKind::Struct ||
             concrete(structs[ref_payload(r)].type);
    case RefKind::Array:
      return h == HeapKind::Any || h == HeapKind::Eq || h == HeapKind::Array ||
             concrete(arrays[ref_payload(r)].type);
    case RefKind::Func: return h == HeapKind::Func || concrete(funcs[ref_payload(r)].type);
    case RefKind::Exn: return h == HeapKind::Exn;
    case RefKind::Host: return h == HeapKind::Any;
    case RefKind::WaitQueue: return h == HeapKind::WaitQueue;
  }
  return false;
}

}  // namespace wasm::interp
