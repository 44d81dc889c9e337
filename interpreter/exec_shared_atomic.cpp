// shared-everything-threads: atomic accesses to globals, tables, struct fields and array
// elements (Overview.md, "Binary format / Instructions"). Each is one sequentially consistent
// access of the location (std::atomic_ref; a read-modify-write is a compare-and-swap loop, so
// that values narrower than their cell wrap at their own width). acq_rel orderings are
// implemented as seq_cst, which is stronger than the proposal asks.
//
// Operands, below the value operands: nothing (globals), an address (tables), a reference
// (structs), a reference and an index (arrays). Traps: "out of bounds table access",
// "null structure reference", "null array reference", "out of bounds array access".
#include <array>
#include <atomic>
#include <string_view>

#include "interpreter/exec.h"

namespace wasm::interp::exec {
namespace {

enum class Access : uint8_t { Get, GetS, Set, Add, Sub, And, Or, Xor, Xchg, Cmpxchg };

// Read off the mnemonics once (as exec_atomic.cpp's kind_of): not per executed access.
Access access_of(Opcode op) {
  static const std::array<Access, kOpcodeCount> kinds = [] {
    std::array<Access, kOpcodeCount> k{};
    for (size_t i = 0; i < kOpcodeCount; ++i) {
      if (kOpInfo[i].imm < Imm::OrderGlobal) continue;
      std::string_view t = kOpInfo[i].text;
      t = t.substr(t.find(".atomic.") + 8);
      k[i] = t == "get" || t == "get_u" ? Access::Get
           : t == "get_s"               ? Access::GetS
           : t == "set"                 ? Access::Set
           : t == "rmw.add"             ? Access::Add
           : t == "rmw.sub"             ? Access::Sub
           : t == "rmw.and"             ? Access::And
           : t == "rmw.or"              ? Access::Or
           : t == "rmw.xor"             ? Access::Xor
           : t == "rmw.xchg"            ? Access::Xchg
                                        : Access::Cmpxchg;
    }
    return k;
  }();
  return kinds[size_t(op)];
}

uint64_t mask_of(uint32_t width) {
  return width >= 8 ? ~uint64_t(0) : (uint64_t(1) << (8 * width)) - 1;
}

// One access of a cell of type T holding a value of `width` bytes (its upper bits zero).
template <typename T>
uint64_t access(Access k, void* cell, uint32_t width, uint64_t v, uint64_t replacement) {
  std::atomic_ref<T> a(*static_cast<T*>(cell));
  uint64_t mask = mask_of(width);
  v &= mask;
  if (k == Access::Get || k == Access::GetS) return uint64_t(a.load());
  if (k == Access::Set) return a.store(T(v)), 0;
  T old = a.load();
  for (;;) {
    uint64_t o = uint64_t(old), n = 0;
    switch (k) {
      case Access::Add: n = o + v; break;
      case Access::Sub: n = o - v; break;
      case Access::And: n = o & v; break;
      case Access::Or: n = o | v; break;
      case Access::Xor: n = o ^ v; break;
      case Access::Xchg: n = v; break;
      default:  // Cmpxchg: v is the expected value
        if (o != v) return o;
        n = replacement;
        break;
    }
    if (a.compare_exchange_weak(old, T(n & mask))) return o;
  }
}

uint64_t access_cell(Access k, void* cell, uint32_t cell_size, uint32_t width, uint64_t v,
                     uint64_t replacement) {
  switch (cell_size) {
    case 1: return access<uint8_t>(k, cell, width, v, replacement);
    case 2: return access<uint16_t>(k, cell, width, v, replacement);
    case 4: return access<uint32_t>(k, cell, width, v, replacement);
    default: return access<uint64_t>(k, cell, width, v, replacement);
  }
}

uint64_t sign_extend(uint64_t v, uint32_t width) {
  if (width == 1) return uint32_t(int32_t(int8_t(v)));
  if (width == 2) return uint32_t(int32_t(int16_t(v)));
  return v;
}

}  // namespace

Trap located_atomic(const Op& op, Slot*& sp, ModuleInst& module, Thread& t) {
  Opcode code = Opcode(op.code);
  Access k = access_of(code);
  uint32_t values = k == Access::Get || k == Access::GetS ? 0 : k == Access::Cmpxchg ? 2 : 1;
  Slot* args = sp - values;
  void* cell = nullptr;
  uint32_t cell_size = 8, width = op.x;
  Slot* loc = args;
  switch (info(code).imm) {
    case Imm::OrderGlobal: {
      GlobalInst* g = reinterpret_cast<GlobalInst*>(op.bc());
      cell = g->type.thread_local_ ? &t.store.thread_local_value(*g).lo : &g->value.lo;
      break;
    }
    case Imm::OrderTable: {
      loc = args - 1;
      TableInst& tab = *module.table_ptrs[op.a];
      uint64_t i = loc[0].lo;
      sp = loc;
      if (i >= tab.refs.size()) return "out of bounds table access";
      cell = &tab.refs[i];
      break;
    }
    case Imm::OrderTypeField: {
      loc = args - 1;
      uint64_t r = loc[0].ref();
      sp = loc;
      if (is_null(r)) return "null structure reference";
      cell = &t.store.structs[ref_payload(r)].fields[op.a].lo;
      break;
    }
    default: {  // Imm::OrderType: arrays
      loc = args - 2;
      uint64_t r = loc[0].ref(), i = loc[1].i32();
      sp = loc;
      if (is_null(r)) return "null array reference";
      ArrayInst& a = t.store.arrays[ref_payload(r)];
      if (i >= a.len) return "out of bounds array access";
      cell_size = width = a.esize;
      cell = a.bytes.data() + i * a.esize;  // esize-aligned: the bytes are malloc-aligned
      break;
    }
  }
  uint64_t v = values > 0 ? args[0].lo : 0, replacement = values > 1 ? args[1].lo : 0;
  uint64_t old = access_cell(k, cell, cell_size, width, v, replacement);
  sp = loc;
  if (k == Access::GetS) old = sign_extend(old, width);
  if (k != Access::Set) *sp++ = Slot::of_i64(old);
  return nullptr;
}

}  // namespace wasm::interp::exec
