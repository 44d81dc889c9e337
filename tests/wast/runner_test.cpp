// The script runner (wast/runner.h) on small scripts: every assertion kind passing and failing,
// the registry and unknown imports, the spectest module. Failures must be reported (counted and
// logged with a location), never crash or stop the script.
#include "wast/runner.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <thread>

#include "text/script.h"

namespace wasm::wast {
namespace {

RunReport run(const std::string& text, RunOptions options = {}) {
  Result<text::Script> script = text::parse_script(text);
  EXPECT_TRUE(script.ok()) << (script.ok() ? "" : script.error().message);
  if (!script.ok()) return {};
  Source source{"test.wast", text, false};
  return run_script(source, *script, options);
}

std::string failures(const RunReport& r) {
  std::string out;
  for (const CheckResult& c : r.checks)
    if (!c.passed) out += cat(c.line, ".", c.column, " ", c.command, ": ", c.message, "\n");
  return out;
}

constexpr const char* kModule = R"(
(module $M
  (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
  (func (export "div") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
  (func $loop (export "loop") (call $loop))
  (func (export "nop"))
  (global (export "g") i32 (i32.const 42))
  (tag $t (param i32))
  (func (export "throw") (throw $t (i32.const 1)))
  (func (export "nan") (result f32) (f32.div (f32.const 0) (f32.const 0)))
)
)";

TEST(Runner, EveryAssertionKindPasses) {
  RunReport r = run(std::string(kModule) + R"(
(assert_return (invoke "add" (i32.const 1) (i32.const 2)) (i32.const 3))
(assert_return (invoke $M "add" (i32.const -1) (i32.const 0)) (either (i32.const 0) (i32.const -1)))
(assert_return (invoke "nan") (f32.const nan:canonical))
(assert_return (get "g") (i32.const 42))
(assert_return (invoke "nop"))
(invoke "nop")
(assert_trap (invoke "div" (i32.const 1) (i32.const 0)) "integer divide by zero")
(assert_exhaustion (invoke "loop") "call stack exhausted")
(assert_exception (invoke "throw"))
(assert_malformed (module binary "\00asm\01\00\00") "unexpected end")
(assert_malformed (module quote "(func") "unexpected token")
(assert_invalid (module (func (result i32))) "type mismatch")
(assert_unlinkable (module (import "nowhere" "f" (func))) "unknown import")
(assert_trap (module (func $f unreachable) (start $f)) "unreachable")
(assert_uninstantiable (module (func $f unreachable) (start $f)) "unreachable")
(module definition $D (func (export "one") (result i32) (i32.const 1)))
(module instance $I $D)
(assert_return (invoke $I "one") (i32.const 1))
)");
  EXPECT_EQ(failures(r), "");
  EXPECT_EQ(r.failed, 0u);
  EXPECT_EQ(r.passed, 19u);  // the module and 18 commands
}

TEST(Runner, EveryAssertionKindFailsAndTheScriptGoesOn) {
  RunReport r = run(std::string(kModule) + R"(
(assert_return (invoke "add" (i32.const 1) (i32.const 2)) (i32.const 4))
(assert_trap (invoke "nop") "unreachable")
(assert_trap (invoke "div" (i32.const 1) (i32.const 0)) "integer overflow")
(assert_exhaustion (invoke "nop") "call stack exhausted")
(assert_exception (invoke "nop"))
(assert_malformed (module (func)) "unexpected token")
(assert_invalid (module (func)) "type mismatch")
(assert_invalid (module quote "(func") "type mismatch")
(assert_unlinkable (module (func)) "unknown import")
(assert_trap (module (func)) "unreachable")
(assert_return (invoke "missing"))
(assert_return (invoke "add" (i32.const 1)) (i32.const 1))
(assert_return (invoke "add" (i64.const 1) (i32.const 1)) (i32.const 1))
(invoke $Nope "nop")
(invoke "div" (i32.const 1) (i32.const 0))
(module (func (result i32) (i64.const 0)))
(assert_return (invoke "nop"))
(assert_return (invoke "nop"))
)");
  EXPECT_EQ(r.passed, 1u) << failures(r);
  EXPECT_EQ(r.failed, 18u) << failures(r);
  // Every failure is logged with its location and the expected and actual outcomes.
  EXPECT_NE(r.log.find("test.wast:13.1: assert_return: wrong return values: expected "
                       "[(i32.const 4)], got [(i32.const 3)]"),
            std::string::npos)
      << r.log;
  EXPECT_NE(r.log.find("wrong runtime error: expected \"integer overflow\", got \"integer "
                       "divide by zero\""),
            std::string::npos)
      << r.log;
  EXPECT_NE(r.log.find("undefined export"), std::string::npos);
  EXPECT_NE(r.log.find("wrong number of arguments"), std::string::npos);
  EXPECT_NE(r.log.find("wrong type of argument"), std::string::npos);
  EXPECT_NE(r.log.find("unknown module instance $Nope"), std::string::npos);
  EXPECT_NE(r.log.find("invalid module"), std::string::npos);
  EXPECT_NE(r.log.find("failed to load"), std::string::npos);
}

TEST(Runner, OutcomesOnlyIgnoresTheWording) {
  std::string script = std::string(kModule) +
                       "(assert_trap (invoke \"div\" (i32.const 1) (i32.const 0)) \"overflow\")";
  EXPECT_EQ(run(script).failed, 1u);
  RunOptions options;
  options.outcomes_only = true;
  EXPECT_EQ(run(script, options).failed, 0u);
}

TEST(Runner, RegistryResolvesImportsByName) {
  RunReport r = run(std::string(kModule) + R"(
(register "M" $M)
(module $N
  (import "M" "add" (func $add (param i32 i32) (result i32)))
  (func (export "add3") (param i32) (result i32) (call $add (local.get 0) (i32.const 3))))
(assert_return (invoke $N "add3" (i32.const 4)) (i32.const 7))
(assert_unlinkable (module (import "M" "sub" (func))) "unknown import")
(assert_unlinkable (module (import "N" "add3" (func))) "unknown import")
(assert_unlinkable (module (import "M" "add" (func (param i64)))) "incompatible import type")
(register "N" $N)
(module (import "N" "add3" (func (param i32) (result i32))))
)");
  EXPECT_EQ(failures(r), "");
  EXPECT_EQ(r.passed, 9u);
}

TEST(Runner, UnknownImportMessageNamesModuleAndField) {
  RunReport r = run(R"((module (import "nowhere" "f" (func))))");
  EXPECT_EQ(r.failed, 1u);
  EXPECT_NE(r.log.find("unknown import \"nowhere\".\"f\""), std::string::npos) << r.log;
}

TEST(Runner, Spectest) {
  RunReport r = run(R"(
(module
  (import "spectest" "print_i32" (func $print (param i32)))
  (import "spectest" "print_f64_f64" (func (param f64 f64)))
  (import "spectest" "global_i32" (global $i i32))
  (import "spectest" "global_i64" (global $j i64))
  (import "spectest" "global_f32" (global $f f32))
  (import "spectest" "global_f64" (global $d f64))
  (import "spectest" "table" (table $t 10 20 funcref))
  (import "spectest" "memory" (memory 1 2))
  (func (export "i") (result i32) (call $print (i32.const 5)) (global.get $i))
  (func (export "j") (result i64) (global.get $j))
  (func (export "f") (result f32) (global.get $f))
  (func (export "d") (result f64) (global.get $d))
  (func (export "t") (result i32) (table.size $t))
  (func (export "m") (result i32) (memory.size)))
(assert_return (invoke "i") (i32.const 666))
(assert_return (invoke "j") (i64.const 666))
(assert_return (invoke "f") (f32.const 666.6))
(assert_return (invoke "d") (f64.const 666.6))
(assert_return (invoke "t") (i32.const 10))
(assert_return (invoke "m") (i32.const 1))
(assert_unlinkable (module (import "spectest" "nothing" (func))) "unknown import")
(assert_unlinkable (module (import "spectest" "global_i32" (global (mut i32)))) "incompatible import type")
)");
  EXPECT_EQ(failures(r), "");
  EXPECT_EQ(r.passed, 9u);
  EXPECT_NE(r.log.find("5 : i32"), std::string::npos) << r.log;  // spectest.print_i32
}

TEST(Runner, References) {
  RunReport r = run(R"(
(module
  (func (export "id") (param externref) (result externref) (local.get 0))
  (func (export "null") (result funcref) (ref.null func))
  (func $f (export "f") (result funcref) (ref.func $f))
  (func (export "i31") (result i31ref) (ref.i31 (i32.const 5)))
  (type $s (struct))
  (func (export "s") (result anyref) (struct.new $s)))
(assert_return (invoke "id" (ref.extern 3)) (ref.extern 3))
(assert_return (invoke "id" (ref.null extern)) (ref.null extern))
(assert_return (invoke "null") (ref.null))
(assert_return (invoke "f") (ref.func))
(assert_return (invoke "i31") (ref.i31))
(assert_return (invoke "s") (ref.struct))
(assert_return (invoke "s") (ref.eq))
(assert_return (invoke "id" (ref.extern 3)) (ref.extern 4))
(assert_return (invoke "s") (ref.array))
)");
  EXPECT_EQ(r.passed, 8u) << failures(r);
  EXPECT_EQ(r.failed, 2u) << failures(r);
}

TEST(Runner, ThreadsRunInTheirOwnScope) {
  RunReport r = run(R"(
(module $Mem (memory (export "shared") 1 1 shared))
(thread $T (shared (module $Mem))
  (register "mem" $Mem)
  (module (memory (import "mem" "shared") 1 1 shared)
    (func (export "run") (i32.store (i32.const 0) (i32.const 42))))
  (invoke "run"))
(wait $T)
(wait $U)
(module $Check (memory (import "mem" "shared") 1 1 shared))
)");
  EXPECT_EQ(r.passed, 5u) << failures(r);
  EXPECT_EQ(r.failed, 2u) << failures(r);  // (wait $U); "mem" is registered in $T's scope only
  EXPECT_NE(failures(r).find("unknown thread $U"), std::string::npos) << failures(r);
  EXPECT_NE(failures(r).find("unknown import \"mem\""), std::string::npos) << failures(r);
}

// The threads really run at once: $A blocks in memory.atomic.wait until $B notifies it, which
// $B only does once $A is waiting (notify returns 1). Sequential execution would fail or hang.
TEST(Runner, ThreadsRunConcurrently) {
  RunReport r = run(R"(
(module $Mem (memory (export "shared") 1 1 shared))
(thread $A (shared (module $Mem))
  (register "mem" $Mem)
  (module (memory (import "mem" "shared") 1 1 shared)
    (func (export "run") (result i32)
      (memory.atomic.wait32 (i32.const 0) (i32.const 0) (i64.const -1))))
  (assert_return (invoke "run") (i32.const 0)))
(thread $B (shared (module $Mem))
  (register "mem" $Mem)
  (module (memory (import "mem" "shared") 1 1 shared)
    (func (export "run")
      (loop (br_if 0 (i32.eqz (memory.atomic.notify (i32.const 0) (i32.const 1)))))))
  (assert_return (invoke "run")))
(wait $A)
(wait $B)
)");
  EXPECT_EQ(r.passed, 9u) << failures(r);
  EXPECT_EQ(r.failed, 0u) << failures(r);
}

// Results of threads are merged in source order with their own locations, whatever the order
// in which the threads finish.
TEST(Runner, ThreadResultsInSourceOrder) {
  RunReport r = run(R"((module $Mem (memory (export "shared") 1 1 shared))
(thread $Slow (shared (module $Mem))
  (register "mem" $Mem)
  (module (memory (import "mem" "shared") 1 1 shared)
    (func (export "wait") (result i32)
      (memory.atomic.wait32 (i32.const 0) (i32.const 0) (i64.const 50000000))))
  (assert_return (invoke "wait") (i32.const 1)))
(thread $Fast
  (module (func (export "f") (result i32) (i32.const 1)))
  (assert_return (invoke "f") (i32.const 2)))
(wait $Fast)
(wait $Slow)
)");
  EXPECT_EQ(r.failed, 2u) << failures(r);  // $Slow times out (2, not 1); $Fast gets 1, not 2
  std::vector<uint32_t> lines;
  for (const CheckResult& c : r.checks) lines.push_back(c.line);
  EXPECT_TRUE(std::is_sorted(lines.begin(), lines.end()));
  std::vector<std::string> failed;
  for (const CheckResult& c : r.checks)
    if (!c.passed) failed.push_back(cat(c.line, ".", c.column, " ", c.command));
  EXPECT_EQ(failed, (std::vector<std::string>{"7.3 assert_return", "10.3 assert_return"}));
}

TEST(Runner, SharedModulesMustBeSharable) {
  RunReport r = run(R"(
(module $F (func (export "f")))
(thread $T (shared (module $F)))
(thread $U (shared (module $Missing)))
)");
  EXPECT_EQ(r.failed, 2u) << failures(r);
  EXPECT_NE(failures(r).find("module $F is not sharable"), std::string::npos) << failures(r);
}

// A command that never ends (an endless loop; a wait nobody notifies) is interrupted by the
// watchdog: the script fails instead of hanging.
TEST(Runner, WatchdogInterruptsHangingCommands) {
  RunOptions options;
  options.command_time_limit = std::chrono::milliseconds(200);
  RunReport r = run(R"(
(module $Mem (memory (export "shared") 1 1 shared))
(thread $T (shared (module $Mem))
  (register "mem" $Mem)
  (module (memory (import "mem" "shared") 1 1 shared)
    (func (export "run") (result i32)
      (memory.atomic.wait32 (i32.const 0) (i32.const 0) (i64.const -1))))
  (assert_return (invoke "run") (i32.const 0)))
(module (func (export "spin") (loop (br 0))))
(assert_return (invoke "spin"))
(wait $T)
)",
                    options);
  EXPECT_EQ(r.failed, 3u) << failures(r);  // both commands, and the watchdog's verdict
  EXPECT_NE(failures(r).find("interrupted"), std::string::npos) << failures(r);
  EXPECT_NE(failures(r).find("watchdog"), std::string::npos) << failures(r);
}

// One timer thread serves every session's watchdog: sessions run side by side, each with its
// own limit, and an overrun in one interrupts that one only.
TEST(Runner, WatchdogsOfConcurrentSessionsAreIndependent) {
  RunOptions short_limit, long_limit;
  short_limit.command_time_limit = std::chrono::milliseconds(100);
  long_limit.command_time_limit = std::chrono::milliseconds(20000);
  RunReport spun, napped;
  std::thread spinner([&] {
    spun = run(R"(
(module (func (export "spin") (loop (br 0))))
(assert_return (invoke "spin"))
(assert_return (invoke "spin"))
)",
               short_limit);
  });
  // A wait of 300 ms, which the first session's watchdog fires twice during; its result says
  // that it timed out (2) instead of being interrupted.
  napped = run(R"(
(module (memory 1 1 shared)
  (func (export "nap") (result i32)
    (memory.atomic.wait32 (i32.const 0) (i32.const 0) (i64.const 300000000))))
(assert_return (invoke "nap") (i32.const 2))
)",
               long_limit);
  spinner.join();
  EXPECT_EQ(spun.failed, 2u) << failures(spun);
  EXPECT_NE(failures(spun).find("interrupted: time limit exceeded"), std::string::npos)
      << failures(spun);
  EXPECT_EQ(napped.failed, 0u) << failures(napped);
  EXPECT_EQ(napped.passed, 2u) << failures(napped);
}

