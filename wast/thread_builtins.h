// The `thread` host module (docs/threads.md): thread spawning for core modules, after the
// canonical built-ins of the shared-everything-threads proposal (Overview.md, "Thread
// management builtins"). A script imports them like spectest's exports:
//   (import "thread" "spawn_ref" (func (param funcref i32) (result i32)))
//   (import "thread" "spawn_indirect" (func (param i32 i32) (result i32)))
//   (import "thread" "table" (table 1 funcref))   ;; spawn_indirect's table
//   (import "thread" "available_parallelism" (func (result i32)))
// spawn_ref(f, c) starts a thread running f(c) (f of type [i32] -> []) in the same store and
// returns its id (1, 2, ...); spawn_indirect(i, c) does the same with the function in slot i of
// the module's one table (the canonical built-in fixes the table and the type when it is
// defined; here the table is the host module's own). A null or ill-typed function traps in the
// caller. A spawned thread that traps is reported with its id and message when the script
// ends, which waits for every spawned thread. Under a schedule (wast/schedule.h) spawned
// threads take turns like the script's.
//
// With --enable shared-everything-threads the built-ins have the canonical ABI's types and
// results (CanonicalABI.md, "canon thread.spawn_ref" ...), with $ft = (shared (func (param
// i32))):
//   (import "thread" "spawn_ref" (func (param (ref null $ft)) (param i32) (result i32)))
//   (import "thread" "spawn_indirect" (func (param i32 i32) (result i32)))
//   (import "thread" "table" (table shared 1 (ref null (shared func))))
//   (import "thread" "available_parallelism" (func shared (result i32)))
// A successful spawn returns 0; spawn_indirect traps unless the slot's function has type $ft.
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "interpreter/engine.h"
#include "wast/runner.h"
#include "wast/schedule.h"

namespace wasm::wast {

class ThreadBuiltins {
 public:
  // shared_everything: the canonical ABI's shared types and results (above).
  ThreadBuiltins(interp::Engine& engine, bool shared_everything)
      : engine_(engine), shared_(shared_everything) {}
  ~ThreadBuiltins();
  ThreadBuiltins(const ThreadBuiltins&) = delete;
  ThreadBuiltins& operator=(const ThreadBuiltins&) = delete;

  // The export `name` of the module, or nullopt. The functions and the table are made once.
  std::optional<interp::ExternVal> lookup(std::string_view name);
  // The threads spawned from now on take turns under `s` (null: OS threads).
  void set_scheduler(TurnScheduler* s) { scheduler_ = s; }
  // Waits for every thread spawned so far; each one that did not return adds a failed check.
  void join_all(RunReport& report);

 private:
  // Starts func(context) on a new thread; `check`: first trap unless func has the start type.
  interp::Outcome spawn(interp::Addr func, uint32_t context, bool check);
  std::optional<interp::Outcome> check_type(interp::Addr func);

  struct Spawned {
    uint32_t id = 0, schedule_id = 0;
    std::thread os_thread;
    std::string error;  // set by the thread when it ends without returning
  };

  interp::Engine& engine_;
  bool shared_ = false;
  TypeId start_type_ = 0;  // shared_: $ft, the type a spawned function must have
  TurnScheduler* scheduler_ = nullptr;
  std::mutex mutex_;
  std::vector<std::unique_ptr<Spawned>> spawned_;
  uint32_t next_id_ = 1;
  std::optional<interp::ExternVal> spawn_ref_, spawn_indirect_, table_, parallelism_;
};

}  // namespace wasm::wast
