// Atomic memory instructions (threads proposal) — proposals/threads/Overview.md, exec rules of
// its spec text: bounds first, then alignment ("unaligned atomic"), then one sequentially
// consistent access of the natural width (std::atomic_ref on the memory's bytes).
#include <array>
#include <atomic>
#include <string_view>

#include "interpreter/exec.h"

namespace wasm::interp::exec {
namespace {

enum class Kind : uint8_t { None, Load, Store, Add, Sub, And, Or, Xor, Xchg, Cmpxchg, Notify, Wait };

// The kind of each atomic opcode, read once from the opcode table's mnemonics.
Kind kind_of(Opcode op) {
  static const std::array<Kind, kOpcodeCount> kinds = [] {
    std::array<Kind, kOpcodeCount> k{};
    for (size_t i = 0; i < kOpcodeCount; ++i) {
      std::string_view t = kOpInfo[i].text;
      if (kOpInfo[i].prefix != 0xFE) continue;
      auto has = [&](std::string_view s) { return t.find(s) != std::string_view::npos; };
      k[i] = has("notify") ? Kind::Notify : has("wait") ? Kind::Wait : has("cmpxchg") ? Kind::Cmpxchg
           : has("xchg") ? Kind::Xchg : has(".add") ? Kind::Add : has(".sub") ? Kind::Sub
           : has(".and") ? Kind::And : has(".or") ? Kind::Or : has(".xor") ? Kind::Xor
           : has(".load") ? Kind::Load : has(".store") ? Kind::Store : Kind::None;
    }
    return k;
  }();
  return kinds[size_t(op)];
}

template <typename T>
uint64_t access(Kind k, uint8_t* p, uint64_t v, uint64_t replacement) {
  std::atomic_ref<T> a(*reinterpret_cast<T*>(p));  // aligned: checked by the caller
  T x = T(v);
  switch (k) {
    case Kind::Load: return a.load();
    case Kind::Store: a.store(x); return 0;
    case Kind::Add: return a.fetch_add(x);
    case Kind::Sub: return a.fetch_sub(x);
    case Kind::And: return a.fetch_and(x);
    case Kind::Or: return a.fetch_or(x);
    case Kind::Xor: return a.fetch_xor(x);
    case Kind::Xchg: return a.exchange(x);
    case Kind::Cmpxchg: {  // the expected value is wrapped to the access width
      T expected = x;
      a.compare_exchange_strong(expected, T(replacement));
      return expected;
    }
    default: return 0;
  }
}

// spec (threads): memory.atomic.wait32/64 — 0 "ok" (woken by a notify), 1 "not-equal",
// 2 "timed-out"; the comparison and the enqueueing are one atomic step (wait_queue.h).
Trap wait(MemInst& m, uint64_t ea, uint64_t n, Slot* args, Thread& t) {
  if (!m.type.shared) return "expected shared memory";
  uint8_t* p = m.data + ea;
  uint64_t expected = n == 4 ? uint32_t(args[1].lo) : args[1].lo;
  auto equal = [&] {
    uint64_t actual = n == 4 ? std::atomic_ref(*reinterpret_cast<uint32_t*>(p)).load()
                             : std::atomic_ref(*reinterpret_cast<uint64_t*>(p)).load();
    return actual == expected;
  };
  auto interrupted = [&] { return t.store.interrupted.load(); };
  int64_t timeout = int64_t(args[2].lo), cap = t.options.max_wait_ns;
  if (cap >= 0 && (timeout < 0 || timeout > cap)) timeout = cap;
  if (Scheduler* s = t.options.scheduler) {
    Scheduler::WaitResult w = s->wait(&m, ea, equal, timeout);
    if (w.trap != nullptr) return w.trap;
    args[0] = Slot::of_i32(w.value);
    return nullptr;
  }
  WaitQueue::Result r = m.waiters.wait(ea, equal, timeout, interrupted);
  if (r == WaitQueue::Result::Interrupted) return kInterruptedMessage;
  args[0] = Slot::of_i32(uint32_t(r));
  return nullptr;
}

}  // namespace

// spec (threads): Step/atomic load, store, rmw, cmpxchg, memory.atomic.wait, notify.
Trap atomic(const Op& op, Slot*& sp, ModuleInst& module, Thread& t) {
  Opcode o = Opcode(op.code);
  if (is_waitqueue_op(o)) return waitqueue(op, sp, module, t);
  if (info(o).imm >= Imm::OrderGlobal) return located_atomic(op, sp, module, t);
  if (o == Opcode::Pause) return nullptr;  // shared-everything-threads: a hint, no effect
  Kind k = kind_of(o);
  if (k == Kind::None) {  // atomic.fence: a sequentially consistent fence
#if defined(__SANITIZE_THREAD__)
    // GCC's ThreadSanitizer rejects fences: a seq_cst read-modify-write stands in.
    static std::atomic<uint32_t> fence_word;
    fence_word.fetch_add(0);
#else
    std::atomic_thread_fence(std::memory_order_seq_cst);
#endif
    return nullptr;
  }
  uint32_t operands = k == Kind::Load ? 1 : k == Kind::Cmpxchg || k == Kind::Wait ? 3 : 2;
  MemInst& m = *module.mem_ptrs[op.a];
  uint64_t n = uint64_t(1) << info(o).align;
  uint64_t size = m.bytes();
  Slot* args = sp - operands;
  uint64_t ea = args[0].lo + op.bc();
  sp = args + (k == Kind::Store ? 0 : 1);
  if (ea < op.bc() || n > size || ea > size - n) return "out of bounds memory access";
  if (ea % n != 0) return "unaligned atomic";
  // spec (threads): memory.atomic.notify — wakes up to `count` waiters (none can wait on an
  // unshared memory, so it returns 0 there).
  if (k == Kind::Notify) {
    uint32_t count = uint32_t(args[1].lo);
    Scheduler* s = t.options.scheduler;
    args[0] = Slot::of_i32(s != nullptr ? s->notify(&m, ea, count) : m.waiters.notify(ea, count));
    return nullptr;
  }
  if (k == Kind::Wait) return wait(m, ea, n, args, t);
  uint64_t v = operands > 1 ? args[1].lo : 0, r = operands > 2 ? args[2].lo : 0, old = 0;
  uint8_t* p = m.data + ea;
  switch (n) {
    case 1: old = access<uint8_t>(k, p, v, r); break;
    case 2: old = access<uint16_t>(k, p, v, r); break;
    case 4: old = access<uint32_t>(k, p, v, r); break;
    default: old = access<uint64_t>(k, p, v, r); break;
  }
  if (k != Kind::Store) args[0] = Slot::of_i64(old);
  return nullptr;
}

}  // namespace wasm::interp::exec
