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
// `thread`/`wait` (threads proposal): `(thread $t (shared (module $m))* command*)` starts an OS
// thread that runs the body in its own scope (its own registry and names, plus the instances of
// the shared modules, which must be sharable: every export a shared memory) against the same
// engine and store; `(wait $t)` joins it. A thread's results are merged into its parent's report
// when it is joined (threads nobody waits for are joined at the end of their parent's body);
// the final report lists every check in source order. A watchdog (wast/watchdog.h) bounds each
// command's time (`command_time_limit`): a command that exceeds it interrupts the engine, so
// that a buggy script (a deadlock, a lost notify, an endless loop in a script with threads)
// fails instead of hanging. Running code polls for the interrupt at backward branches, calls
// and handler jumps, so an endless loop fails its own command and the script goes on.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "interpreter/engine.h"
#include "spec/source.h"
#include "text/script.h"
#include "wast/load.h"
#include "wast/schedule.h"

namespace wasm::wast {

struct RunOptions {
  bool outcomes_only = false;  // check outcomes (trap, invalid, ...) but not message wording
  bool stub_imports = false;   // unresolved imports get stub values (wast/stub_imports.h)
  bool record_outcomes = false;  // fill RunReport::outcomes (wast/outcome.h)
  Features features;
  interp::EngineOptions engine;  // fuel, call depth, trace
  // The longest a command may run (0: no watchdog); `wait` is exempt (it waits for commands
  // that are themselves bounded).
  std::chrono::milliseconds command_time_limit{60'000};
  // How a script's threads run: at once on their OS threads, or taking turns one reduction at
  // a time (wast/schedule.h).
  Schedule schedule;
  // Assertion-level skips (wast/skip_list.h): command line -> reason. Skipped commands are
  // counted as skipped, never as passed.
  std::map<uint32_t, std::string> skip_lines;
  // Bare actions (invoke, get) add their results to RunReport::log, one line each: `i32.const 5`
  // (Typed) or `5` (Plain); `wasmref run --invoke`/`-e` and the REPL show them.
  enum class Results { Hidden, Typed, Plain } print_results = Results::Hidden;
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
  uint64_t passed = 0, failed = 0, skipped = 0;
  std::vector<CheckResult> checks;
  std::string log;  // "file:line.col: command: message" per failure, and spectest's prints
  // With RunOptions::record_outcomes: `line: command "name": outcome` per module, action and
  // assertion (not register, thread, wait), the actual outcome in canonical form.
  std::string outcomes;
};

// Runs the script with a fresh engine (EngineOptions from `options`); a Session
// (wast/session.h) of one script.
RunReport run_script(const Source& source, const text::Script& script, const RunOptions& options);

// The same on an existing engine (tests; several scripts sharing a store).
RunReport run_script(interp::Engine& engine, const Source& source, const text::Script& script,
                     const RunOptions& options);

// 1-based line and column of a byte offset in a text source.
std::pair<uint32_t, uint32_t> line_column(const Source& source, uint32_t offset);

}  // namespace wasm::wast
