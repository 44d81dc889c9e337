// Lowering a validated function body to flat code (interpreter/code.h). Internal.
#pragma once

#include <memory>

#include "interpreter/code.h"
#include "interpreter/store.h"
#include "spec/ast.h"

namespace wasm::interp {

// Lowers a function with the given (canonical) type and declared locals. `module` must already
// hold the addresses and pointers of every index space (types, funcs, globals, tags, ...).
std::unique_ptr<Code> lower_func(const Store& store, const ModuleInst& module,
                                 const FuncType& type, const std::vector<ValType>& locals,
                                 const Expr& body);

// Lowers a constant expression (exec/modules.rst evaluates it as a function body of one result).
std::unique_ptr<Code> lower_const(const Store& store, const ModuleInst& module, const Expr& e);

}  // namespace wasm::interp
