// The canonical type table: iso-recursive type equivalence by interning rec groups —
// valid/conventions.rst (Rolling and Unrolling) and valid/matching.rst (Type Equivalence).
//
// Every defined type (a projection of a rec group, the spec's deftype) gets a canonical TypeId.
// Two deftypes are equivalent iff they have the same TypeId, in any module validated against the
// same TypeStore. This makes linking (import matching) and run-time casts cheap id comparisons
// plus a walk along declared supertypes.
//
// Canonical types: wherever a ValType/RefType/HeapType is "canonical" below, a HeapType of kind
// Index holds a TypeId (not a module's type index). The validator converts every type it reads
// from a module into canonical form, so the stack, the context and everything it returns are
// canonical.
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "spec/stable_vector.h"
#include "spec/types.h"

namespace wasm {

using TypeId = uint32_t;

class TypeStore {
 public:
  // In a rolled rec group (the argument of intern), a HeapType of kind Index refers to the
  // group's own i-th type as kRecBase + i (the spec's REC i); smaller values are TypeIds of
  // types outside the group.
  static constexpr uint32_t kRecBase = 0x8000'0000u;

  // Interns a rec group given in rolled form (supertypes included, also as kRecBase + i or
  // TypeIds). Returns the TypeId of its first type; its types have consecutive TypeIds.
  // Equal rolled groups get the same ids (spec: type equivalence of deftypes).
  TypeId intern(const RecType& rolled);

  // The unrolled subtype of a deftype: all Index heap types, supertypes included, are TypeIds.
  const SubType& subtype(TypeId t) const { return entries_[t].sub; }
  // spec: Expand (deftype ~~ comptype)
  const CompType& expand(TypeId t) const { return entries_[t].sub.comp; }
  // The declared supertype, if any (3.0 allows at most one).
  std::optional<TypeId> super(TypeId t) const { return entries_[t].super; }
  bool is_final(TypeId t) const { return entries_[t].sub.final; }
  // Number of declared supertypes above t (0 for a type without supertype).
  uint32_t depth(TypeId t) const { return entries_[t].depth; }
  // The rec group of t: its first TypeId and size.
  TypeId group_first(TypeId t) const { return entries_[t].group_first; }
  uint32_t group_size(TypeId t) const { return entries_[t].group_size; }

  size_t size() const { return entries_.size(); }

 private:
  struct Entry {
    SubType sub;  // unrolled
    std::optional<TypeId> super;
    uint32_t depth = 0;
    TypeId group_first = 0;
    uint32_t group_size = 0;
  };
  // Readers need no lock (references stay valid while interning); intern takes `mutex_`, so
  // threads sharing a store (threads proposal, `wasmref run -j`) may validate concurrently.
  StableVector<Entry> entries_;
  std::unordered_map<std::string, TypeId> groups_;  // rolled group's key -> first TypeId
  std::mutex mutex_;
};

// The process-wide store used by validate(const Module&) (spec/validate.h). Thread-safe.
TypeStore& default_type_store();

}  // namespace wasm
