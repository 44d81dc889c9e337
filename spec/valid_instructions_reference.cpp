// Validation of reference instructions — valid/instructions.rst (Reference Instructions,
// Scalar Reference Instructions).
#include "spec/valid_instructions.h"

namespace wasm::valid {
namespace {

// The reference type of ref.test / ref.cast: the immediate's heap type, nullable for the
// `null` rows of the opcode table.
RefType cast_type(const Instr& e, bool nullable) {
  if (const auto* rt = std::get_if<RefType>(&e.imm)) return RefType{nullable, rt->heap};
  return RefType{nullable, e.heap_type()};
}

}  // namespace

// A reference operand: its type, or (ref bot) under a polymorphic stack.
// deviation: the rules using it (ref.is_null, ref.as_non_null, br_on_null) guess ht; we take it
// from the operand, as the appendix does.
RefType InstrValidator::pop_ref() {
  ValType t = pop_val();
  if (t.kind == ValKind::Bot) return RefType{false, HeapType{HeapKind::Bot, false, 0}};
  require(t.is_ref(), at_,
          cat("type mismatch: instruction requires reference type but stack has ",
              to_string(t)));
  return t.ref;
}

// spec: Instr_ok/ref.null
void InstrValidator::ref_null(const Instr& e) {
  push_val(ValType::ref_of(RefType{true, canon(c_, e.heap_type(), at_)}));
}

// spec: Instr_ok/ref.func — x must be declared (x ∈ C.refs)
void InstrValidator::ref_func(const Instr& e) {
  TypeId t = func(c_, e.index(), at_);
  require(e.index() < c_.refs.size() && c_.refs[e.index()], at_,
          cat("undeclared function reference ", e.index()));
  push_val(ValType::ref_of(RefType{false, HeapType{HeapKind::Index, false, t}}));
}

// spec: Instr_ok/ref.is_null
void InstrValidator::ref_is_null() {
  pop_ref();
  push_val(ValType::i32());
}

// spec: Instr_ok/ref.as_non_null
void InstrValidator::ref_as_non_null() {
  RefType rt = pop_ref();
  push_val(ValType::ref_of(RefType{false, rt.heap}));
}

// spec: Instr_ok/ref.eq
void InstrValidator::ref_eq() {
  ValType eqref = ValType::ref_of(true, HeapKind::Eq);
  pop_vals(std::vector<ValType>{eqref, eqref});
  push_val(ValType::i32());
}

// spec: Instr_ok/ref.test — rt' is the top of rt's hierarchy
void InstrValidator::ref_test(const Instr& e, bool nullable) {
  RefType rt = canon(c_, cast_type(e, nullable), at_);
  pop_val(ValType::ref_of(true, top_heaptype(c_.s(), rt.heap)));
  push_val(ValType::i32());
}

// spec: Instr_ok/ref.cast
void InstrValidator::ref_cast(const Instr& e, bool nullable) {
  RefType rt = canon(c_, cast_type(e, nullable), at_);
  pop_val(ValType::ref_of(true, top_heaptype(c_.s(), rt.heap)));
  push_val(ValType::ref_of(rt));
}

// spec: Instr_ok/ref.i31
void InstrValidator::ref_i31() {
  pop_val(ValType::i32());
  push_val(ValType::ref_of(false, HeapKind::I31));
}

// spec: Instr_ok/i31.get
void InstrValidator::i31_get() {
  pop_val(ValType::ref_of(true, HeapKind::I31));
  push_val(ValType::i32());
}

}  // namespace wasm::valid
