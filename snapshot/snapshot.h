// `wasmref snapshot`: pre-initialisation in the manner of Wizer. Instantiate a module, run its
// initialisation function, and write a module whose instantiation yields the same observable
// state without running it again (docs/snapshot.md: what is captured, what is refused).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "interpreter/engine.h"
#include "spec/ast.h"
#include "spec/error.h"
#include "spec/validate.h"

namespace wasm::snapshot {

inline constexpr char kDefaultInitFunc[] = "wizer.initialize";

struct Options {
  std::string init_func = kDefaultInitFunc;  // the export to run, of type [] -> []
  bool run_init = true;                      // --no-init: run nothing, export nothing removed
  bool keep_init_func = false;               // --keep-init-func: keep the init export
  // --rename-func DST=SRC, as Wizer documents it: the function export SRC is renamed to DST,
  // replacing any export named DST. Applied in order, after the init export is removed.
  std::vector<std::pair<std::string, std::string>> renames;
  // --allow-imports: imports are linked to the `spectest` host module (wast/spectest.h); the
  // state of imported memories, tables and globals is not captured (they stay imports).
  bool allow_imports = false;
  // --fuel N: reductions each of the start and init functions may take before exhaustion
  // (EngineOptions::fuel); 0: no limit. Used by snapshot(), which makes the engine.
  uint64_t fuel = 0;
  // --enable module-linking: nested modules and instances; the state of every instance of the
  // instantiation tree is written back into the nested module it instantiates.
  bool module_linking = false;
  // --enable shared-everything-threads: shared types, tables, globals and segments, the atomic
  // accesses. A thread-local global keeps its declared (default) value: the init function's
  // thread's value is not the module's state, and Global_ok requires the default.
  bool shared_everything = false;
};

// Instantiates the valid module `m` in `engine` (imports linked as `options` allow) and runs
// its init function. Errors: a refused import (Phase::Unlinkable), a missing or ill-typed init
// export (Phase::Invalid), a trap, exhaustion or uncaught exception in the start or init
// function (Phase::Trap / Exhaustion / Exception, with the engine's message).
Result<interp::InstanceAddr> instantiate_and_init(interp::Engine& engine, const Module& m,
                                                  const ValidatedModule& v, const Options& options);

// The snapshot of `instance` (an instance of `m` in `engine`): m with the instance's current
// memories, globals, tables and segments as its initial state, no start function, and the
// exports rewritten as `options` says. Phase::Invalid names what cannot be expressed.
Result<Module> capture(interp::Engine& engine, interp::InstanceAddr instance, const Module& m,
                       const Options& options);

// Both in a fresh engine: validate, instantiate, init, capture.
Result<Module> snapshot(const Module& m, const Options& options);

}  // namespace wasm::snapshot
