// The validation context C — valid/conventions.rst (Contexts). Internal to the validator
// (namespace wasm::valid), visible to its unit tests.
//
// All types in the context are canonical (spec/type_store.h): C.types maps a module's type
// indices to TypeIds of `store`. The spec's C.labels live in the instruction validator's control
// stack (the appendix algorithm's ctrls), C.return in `return_`.
#pragma once

#include <map>
#include <optional>
#include <string_view>
#include <vector>

#include "spec/error.h"
#include "spec/link_types.h"
#include "spec/match.h"
#include "spec/type_store.h"
#include "spec/types.h"

namespace wasm {
struct StackTypes;
}

namespace wasm::valid {

// spec: localtype ::= init t   (init ::= SET | UNSET)
struct LocalType {
  bool set = true;
  ValType type;
};

struct Context {
  TypeStore* store = nullptr;
  std::vector<TypeId> types;
  std::vector<TypeId> funcs;         // each a function deftype
  // custom-descriptors: whether funcs[x] is exact (defined here, or imported as exact); a
  // reference to such a function has the exact type (ref (exact dt)). Shorter than `funcs`
  // only for contexts built by hand (tests): missing entries mean inexact.
  std::vector<bool> funcs_exact;
  std::vector<TableType> tables;
  std::vector<MemType> mems;
  std::vector<GlobalType> globals;
  std::vector<TypeId> tags;          // each a function deftype with empty results
  std::vector<RefType> elems;
  std::vector<bool> elems_shared;    // shared-everything-threads: elemtype ::= share reftype
  uint32_t datas = 0;                // spec: datatype ::= OK
  std::vector<bool> datas_shared;    // shared-everything-threads: datatype ::= share
  std::vector<LocalType> locals;
  std::optional<ResultType> return_;
  std::vector<bool> refs;            // spec: C.refs, as a set of function indices
  bool custom_descriptors = false;   // ValidateOptions::custom_descriptors (br_on_cast rule)
  // shared-everything-threads: ValidateOptions::shared_everything, and whether the code being
  // checked must validate as shared (a shared function's body, a shared global's initialiser):
  // then every global, table, memory, function, tag, segment and type it names is shared.
  bool shared_everything = false;
  bool shared_code = false;

  // Module Linking (spec/valid_linking.cpp). types[x] == kLinkTypeId for a module or instance
  // type, spelled out in link_types[x].
  bool module_linking = false;
  std::map<uint32_t, LinkType> link_types;
  std::vector<LinkType> modules;    // the module index space
  std::vector<LinkType> instances;  // the instance index space
  const Context* parent = nullptr;  // the enclosing module's context, as at this definition
  StackTypes* record = nullptr;      // non-null: record the stack types (spec/validate.h)

  const TypeStore& s() const { return *store; }
};

[[noreturn]] inline void invalid(Span at, std::string message) {
  fail(Phase::Invalid, at, std::move(message));
}
inline void require(bool ok, Span at, std::string_view message) {
  if (!ok) invalid(at, std::string(message));
}

// The valid.ml `lookup category` helper: one place spells "unknown <category> <x>".
template <typename T>
const T& lookup(const std::vector<T>& space, uint32_t x, Span at, std::string_view category) {
  if (x >= space.size()) invalid(at, cat("unknown ", category, " ", x));
  return space[x];
}

inline TypeId type_(const Context& c, uint32_t x, Span at) {
  TypeId t = lookup(c.types, x, at, "type");
  if (t == kLinkTypeId)
    invalid(at, cat("type ", x, " is a module or instance type, not a core type"));
  return t;
}
// shared-everything-threads: in shared code, only shared things may be named.
inline void require_shared(const Context& c, bool shared, Span at, std::string_view what) {
  if (c.shared_code && !shared) invalid(at, cat("shared functions cannot access unshared ", what));
}

inline TypeId func(const Context& c, uint32_t x, Span at) {
  TypeId t = lookup(c.funcs, x, at, "function");
  require_shared(c, c.s().expand(t).shared, at, "functions");
  return t;
}
inline const TableType& table(const Context& c, uint32_t x, Span at) {
  const TableType& t = lookup(c.tables, x, at, "table");
  require_shared(c, t.shared, at, "tables");
  return t;
}
inline const MemType& memory(const Context& c, uint32_t x, Span at) {
  const MemType& t = lookup(c.mems, x, at, "memory");
  require_shared(c, t.shared, at, "memories");
  return t;
}
inline const GlobalType& global(const Context& c, uint32_t x, Span at) {
  const GlobalType& t = lookup(c.globals, x, at, "global");
  require_shared(c, t.shared || t.thread_local_, at, "globals");  // thread-local: per thread
  return t;
}
inline TypeId tag(const Context& c, uint32_t x, Span at) {
  TypeId t = lookup(c.tags, x, at, "tag");
  require_shared(c, c.s().expand(t).shared, at, "tags");
  return t;
}
inline const RefType& elem(const Context& c, uint32_t x, Span at) {
  const RefType& t = lookup(c.elems, x, at, "elem segment");
  require_shared(c, x < c.elems_shared.size() && c.elems_shared[x], at, "element segments");
  return t;
}
inline void data(const Context& c, uint32_t x, Span at) {
  if (x >= c.datas) invalid(at, cat("unknown data segment ", x));
  require_shared(c, x < c.datas_shared.size() && c.datas_shared[x], at, "data segments");
}
inline const LocalType& local(const Context& c, uint32_t x, Span at) {
  return lookup(c.locals, x, at, "local");
}

// The expansion of C.types[x] as a function, structure or array type.
const FuncType& func_type(const Context& c, uint32_t x, Span at);
const StructType& struct_type(const Context& c, uint32_t x, Span at);
const ArrayType& array_type(const Context& c, uint32_t x, Span at);

// Canonical forms of types read from the module (spec: Valtype_ok etc. and $clos): checks that
// type indices are in range ("unknown type") and replaces them by TypeIds.
HeapType canon(const Context& c, HeapType h, Span at);
RefType canon(const Context& c, RefType t, Span at);
ValType canon(const Context& c, ValType t, Span at);
ResultType canon(const Context& c, const ResultType& ts, Span at);

// spec: Valtype_ok ... Externtype_ok (valid_types.cpp)
void valid_limits(const Limits& lim, uint64_t k, Span at, std::string_view message);
MemType valid_memtype(const Context& c, const MemType& mt, Span at);
TableType valid_tabletype(const Context& c, const TableType& tt, Span at);
GlobalType valid_globaltype(const Context& c, const GlobalType& gt, Span at);
TypeId valid_tagtype(const Context& c, TypeIdx x, Span at);
ExternType valid_externtype(const Context& c, const ExternType& xt, Span at);
// spec: Type_ok, Rectype_ok, Subtype_ok — appends the group's TypeIds to c.types.
void valid_rectype(Context& c, const RecType& rt, Span at);

// shared-everything-threads: whether a (canonical) value type is valid as shared — numbers and
// vectors always, references when their heap type is shared.
bool shared_valtype(const Context& c, const ValType& t);

// Text of a canonical type for messages.
std::string type_text(const ResultType& ts);

}  // namespace wasm::valid
