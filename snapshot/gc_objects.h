// GC objects back to constant expressions: a struct or array reachable from a global or a
// table is rebuilt with struct.new / array.new_fixed of constant operands (spec: both are
// constant instructions, valid/instructions.rst "Constant Expressions").
//
// Identity is observable (ref.eq), and a constant expression makes a fresh object each time it
// is evaluated, so an object is built by one expression only. An object several places reach
// (two globals, two table slots, two fields) is built once in a global of its own, its home,
// and the other places read it with global.get (a constant instruction for immutable globals;
// gc_sharing.cpp chooses the homes). A cycle is refused: no constant expression builds one.
#pragma once

#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "interpreter/store.h"
#include "interpreter/value.h"
#include "spec/ast.h"
#include "spec/type_store.h"

namespace wasm::snapshot {

struct RefContext;

struct GcContext {
  std::vector<const SubType*> subtypes;            // module type index -> its definition
  std::vector<TypeId> canonical;                   // module type index -> canonical type
  std::unordered_map<TypeId, TypeIdx> type_index;  // canonical type -> module type index
  std::set<uint64_t> building;                     // objects being expressed (cycles)
  std::map<uint64_t, std::string> expressed;       // object -> the place it was expressed for
  std::unordered_map<uint64_t, GlobalIdx> home;    // shared object -> the global that builds it
  uint64_t defining = interp::kNullRef;            // the object whose home is being written
  bool throwaway = false;  // a copy nobody can observe (a table initialiser every slot of which
                           // is overwritten): homes and identity ignored
};

// The struct or array a reference denotes (an extern reference wrapping one: the internal
// reference), or null when it denotes none.
uint64_t gc_object_of(uint64_t r);

// The module's index of a struct or array's type (the first, when several are the same type).
TypeIdx object_type_index(const GcContext& g, const interp::Store& store, uint64_t r);

// The definition of a struct or array's type in the module; throws naming `what` when the
// module does not define it.
const CompType& object_type(const GcContext& g, const interp::Store& store, uint64_t r,
                            const std::string& what);

// The index spaces of `m`, validated into `types` as `canonical` (ValidatedModule::types).
GcContext make_gc_context(const Module& m, const std::vector<TypeId>& canonical);

// The expression that gives the struct or array `r`: global.get of its home if it has one,
// else struct.new / array.new_fixed of its contents; throws (Phase::Invalid, naming `what`)
// for cycles, descriptors and types the module does not define.
Expr gc_object_expr(uint64_t r, const RefContext& cx, const std::string& what);

}  // namespace wasm::snapshot
