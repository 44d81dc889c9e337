// The .wast script runner: runs a parsed script against one interpreter engine, as the OCaml
// reference interpreter's script runner does (interpreter/script/runner.ml), except that a
// failure is reported and the script goes on.
//
// Modules come in every form (text, binary, quote; `module definition` + `module instance`);
// `register` makes an instance's exports importable under a name; the `spectest` module is
// always registered (wast/spectest.h). Imports resolve by (module, field) name; a missing one is
// the link error `unknown import "m"."f"`. Module Linking: a single-level import "m" of an
// instance is the registered instance "m" as an instance value; a two-level import may also
// take an exported module or instance. Expected messages match by prefix (the reference's
// rule), or not at all with `outcomes_only`.
//
// `thread`/`wait` (threads proposal): a thread's body runs to completion when the `thread`
// command is reached, in its own scope (its own registry, plus the shared modules), on the
// same store; `wait` only checks that the thread exists. Concurrent threads are a later issue.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "interpreter/engine.h"
#include "spec/source.h"
#include "text/script.h"
#include "wast/load.h"

namespace wasm::wast {

struct RunOptions {
  bool outcomes_only = false;  // check outcomes (trap, invalid, ...) but not message wording
  bool stub_imports = false;   // unresolved imports get stub values (wast/stub_imports.h)
  bool record_outcomes = false;  // fill RunReport::outcomes (wast/outcome.h)
  Features features;
  interp::EngineOptions engine;  // fuel, call depth, trace
};

// One checked command: every command counts once, except `thread`, whose body's commands
// count one by one.
struct CheckResult {
  uint32_t line = 0, column = 0;  // 1-based position of the command in the script
  std::string command;            // "module", "assert_return", "invoke", ...
  bool passed = true;
  std::string message;  // failures: what went wrong, with the expected and the actual outcome
};

struct RunReport {
  uint64_t passed = 0, failed = 0;
  std::vector<CheckResult> checks;
  std::string log;  // "file:line.col: command: message" per failure, and spectest's prints
  // With RunOptions::record_outcomes: `line: command "name": outcome` per module, action and
  // assertion (not register, thread, wait), the actual outcome in canonical form.
  std::string outcomes;
};

// Runs the script with a fresh engine (EngineOptions from `options`).
RunReport run_script(const Source& source, const text::Script& script, const RunOptions& options);

// The same on an existing engine (tests; several scripts sharing a store).
RunReport run_script(interp::Engine& engine, const Source& source, const text::Script& script,
                     const RunOptions& options);

// 1-based line and column of a byte offset in a text source.
std::pair<uint32_t, uint32_t> line_column(const Source& source, uint32_t offset);

}  // namespace wasm::wast
