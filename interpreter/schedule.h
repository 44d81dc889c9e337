// Schedules (`run --schedule=deterministic|random:SEED`, wast/schedule.h): the threads of one
// store take turns, one reduction at a time, as a scheduler decides, instead of running at once
// on their OS threads. The interpreter asks before every reduction and hands it the threads'
// waits and notifies; everything else is the scheduler's.
#pragma once

#include <cstdint>
#include <functional>

namespace wasm::interp {

class Scheduler {
 public:
  virtual ~Scheduler() = default;
  // Before every reduction of the calling thread: the turn may pass to another thread; this
  // returns when the caller has it again.
  virtual void before_step() = 0;
  // spec (threads): memory.atomic.wait on `queue` (a memory) at `address`; `equal` compares the
  // memory's value with the expected one. The result as the instruction returns it (0 woken,
  // 1 not-equal, 2 timed-out), or a trap message (a deadlock: no thread could ever notify).
  struct WaitResult {
    uint32_t value = 0;
    const char* trap = nullptr;
  };
  virtual WaitResult wait(const void* queue, uint64_t address, const std::function<bool()>& equal,
                          int64_t timeout_ns) = 0;
  // spec (threads): memory.atomic.notify: wakes up to `count` waiters, oldest first.
  virtual uint32_t notify(const void* queue, uint64_t address, uint32_t count) = 0;
};

// The trap of a wait no thread can end.
inline constexpr char kDeadlockMessage[] = "deadlock: every thread is waiting";

}  // namespace wasm::interp
