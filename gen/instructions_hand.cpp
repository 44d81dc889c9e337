// The rows of the opcode table whose typing needs a hand-written rule (sig == ""): one case
// per rule, each producing its operands and returning its results, or declining when the
// module or the wanted type offers no way to use it.
#include "gen/smith.h"

namespace wasm::gen {
namespace {

ValType ref(bool nullable, HeapType h) { return ValType::ref_of(RefType{nullable, h}); }
ValType ref(bool nullable, HeapKind k) { return ValType::ref_of(nullable, k); }
HeapType idx(TypeIdx x) { return {HeapKind::Index, false, x}; }
bool packed(const ValType& t) { return t.kind == ValKind::I8 || t.kind == ValKind::I16; }

}  // namespace

std::optional<ResultType> Smith::emit_hand(Opcode op, Expr& out, const ValType* want) {
  using enum Opcode;
  switch (op) {
    case Block:
    case Loop:
    case If:
    case Try:
    case TryTable: return emit_structured(op, out, want);
    case Br:
    case BrIf:
    case BrTable:
    case BrOnNull:
    case BrOnNonNull:
    case BrOnCast:
    case BrOnCastFail: return emit_branch(op, out, want);
    case Unreachable:
    case Return:
    case Throw:
    case ThrowRef:
    case Rethrow:
    case Call:
    case CallIndirect:
    case ReturnCall:
    case ReturnCallIndirect:
    case CallRef:
    case ReturnCallRef: return emit_control(op, out, want);
    case Drop:
    case Select:
    case SelectT:
    case LocalGet:
    case LocalSet:
    case LocalTee:
    case GlobalGet:
    case GlobalSet: return emit_variable(op, out, want);
    case TableGet:
    case TableSet:
    case TableInit:
    case TableCopy:
    case TableGrow:
    case TableSize:
    case TableFill:
    case MemoryCopy: return emit_table(op, out, want);
    case RefNull:
    case RefIsNull:
    case RefFunc:
    case RefEq:
    case RefAsNonNull:
    case RefTest:
    case RefTestNull:
    case RefCast:
    case RefCastNull:
    case RefI31:
    case I31GetS:
    case I31GetU:
    case AnyConvertExtern:
    case ExternConvertAny: return emit_reference(op, out, want);
    case RefI31Shared: return emit_shared_i31(out, want);
    default:
      if (is_waitqueue_op(op)) return emit_waitqueue(op, out, want);
      if (info(op).imm >= Imm::OrderGlobal) return emit_atomic_access(op, out, want);
      return emit_aggregate(op, out, want);
  }
}

// spec: Instr_ok/drop, select, local.*, global.*
std::optional<ResultType> Smith::emit_variable(Opcode op, Expr& out, const ValType* want) {
  switch (op) {
    case Opcode::Drop: {
      if (want) return std::nullopt;
      produce(out, valtype());
      put(out, op);
      return ResultType{};
    }
    case Opcode::Select:
    case Opcode::SelectT: {
      ValType t = want ? *want : valtype();
      if (op == Opcode::Select && t.is_ref()) return std::nullopt;  // untyped: numeric, vector
      produce(out, t);
      produce(out, t);
      produce(out, ValType::i32());
      put(out, op, op == Opcode::Select ? Immediate{} : Box<std::vector<ValType>>(std::vector{t}));
      return ResultType{t};
    }
    case Opcode::LocalGet:
    case Opcode::LocalTee: {
      auto x = pick_index(locals_.size(), [&](uint32_t i) { return fits(locals_[i], want); });
      if (!x) return std::nullopt;
      if (op == Opcode::LocalTee) produce(out, locals_[*x]);
      put(out, op, *x);
      return ResultType{locals_[*x]};
    }
    case Opcode::LocalSet: {
      if (want || locals_.empty()) return std::nullopt;
      uint32_t x = below(uint32_t(locals_.size()));
      produce(out, locals_[x]);
      put(out, op, x);
      return ResultType{};
    }
    case Opcode::GlobalGet: {
      auto x =
          pick_index(globals_.size(), [&](uint32_t i) { return fits(globals_[i].type, want); });
      if (!x) return std::nullopt;
      put(out, op, *x);
      return ResultType{globals_[*x].type};
    }
    default: {  // global.set
      auto x = pick_index(globals_.size(), [&](uint32_t i) { return globals_[i].mut == Mut::Var; });
      if (want || !x) return std::nullopt;
      produce(out, globals_[*x].type);
      put(out, op, *x);
      return ResultType{};
    }
  }
}

// spec: Instr_ok/table.*, elem.drop's neighbours, memory.copy
std::optional<ResultType> Smith::emit_table(Opcode op, Expr& out, const ValType* want) {
  uint32_t n = uint32_t(tables_.size());
  auto min_addr = [&](AddrType a, AddrType b) {
    return addr(a == AddrType::I64 && b == AddrType::I64 ? AddrType::I64 : AddrType::I32);
  };
  switch (op) {
    case Opcode::TableGet: {
      auto x =
          pick_index(n, [&](uint32_t i) { return fits(ValType::ref_of(tables_[i].elem), want); });
      if (!x) return std::nullopt;
      produce(out, addr(tables_[*x].addr));
      put(out, op, *x);
      return ResultType{ValType::ref_of(tables_[*x].elem)};
    }
    case Opcode::TableSize:
    case Opcode::TableGrow: {
      auto x = pick_index(n, [&](uint32_t i) { return fits(addr(tables_[i].addr), want); });
      if (!x) return std::nullopt;
      if (op == Opcode::TableGrow) {
        produce(out, ValType::ref_of(tables_[*x].elem));
        produce(out, addr(tables_[*x].addr));
      }
      put(out, op, *x);
      return ResultType{addr(tables_[*x].addr)};
    }
    default: break;
  }
  if (want) return std::nullopt;
  switch (op) {
    case Opcode::TableSet:
    case Opcode::TableFill: {
      if (n == 0) return std::nullopt;
      uint32_t x = below(n);
      produce(out, addr(tables_[x].addr));
      produce(out, ValType::ref_of(tables_[x].elem));
      if (op == Opcode::TableFill) produce(out, addr(tables_[x].addr));
      put(out, op, x);
      return ResultType{};
    }
    case Opcode::TableCopy: {  // the source's elements must match the destination's
      if (n == 0) return std::nullopt;
      uint32_t y = below(n);
      auto x = pick_index(
          n, [&](uint32_t i) { return ref_sub(types_, tables_[y].elem, tables_[i].elem); });
      produce(out, addr(tables_[*x].addr));
      produce(out, addr(tables_[y].addr));
      produce(out, min_addr(tables_[*x].addr, tables_[y].addr));
      put(out, op, IndexPair{*x, y});
      return ResultType{};
    }
    case Opcode::TableInit: {
      if (n == 0 || elems_.empty()) return std::nullopt;
      uint32_t y = below(uint32_t(elems_.size()));
      auto x =
          pick_index(n, [&](uint32_t i) { return ref_sub(types_, elems_[y], tables_[i].elem); });
      if (!x) return std::nullopt;
      produce(out, addr(tables_[*x].addr));
      produce(out, ValType::i32());
      produce(out, ValType::i32());
      put(out, op, IndexPair{*x, y});
      return ResultType{};
    }
    default: {  // memory.copy
      if (mems_.empty()) return std::nullopt;
      uint32_t x = below(uint32_t(mems_.size())), y = below(uint32_t(mems_.size()));
      produce(out, addr(mems_[x].addr));
      produce(out, addr(mems_[y].addr));
      produce(out, min_addr(mems_[x].addr, mems_[y].addr));
      put(out, op, IndexPair{x, y});
      return ResultType{};
    }
  }
}

// spec: Instr_ok/ref.*, i31.get_*, any.convert_extern, extern.convert_any
std::optional<ResultType> Smith::emit_reference(Opcode op, Expr& out, const ValType* want) {
  bool to_i32 = op == Opcode::RefIsNull || op == Opcode::RefEq || op == Opcode::RefTest ||
                op == Opcode::RefTestNull || op == Opcode::I31GetS || op == Opcode::I31GetU;
  if (to_i32) {
    if (want && *want != ValType::i32()) return std::nullopt;
    switch (op) {
      case Opcode::RefIsNull: produce(out, ref(true, heaptype())); break;
      case Opcode::RefEq:
        produce(out, ref(true, HeapKind::Eq));
        produce(out, ref(true, HeapKind::Eq));
        break;
      case Opcode::I31GetS:
      case Opcode::I31GetU: produce(out, ref(true, HeapKind::I31)); break;
      default: {  // ref.test rt: any reference of rt's hierarchy
        HeapType h = heaptype();
        produce(out, ref(true, top_of(types_, h)));
        put(out, op, RefType{op == Opcode::RefTestNull, h});
        return ResultType{ValType::i32()};
      }
    }
    put(out, op);
    return ResultType{ValType::i32()};
  }
  if (want && !want->is_ref()) return std::nullopt;
  RefType w = want ? want->ref : reftype();
  switch (op) {
    case Opcode::RefNull: {
      if (!w.nullable) return std::nullopt;
      bool bottom = opt_.gc && chance(30);
      HeapType h =
          bottom ? HeapType{bottom_of(top_of(types_, w.heap)), false, 0, w.heap.shared} : w.heap;
      put(out, op, h);
      return ResultType{ref(true, h)};
    }
    case Opcode::RefFunc: {
      auto f = pick_index(funcs_.size(), [&](uint32_t i) {
        return ref_sub(types_, {false, idx(funcs_[i])}, w);
      });
      if (!f) return std::nullopt;
      put(out, op, *f);
      return ResultType{ref(false, idx(funcs_[*f]))};
    }
    case Opcode::RefAsNonNull:
      produce(out, ref(true, w.heap));
      put(out, op);
      return ResultType{ref(false, w.heap)};
    case Opcode::RefCast:
    case Opcode::RefCastNull: {
      bool nullable = op == Opcode::RefCastNull;
      if (nullable && !w.nullable) return std::nullopt;
      produce(out, ref(true, HeapType{top_of(types_, w.heap), false, 0, w.heap.shared}));
      put(out, op, RefType{nullable, w.heap});
      return ResultType{ref(nullable, w.heap)};
    }
    case Opcode::RefI31: {
      if (!ref_sub(types_, {false, {HeapKind::I31, false, 0}}, w)) return std::nullopt;
      produce(out, ValType::i32());
      put(out, op);
      return ResultType{ref(false, HeapKind::I31)};
    }
    case Opcode::AnyConvertExtern:
    case Opcode::ExternConvertAny: {  // nullability is preserved
      bool to_any = op == Opcode::AnyConvertExtern;
      HeapKind to = to_any ? HeapKind::Any : HeapKind::Extern;
      if (!ref_sub(types_, {w.nullable, {to, false, 0}}, w)) return std::nullopt;
      produce(out, ref(w.nullable, to_any ? HeapKind::Extern : HeapKind::Any));
      put(out, op);
      return ResultType{ref(w.nullable, to)};
    }
    default: return std::nullopt;
  }
}

// spec: Instr_ok/struct.*
std::optional<ResultType> Smith::emit_aggregate(Opcode op, Expr& out, const ValType* want) {
  using enum Opcode;
  uint32_t nt = uint32_t(types_.size());
  auto kind_is = [&](uint32_t x, CompKind k) { return types_[x].comp.kind == k; };
  switch (op) {
    case StructNew:
    case StructNewDefault: {
      auto x = pick_index(nt, [&](uint32_t i) {
        if (!kind_is(i, CompKind::Struct) || !fits(ref(false, idx(i)), want)) return false;
        if (op == StructNew) return true;
        for (const FieldType& f : types_[i].comp.struct_.fields)
          if (!defaultable(f.type)) return false;
        return true;
      });
      if (!x) return std::nullopt;
      if (op == StructNew)
        for (const FieldType& f : types_[*x].comp.struct_.fields) produce(out, unpacked(f.type));
      put(out, op, *x);
      return ResultType{ref(false, idx(*x))};
    }
    case StructGet:
    case StructGetS:
    case StructGetU:
    case StructSet: {
      std::vector<IndexPair> fields;
      for (uint32_t i = 0; i < nt; ++i) {
        if (!kind_is(i, CompKind::Struct)) continue;
        const auto& fs = types_[i].comp.struct_.fields;
        for (uint32_t j = 0; j < fs.size(); ++j) {
          bool ok = op == StructSet ? fs[j].mut == Mut::Var && !want
                                    : (op == StructGet) != packed(fs[j].type) &&
                                          fits(unpacked(fs[j].type), want);
          if (ok) fields.push_back({i, j});
        }
      }
      if (fields.empty()) return std::nullopt;
      IndexPair p = one_of(fields);
      ValType t = unpacked(types_[p.a].comp.struct_.fields[p.b].type);
      produce(out, ref(true, idx(p.a)));
      if (op == StructSet) produce(out, t);
      put(out, op, p);
      return op == StructSet ? ResultType{} : ResultType{t};
    }
    default: return emit_array(op, out, want);
  }
}

// spec: Instr_ok/array.*
std::optional<ResultType> Smith::emit_array(Opcode op, Expr& out, const ValType* want) {
  using enum Opcode;
  uint32_t nt = uint32_t(types_.size());
  auto kind_is = [&](uint32_t x, CompKind k) { return types_[x].comp.kind == k; };
  auto numeric = [](const ValType& t) { return !t.is_ref(); };
  // x: an array type whose field suits the instruction.
  auto x = pick_index(nt, [&](uint32_t i) {
    if (!kind_is(i, CompKind::Array)) return false;
    const FieldType& f = types_[i].comp.array.field;
    bool var = f.mut == Mut::Var;
    switch (op) {
      case ArrayNew:
      case ArrayNewFixed: return fits(ref(false, idx(i)), want);
      case ArrayNewDefault: return defaultable(f.type) && fits(ref(false, idx(i)), want);
      case ArrayNewData: return numeric(f.type) && datas_ > 0 && fits(ref(false, idx(i)), want);
      case ArrayNewElem:
        return f.type.is_ref() && !elems_.empty() && fits(ref(false, idx(i)), want);
      case ArrayGet: return !packed(f.type) && fits(f.type, want);
      case ArrayGetS:
      case ArrayGetU: return packed(f.type) && fits(ValType::i32(), want);
      case ArraySet:
      case ArrayFill:
      case ArrayCopy: return var && !want;
      case ArrayInitData: return var && numeric(f.type) && datas_ > 0 && !want;
      case ArrayInitElem: return var && f.type.is_ref() && !elems_.empty() && !want;
      default: return false;
    }
  });
  if (op == ArrayLen) {
    if (want && *want != ValType::i32()) return std::nullopt;
    produce(out, ref(true, HeapKind::Array));
    put(out, op);
    return ResultType{ValType::i32()};
  }
  if (!x) return std::nullopt;
  const FieldType& f = types_[*x].comp.array.field;
  ValType t = unpacked(f.type);
  ValType self = ref(true, idx(*x));
  std::optional<uint32_t> seg;
  if (op == ArrayNewElem || op == ArrayInitElem) {
    seg = pick_index(elems_.size(),
                     [&](uint32_t e) { return sub(ValType::ref_of(elems_[e]), f.type); });
    if (!seg) return std::nullopt;
  } else if (op == ArrayNewData || op == ArrayInitData) {
    seg = below(datas_);
  }
  switch (op) {
    case ArrayNew:
      produce(out, t);
      produce(out, ValType::i32());
      break;
    case ArrayNewDefault: produce(out, ValType::i32()); break;
    case ArrayNewFixed: {
      uint32_t n = count(0, 3);
      for (uint32_t k = 0; k < n; ++k) produce(out, t);
      put(out, op, IndexPair{*x, n});
      return ResultType{ref(false, idx(*x))};
    }
    case ArrayNewData:
    case ArrayNewElem:
      produce(out, ValType::i32());
      produce(out, ValType::i32());
      put(out, op, IndexPair{*x, *seg});
      return ResultType{ref(false, idx(*x))};
    case ArrayGet:
    case ArrayGetS:
    case ArrayGetU:
      produce(out, self);
      produce(out, ValType::i32());
      put(out, op, *x);
      return ResultType{t};
    case ArraySet:
      produce(out, self);
      produce(out, ValType::i32());
      produce(out, t);
      break;
    case ArrayFill:
      produce(out, self), produce(out, ValType::i32()), produce(out, t),
          produce(out, ValType::i32());
      break;
    case ArrayCopy: {  // the source's field must match the destination's
      auto y = pick_index(nt, [&](uint32_t i) {
        if (!kind_is(i, CompKind::Array)) return false;
        const ValType& s = types_[i].comp.array.field.type;
        return packed(f.type) ? s == f.type : sub(s, f.type);
      });
      produce(out, self), produce(out, ValType::i32());
      produce(out, ref(true, idx(*y))), produce(out, ValType::i32()), produce(out, ValType::i32());
      put(out, op, IndexPair{*x, *y});
      return ResultType{};
    }
    default:  // array.init_data, array.init_elem
      produce(out, self);
      for (int k = 0; k < 3; ++k) produce(out, ValType::i32());
      put(out, op, IndexPair{*x, *seg});
      return ResultType{};
  }
  if (op == ArrayNew || op == ArrayNewDefault) {
    put(out, op, *x);
    return ResultType{ref(false, idx(*x))};
  }
  put(out, op, *x);
  return ResultType{};
}

}  // namespace wasm::gen
