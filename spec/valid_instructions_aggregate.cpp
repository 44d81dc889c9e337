// Validation of aggregate instructions — valid/instructions.rst (Aggregate Instructions:
// structures, arrays, and the extern/any conversions).
#include "spec/valid_instructions.h"

namespace wasm::valid {
namespace {

bool is_packed(const ValType& t) { return t.kind == ValKind::I8 || t.kind == ValKind::I16; }

bool is_num_or_vec(const ValType& t) { return t.is_num() || t.kind == ValKind::V128; }

const ValType kI32 = ValType::i32();

}  // namespace

// spec: Instr_ok/struct.new, Instr_ok/struct.new_default (+ custom-descriptors: the _desc
// forms take the descriptor (ref null (exact y)) last, exactly when the type has descriptor y;
// the result is exact)
void InstrValidator::struct_new(const Instr& e, bool default_, bool desc) {
  const StructType& st = struct_type(c_, e.index(), at_);
  ResultType ts;
  for (const FieldType& ft : st.fields) ts.push_back(unpack(ft.type));
  if (default_) {
    for (const ValType& t : ts) require(defaultable(t), at_, "field type is not defaultable");
    ts.clear();
  }
  const std::optional<TypeId>& y = c_.s().subtype(type_(c_, e.index(), at_)).descriptor;
  if (y) {
    require(desc, at_, "type with descriptor requires descriptor allocation");
    ts.push_back(ValType::ref_of(RefType{true, HeapType{HeapKind::Index, true, *y}}));
  } else {
    require(!desc, at_, "type without descriptor requires non-descriptor allocation");
  }
  pop_vals(ts);
  push_val(ValType::ref_of(ref_of_type(e.index(), false, true)));
}

// spec: Instr_ok/struct.get (get_s/get_u exactly for packed fields)
void InstrValidator::struct_get(const Instr& e, bool packed) {
  const IndexPair& p = e.pair();  // a = type, b = field
  const StructType& st = struct_type(c_, p.a, at_);
  require(p.b < st.fields.size(), at_, cat("unknown field ", p.b));
  const ValType& t = st.fields[p.b].type;
  require(packed == is_packed(t), at_, packed ? "field is unpacked" : "field is packed");
  pop_val(ValType::ref_of(ref_of_type(p.a, true)));
  push_val(unpack(t));
}

// spec: Instr_ok/struct.set
void InstrValidator::struct_set(const Instr& e) {
  const IndexPair& p = e.pair();
  const StructType& st = struct_type(c_, p.a, at_);
  require(p.b < st.fields.size(), at_, cat("unknown field ", p.b));
  const FieldType& ft = st.fields[p.b];
  require(ft.mut == Mut::Var, at_, "immutable field");
  pop_vals(std::vector<ValType>{ValType::ref_of(ref_of_type(p.a, true)), unpack(ft.type)});
}

// spec: Instr_ok/array.new, Instr_ok/array.new_default (custom-descriptors: array allocations
// have exact results, as struct allocations do)
void InstrValidator::array_new(const Instr& e, bool default_) {
  ValType t = unpack(array_type(c_, e.index(), at_).field.type);
  if (default_) {
    require(defaultable(t), at_, "array type is not defaultable");
    pop_val(kI32);
  } else {
    pop_vals(std::vector<ValType>{t, kI32});
  }
  push_val(ValType::ref_of(ref_of_type(e.index(), false, true)));
}

// spec: Instr_ok/array.new_fixed — n operands of the field type
// deviation: pops the n operands one by one (never materialises t^n, n is a u32 immediate).
void InstrValidator::array_new_fixed(const Instr& e) {
  const IndexPair& p = e.pair();  // a = type, b = n
  ValType t = unpack(array_type(c_, p.a, at_).field.type);
  const CtrlFrame& f = ctrls_.back();
  size_t avail = vals_.size() - f.height;
  if (p.b > avail && !f.unreachable)
    invalid(at_, cat("type mismatch: instruction requires ", p.b, " operands of type ",
                     to_string(t), " but stack has ", avail));
  for (size_t i = 0; i < std::min<size_t>(p.b, avail); ++i) pop_val(t);
  push_val(ValType::ref_of(ref_of_type(p.a, false, true)));
}

// spec: Instr_ok/array.new_data
void InstrValidator::array_new_data(const Instr& e) {
  const IndexPair& p = e.pair();  // a = type, b = data segment
  ValType t = unpack(array_type(c_, p.a, at_).field.type);
  data(c_, p.b, at_);
  require(is_num_or_vec(t), at_, "array type is not numeric or vector");
  pop_vals(std::vector<ValType>{kI32, kI32});
  push_val(ValType::ref_of(ref_of_type(p.a, false, true)));
}

// spec: Instr_ok/array.new_elem
void InstrValidator::array_new_elem(const Instr& e) {
  const IndexPair& p = e.pair();  // a = type, b = elem segment
  ValType t = unpack(array_type(c_, p.a, at_).field.type);
  const RefType& rt = elem(c_, p.b, at_);
  require(match_valtype(c_.s(), ValType::ref_of(rt), t), at_,
          cat("type mismatch: element segment's type ", to_string(rt),
              " does not match array's field type ", to_string(t)));
  pop_vals(std::vector<ValType>{kI32, kI32});
  push_val(ValType::ref_of(ref_of_type(p.a, false, true)));
}

// spec: Instr_ok/array.get (get_s/get_u exactly for packed arrays)
void InstrValidator::array_get(const Instr& e, bool packed) {
  const ValType& t = array_type(c_, e.index(), at_).field.type;
  require(packed == is_packed(t), at_, packed ? "array is unpacked" : "array is packed");
  pop_vals(std::vector<ValType>{ValType::ref_of(ref_of_type(e.index(), true)), kI32});
  push_val(unpack(t));
}

// spec: Instr_ok/array.set
void InstrValidator::array_set(const Instr& e) {
  const FieldType& ft = array_type(c_, e.index(), at_).field;
  require(ft.mut == Mut::Var, at_, "immutable array");
  pop_vals(std::vector<ValType>{ValType::ref_of(ref_of_type(e.index(), true)), kI32,
                                unpack(ft.type)});
}

// spec: Instr_ok/array.len (+ shared-everything-threads: of a shared or an unshared array)
void InstrValidator::array_len() {
  pop_val(ValType::ref_of(true, HeapKind::Array, peek_shared(0).value_or(false)));
  push_val(kI32);
}

// spec: Instr_ok/array.fill
void InstrValidator::array_fill(const Instr& e) {
  const FieldType& ft = array_type(c_, e.index(), at_).field;
  require(ft.mut == Mut::Var, at_, "immutable array");
  pop_vals(std::vector<ValType>{ValType::ref_of(ref_of_type(e.index(), true)), kI32,
                                unpack(ft.type), kI32});
}

// spec: Instr_ok/array.copy — the source's storage type matches the destination's
void InstrValidator::array_copy(const Instr& e) {
  const IndexPair& p = e.pair();  // a = destination, b = source
  const FieldType& dst = array_type(c_, p.a, at_).field;
  const FieldType& src = array_type(c_, p.b, at_).field;
  require(dst.mut == Mut::Var, at_, "immutable array");
  require(match_storagetype(c_.s(), src.type, dst.type), at_, "array types do not match");
  pop_vals(std::vector<ValType>{ValType::ref_of(ref_of_type(p.a, true)), kI32,
                                ValType::ref_of(ref_of_type(p.b, true)), kI32, kI32});
}

// spec: Instr_ok/array.init_data
void InstrValidator::array_init_data(const Instr& e) {
  const IndexPair& p = e.pair();  // a = type, b = data segment
  const FieldType& ft = array_type(c_, p.a, at_).field;
  require(ft.mut == Mut::Var, at_, "immutable array");
  data(c_, p.b, at_);
  require(is_num_or_vec(unpack(ft.type)), at_, "array type is not numeric or vector");
  pop_vals(std::vector<ValType>{ValType::ref_of(ref_of_type(p.a, true)), kI32, kI32, kI32});
}

// spec: Instr_ok/array.init_elem
void InstrValidator::array_init_elem(const Instr& e) {
  const IndexPair& p = e.pair();  // a = type, b = elem segment
  const FieldType& ft = array_type(c_, p.a, at_).field;
  require(ft.mut == Mut::Var, at_, "immutable array");
  const RefType& rt = elem(c_, p.b, at_);
  require(match_valtype(c_.s(), ValType::ref_of(rt), unpack(ft.type)), at_,
          cat("type mismatch: element segment's type ", to_string(rt),
              " does not match array's field type ", to_string(ft.type)));
  pop_vals(std::vector<ValType>{ValType::ref_of(ref_of_type(p.a, true)), kI32, kI32, kI32});
}

// spec: Instr_ok/any.convert_extern, Instr_ok/extern.convert_any — nullability is preserved
// (+ shared-everything-threads: so is sharedness; of the unreachable stack's bottom operand,
// the result has the bottom sharedness)
void InstrValidator::extern_convert(bool to_any) {
  HeapKind from = to_any ? HeapKind::Extern : HeapKind::Any;
  HeapKind to = to_any ? HeapKind::Any : HeapKind::Extern;
  RefType rt = pop_ref();
  bool bot = rt.heap.kind == HeapKind::Bot || rt.heap.bot_share;
  bool shared = !bot && heap_shared(c_.s(), rt.heap);
  ValType expect = ValType::ref_of(true, from, shared);
  if (!match_valtype(c_.s(), ValType::ref_of(rt), expect)) {
    ValType actual = ValType::ref_of(rt);
    mismatch("instruction", std::span(&expect, 1), std::span(&actual, 1));
  }
  ValType result = ValType::ref_of(rt.nullable, to, shared);
  result.ref.heap.bot_share = bot;
  push_val(result);
}

}  // namespace wasm::valid
