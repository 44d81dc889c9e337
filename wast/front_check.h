// `wasmref parse` on a script: does every module parse or decode as the script expects?
#pragma once

#include <cstdint>
#include <string>

#include "spec/source.h"
#include "text/script.h"
#include "wast/load.h"

namespace wasm::wast {

struct FrontCheckOptions {
  bool outcomes_only = false;  // check that malformed modules are rejected, not the wording
  bool round_trip = false;     // also round-trip every module that loads (one check each)
  Features features;
};

struct Tally {
  uint64_t passed = 0, failed = 0;
  uint64_t binary_modules = 0, identical_bytes = 0;  // round-trip statistics
  Tally& operator+=(const Tally& o) {
    passed += o.passed;
    failed += o.failed;
    binary_modules += o.binary_modules;
    identical_bytes += o.identical_bytes;
    return *this;
  }
};

// Each module of the script is one check: rejected with the expected message prefix inside
// assert_malformed, accepted everywhere else. Failures are appended to `log`, one per line,
// as "file:line.col: ...".
Tally check_script_front_end(const Source& source, const text::Script& script,
                             const FrontCheckOptions& options, std::string& log);

}  // namespace wasm::wast
