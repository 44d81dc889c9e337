// Typing of the shared-everything-threads proposal's atomic accesses to globals, tables,
// structs and arrays (Overview.md, "Binary format / Instructions"; the proposal has no formal
// rules yet, so the table's "valid for ..." column and its two worked rules are the source).
//
//   X.atomic.get            [loc] -> [t]       t: i32, i64 or <: anyref (either sharedness)
//   X.atomic.get_s/get_u    [loc] -> [i32]     t: i8 or i16 (structs and arrays only)
//   X.atomic.set            [loc t] -> []      t: as get (+ i8, i16 for structs and arrays)
//   X.atomic.rmw.<op>       [loc t] -> [t]     t: i32 or i64
//   X.atomic.rmw.xchg       [loc t] -> [t]     t: i32, i64 or <: anyref
//   X.atomic.rmw.cmpxchg    [loc e t] -> [t]   t: i32, i64 or <: eqref; e = t, or (ref null eq)
//                                              of t's sharedness for references
// where loc is nothing (globals), an address (tables), (ref null x) (structs), or (ref null x)
// i32 (arrays). Writes (set, rmw) need a mutable location.
#include "spec/located_access.h"
#include "spec/valid_instructions.h"

namespace wasm::valid {
namespace {

using Access = LocatedAccess;

bool is_i32_i64(const ValType& t) { return t.kind == ValKind::I32 || t.kind == ValKind::I64; }

}  // namespace

void InstrValidator::require_shared_everything(Opcode op) const {
  require(c_.shared_everything, at_,
          cat("`", info(op).text, "` requires the shared-everything-threads proposal"));
}

void InstrValidator::require_shared_type(const ValType& t) const {
  if (t.is_ref() && !t.ref.heap.bot_share && !shared_valtype(c_, t))
    invalid(at_, cat("shared functions cannot use unshared type ", to_string(t)));
}

// The location's (storage) type t and what precedes the operands, for one atomic access.
void InstrValidator::atomic_access(const Instr& e) {
  require_shared_everything(e.op);
  const OrderedImm& x = e.ordered();
  Access access = located_access(e.op);
  std::string_view name = info(e.op).text;
  std::vector<ValType> loc;  // the operands that name the location
  ValType t;                 // the location's storage type
  Mut mut = Mut::Var;
  bool packable = false;  // structs and arrays have i8/i16 locations
  std::string_view immutable = "global is immutable";
  switch (info(e.op).imm) {
    case Imm::OrderGlobal: {
      const GlobalType& gt = global(c_, x.a, at_);
      t = gt.type, mut = gt.mut;
      break;
    }
    case Imm::OrderTable: {
      const TableType& tt = table(c_, x.a, at_);
      t = ValType::ref_of(tt.elem);
      loc.push_back(addr_val(tt.addr));
      break;
    }
    case Imm::OrderTypeField: {
      const StructType& st = struct_type(c_, x.a, at_);
      require(x.b < st.fields.size(), at_, cat("unknown field ", x.b));
      t = st.fields[x.b].type, mut = st.fields[x.b].mut;
      loc.push_back(ValType::ref_of(ref_of_type(x.a, true)));
      packable = true;
      immutable = "field is immutable";
      break;
    }
    default: {
      const FieldType& ft = array_type(c_, x.a, at_).field;
      t = ft.type, mut = ft.mut;
      loc.push_back(ValType::ref_of(ref_of_type(x.a, true)));
      loc.push_back(ValType::i32());
      packable = true;
      immutable = "array is immutable";
      break;
    }
  }
  bool packed = t.kind == ValKind::I8 || t.kind == ValKind::I16;
  bool anyref = t.is_ref() &&
                match_heaptype(c_.s(), t.ref.heap,
                               HeapType{HeapKind::Any, false, 0, heap_shared(c_.s(), t.ref.heap)});
  bool eqref = t.is_ref() &&
               match_heaptype(c_.s(), t.ref.heap,
                              HeapType{HeapKind::Eq, false, 0, heap_shared(c_.s(), t.ref.heap)});
  bool tables = info(e.op).imm == Imm::OrderTable;
  std::string_view nums = tables ? "" : "`i32`, `i64` and ";
  switch (access) {
    case Access::Get:
      require(!packed, at_, cat("packed storage types need `", name, "_s` or `", name, "_u`"));
      require(is_i32_i64(t) || anyref, at_,
              cat("invalid type: `", name, "` only allows ", nums, "subtypes of `anyref`"));
      break;
    case Access::GetPacked:
      require(packed, at_, cat("non-packed storage types cannot use `", name, "`"));
      break;
    case Access::Set:
      require((packable && packed) || is_i32_i64(t) || anyref, at_,
              cat("invalid type: `", name, "` only allows ", packable ? "`i8`, `i16`, " : "", nums,
                  "subtypes of `anyref`"));
      break;
    case Access::RmwArith:
      require(is_i32_i64(t), at_, cat("invalid type: `", name, "` only allows `i32` and `i64`"));
      break;
    case Access::Xchg:
      require(is_i32_i64(t) || anyref, at_,
              cat("invalid type: `", name, "` only allows ", nums, "subtypes of `anyref`"));
      break;
    case Access::Cmpxchg:
      require(is_i32_i64(t) || eqref, at_,
              cat("invalid type: `", name, "` only allows ", nums, "subtypes of `eqref`"));
      break;
  }
  if (access != Access::Get && access != Access::GetPacked)
    require(mut == Mut::Var, at_, immutable);
  ValType value = unpack(t);
  std::vector<ValType> operands = loc;
  if (access == Access::Cmpxchg)
    operands.push_back(
        t.is_ref() ? ValType::ref_of(true, HeapKind::Eq, heap_shared(c_.s(), t.ref.heap)) : value);
  if (access != Access::Get && access != Access::GetPacked) operands.push_back(value);
  pop_vals(operands);
  if (access != Access::Set) push_val(value);
}

}  // namespace wasm::valid
