#include "interpreter/fuse.h"

#include <optional>

namespace wasm::interp {

namespace {

bool is(const Op& op, Opcode code) { return op.code == uint16_t(code); }

// Operators whose result is an i32 (every i32 operator, and the i64 comparisons).
bool has_i32_result(Opcode op) {
  switch (op) {
    case Opcode::I64Add:
    case Opcode::I64Sub:
    case Opcode::I64Mul:
    case Opcode::I64And:
    case Opcode::I64Or:
    case Opcode::I64Xor:
    case Opcode::I64Shl:
    case Opcode::I64ShrS:
    case Opcode::I64ShrU: return false;
    default: return true;
  }
}

// An access of memory 0 with an offset that fits the fused op's c.
bool plain_access(const Op& op) { return op.a == 0 && (op.bc() >> 32) == 0; }

// The memory superinstruction starting at p, if any, and its length.
size_t fuse_memory(const std::vector<Op>& ops, size_t p, Op& fused) {
  const Op& first = ops[p];
  const Op& second = ops[p + 1];
  int load = index_in(kFusableLoads, second.code);
  if (load >= 0 && plain_access(second)) {
    fused = Op{uint16_t(kFusedEnd + kFusedLoadL * kMemFusedStride + load), 0, first.a, 0,
               uint32_t(second.bc())};
    return 2;
  }
  if (p + 2 >= ops.size()) return 0;
  if (p + 3 < ops.size() && is(second, Opcode::I32Const) && is(ops[p + 2], Opcode::I32Add)) {
    const Op& loaded = ops[p + 3];
    int load_k = index_in(kFusableLoads, loaded.code);
    if (load_k < 0 || !plain_access(loaded)) return 0;
    fused = Op{uint16_t(kFusedEnd + kFusedLoadLK * kMemFusedStride + load_k), 0, first.a, second.a,
               uint32_t(loaded.bc())};
    return 4;
  }
  const Op& access = ops[p + 2];
  int store = index_in(kFusableStores, access.code);
  if (store < 0 || !plain_access(access)) return 0;
  bool local = is(second, Opcode::LocalGet);
  if (!local && !(is(second, Opcode::I32Const) && !is(access, Opcode::I64Store))) return 0;
  MemFusedForm form = local ? kFusedStoreLL : kFusedStoreLK;
  fused = Op{uint16_t(kFusedEnd + form * kMemFusedStride + store), 0, first.a, second.a,
             uint32_t(access.bc())};
  return 3;
}

bool is_conditional_jump(const Op& op) {
  return op.code == kJumpIf || op.code == kJumpIfBack || op.code == kJumpUnless;
}

// 0, 1, 2 for kJumpIf, kJumpIfBack, kJumpUnless: the order of each jump family's forms.
int jump_kind(const Op& op) { return op.code == kJumpIf ? 0 : op.code == kJumpIfBack ? 1 : 2; }

uint16_t binop_code(int index, FusedForm form) {
  return uint16_t(kFusedFirst + index * kFusedFormCount + form);
}

// The value of an i32.const or i64.const op, if it is one.
std::optional<uint64_t> constant_of(const Op& op) {
  if (is(op, Opcode::I32Const)) return op.a;
  if (is(op, Opcode::I64Const)) return op.bc();
  return std::nullopt;
}

// The jump shapes keep a constant in b: it must survive sign extension from 32 bits.
bool fits_in_b(uint64_t k) { return int64_t(k) == int64_t(int32_t(uint32_t(k))); }

// The test superinstruction starting at p (i32.eqz and a conditional jump), if any.
bool fuse_test(const std::vector<Op>& ops, size_t p, Op& fused) {
  const Op& jump = ops[p + 1];
  if (!is_conditional_jump(jump)) return false;
  fused = Op{uint16_t(kFusedTestFirst + jump_kind(jump)), 0, 0, 0, jump.a};
  return true;
}

// The shapes starting at a constant (SK, SKJump*, LoadSK), if any, and their length.
size_t fuse_constant(const std::vector<Op>& ops, size_t p, Op& fused) {
  const Op& first = ops[p];
  const Op& binop = ops[p + 1];
  bool is32 = is(first, Opcode::I32Const);
  uint64_t k = *constant_of(first);
  if (is32 && is(binop, Opcode::I32Add) && p + 2 < ops.size()) {
    const Op& loaded = ops[p + 2];
    int load = index_in(kFusableLoads, loaded.code);
    if (load >= 0 && plain_access(loaded)) {
      fused = Op{uint16_t(kFusedEnd + kFusedLoadSK * kMemFusedStride + load), 0, 0, first.a,
                 uint32_t(loaded.bc())};
      return 3;
    }
  }
  int index = fusable_index(binop.code);
  if (index < 0) return 0;
  if (p + 2 < ops.size() && is_conditional_jump(ops[p + 2]) && fits_in_b(k) &&
      has_i32_result(Opcode(binop.code))) {
    fused = Op{binop_code(index, FusedForm(kFusedSKJumpIf + jump_kind(ops[p + 2]))), 0, 0,
               uint32_t(k), ops[p + 2].a};
    return 3;
  }
  fused = Op{binop_code(index, kFusedSK), 0, 0, 0, 0};
  fused.set_bc(k);
  return 2;
}

}  // namespace

std::vector<Op> fuse(const std::vector<Op>& ops) {
  std::vector<Op> out = ops;
  const size_t n = ops.size();
  for (size_t p = 0; p + 1 < n; ++p) {
    const Op& first = ops[p];
    if (is(first, Opcode::I32Eqz)) {
      Op test;
      if (fuse_test(ops, p, test)) {
        out[p] = test;
        ++p;
      }
      continue;
    }
    if (is(first, Opcode::I32Const) || is(first, Opcode::I64Const)) {
      Op constant;
      if (size_t length = fuse_constant(ops, p, constant); length > 0) {
        out[p] = constant;
        p += length - 1;
      }
      continue;
    }
    if (int index = fusable_index(first.code); index >= 0) {
      const Op& next = ops[p + 1];
      if (is_conditional_jump(next) && has_i32_result(Opcode(first.code))) {
        out[p] =
            Op{binop_code(index, FusedForm(kFusedSSJumpIf + jump_kind(next))), 0, 0, 0, next.a};
        ++p;
      } else if (is(next, Opcode::LocalSet) || is(next, Opcode::LocalTee)) {
        FusedForm form = is(next, Opcode::LocalSet) ? kFusedSSSet : kFusedSSTee;
        out[p] = Op{binop_code(index, form), 0, 0, 0, next.a};
        ++p;
      }
      continue;
    }
    if (!is(first, Opcode::LocalGet)) continue;
    if (is(ops[p + 1], Opcode::LocalSet)) {
      out[p] = Op{kFusedLocalCopy, 0, first.a, ops[p + 1].a, 0};
      ++p;
      continue;
    }
    Op memory;
    if (size_t length = fuse_memory(ops, p, memory); length > 0) {
      out[p] = memory;
      p += length - 1;
      continue;
    }
    if (p + 2 >= n) continue;
    const Op& second = ops[p + 1];
    const Op& binop = ops[p + 2];
    int index = fusable_index(binop.code);
    if (index < 0) continue;
    bool local = is(second, Opcode::LocalGet);
    std::optional<uint64_t> constant = constant_of(second);
    if (!local && !constant) continue;
    uint64_t k = constant.value_or(0);

    Op fused;
    fused.a = first.a;
    if (local)
      fused.b = second.a;
    else
      fused.set_bc(k);
    FusedForm form = local ? kFusedLL : kFusedLK;
    size_t length = 3;
    if (p + 3 < n) {
      const Op& next = ops[p + 3];
      bool k_fits = local || fits_in_b(k);
      const Op* back = p + 4 < n && ops[p + 4].code == kJumpBack ? &ops[p + 4] : nullptr;
      if (is(next, Opcode::LocalSet) && back != nullptr &&
          (local ? back->a <= 0xFFFF : next.a <= 0xFFFF && k_fits)) {
        form = local ? kFusedLLSetJumpBack : kFusedLKSetJumpBack;
        if (local) {
          fused.c = next.a;
          fused.x = uint16_t(back->a);
        } else {
          fused.b = uint32_t(k);
          fused.x = uint16_t(next.a);
          fused.c = back->a;
        }
        length = 5;
      } else if ((is(next, Opcode::LocalSet) || is(next, Opcode::LocalTee)) &&
                 (local || next.a <= 0xFFFF)) {
        bool tee = is(next, Opcode::LocalTee);
        form = local ? (tee ? kFusedLLTee : kFusedLLSet) : (tee ? kFusedLKTee : kFusedLKSet);
        if (local)
          fused.c = next.a;
        else
          fused.x = uint16_t(next.a);
        length = 4;
      } else if (is_conditional_jump(next) && k_fits && has_i32_result(Opcode(binop.code))) {
        form = FusedForm((local ? kFusedLLJumpIf : kFusedLKJumpIf) + jump_kind(next));
        if (!local) fused.b = uint32_t(k);
        fused.c = next.a;
        length = 4;
      }
    }
    fused.code = binop_code(index, form);
    out[p] = fused;
    p += length - 1;
  }
  return out;
}

}  // namespace wasm::interp
