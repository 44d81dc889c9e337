// Superinstructions: a second view of a lowered body (Code::fused) in which a short
// straight-line sequence of locals, a constant and an integer binary operator is one op.
//
// deviation: the fast dispatch loop (no trace, no fuel, no checking mode) reads Code::fused and
// so performs up to four reductions of the spec in one dispatch; every other mode reads
// Code::ops, one reduction per step. The two arrays have the same length and the same pcs: a
// fused op stands at the pc of its sequence's first instruction and the instructions after it
// stay in place (a branch into the sequence runs them one by one), so frames, branch targets,
// handlers and trap locations are shared. No fused op can trap or throw.
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
//   LLJump*   local.get a; local.get b; OP; J c            if (l[a] OP l[b]) ... pc := c
//   LKJump*   local.get a; K b; OP; J c                    the constant sign-extended from b
// J is kJumpIf, kJumpIfBack (which polls, as it does) or kJumpUnless (taken when false); the
// jump shapes only follow operators with an i32 result.
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

// Code::fused for a finished body: ops with each fusable sequence's first op replaced.
std::vector<Op> fuse(const std::vector<Op>& ops);

}  // namespace wasm::interp
