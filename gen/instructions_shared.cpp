// The shared-everything-threads rows of the opcode table (Options::shared_everything):
// ref.i31_shared, and the atomic accesses to globals, tables, struct fields and array elements
// with their ordering immediate. The locations are the module's own (shared or not: the
// accesses are valid on both); the typing follows spec/valid_instructions_shared.cpp.
#include <string_view>

#include "gen/smith.h"
#include "spec/located_access.h"

namespace wasm::gen {
namespace {

using Access = LocatedAccess;

bool is_packed(const ValType& t) { return t.kind == ValKind::I8 || t.kind == ValKind::I16; }
bool is_i32_i64(const ValType& t) { return t.kind == ValKind::I32 || t.kind == ValKind::I64; }

}  // namespace

// spec (shared-everything-threads Overview): Instr_ok/ref.i31_shared — [i32] -> [(ref (shared
// i31))]. The generator's types are unshared, so the result is only ever dropped or observed.
std::optional<ResultType> Smith::emit_shared_i31(Expr& out, const ValType* want) {
  if (want) return std::nullopt;
  produce(out, ValType::i32());
  put(out, Opcode::RefI31Shared);
  return ResultType{ValType::ref_of(false, HeapKind::I31, true)};
}

// spec (shared-everything-threads Overview): X.atomic.* — the location's storage type t decides
// which accesses are valid (numbers i32/i64; references below anyref, below eqref for cmpxchg;
// i8/i16 for the packed gets and sets of fields and elements); writes need a mutable location.
std::optional<ResultType> Smith::emit_atomic_access(Opcode op, Expr& out, const ValType* want) {
  Access access = located_access(op);
  Imm kind = info(op).imm;
  auto suits = [&](const ValType& t, Mut mut) {
    bool any = t.is_ref() && heap_sub(types_, t.ref.heap, {HeapKind::Any, false, 0});
    bool eq = t.is_ref() && heap_sub(types_, t.ref.heap, {HeapKind::Eq, false, 0});
    bool packable = kind == Imm::OrderType || kind == Imm::OrderTypeField;
    bool writes = access != Access::Get && access != Access::GetPacked;
    if (writes && (mut != Mut::Var || want)) return false;
    if (access != Access::Set && !fits(unpacked(t), want)) return false;
    switch (access) {
      case Access::Get: return is_i32_i64(t) || any;
      case Access::GetPacked: return is_packed(t);
      case Access::Set: return (packable && is_packed(t)) || is_i32_i64(t) || any;
      case Access::RmwArith: return is_i32_i64(t);
      case Access::Xchg: return is_i32_i64(t) || any;
      default: return is_i32_i64(t) || eq;  // cmpxchg
    }
  };
  // The location: (index, field) and its storage type, with the operands that name it.
  std::vector<IndexPair> where;
  switch (kind) {
    case Imm::OrderGlobal:
      for (uint32_t i = 0; i < globals_.size(); ++i)
        if (suits(globals_[i].type, globals_[i].mut)) where.push_back({i, 0});
      break;
    case Imm::OrderTable:
      for (uint32_t i = 0; i < tables_.size(); ++i)
        if (suits(ValType::ref_of(tables_[i].elem), Mut::Var)) where.push_back({i, 0});
      break;
    case Imm::OrderTypeField:
      for (uint32_t i = 0; i < types_.size(); ++i) {
        if (types_[i].comp.kind != CompKind::Struct) continue;
        const std::vector<FieldType>& fs = types_[i].comp.struct_.fields;
        for (uint32_t j = 0; j < fs.size(); ++j)
          if (suits(fs[j].type, fs[j].mut)) where.push_back({i, j});
      }
      break;
    default:  // arrays
      for (uint32_t i = 0; i < types_.size(); ++i)
        if (types_[i].comp.kind == CompKind::Array &&
            suits(types_[i].comp.array.field.type, types_[i].comp.array.field.mut))
          where.push_back({i, 0});
      break;
  }
  if (where.empty()) return std::nullopt;
  IndexPair p = one_of(where);
  ValType t;
  switch (kind) {
    case Imm::OrderGlobal: t = globals_[p.a].type; break;
    case Imm::OrderTable:
      t = ValType::ref_of(tables_[p.a].elem);
      produce(out, addr(tables_[p.a].addr));
      break;
    case Imm::OrderTypeField:
      t = types_[p.a].comp.struct_.fields[p.b].type;
      produce(out, ValType::ref_of(RefType{true, {HeapKind::Index, false, p.a}}));
      break;
    default:
      t = types_[p.a].comp.array.field.type;
      produce(out, ValType::ref_of(RefType{true, {HeapKind::Index, false, p.a}}));
      produce(out, ValType::i32());
      break;
  }
  ValType value = unpacked(t);
  if (access == Access::Cmpxchg)
    produce(out, value.is_ref() ? ValType::ref_of(true, HeapKind::Eq) : value);
  if (access != Access::Get && access != Access::GetPacked) produce(out, value);
  Ordering order = chance(50) ? Ordering::AcqRel : Ordering::SeqCst;
  put(out, op, OrderedImm{order, p.a, p.b});
  if (access == Access::Set) return ResultType{};
  return ResultType{value};
}

}  // namespace wasm::gen
