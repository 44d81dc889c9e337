// Module Linking at run time (docs/module-linking.md): the types of external values, instance
// values, and the instantiation of module values with named arguments. Internal; Engine
// (engine.h) is the public surface.
#pragma once

#include <string_view>

#include "interpreter/instantiate.h"
#include "interpreter/store.h"
#include "spec/link_types.h"

namespace wasm::interp {

// spec: Externaddr_ok — the type of an external value: tables and memories with their current
// size as the minimum. Module and instance values have no core type (kind only).
ExternType extern_type(const Store& s, const ExternVal& e);
// The same for every kind (Module Linking): a module value's type, an instance value's exports.
LinkType value_type(const Store& s, const ExternVal& e);

// A new instance value; its address.
Addr new_instance_value(Store& s, NamedExterns exports);
const ExternVal* find_named(const NamedExterns& items, std::string_view name);

// spec (Module Linking): instantiate a module value with named arguments (each import "m" of
// the module takes the argument "m"; a two-level import "m" "f" the export "f" of the instance
// argument "m"). Returns the new instance value's address; throws ErrorException (link errors,
// traps of the nested start functions and segments).
Addr instantiate_module_value(Store& s, const EngineOptions& o, Addr module_value,
                              const NamedExterns& args, Span at);

}  // namespace wasm::interp
