// `run --schedule=deterministic|random:SEED` (docs/threads.md): the threads of a script take
// turns on one store, one reduction at a time. Each script thread still has its OS thread (its
// runner is an ordinary C++ call stack), but only the thread holding the turn runs; before each
// reduction the scheduler names the next one: round robin (deterministic) or a uniformly random
// runnable thread (random, from SEED). The same script and schedule give the same interleaving.
//
// Waiting (memory.atomic.wait, `wait $t`) passes the turn. When no thread can run, time moves
// on: the oldest wait with a timeout times out; if every wait is without one, they all trap
// with kDeadlockMessage.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <random>
#include <string>
#include <vector>

#include "interpreter/schedule.h"

namespace wasm::wast {

struct Schedule {
  enum class Kind : uint8_t { Os, Deterministic, Random } kind = Kind::Os;
  uint64_t seed = 0;
};

// "os", "deterministic", "random:SEED"; false for anything else.
bool parse_schedule(std::string_view text, Schedule& out);

class TurnScheduler final : public interp::Scheduler {
 public:
  // The calling thread becomes thread 0 and holds the turn.
  explicit TurnScheduler(const Schedule& schedule);

  uint32_t add_thread();    // a new thread, runnable, that waits in start() for its first turn
  void start(uint32_t id);  // on the new thread's OS thread, before it does anything
  void finish();            // the calling thread is done: its joiners may run, the turn passes
  void join(uint32_t id);   // the calling thread waits until thread `id` is done

  void before_step() override;
  WaitResult wait(const void* queue, uint64_t address, const std::function<bool()>& equal,
                  int64_t timeout_ns) override;
  uint32_t notify(const void* queue, uint64_t address, uint32_t count) override;

  uint64_t switches() const { return switches_; }  // how often the turn changed hands

 private:
  enum class State : uint8_t { Runnable, Waiting, Joining, Done };
  struct ThreadState {
    State state = State::Runnable;
    const void* queue = nullptr;  // Waiting: on which memory, address, since when (order)
    uint64_t address = 0;
    uint64_t since = 0;
    bool timed = false;
    uint32_t result = 0;  // Waiting: what the wait returns once woken
    const char* trap = nullptr;
    uint32_t joins = 0;  // Joining: the thread waited for
  };

  uint32_t self() const;
  // Chooses who runs next (resolving timeouts and deadlocks when nobody can), hands over the
  // turn and waits until the caller has it again (if the caller is still to run).
  void pass(std::unique_lock<std::mutex>& lock);
  uint32_t choose();
  void await_turn(std::unique_lock<std::mutex>& lock, uint32_t id);

  Schedule schedule_;
  std::mutex mutex_;
  std::condition_variable turn_;
  std::vector<ThreadState> threads_;
  uint32_t current_ = 0;
  uint64_t waits_ = 0;  // orders the waits
  uint64_t switches_ = 0;
  std::mt19937_64 random_;
};

}  // namespace wasm::wast
