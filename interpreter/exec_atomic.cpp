// Atomic memory instructions (threads proposal) — proposals/threads/Overview.md, exec rules of
// its spec text: bounds first, then alignment ("unaligned atomic"), then one sequentially
// consistent access of the natural width. Accesses use the compiler's atomic builtins, so they
// stay atomic once several threads share a memory.
#include <array>
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
uint64_t access(Kind k, T* p, uint64_t v, uint64_t replacement) {
  constexpr int kOrder = __ATOMIC_SEQ_CST;
  T x = T(v);
  switch (k) {
    case Kind::Load: return __atomic_load_n(p, kOrder);
    case Kind::Store: __atomic_store_n(p, x, kOrder); return 0;
    case Kind::Add: return __atomic_fetch_add(p, x, kOrder);
    case Kind::Sub: return __atomic_fetch_sub(p, x, kOrder);
    case Kind::And: return __atomic_fetch_and(p, x, kOrder);
    case Kind::Or: return __atomic_fetch_or(p, x, kOrder);
    case Kind::Xor: return __atomic_fetch_xor(p, x, kOrder);
    case Kind::Xchg: return __atomic_exchange_n(p, x, kOrder);
    case Kind::Cmpxchg: {  // the expected value is wrapped to the access width
      T expected = x;
      __atomic_compare_exchange_n(p, &expected, T(replacement), false, kOrder, kOrder);
      return expected;
    }
    default: return 0;
  }
}

}  // namespace

// spec (threads): Step/atomic load, store, rmw, cmpxchg, memory.atomic.wait, notify.
Trap atomic(const Op& op, Slot*& sp, ModuleInst& module) {
  Opcode o = Opcode(op.code);
  Kind k = kind_of(o);
  if (k == Kind::None) return nullptr;  // atomic.fence: sequential execution is already ordered
  uint32_t operands = k == Kind::Load ? 1 : k == Kind::Cmpxchg || k == Kind::Wait ? 3 : 2;
  MemInst& m = *module.mem_ptrs[op.a];
  uint64_t n = uint64_t(1) << info(o).align;
  Slot* args = sp - operands;
  uint64_t ea = args[0].lo + op.bc();
  sp = args + (k == Kind::Store ? 0 : 1);
  if (ea < op.bc() || n > m.size || ea > m.size - n) return "out of bounds memory access";
  if (ea % n != 0) return "unaligned atomic";
  uint8_t* p = m.data + ea;
  if (k == Kind::Notify) {
    args[0] = Slot::of_i32(0);  // no thread is waiting: nobody woken
    return nullptr;
  }
  if (k == Kind::Wait) {
    if (!m.type.shared) return "expected shared memory";
    uint64_t actual = n == 4 ? __atomic_load_n(reinterpret_cast<uint32_t*>(p), __ATOMIC_SEQ_CST)
                             : __atomic_load_n(reinterpret_cast<uint64_t*>(p), __ATOMIC_SEQ_CST);
    uint64_t expected = n == 4 ? uint32_t(args[1].lo) : args[1].lo;
    // deviation: with one thread nothing can notify, so an equal value times out (2) at once.
    args[0] = Slot::of_i32(actual != expected ? 1 : 2);
    return nullptr;
  }
  uint64_t v = operands > 1 ? args[1].lo : 0, r = operands > 2 ? args[2].lo : 0, old = 0;
  switch (n) {
    case 1: old = access(k, p, v, r); break;
    case 2: old = access(k, reinterpret_cast<uint16_t*>(p), v, r); break;
    case 4: old = access(k, reinterpret_cast<uint32_t*>(p), v, r); break;
    default: old = access(k, reinterpret_cast<uint64_t*>(p), v, r); break;
  }
  if (k != Kind::Store) args[0] = Slot::of_i64(old);
  return nullptr;
}

}  // namespace wasm::interp::exec
