// `wasmref parse` on a script: does every module parse or decode as the script expects?
#pragma once

#include <cstdint>
#include <set>
#include <string>

#include "spec/source.h"
#include "text/script.h"
#include "wast/load.h"

namespace wasm::wast {

struct FrontCheckOptions {
  bool outcomes_only = false;  // check that malformed modules are rejected, not the wording
  bool round_trip = false;     // also round-trip every module that loads (one check each)
  Features features;
  // Lines (1-based) of modules whose check is skipped (see wast/skip_list.h).
  std::set<uint32_t> skip_lines;
};

struct Tally {
  uint64_t passed = 0, failed = 0, skipped = 0;
  uint64_t binary_modules = 0, identical_bytes = 0;  // round-trip statistics
  uint64_t unrepresentable = 0;  // invalid modules that a format rejects when re-read (skipped)
  Tally& operator+=(const Tally& o) {
    passed += o.passed;
    failed += o.failed;
    skipped += o.skipped;
    binary_modules += o.binary_modules;
    identical_bytes += o.identical_bytes;
    unrepresentable += o.unrepresentable;
    return *this;
  }
};

// Each module of the script is one check: rejected with the expected message prefix inside
// assert_malformed, accepted everywhere else. With outcomes_only, a module of assert_invalid
// may also be rejected by the front end (the outcome, "rejected", is the same; which phase
// rejects it is the other tool's choice). Round trips of an assert_invalid module that the
// re-reading front end rejects are skipped and counted as `unrepresentable`: an invalid module
// need not have a form in every format. Failures are appended to `log`, one per line,
// as "file:line.col: ...".
Tally check_script_front_end(const Source& source, const text::Script& script,
                             const FrontCheckOptions& options, std::string& log);

}  // namespace wasm::wast
