// Superinstructions: a second view of a lowered body (Code::fused) in which a short
// straight-line sequence of locals, a constant and an integer binary operator is one op, and so
// is a load or store whose address (and stored value) are a local (and a local or constant),
// and an i32.eqz with the conditional jump that consumes it.
//
// deviation: the fast dispatch loop (no trace, no fuel, no checking mode) reads Code::fused and
// so performs up to four reductions of the spec in one dispatch; every other mode reads
// Code::ops, one reduction per step. The two arrays have the same length and the same pcs: a
// fused op stands at the pc of its sequence's first instruction and the instructions after it
// stay in place (a branch into the sequence runs them one by one), so frames, branch targets,
// handlers are shared. No fused op can throw; only the memory ones can trap (out of bounds),
// at the pc of their sequence's first instruction instead of the access's: a trap ends the
// invocation, and nothing observes where (the trace and the checking mode read Code::ops).
// docs/interpreter-design.md, "Superinstructions".
#pragma once

#include <cstdint>
#include <vector>

#include "interpreter/code.h"

namespace wasm::interp {

// The integer binary operators that fuse (their cases in step_numeric.inc are BIN_FUSED).
inline constexpr Opcode kFusableBinops[] = {
    Opcode::I32Add, Opcode::I32Sub,  Opcode::I32Mul,  Opcode::I32And,  Opcode::I32Or,
    Opcode::I32Xor, Opcode::I32Shl,  Opcode::I32ShrS, Opcode::I32ShrU, Opcode::I32Eq,
    Opcode::I32Ne,  Opcode::I32LtS,  Opcode::I32LtU,  Opcode::I32GtS,  Opcode::I32GtU,
    Opcode::I32LeS, Opcode::I32LeU,  Opcode::I32GeS,  Opcode::I32GeU,  Opcode::I64Add,
    Opcode::I64Sub, Opcode::I64Mul,  Opcode::I64And,  Opcode::I64Or,   Opcode::I64Xor,
    Opcode::I64Shl, Opcode::I64ShrS, Opcode::I64ShrU, Opcode::I64Eq,   Opcode::I64Ne,
    Opcode::I64LtS, Opcode::I64LtU,  Opcode::I64GtS,  Opcode::I64GtU,  Opcode::I64LeS,
    Opcode::I64LeU, Opcode::I64GeS,  Opcode::I64GeU,
};

// The shapes of a fused op, for a binary operator OP (L: local.get, K: i32/i64.const). Fields:
//   LL        local.get a; local.get b; OP                 push(l[a] OP l[b])
//   LK        local.get a; K bc; OP                        push(l[a] OP bc)
//   LLSet     local.get a; local.get b; OP; local.set c    l[c] := l[a] OP l[b]
//   LKSet     local.get a; K bc; OP; local.set x           l[x] := l[a] OP bc
//   LLTee     local.get a; local.get b; OP; local.tee c    l[c] := l[a] OP l[b]; push(l[c])
//   LKTee     local.get a; K bc; OP; local.tee x           l[x] := l[a] OP bc; push(l[x])
//   SK        K bc; OP                                     top := top OP bc
//   SKJump*   K b; OP; J c                                 if (pop() OP b) ... pc := c
//   SSJump*   OP; J c                                      if (pop2() OP pop1()) ... pc := c
//   SSSet     OP; local.set c                              l[c] := pop2() OP pop1()
//   SSTee     OP; local.tee c                              l[c] := pop2() OP pop1(); push(l[c])
//   LLJump*   local.get a; local.get b; OP; J c            if (l[a] OP l[b]) ... pc := c
//   LKJump*   local.get a; K b; OP; J c                    the constant sign-extended from b
//   LLSetJumpBack  local.get a; local.get b; OP; local.set c; jump_back x
//                                                          l[c] := l[a] OP l[b]; pc := x
//   LKSetJumpBack  local.get a; K b; OP; local.set x; jump_back c
//                                                          the constant sign-extended from b
// J is kJumpIf, kJumpIfBack (which polls, as it does) or kJumpUnless (taken when false); the
// jump shapes only follow operators with an i32 result. The set-and-jump-back shapes (a loop's
// last statement and its `br`) poll as kJumpBack does.
enum FusedForm : uint16_t {
  kFusedLL,
  kFusedLK,
  kFusedLLSet,
  kFusedLKSet,
  kFusedLLJumpIf,
  kFusedLLJumpIfBack,
  kFusedLLJumpUnless,
  kFusedLKJumpIf,
  kFusedLKJumpIfBack,
  kFusedLKJumpUnless,
  kFusedLLSetJumpBack,
  kFusedLKSetJumpBack,
  kFusedLLTee,
  kFusedLKTee,
  kFusedSK,
  kFusedSKJumpIf,
  kFusedSKJumpIfBack,
  kFusedSKJumpUnless,
  kFusedSSJumpIf,
  kFusedSSJumpIfBack,
  kFusedSSJumpUnless,
  kFusedSSSet,
  kFusedSSTee,
  kFusedFormCount,
};

// The fused op codes follow the internal ones: kFusedFirst + operator index * forms + form.
inline constexpr uint16_t kFusedFirst = kInternalCount;
inline constexpr uint16_t kFusedEnd =
    kFusedFirst + uint16_t(std::size(kFusableBinops)) * kFusedFormCount;

// The index of `op` in kFusableBinops, or -1.
constexpr int fusable_index(uint16_t op) {
  for (size_t i = 0; i < std::size(kFusableBinops); ++i)
    if (uint16_t(kFusableBinops[i]) == op) return int(i);
  return -1;
}

// The code of OP fused into `form`; a compile-time error for an operator that does not fuse.
consteval uint16_t fused_code(Opcode op, FusedForm form) {
  int i = fusable_index(uint16_t(op));
  if (i < 0) throw "not in kFusableBinops";
  return uint16_t(kFusedFirst + i * kFusedFormCount + form);
}

// Memory superinstructions (memory 0, an offset below 2^32), for a load or store OP:
//   StoreLK   local.get a; i32.const b; OP offset=c      mem[l[a] + c] := b   (i32 stores)
//   StoreLL   local.get a; local.get b; OP offset=c      mem[l[a] + c] := l[b]
//   LoadL     local.get a; OP offset=c                   push(mem[l[a] + c])
//   LoadLK    local.get a; i32.const b; i32.add; OP offset=c
//                                                        push(mem[(l[a] + b) mod 2^32 + c])
//   LoadSK    i32.const b; i32.add; OP offset=c          top := mem[(top + b) mod 2^32 + c]
inline constexpr Opcode kFusableStores[] = {Opcode::I32Store, Opcode::I32Store8, Opcode::I32Store16,
                                            Opcode::I64Store};
inline constexpr Opcode kFusableLoads[] = {Opcode::I32Load,    Opcode::I32Load8U,
                                           Opcode::I32Load8S,  Opcode::I32Load16U,
                                           Opcode::I32Load16S, Opcode::I64Load};
enum MemFusedForm : uint16_t {
  kFusedStoreLK,
  kFusedStoreLL,
  kFusedLoadL,
  kFusedLoadLK,
  kFusedLoadSK,
  kMemFusedFormCount
};

// Their codes follow the binary operators': kFusedEnd + form * 8 + index in its list.
inline constexpr uint16_t kMemFusedStride = 8;
static_assert(std::size(kFusableStores) <= kMemFusedStride &&
              std::size(kFusableLoads) <= kMemFusedStride);

template <size_t N>
constexpr int index_in(const Opcode (&list)[N], uint16_t op) {
  for (size_t i = 0; i < N; ++i)
    if (uint16_t(list[i]) == op) return int(i);
  return -1;
}

consteval uint16_t fused_mem_code(Opcode op, MemFusedForm form) {
  bool load = form == kFusedLoadL || form == kFusedLoadLK || form == kFusedLoadSK;
  int i = load ? index_in(kFusableLoads, uint16_t(op)) : index_in(kFusableStores, uint16_t(op));
  if (i < 0) throw "not a fusable load or store";
  return uint16_t(kFusedEnd + form * kMemFusedStride + i);
}

// Test superinstructions: i32.eqz and the jump that consumes it.
//   EqzJumpIf       i32.eqz; jump_if c          if (pop() == 0) pc := c
//   EqzJumpIfBack   i32.eqz; jump_if_back c     if (pop() == 0) { pc := c; poll }
//   EqzJumpUnless   i32.eqz; jump_unless c      if (pop() != 0) pc := c   (`if (i32.eqz ...)`)
// (in the order of every jump family: jump_if, jump_if_back, jump_unless)
enum TestFusedForm : uint16_t {
  kFusedEqzJumpIf,
  kFusedEqzJumpIfBack,
  kFusedEqzJumpUnless,
  kTestFusedFormCount
};
inline constexpr uint16_t kFusedTestFirst = kFusedEnd + kMemFusedFormCount * kMemFusedStride;
inline constexpr uint16_t kFusedTestEnd = kFusedTestFirst + kTestFusedFormCount;

// local.get a; local.set b    l[b] := l[a]   (compiled code's copies from local to local)
inline constexpr uint16_t kFusedLocalCopy = kFusedTestEnd;

// Code::fused for a finished body: ops with each fusable sequence's first op replaced.
std::vector<Op> fuse(const std::vector<Op>& ops);

}  // namespace wasm::interp
