// Observation (Options::observe): the values a statement leaves are folded into a checksum
// global instead of being dropped, so that a differential run sees them at the end through
// the global. The folding is deterministic under the spec: a NaN counts as the canonical NaN
// (its payload and sign may differ between conforming engines, spec: $nans_N), a reference
// as whether it is null; vectors are dropped (a lane may be such a NaN).
#include "gen/smith.h"

namespace wasm::gen {

// spec: Instr_ok for each folding step — [i64] -> [] through global.set of the mutable i64
// global `observe_global_`.
void Smith::fold(Expr& out, const ValType& t) {
  using enum Opcode;
  switch (t.kind) {
    case ValKind::I32: put(out, I64ExtendI32U); break;
    case ValKind::I64: break;
    case ValKind::F32:  // bits, or the canonical NaN: select(bits, nan, z == z)
      put(out, LocalTee, scratch_f32_);
      put(out, I32ReinterpretF32);
      put(out, I32Const, uint64_t(0x7fc00000));
      put(out, LocalGet, scratch_f32_);
      put(out, LocalGet, scratch_f32_);
      put(out, F32Eq);
      put(out, Select);
      put(out, I64ExtendI32U);
      break;
    case ValKind::F64:
      put(out, LocalTee, scratch_f64_);
      put(out, I64ReinterpretF64);
      put(out, I64Const, uint64_t(0x7ff8000000000000));
      put(out, LocalGet, scratch_f64_);
      put(out, LocalGet, scratch_f64_);
      put(out, F64Eq);
      put(out, Select);
      break;
    case ValKind::Ref:
      put(out, RefIsNull);
      put(out, I64ExtendI32U);
      break;
    default: put(out, Drop); return;
  }
  // checksum := rotl(checksum, 7) xor value
  put(out, GlobalGet, observe_global_);
  put(out, I64Const, uint64_t(7));
  put(out, I64Rotl);
  put(out, I64Xor);
  put(out, GlobalSet, observe_global_);
}

void Smith::observe(Expr& out, const ResultType& results) {
  for (size_t i = results.size(); i > 0; --i) {  // the last result is on top
    if (opt_.observe)
      fold(out, results[i - 1]);
    else
      put(out, Opcode::Drop);
  }
}

}  // namespace wasm::gen
