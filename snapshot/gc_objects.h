// GC objects back to constant expressions: a struct or array reachable from a global or a
// table is rebuilt with struct.new / array.new_fixed of constant operands (spec: both are
// constant instructions, valid/instructions.rst "Constant Expressions").
//
// Identity is observable (ref.eq), and a constant expression makes a fresh object each time it
// is evaluated, so an object is expressed at most once: an object reachable twice (from two
// places, or twice from one) is refused, and so is a cycle (no constant expression builds one).
#pragma once

#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "interpreter/value.h"
#include "spec/ast.h"
#include "spec/type_store.h"

namespace wasm::snapshot {

struct RefContext;

struct GcContext {
  std::vector<const SubType*> subtypes;            // module type index -> its definition
  std::unordered_map<TypeId, TypeIdx> type_index;  // canonical type -> module type index
  std::set<uint64_t> building;                     // objects being expressed (cycles)
  std::map<uint64_t, std::string> expressed;       // object -> the place it was expressed for
};

// The index spaces of `m`, validated into `types` as `canonical` (ValidatedModule::types).
GcContext make_gc_context(const Module& m, const std::vector<TypeId>& canonical);

// The expression that rebuilds the struct or array `r`; throws (Phase::Invalid, naming
// `what`) for cycles, shared objects, descriptors and types the module does not define.
Expr gc_object_expr(uint64_t r, const RefContext& cx, const std::string& what);

}  // namespace wasm::snapshot
