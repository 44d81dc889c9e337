// Types: the type section (rec groups, subtypes), value types, and the subtyping checks the
// generator relies on (valid/matching.rst). The checks are sound but incomplete (iso-recursive
// equivalence of distinct indices is not used): the generator only needs "surely a subtype".
#include <algorithm>

#include "gen/smith.h"

namespace wasm::gen {

HeapKind top_of(const std::vector<SubType>& types, const HeapType& h) {
  switch (h.kind) {
    case HeapKind::Func:
    case HeapKind::NoFunc: return HeapKind::Func;
    case HeapKind::Extern:
    case HeapKind::NoExtern: return HeapKind::Extern;
    case HeapKind::Exn:
    case HeapKind::NoExn: return HeapKind::Exn;
    case HeapKind::WaitQueue:
    case HeapKind::NoWaitQueue: return HeapKind::WaitQueue;
    case HeapKind::Index:
      return types[h.index].comp.kind == CompKind::Func ? HeapKind::Func : HeapKind::Any;
    default: return HeapKind::Any;
  }
}

HeapKind bottom_of(HeapKind top) {
  switch (top) {
    case HeapKind::Func: return HeapKind::NoFunc;
    case HeapKind::Extern: return HeapKind::NoExtern;
    case HeapKind::Exn: return HeapKind::NoExn;
    case HeapKind::WaitQueue: return HeapKind::NoWaitQueue;
    default: return HeapKind::None;
  }
}

namespace {

bool is_bottom(HeapKind k) {
  return k == HeapKind::None || k == HeapKind::NoFunc || k == HeapKind::NoExtern ||
         k == HeapKind::NoExn || k == HeapKind::NoWaitQueue;
}

// spec: Heaptype_sub for a concrete type below an abstract one.
bool concrete_below(const SubType& t, HeapKind b) {
  switch (b) {
    case HeapKind::Func: return t.comp.kind == CompKind::Func;
    case HeapKind::Any:
    case HeapKind::Eq: return t.comp.kind != CompKind::Func;
    case HeapKind::Struct: return t.comp.kind == CompKind::Struct;
    case HeapKind::Array: return t.comp.kind == CompKind::Array;
    default: return false;
  }
}

}  // namespace

bool heap_sub(const std::vector<SubType>& types, const HeapType& a, const HeapType& b) {
  if (a == b) return true;
  if (a.exact || b.exact) return false;
  if (a.shared != b.shared) return false;  // the generator's concrete types are all unshared
  if (top_of(types, a) != top_of(types, b)) return false;
  if (is_bottom(a.kind)) return true;
  if (b.kind == top_of(types, b) && b.kind != HeapKind::Index) return true;
  if (a.kind == HeapKind::Index && b.kind == HeapKind::Index) {
    for (TypeIdx x = a.index; !types[x].supers.empty();) {
      x = types[x].supers[0];
      if (x == b.index) return true;
    }
    return false;
  }
  if (a.kind == HeapKind::Index) return concrete_below(types[a.index], b.kind);
  if (b.kind == HeapKind::Eq)
    return a.kind == HeapKind::I31 || a.kind == HeapKind::Struct || a.kind == HeapKind::Array;
  return false;
}

bool ref_sub(const std::vector<SubType>& types, const RefType& a, const RefType& b) {
  return (!a.nullable || b.nullable) && heap_sub(types, a.heap, b.heap);
}

bool val_sub(const std::vector<SubType>& types, const ValType& a, const ValType& b) {
  if (a.kind != b.kind) return false;
  return a.kind != ValKind::Ref || ref_sub(types, a.ref, b.ref);
}

bool results_sub(const std::vector<SubType>& types, const ResultType& a, const ResultType& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (!val_sub(types, a[i], b[i])) return false;
  return true;
}

bool defaultable(const ValType& t) { return t.kind != ValKind::Ref || t.ref.nullable; }

ValType unpacked(const ValType& t) {
  return t.kind == ValKind::I8 || t.kind == ValKind::I16 ? ValType::i32() : t;
}

HeapType Smith::heaptype() {
  if (!opt_.gc) return {chance(50) ? HeapKind::Extern : HeapKind::Func, false, 0};
  if (type_limit_ > 0 && chance(40)) return {HeapKind::Index, false, below(type_limit_)};
  static constexpr HeapKind kAbstract[] = {HeapKind::Func,     HeapKind::Extern, HeapKind::Any,
                                           HeapKind::Eq,       HeapKind::I31,    HeapKind::Struct,
                                           HeapKind::Array,    HeapKind::Exn,    HeapKind::NoFunc,
                                           HeapKind::NoExtern, HeapKind::None,   HeapKind::NoExn};
  HeapKind k = kAbstract[below(std::size(kAbstract))];
  if (!opt_.exnref && (k == HeapKind::Exn || k == HeapKind::NoExn)) k = HeapKind::Func;
  return {k, false, 0};
}

RefType Smith::reftype() { return {!opt_.gc || !chance(30), heaptype()}; }

ValType Smith::valtype() {
  switch (below(opt_.simd ? 10 : 9)) {
    case 0:
    case 1: return ValType::i32();
    case 2: return ValType::i64();
    case 3: return ValType::f32();
    case 4: return ValType::f64();
    case 9: return ValType::v128();
    default: return ValType::ref_of(reftype());
  }
}

ValType Smith::storagetype() {
  switch (below(8)) {
    case 0: return ValType::i8();
    case 1: return ValType::i16();
    default: return valtype();
  }
}

CompType Smith::comptype(uint32_t kind) {
  CompType c;
  c.kind = CompKind(kind);
  switch (c.kind) {
    case CompKind::Func:
      for (uint32_t n = count(0, 3); n > 0; --n) c.func.params.push_back(valtype());
      for (uint32_t n = count(0, 2); n > 0; --n) c.func.results.push_back(valtype());
      break;
    case CompKind::Struct:
      for (uint32_t n = count(0, 4); n > 0; --n)
        c.struct_.fields.push_back({storagetype(), chance(50) ? Mut::Var : Mut::Const});
      break;
    case CompKind::Array:
      c.array.field = {storagetype(), chance(50) ? Mut::Var : Mut::Const};
      break;
  }
  return c;
}

// spec: Subtype_ok — a declared supertype is an earlier, non-final type of the same kind whose
// structure this one extends: the same function signature or array field, or the struct's
// fields followed by new ones (width subtyping).
SubType Smith::subtype(uint32_t self, uint32_t group_end) {
  type_limit_ = group_end;
  SubType st;
  if (!opt_.gc) {
    st.comp = comptype(0);
    return st;
  }
  auto super = pick_index(self, [&](uint32_t j) { return !types_[j].final; });
  if (super && chance(50)) {
    st.supers = {*super};
    st.comp = types_[*super].comp;
    if (st.comp.kind == CompKind::Struct)
      for (uint32_t n = count(0, 2); n > 0; --n)
        st.comp.struct_.fields.push_back({storagetype(), chance(50) ? Mut::Var : Mut::Const});
  } else {
    st.comp = comptype(below(3));
  }
  st.final = !chance(50);
  st.explicit_sub = !st.final || !st.supers.empty() || chance(20);
  return st;
}

// spec: Module_ok's type section: a list of rec groups, each of which may refer to itself.
void Smith::types() {
  for (uint32_t groups = count(1, 6); groups > 0; --groups) {
    TypeDef td;
    td.rec.explicit_rec = opt_.gc && chance(30);
    uint32_t n = td.rec.explicit_rec ? count(0, 3) : 1;
    uint32_t begin = uint32_t(types_.size());
    for (uint32_t k = 0; k < n; ++k) {
      SubType st = subtype(begin + k, begin + n);
      types_.push_back(st);
      td.rec.subtypes.push_back(std::move(st));
    }
    m_.types.push_back(std::move(td));
    note_initial_def(m_, DefKind::Type);
  }
  // A function type [] -> [] for the start function and for tags, if none was drawn.
  bool have = std::any_of(types_.begin(), types_.end(), [](const SubType& t) {
    return t.comp.kind == CompKind::Func && t.comp.func.params.empty() &&
           t.comp.func.results.empty();
  });
  if (!have) {
    TypeDef td;
    td.rec.subtypes.resize(1);
    types_.push_back(td.rec.subtypes[0]);
    m_.types.push_back(std::move(td));
    note_initial_def(m_, DefKind::Type);
  }
  type_limit_ = uint32_t(types_.size());
}

std::vector<uint32_t> Smith::func_type_indices() const {
  std::vector<uint32_t> xs;
  for (uint32_t i = 0; i < types_.size(); ++i)
    if (types_[i].comp.kind == CompKind::Func) xs.push_back(i);
  return xs;
}

const FuncType* Smith::func_type(TypeIdx x) const {
  return x < types_.size() && types_[x].comp.kind == CompKind::Func ? &types_[x].comp.func
                                                                    : nullptr;
}

}  // namespace wasm::gen
