// Lowering a validated function body to flat code (interpreter/code.h). Internal.
#pragma once

#include <memory>

#include "interpreter/code.h"
#include "interpreter/store.h"
#include "interpreter/trace.h"
#include "spec/ast.h"
#include "spec/names.h"
#include "spec/validate.h"

namespace wasm::interp {

// What lowering needs to record a trace table (Code::trace): the module's names, the function's
// index, and the text printer (null: instructions are named by their opcode only).
struct TraceNames {
  const NameMap* names = nullptr;
  const TextForms* text = nullptr;
};

// Lowers a function with the given (canonical) type and declared locals. `module` must already
// hold the addresses and pointers of every index space (types, funcs, globals, tags, ...).
// With `typing` (the validator's records), also fills Code::typing for the checking mode;
// `func` is the function's index, for reports. Code::fused gets the superinstructions
// (interpreter/fuse.h) with `fuse`, else a copy of the ops.
std::unique_ptr<Code> lower_func(const Store& store, const ModuleInst& module,
                                 const FuncType& type, const std::vector<ValType>& locals,
                                 const Expr& body, const StackTypes* typing = nullptr,
                                 uint32_t func = 0, bool fuse = true,
                                 const TraceNames* trace = nullptr);

// Lowers a constant expression (exec/modules.rst evaluates it as a function body of one result).
std::unique_ptr<Code> lower_const(const Store& store, const ModuleInst& module, const Expr& e);

}  // namespace wasm::interp
