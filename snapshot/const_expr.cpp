// Values to constant expressions (const_expr.h).
#include "snapshot/const_expr.h"

#include "spec/error.h"

namespace wasm::snapshot {
namespace {

using interp::RefKind;

Instr make(Opcode op, Immediate imm = std::monostate{}) { return Instr{op, std::move(imm), {}}; }

[[noreturn]] void refuse(const std::string& what, const std::string& why) {
  fail(Phase::Invalid, {}, cat(what, ": ", why));
}

}  // namespace

Expr ref_expr(uint64_t r, const RefType& t, const RefContext& cx, const std::string& what) {
  // spec: ref.null ht is constant; its type (ref null ht) matches the declared type.
  if (interp::is_null(r)) return {make(Opcode::RefNull, t.heap)};
  if (interp::is_externalized(r) && interp::ref_kind(r) != RefKind::Host) {
    // spec: extern.convert_any is constant (Wasm 3.0): (extern.convert_any e) for the internal e.
    RefType any{true, HeapType{HeapKind::Any, false, 0}};
    Expr e = ref_expr(interp::internalize(r), any, cx, what);
    e.push_back(make(Opcode::ExternConvertAny));
    return e;
  }
  switch (interp::ref_kind(r)) {
    case RefKind::Func: {
      // spec: ref.func x is constant; the address maps back to x through the instance's funcs.
      auto it = cx.func_index.find(interp::ref_payload(r));
      if (it == cx.func_index.end()) refuse(what, "holds a function of another module");
      return {make(Opcode::RefFunc, uint32_t(it->second))};
    }
    case RefKind::I31:
      // spec: ref.i31 is constant; (i32.const n) (ref.i31) gives (ref.i31_num n)
      // (shared-everything-threads: ref.i31_shared for a shared one).
      return {make(Opcode::I32Const, uint64_t(interp::i31_get_u(r))),
              make(interp::is_shared_i31(r) ? Opcode::RefI31Shared : Opcode::RefI31)};
    case RefKind::Struct:
    case RefKind::Array: return gc_object_expr(r, cx, what);
    case RefKind::Exn: refuse(what, "holds an exception reference, which no constant expresses");
    case RefKind::Host: refuse(what, "holds a host reference, which a module cannot recreate");
    case RefKind::WaitQueue:  // waitqueue.new is constant, but would not keep the identity
      refuse(what, "holds a waitqueue reference; snapshotting waitqueues is not supported");
    case RefKind::Null: break;
  }
  refuse(what, "holds an unknown reference");
}

Expr value_expr(const interp::Slot& v, const ValType& t, const RefContext& cx,
                const std::string& what) {
  switch (t.kind) {
    case ValKind::I32: return {make(Opcode::I32Const, uint64_t(v.i32()))};
    case ValKind::I64: return {make(Opcode::I64Const, v.i64())};
    case ValKind::F32: return {make(Opcode::F32Const, uint64_t(uint32_t(v.lo)))};
    case ValKind::F64: return {make(Opcode::F64Const, v.lo)};
    case ValKind::V128: {
      V128Bytes b;
      std::memcpy(b.data(), &v.lo, 8);
      std::memcpy(b.data() + 8, &v.hi, 8);
      return {make(Opcode::V128Const, b)};
    }
    case ValKind::Ref: return ref_expr(v.ref(), t.ref, cx, what);
    default: break;
  }
  refuse(what, "has a type no constant expresses");
}

}  // namespace wasm::snapshot
