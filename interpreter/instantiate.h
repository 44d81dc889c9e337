// Module instantiation and invocation — exec/modules.rst. Internal; Engine (engine.h) is the
// public surface.
#pragma once

#include <span>

#include "interpreter/config.h"
#include "interpreter/engine.h"

namespace wasm::interp {

// spec: instantiate
Result<InstanceAddr> instantiate(Store& s, const EngineOptions& o, const Module& m,
                                 const ValidatedModule& v, std::span<const ExternVal> imports);
// The module index spaces of the enclosing modules (ModuleValue::outer).
using Outer = std::vector<std::vector<Addr>>;
// spec: instantiate, for a module value (throws ErrorException; linking.cpp)
InstanceAddr instantiate_in(Store& s, const EngineOptions& o, const Module& m,
                            const ValidatedModule& v, std::span<const ExternVal> imports,
                            const Outer& outer);
// spec: invoke
Outcome invoke(Store& s, const EngineOptions& o, Addr func, std::span<const Value> args);

// Conversions between the embedder's values and slots.
Slot to_slot(const Value& v);
Value to_value(const Slot& s, ValKind k);

}  // namespace wasm::interp
