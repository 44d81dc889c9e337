// Internals of the script runner (wast/runner.h), shared by runner.cpp (modules, registry,
// actions) and runner_assert.cpp (assertions).
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <variant>

#include "spec/validate.h"
#include "wast/outcome.h"
#include "wast/runner.h"
#include "wast/thread_builtins.h"
#include "wast/values.h"
#include "wast/watchdog.h"

namespace wasm::wast::detail {

// A module that loaded and validated; kept alive for the whole run since instances made from it
// may refer to it.
struct Definition {
  Module module;
  ValidatedModule valid;
};
using DefinitionPtr = std::shared_ptr<const Definition>;

struct ThreadTask;

// The reference's `modules`, `instances` and `registry` maps. Key "" is the latest binding.
// A null definition or an absent instance marks a module that failed to load: later commands
// naming it report that instead of running against an older module.
struct Scope {
  std::map<std::string, DefinitionPtr> modules;
  std::map<std::string, std::optional<interp::InstanceAddr>> instances;
  std::map<std::string, std::optional<interp::InstanceAddr>> registry;  // nullopt: spectest
  std::map<std::string, std::shared_ptr<ThreadTask>> threads;
  std::vector<std::shared_ptr<ThreadTask>> spawned;  // in start order, for joining at the end
};

// An action's result: a script error (unknown export, wrong arguments, ...) or the outcome.
struct ActionResult {
  std::string error;  // non-empty: the action could not run
  interp::Outcome outcome;
};

class Runner {
 public:
  Runner(interp::Engine& engine, const Source& source, const RunOptions& options,
         Watchdog* watchdog)
      : engine_(engine), source_(source), options_(options), watchdog_(watchdog) {}

  void run(const std::vector<text::Command>& commands, Scope& scope);
  // Joins the threads of `scope` nobody waited for, merging their reports.
  void join_all(Scope& scope);
  RunReport report;
  bool recover_interrupts = false;  // clear the engine's interrupt after each command
  TurnScheduler* scheduler = nullptr;  // --schedule: the script's threads take turns
  ThreadBuiltins* builtins = nullptr;  // the `thread` host module (spawning)

 private:
  void command(const text::Command& c, Scope& scope);
  void module(const text::Command& c, Scope& scope);
  void module_instance(const text::Command& c, Scope& scope);
  void do_register(const text::Command& c, Scope& scope);
  void action(const text::Command& c, Scope& scope);
  void thread(const text::Command& c, Scope& scope);
  bool sharable(const interp::ExternVal& e);  // may a (thread ...) block use this export
  void wait(const text::Command& c, Scope& scope);
  void join(ThreadTask& task);

  // runner_assert.cpp
  void assert_return(const text::Command& c, Scope& scope);
  void assert_action_fails(const text::Command& c, Scope& scope);
  void assert_malformed(const text::Command& c);
  void assert_invalid(const text::Command& c);
  void assert_instantiation(const text::Command& c, Scope& scope);
  bool message_matches(const std::string& got, const std::string& expected) const;
  std::string module_outcome(const Module& m) const;

  // Modules: load (parse/decode) and validate; then link and instantiate.
  Result<DefinitionPtr> define(const text::ScriptModule& m);
  Result<interp::InstanceAddr> instantiate(const Definition& d, const Scope& scope);
  std::optional<interp::ExternVal> resolve_import(const Import& import, const Scope& scope);
  // The instance named by id (or the latest); an error message when there is none.
  std::variant<interp::InstanceAddr, std::string> lookup_instance(
      const std::optional<std::string>& id, const Scope& scope) const;
  ActionResult run_action(const text::Action& a, const Scope& scope);
  std::string check_arguments(const text::Action& a, const FuncType& type) const;
  interp::Value argument_value(const text::ScriptValue& v) const;
  std::string describe_outcome(const interp::Outcome& o) const;
  std::string describe_values(const std::vector<interp::Value>& vs) const;
  std::string describe_load_error(const text::ScriptModule& m, const Error& e) const;
  InspectRef inspector() const;

  void pass(const text::Command& c);
  void fail(const text::Command& c, const std::string& message);
  // line_column for command positions, which mostly increase: scanning on from the previous
  // position keeps a script's reporting linear instead of quadratic.
  std::pair<uint32_t, uint32_t> position(uint32_t offset);
  uint32_t cursor_offset_ = 0, cursor_line_ = 1, cursor_column_ = 1;
  // The current command's actual outcome (wast/outcome.h), recorded by pass/fail.
  std::string outcome_;
  void record_outcome(const text::Command& c, uint32_t line);

  interp::Engine& engine_;
  const Source& source_;
  const RunOptions& options_;
  Watchdog* watchdog_;  // null: no time limit
  std::vector<DefinitionPtr> keep_alive_;
};

// A running `thread` body: its own runner and scope, on an OS thread.
struct ThreadTask {
  std::unique_ptr<Runner> runner;
  Scope scope;
  std::thread os_thread;
  uint32_t schedule_id = 0;  // its thread in the runner's TurnScheduler
  bool joined = false;
};

const char* command_name(const text::Command& c);
const char* phase_word(Phase p);  // "link failure", "runtime trap", ...

}  // namespace wasm::wast::detail
