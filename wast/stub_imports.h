// Stub values for imports that nothing registered provides (`wasmref run --stub-imports`): the
// Module Linking corpus comes from wasm-tools, which only validates, so its modules import
// instances and modules from names no script command defines. A stub has exactly the import's
// type (as wasmtime's define_unknown_imports_as_default_values): a function that returns the
// default values of its results (zero, null; it traps if a result has none), a table, memory or
// global of the minimum size and a default (null or zero) value, a fresh tag, an instance of stubs
// for its exports, and a host module that instantiates to such an instance.
#pragma once

#include "interpreter/engine.h"
#include "spec/link_types.h"

namespace wasm::wast {

interp::ExternVal stub_value(interp::Engine& engine, const LinkType& type);

}  // namespace wasm::wast