// Without threads too: each endless form (a backward br, br_if, br_table, br_on_null, a
// tail-call loop, an exception caught and retried, an endless start function) is interrupted
// at its own command, which fails, and the script goes on with the next command.
TEST(Runner, WatchdogInterruptsEndlessLoopsWithoutThreads) {
  RunOptions options;
  options.command_time_limit = std::chrono::milliseconds(150);
  RunReport r = run(R"(
(module $M
  (tag $e)
  (func (export "br") (loop (br 0)))
  (func (export "br_if") (loop (br_if 0 (i32.const 1))))
  (func (export "br_table") (loop (br_table 0 0 (i32.const 0))))
  (func (export "br_on_null") (loop (drop (br_on_null 0 (ref.null any)))))
  (func $tail (export "return_call") (return_call $tail))
  (func (export "retry")
    (loop $l (block $h (try_table (catch $e $h) (throw $e))) (br $l)))
  (func (export "ok") (result i32) (i32.const 7)))
(assert_return (invoke "br"))
(assert_return (invoke "br_if"))
(assert_return (invoke "br_table"))
(assert_return (invoke "br_on_null"))
(assert_return (invoke "return_call"))
(assert_return (invoke "retry"))
(assert_return (invoke "ok") (i32.const 7))
(module (func $s (loop (br 0))) (start $s))
(assert_return (invoke $M "ok") (i32.const 7))
)",
                    options);
  EXPECT_EQ(r.failed, 7u) << failures(r);
  EXPECT_EQ(r.passed, 3u) << failures(r);  // the first module and both "ok"
  EXPECT_NE(failures(r).find("interrupted: time limit exceeded"), std::string::npos) << failures(r);
  EXPECT_EQ(failures(r).find("watchdog"), std::string::npos) << failures(r);
}

