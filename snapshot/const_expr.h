// Run-time values back to constant expressions (valid/instructions.rst, "Constant
// Expressions"): what a snapshot writes as global initialisers and element segment items.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>

#include "interpreter/store.h"
#include "snapshot/gc_objects.h"
#include "spec/ast.h"

namespace wasm::snapshot {

// What a reference may be expressed with: the instance's function addresses and their indices.
struct RefContext {
  const interp::Store* store = nullptr;
  std::unordered_map<interp::Addr, FuncIdx> func_index;  // funcaddr -> this module's funcidx
  GcContext* gc = nullptr;  // structs and arrays (gc_objects.h); null: refused
};

// A constant expression that evaluates to `v` at type `t`. `what` names the place
// ("global 3") in the error (Phase::Invalid) thrown when no constant expression can express
// the value: a host reference, a function of another module, an exception, a GC object that
// gc_object_expr refuses.
Expr value_expr(const interp::Slot& v, const ValType& t, const RefContext& cx,
                const std::string& what);

// The same for a reference of declared type `t`.
Expr ref_expr(uint64_t r, const RefType& t, const RefContext& cx, const std::string& what);

}  // namespace wasm::snapshot
