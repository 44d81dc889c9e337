// Probes for `wasmref smith --script`: exports added to a generated module so that the script
// can compare the instance's state after the calls, not only their results — every global
// (`get`), and per memory and table its size and (memories) the first bytes.
#pragma once

#include <string>
#include <vector>

#include "spec/ast.h"

namespace wasm::cli {

struct Probe {
  std::string name;  // the export: "g0", "m0.size", "m0.bytes", "t0.size"
  bool get = false;  // a global (`get`), else a function to invoke with `args`
  std::string args;  // script literals, e.g. "(i64.const 0x0)"
};

// m with the probe exports (and the functions and one function type they need, appended so
// that no index of m changes); `probes` receives the actions to run, in order.
Module with_probes(Module m, std::vector<Probe>& probes);

}  // namespace wasm::cli
