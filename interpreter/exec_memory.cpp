// Bulk memory and table instructions — exec/instructions.rst (Memory Instructions, Table
// Instructions).
//
// deviation: the spec defines memory.fill/copy/init and table.fill/copy/init by recursion into
// one-element steps, trapping when the *next* element is out of bounds. Since the bounds check
// is done for the whole range before any element is written, the recursion's outcome is the same
// as checking first and then acting in one step, which is what these functions do.
#include <cstring>

#include "interpreter/exec.h"

namespace wasm::interp::exec {
namespace {

bool in_range(uint64_t start, uint64_t n, uint64_t size) { return n <= size && start <= size - n; }

constexpr Trap kMemoryOob = "out of bounds memory access";
constexpr Trap kTableOob = "out of bounds table access";

}  // namespace

// spec: Step/memory.fill-*
Trap memory_fill(MemInst& m, Slot*& sp) {
  uint64_t n = sp[-1].lo, d = sp[-3].lo;
  uint8_t v = uint8_t(sp[-2].lo);
  sp -= 3;
  if (!in_range(d, n, m.size)) return kMemoryOob;
  std::memset(m.data + d, v, n);
  return nullptr;
}

// spec: Step/memory.copy-*
Trap memory_copy(MemInst& dst, MemInst& src, Slot*& sp) {
  uint64_t n = sp[-1].lo, s = sp[-2].lo, d = sp[-3].lo;
  sp -= 3;
  if (!in_range(s, n, src.size) || !in_range(d, n, dst.size)) return kMemoryOob;
  std::memmove(dst.data + d, src.data + s, n);
  return nullptr;
}

// spec: Step/memory.init-*
Trap memory_init(MemInst& m, DataInst& data, Slot*& sp) {
  uint64_t n = sp[-1].i32(), s = sp[-2].i32(), d = sp[-3].lo;
  sp -= 3;
  if (!in_range(s, n, data.bytes.size()) || !in_range(d, n, m.size)) return kMemoryOob;
  if (n > 0) std::memcpy(m.data + d, data.bytes.data() + s, n);
  return nullptr;
}

// spec: Step/memory.grow-succeed, memory.grow-fail
void memory_grow(MemInst& m, Slot*& sp) {
  auto old = m.grow(sp[-1].lo);
  uint64_t fail = m.type.addr == AddrType::I32 ? 0xFFFF'FFFFu : ~uint64_t(0);
  sp[-1] = Slot::of_i64(old ? *old : fail);
}

// spec: Step/table.grow-succeed, table.grow-fail
void table_grow(TableInst& t, Slot*& sp) {
  auto old = t.grow(sp[-1].lo, sp[-2].ref());
  uint64_t fail = t.type.addr == AddrType::I32 ? 0xFFFF'FFFFu : ~uint64_t(0);
  --sp;
  sp[-1] = Slot::of_i64(old ? *old : fail);
}

// spec: Step/table.fill-*
Trap table_fill(TableInst& t, Slot*& sp) {
  uint64_t n = sp[-1].lo, i = sp[-3].lo;
  uint64_t v = sp[-2].ref();
  sp -= 3;
  if (!in_range(i, n, t.refs.size())) return kTableOob;
  std::fill_n(t.refs.begin() + ptrdiff_t(i), n, v);
  return nullptr;
}

// spec: Step/table.copy-*
Trap table_copy(TableInst& dst, TableInst& src, Slot*& sp) {
  uint64_t n = sp[-1].lo, s = sp[-2].lo, d = sp[-3].lo;
  sp -= 3;
  if (!in_range(s, n, src.refs.size()) || !in_range(d, n, dst.refs.size())) return kTableOob;
  if (n > 0) std::memmove(dst.refs.data() + d, src.refs.data() + s, n * sizeof(uint64_t));
  return nullptr;
}

// spec: Step/table.init-*
Trap table_init(TableInst& t, ElemInst& e, Slot*& sp) {
  uint64_t n = sp[-1].i32(), s = sp[-2].i32(), d = sp[-3].lo;
  sp -= 3;
  if (!in_range(s, n, e.refs.size()) || !in_range(d, n, t.refs.size())) return kTableOob;
  if (n > 0) std::memcpy(t.refs.data() + d, e.refs.data() + s, n * sizeof(uint64_t));
  return nullptr;
}

}  // namespace wasm::interp::exec
