// `wasmref smith --script`: a generated module and invocations of its exports, as a .wast
// script whose assertions are wasmref's own outcomes — for running the same script on another
// engine (tools/diff-ocaml.sh runs it on the OCaml reference interpreter).
#pragma once

#include <cstdint>
#include <string>

#include "spec/ast.h"

namespace wasm::cli {

struct SmithScriptOptions {
  uint64_t seed = 0;              // arguments are drawn from this seed (tools/smith_args.h)
  uint64_t fuel = 20'000;         // reductions per invocation; beyond: the call is left out
  uint32_t max_call_depth = 200;  // nested calls (the script is only meaningful with this)
  uint32_t calls = 3;             // invocations per export (2 without parameters)
  bool binary = false;            // the module as (module binary "..."), else in text
  std::string header;             // a comment line saying how the script was made
};

// m must validate and have no imports. The script instantiates m on one instance and invokes
// every exported function in export order, each assertion holding what wasmref's Engine
// returned: assert_return (tools/smith_results.h), assert_trap, assert_exception,
// assert_exhaustion. A call that runs out of fuel or over the store's memory limit is left out
// (a comment says so) and, since it may have changed the instance's state, the module is
// instantiated afresh for the calls after it. A module whose instantiation traps gives
// `(assert_trap (module ...) "...")` alone.
std::string smith_script(const Module& m, const SmithScriptOptions& options);

}  // namespace wasm::cli