TEST(Runner, SkippedCommandsAreNotPassed) {
  RunOptions options;
  options.skip_lines[3] = "outdated";
  RunReport r = run(R"(
(module (func (export "f") (result i32) (i32.const 1)))
(assert_return (invoke "f") (i32.const 2))
(assert_return (invoke "f") (i32.const 1))
)",
                    options);
  EXPECT_EQ(r.passed, 2u) << failures(r);
  EXPECT_EQ(r.failed, 0u) << failures(r);
  EXPECT_EQ(r.skipped, 1u);
}

}  // namespace
}  // namespace wasm::wast

namespace wasm::wast {
namespace {

RunOptions linking(bool stubs = false) {
  RunOptions o;
  o.features.module_linking = true;
  o.stub_imports = stubs;
  return o;
}

// Module Linking: a registered instance is importable as a whole (single-level instance import)
// and its exported modules and instances by two-level imports.
TEST(RunnerLinking, RegisteredInstancesAndTheirModules) {
  RunReport r = run(R"(
(module $P
  (module $leaf (func (export "f") (result i32) (i32.const 11)))
  (export "leaf" (module $leaf))
  (func (export "f") (result i32) (i32.const 5)))
(register "p" $P)
(register "q" $P)
(module
  (import "p" (instance $p (export "f" (func (result i32)))))
  (import "q" "leaf" (module $leaf (export "f" (func (result i32)))))
  (instance $l (instantiate $leaf))
  (func (export "sum") (result i32) (i32.add (call (func $p "f")) (call (func $l "f")))))
(assert_return (invoke "sum") (i32.const 16))
(assert_unlinkable
  (module (import "p" (instance (export "missing" (func)))))
  "incompatible import type")
)",
                    linking());
  EXPECT_EQ(r.failed, 0u) << failures(r);
  EXPECT_EQ(r.passed, 6u);
}

TEST(RunnerLinking, UnknownImportsWithoutAndWithStubs) {
  const char* script = R"(
(module
  (import "wasi" (instance $w (export "read" (func (result i32)))))
  (import "lib" (module $m (export "g" (global i32))))
  (instance $i (instantiate $m))
  (func (export "read") (result i32) (call (func $w "read")))
  (export "g" (global $i "g")))
(assert_return (invoke "read") (i32.const 0))
(assert_return (get "g") (i32.const 0))
)";
  RunReport plain = run(script, linking());
  EXPECT_EQ(plain.failed, 3u);  // unknown import, then no instance for the actions
  RunReport stubbed = run(script, linking(true));
  EXPECT_EQ(stubbed.failed, 0u) << failures(stubbed);
  EXPECT_EQ(stubbed.passed, 3u);
}

}  // namespace
}  // namespace wasm::wast
