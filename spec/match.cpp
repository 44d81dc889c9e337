// Matching (subtyping) over canonical types — valid/matching.rst.
#include "spec/match.h"

namespace wasm {
namespace {

HeapKind abstract_of(CompKind k) {
  switch (k) {
    case CompKind::Func: return HeapKind::Func;
    case CompKind::Struct: return HeapKind::Struct;
    case CompKind::Array: return HeapKind::Array;
  }
  return HeapKind::Func;
}

// spec: Heaptype_sub on abstract heap types (the lattice of valid/matching.rst)
bool match_abstract(HeapKind a, HeapKind b) {
  if (a == b || a == HeapKind::Bot) return true;
  switch (b) {
    case HeapKind::Any:
      return a == HeapKind::Eq || a == HeapKind::I31 || a == HeapKind::Struct ||
             a == HeapKind::Array || a == HeapKind::None;
    case HeapKind::Eq:
      return a == HeapKind::I31 || a == HeapKind::Struct || a == HeapKind::Array ||
             a == HeapKind::None;
    case HeapKind::I31:
    case HeapKind::Struct:
    case HeapKind::Array: return a == HeapKind::None;
    case HeapKind::Func: return a == HeapKind::NoFunc;
    case HeapKind::Extern: return a == HeapKind::NoExtern;
    case HeapKind::Exn: return a == HeapKind::NoExn;
    case HeapKind::WaitQueue: return a == HeapKind::NoWaitQueue;
    default: return false;
  }
}

}  // namespace

// spec: Deftype_sub
bool match_deftype(const TypeStore& store, TypeId a, TypeId b) {
  if (a == b) return true;
  uint32_t da = store.depth(a), db = store.depth(b);
  if (da <= db) return false;
  // deviation: instead of trying each declared supertype recursively, walk up the (single)
  // supertype chain to b's depth; the answer is the same since 3.0 has at most one supertype.
  for (uint32_t i = da; i > db; --i) a = *store.super(a);
  return a == b;
}

bool heap_shared(const TypeStore& store, const HeapType& h) {
  return h.kind == HeapKind::Index ? store.expand(h.index).shared : h.shared;
}

// spec: Heaptype_sub (+ shared-everything-threads: shared and unshared types never match)
bool match_heaptype(const TypeStore& store, const HeapType& a, const HeapType& b) {
  if (a.kind == HeapKind::Bot) return true;
  if (!a.bot_share && heap_shared(store, a) != heap_shared(store, b)) return false;
  if (b.exact) {  // custom-descriptors: only the same exact type and the bottom types match
    if (a.kind != HeapKind::Index) return a.kind == bot_heaptype(store, b).kind;
    return a.exact && a.index == b.index;
  }
  if (a.kind == HeapKind::Index && b.kind == HeapKind::Index)
    return match_deftype(store, a.index, b.index);
  if (a.kind == HeapKind::Index)
    return match_abstract(abstract_of(store.expand(a.index).kind), b.kind);
  if (b.kind == HeapKind::Index) return a.kind == bot_heaptype(store, b).kind;
  return match_abstract(a.kind, b.kind);
}

// spec: Reftype_sub
bool match_reftype(const TypeStore& store, const RefType& a, const RefType& b) {
  return (!a.nullable || b.nullable) && match_heaptype(store, a.heap, b.heap);
}

// spec: Valtype_sub
bool match_valtype(const TypeStore& store, const ValType& a, const ValType& b) {
  if (a.kind == ValKind::Bot) return true;
  if (a.kind != b.kind) return false;
  return a.kind != ValKind::Ref || match_reftype(store, a.ref, b.ref);
}

// spec: Resulttype_sub
bool match_resulttype(const TypeStore& store, const ResultType& a, const ResultType& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (!match_valtype(store, a[i], b[i])) return false;
  return true;
}

// spec: Storagetype_sub (packed types match only themselves)
bool match_storagetype(const TypeStore& store, const ValType& a, const ValType& b) {
  return match_valtype(store, a, b);
}

// spec: Fieldtype_sub — immutable fields are covariant, mutable fields invariant
bool match_fieldtype(const TypeStore& store, const FieldType& a, const FieldType& b) {
  if (a.mut != b.mut || !match_storagetype(store, a.type, b.type)) return false;
  return a.mut == Mut::Const || match_storagetype(store, b.type, a.type);
}

// spec: Comptype_sub/func — contravariant parameters, covariant results
bool match_functype(const TypeStore& store, const FuncType& a, const FuncType& b) {
  return match_resulttype(store, b.params, a.params) &&
         match_resulttype(store, a.results, b.results);
}

// spec: Comptype_sub/struct, Comptype_sub/array, Comptype_sub/func
// (+ shared-everything-threads: sharedness must agree)
bool match_comptype(const TypeStore& store, const CompType& a, const CompType& b) {
  if (a.kind != b.kind || a.shared != b.shared) return false;
  switch (a.kind) {
    case CompKind::Func: return match_functype(store, a.func, b.func);
    case CompKind::Array: return match_fieldtype(store, a.array.field, b.array.field);
    case CompKind::Struct: {
      const auto& fa = a.struct_.fields;
      const auto& fb = b.struct_.fields;
      if (fa.size() < fb.size()) return false;  // width subtyping: a may have more fields
      for (size_t i = 0; i < fb.size(); ++i)
        if (!match_fieldtype(store, fa[i], fb[i])) return false;
      return true;
    }
  }
  return false;
}

// spec: Limits_sub
bool match_limits(const Limits& a, const Limits& b) {
  if (a.min < b.min) return false;
  if (!b.max) return true;
  return a.max && *a.max <= *b.max;
}

// spec: Tabletype_sub — element types must be equivalent (+ sharedness must agree)
bool match_tabletype(const TypeStore& store, const TableType& a, const TableType& b) {
  return a.addr == b.addr && a.shared == b.shared && match_limits(a.limits, b.limits) &&
         match_reftype(store, a.elem, b.elem) && match_reftype(store, b.elem, a.elem);
}

// spec: Memtype_sub (threads: sharedness must agree; custom-page-sizes: page sizes too)
bool match_memtype(const MemType& a, const MemType& b) {
  return a.addr == b.addr && a.shared == b.shared &&
         a.page_size_log2.value_or(16) == b.page_size_log2.value_or(16) &&
         match_limits(a.limits, b.limits);
}

// spec: Globaltype_sub — immutable globals are covariant, mutable ones invariant
// (+ shared-everything-threads: sharedness must agree)
bool match_globaltype(const TypeStore& store, const GlobalType& a, const GlobalType& b) {
  if (a.mut != b.mut || a.shared != b.shared || a.thread_local_ != b.thread_local_ ||
      !match_valtype(store, a.type, b.type))
    return false;
  return a.mut == Mut::Const || match_valtype(store, b.type, a.type);
}

// spec: Tagtype_sub — tag types must be equivalent
bool match_tagtype(const TypeStore& store, TypeId a, TypeId b) {
  return match_deftype(store, a, b) && match_deftype(store, b, a);
}

// spec: Externtype_sub (+ custom-descriptors: func types as heap types (exact? dt))
bool match_externtype(const TypeStore& store, const ExternType& a, const ExternType& b) {
  if (a.kind != b.kind) return false;
  switch (a.kind) {
    case ExternKind::Func:  // custom-descriptors: an exact import needs that very type
      return b.exact ? a.exact && a.type == b.type : match_deftype(store, a.type, b.type);
    case ExternKind::Tag: return match_tagtype(store, a.type, b.type);
    case ExternKind::Table: return match_tabletype(store, a.table, b.table);
    case ExternKind::Memory: return match_memtype(a.mem, b.mem);
    case ExternKind::Global: return match_globaltype(store, a.global, b.global);
    default: return false;  // Module Linking: module and instance types (not yet)
  }
}

// spec: $top_heaptype (shared-everything-threads: of the same sharedness)
HeapType top_heaptype(const TypeStore& store, const HeapType& h) {
  HeapKind top = HeapKind::Bot;
  switch (h.kind) {
    case HeapKind::Any: case HeapKind::None: case HeapKind::Eq: case HeapKind::I31:
    case HeapKind::Struct: case HeapKind::Array: top = HeapKind::Any; break;
    case HeapKind::Func: case HeapKind::NoFunc: top = HeapKind::Func; break;
    case HeapKind::Exn: case HeapKind::NoExn: top = HeapKind::Exn; break;
    case HeapKind::Extern: case HeapKind::NoExtern: top = HeapKind::Extern; break;
    case HeapKind::WaitQueue:
    case HeapKind::NoWaitQueue: top = HeapKind::WaitQueue; break;
    case HeapKind::Index:
      top = store.expand(h.index).kind == CompKind::Func ? HeapKind::Func : HeapKind::Any;
      break;
    case HeapKind::Bot: break;
  }
  return HeapType{top, false, 0, top != HeapKind::Bot && heap_shared(store, h)};
}

// spec: $bot_heaptype (shared-everything-threads: of the same sharedness)
HeapType bot_heaptype(const TypeStore& store, const HeapType& h) {
  HeapType top = top_heaptype(store, h);
  switch (top.kind) {
    case HeapKind::Any: top.kind = HeapKind::None; break;
    case HeapKind::Func: top.kind = HeapKind::NoFunc; break;
    case HeapKind::Exn: top.kind = HeapKind::NoExn; break;
    case HeapKind::Extern: top.kind = HeapKind::NoExtern; break;
    case HeapKind::WaitQueue: top.kind = HeapKind::NoWaitQueue; break;
    default: top.kind = HeapKind::Bot; break;
  }
  return top;
}

// spec: $diffrt
RefType diff_reftype(const RefType& rt1, const RefType& rt2) {
  return RefType{rt2.nullable ? false : rt1.nullable, rt1.heap};
}

// spec: Defaultable
bool defaultable(const ValType& t) {
  return t.kind != ValKind::Ref || t.ref.nullable;
}

}  // namespace wasm
