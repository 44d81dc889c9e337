// The waiter queues of a shared memory — threads proposal (Overview.md: Wait and Notify
// Operators; the spec text's wait/notify events): `memory.atomic.wait32/64` suspends the thread
// on an address until a `memory.atomic.notify` on that address wakes it or its timeout passes.
//
// One mutex guards the queues of all addresses of a memory, like a futex's hash bucket. A waiter
// compares the memory's value and enqueues itself under that mutex, so a notify (which takes the
// same mutex) either sees it in the queue or happens before the comparison: no wake-up is lost.
// Waiters are woken in FIFO order, as the proposal requires.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <mutex>

namespace wasm::interp {

class WaitQueue {
 public:
  enum class Result : uint8_t { Woken = 0, NotEqual = 1, TimedOut = 2, Interrupted = 3 };

  // spec (threads): memory.atomic.wait — `equal` reads the memory (atomically) and compares it
  // with the expected value; it runs under the queue's lock. timeout_ns < 0: no timeout.
  // `interrupted` is polled when woken up (see interrupt_all).
  Result wait(uint64_t address, const std::function<bool()>& equal, int64_t timeout_ns,
              const std::function<bool()>& interrupted);

  // spec (threads): memory.atomic.notify — wakes up to `count` waiters on the address, oldest
  // first; returns how many were woken.
  uint32_t notify(uint64_t address, uint32_t count);

  // Wakes every waiter so that it re-checks its `interrupted` predicate (the runner's watchdog).
  void interrupt_all();

  // Number of threads waiting on the address (tests).
  size_t waiting(uint64_t address);

 private:
  struct Waiter {
    std::condition_variable cv;
    bool woken = false;
  };
  std::mutex mutex_;
  std::map<uint64_t, std::deque<Waiter*>> queues_;
};

}  // namespace wasm::interp
