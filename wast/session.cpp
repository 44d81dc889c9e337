// Sessions (wast/session.h): one scope, engine and watchdog for a sequence of scripts.
#include "wast/session.h"

#include <algorithm>
#include <deque>

#include "wast/runner_impl.h"

namespace wasm::wast {

struct Session::State {
  RunOptions options;
  std::unique_ptr<interp::Engine> own_engine;
  interp::Engine& engine;
  std::unique_ptr<Watchdog> watchdog;
  detail::Scope scope;
  std::unique_ptr<ThreadBuiltins> builtins;  // the `thread` host module's threads and state
  // One runner per script (a runner reports against its script's source); kept for the
  // definitions they keep alive.
  std::deque<detail::Runner> runners;

  State(std::unique_ptr<interp::Engine> owned, interp::Engine& e, const RunOptions& o)
      : options(o), own_engine(std::move(owned)), engine(e) {
    // Every script gets the watchdog: running code polls for its interrupt at backward
    // branches, calls and handler jumps, and it wakes a memory.atomic.wait nobody notifies.
    if (options.command_time_limit.count() > 0)
      watchdog = std::make_unique<Watchdog>(options.command_time_limit,
                                            [&engine = engine] { engine.interrupt(); });
    scope.registry["spectest"] = std::nullopt;
    builtins = std::make_unique<ThreadBuiltins>(engine, options.features.shared_everything);
  }
};

Session::Session(const RunOptions& options) {
  auto engine = std::make_unique<interp::Engine>(options.engine);
  interp::Engine& e = *engine;
  state_ = std::make_unique<State>(std::move(engine), e, options);
}

Session::Session(interp::Engine& engine, const RunOptions& options)
    : state_(std::make_unique<State>(nullptr, engine, options)) {}

Session::~Session() = default;

RunReport Session::run(const Source& source, const text::Script& script) {
  State& s = *state_;
  bool has_threads =
      std::any_of(script.commands.begin(), script.commands.end(),
                  [](const text::Command& c) { return c.kind == text::Command::Kind::Thread; });
  detail::Runner& runner = s.runners.emplace_back(s.engine, source, s.options, s.watchdog.get());
  // In a script without threads an interrupted command fails and the next one runs; with
  // threads, they all share the store, so it stays interrupted.
  runner.recover_interrupts = !has_threads;
  // --schedule: the threads take turns (the turns are this call's: its threads end in it).
  std::unique_ptr<TurnScheduler> scheduler;
  if (s.options.schedule.kind != Schedule::Kind::Os) {
    scheduler = std::make_unique<TurnScheduler>(s.options.schedule);
    s.engine.set_scheduler(scheduler.get());
    runner.scheduler = scheduler.get();
  }
  s.builtins->set_scheduler(scheduler.get());
  runner.builtins = s.builtins.get();
  runner.run(script.commands, s.scope);
  runner.join_all(s.scope);
  {  // threads spawned by the script's code end with it, watched like a command
    Watchdog::Guard guard = s.watchdog ? s.watchdog->arm() : Watchdog::Guard();
    s.builtins->join_all(runner.report);
  }
  s.builtins->set_scheduler(nullptr);
  if (scheduler) s.engine.set_scheduler(nullptr);
  RunReport report = std::move(runner.report);
  runner.report = RunReport();
  // Threads' checks were merged when joined: back to source order.
  std::stable_sort(report.checks.begin(), report.checks.end(),
                   [](const CheckResult& a, const CheckResult& b) {
                     return std::pair(a.line, a.column) < std::pair(b.line, b.column);
                   });
  // With threads, the whole script was stopped: say so once (each interrupted command of a
  // script without threads fails on its own).
  if (s.watchdog && s.watchdog->fired() && has_threads) {
    std::string message = cat("watchdog: a command ran longer than ", s.watchdog->limit().count(),
                              " ms; the script's threads were interrupted");
    report.checks.push_back(CheckResult{0, 0, "script", false, message});
    ++report.failed;
    report.log += cat(source.name, ": ", message, "\n");
  }
  return report;
}

std::optional<FuncType> Session::export_func_type(std::string_view name) const {
  auto it = state_->scope.instances.find("");
  if (it == state_->scope.instances.end() || !it->second) return std::nullopt;
  std::optional<interp::ExternVal> ext = state_->engine.get_export(*it->second, name);
  if (!ext || ext->kind != ExternKind::Func) return std::nullopt;
  return state_->engine.func_type(ext->addr);
}

const TypeStore& Session::types() const { return state_->engine.types(); }

void Session::set_trace(std::FILE* out) { state_->engine.set_trace(out); }
void Session::set_trace(std::FILE* out, interp::TraceFormat format) {
  state_->engine.set_trace(out, format);
}

RunReport run_script(interp::Engine& engine, const Source& source, const text::Script& script,
                     const RunOptions& options) {
  return Session(engine, options).run(source, script);
}

RunReport run_script(const Source& source, const text::Script& script, const RunOptions& options) {
  return Session(options).run(source, script);
}

}  // namespace wasm::wast
