// Validation of reference instructions — valid/instructions.rst (Reference Instructions,
// Scalar Reference Instructions), and the custom-descriptors proposal's ref.get_desc and
// ref.cast_desc_eq (proposals/custom-descriptors/Overview.md; valid.ml of that repository).
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
  // custom-descriptors: (ref (exact dt)) for a function defined here or imported exactly
  bool exact = e.index() < c_.funcs_exact.size() && c_.funcs_exact[e.index()];
  push_val(ValType::ref_of(RefType{false, HeapType{HeapKind::Index, exact, t}}));
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

// spec: Instr_ok/ref.eq (+ shared-everything-threads: both operands (shared eq), or both eq)
void InstrValidator::ref_eq() {
  std::optional<bool> shared = peek_shared(0);
  if (!shared) shared = peek_shared(1);
  ValType eqref = ValType::ref_of(true, HeapKind::Eq, shared.value_or(false));
  pop_vals(std::vector<ValType>{eqref, eqref});
  push_val(ValType::i32());
}

// spec: Instr_ok/ref.test — rt' is the top of rt's hierarchy
void InstrValidator::ref_test(const Instr& e, bool nullable) {
  RefType rt = canon(c_, cast_type(e, nullable), at_);
  pop_val(ValType::ref_of(RefType{true, top_heaptype(c_.s(), rt.heap)}));
  push_val(ValType::i32());
}

// spec: Instr_ok/ref.cast
void InstrValidator::ref_cast(const Instr& e, bool nullable) {
  RefType rt = canon(c_, cast_type(e, nullable), at_);
  pop_val(ValType::ref_of(RefType{true, top_heaptype(c_.s(), rt.heap)}));
  push_val(ValType::ref_of(rt));
}

// spec: Instr_ok/ref.i31 (+ shared-everything-threads: ref.i31_shared, of (ref (shared i31)))
void InstrValidator::ref_i31(bool shared) {
  pop_val(ValType::i32());
  push_val(ValType::ref_of(false, HeapKind::I31, shared));
}

// spec: Instr_ok/i31.get (+ shared-everything-threads: of a shared or an unshared i31)
void InstrValidator::i31_get() {
  pop_val(ValType::ref_of(true, HeapKind::I31, peek_shared(0).value_or(false)));
  push_val(ValType::i32());
}

std::optional<bool> InstrValidator::peek_shared(size_t depth) const {
  const CtrlFrame& f = ctrls_.back();
  if (vals_.size() - f.height <= depth) return std::nullopt;
  const ValType& t = vals_[vals_.size() - 1 - depth];
  if (!t.is_ref() || t.ref.heap.kind == HeapKind::Bot || t.ref.heap.bot_share) return std::nullopt;
  return heap_shared(c_.s(), t.ref.heap);
}

// custom-descriptors (valid.ml desc_cast_ref): the descriptor operand of a cast to rt is
// (ref null (exact? y)), y the descriptor of rt's type, exact iff rt's heap type is.
RefType InstrValidator::desc_operand(const RefType& rt) {
  const HeapType& ht = rt.heap;
  std::string none = cat("type ", to_string(ht), " does not have a descriptor");
  require(ht.kind == HeapKind::Index, at_, none);
  const std::optional<TypeId>& y = c_.s().subtype(type_(c_, ht.index, at_)).descriptor;
  require(y.has_value(), at_, none);
  return RefType{true, HeapType{HeapKind::Index, ht.exact, *y}};
}

// spec (custom-descriptors): Instr_ok/ref.get_desc —
//   C.types[x] ~ descriptor y ct  ⊢  ref.get_desc x : [(ref null (exact? x))] -> [(ref (exact? y))]
// deviation: the rule guesses exact?; we take it from the operand (exact iff the operand's type
// matches (ref null (exact x))), as valid.ml does.
void InstrValidator::ref_get_desc(const Instr& e) {
  TypeId x = type_(c_, e.index(), at_);
  const std::optional<TypeId>& y = c_.s().subtype(x).descriptor;
  require(y.has_value(), at_, cat("type without descriptor ", e.index()));
  const CtrlFrame& f = ctrls_.back();
  ValType t = vals_.size() > f.height ? vals_.back() : ValType{ValKind::Bot, {}};
  if (t.kind != ValKind::Bot && !t.is_ref())
    invalid(at_,
            cat("type mismatch: instruction requires reference type but stack has ", to_string(t)));
  HeapType exact_x{HeapKind::Index, true, x};
  bool exact = t.kind == ValKind::Bot || match_heaptype(c_.s(), t.ref.heap, exact_x);
  pop_val(ValType::ref_of(RefType{true, HeapType{HeapKind::Index, exact, x}}));
  push_val(ValType::ref_of(RefType{false, HeapType{HeapKind::Index, exact, *y}}));
}

// spec (custom-descriptors): Instr_ok/ref.cast_desc_eq —
//   ref.cast_desc_eq rt : [(ref null rt') (ref null (exact? y))] -> [rt], rt' the top of rt
void InstrValidator::ref_cast_desc_eq(const Instr& e, bool nullable) {
  RefType written = cast_type(e, nullable);
  RefType rt = canon(c_, written, at_);
  ValType desc = ValType::ref_of(desc_operand(written));
  pop_vals(
      std::vector<ValType>{ValType::ref_of(RefType{true, top_heaptype(c_.s(), rt.heap)}), desc});
  push_val(ValType::ref_of(rt));
}

}  // namespace wasm::valid
