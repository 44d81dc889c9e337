// Matching (subtyping) over canonical types — valid/matching.rst. One function per *_sub rule.
// All types are canonical (spec/type_store.h): Index heap types hold TypeIds of `store`.
// Used by the validator, by linking (import matching) and by run-time casts.
#pragma once

#include "spec/type_store.h"
#include "spec/types.h"

namespace wasm {

// spec: Heaptype_sub
bool match_heaptype(const TypeStore& store, const HeapType& a, const HeapType& b);
// spec: Reftype_sub
bool match_reftype(const TypeStore& store, const RefType& a, const RefType& b);
// spec: Valtype_sub (ValKind::Bot matches everything)
bool match_valtype(const TypeStore& store, const ValType& a, const ValType& b);
// spec: Resulttype_sub
bool match_resulttype(const TypeStore& store, const ResultType& a, const ResultType& b);
// spec: Storagetype_sub, Fieldtype_sub
bool match_storagetype(const TypeStore& store, const ValType& a, const ValType& b);
bool match_fieldtype(const TypeStore& store, const FieldType& a, const FieldType& b);
// spec: Comptype_sub (Functype_sub included)
bool match_functype(const TypeStore& store, const FuncType& a, const FuncType& b);
bool match_comptype(const TypeStore& store, const CompType& a, const CompType& b);
// spec: Deftype_sub — a equals b or one of a's declared supertypes matches b.
bool match_deftype(const TypeStore& store, TypeId a, TypeId b);

// spec: Limits_sub
bool match_limits(const Limits& a, const Limits& b);
// spec: Tabletype_sub, Memtype_sub, Globaltype_sub, Tagtype_sub, Externtype_sub
bool match_tabletype(const TypeStore& store, const TableType& a, const TableType& b);
bool match_memtype(const MemType& a, const MemType& b);
bool match_globaltype(const TypeStore& store, const GlobalType& a, const GlobalType& b);
bool match_tagtype(const TypeStore& store, TypeId a, TypeId b);
// ExternType::type holds a TypeId for Func and Tag.
bool match_externtype(const TypeStore& store, const ExternType& a, const ExternType& b);

// spec: $top_heaptype / $bot_heaptype — the top (any, func, exn, extern) and bottom (none,
// nofunc, noexn, noextern) of the hierarchy that a heap type belongs to, shared or not.
HeapType top_heaptype(const TypeStore& store, const HeapType& h);
HeapType bot_heaptype(const TypeStore& store, const HeapType& h);
// shared-everything-threads: whether a heap type is shared (a concrete type: its comptype's).
bool heap_shared(const TypeStore& store, const HeapType& h);

// spec: $diffrt(rt1, rt2) — rt1 without the values of rt2 (used by br_on_cast*).
RefType diff_reftype(const RefType& rt1, const RefType& rt2);

// spec: Defaultable (numbers, vectors and nullable references have a default value)
bool defaultable(const ValType& t);

}  // namespace wasm
