// The runner's watchdog: every command a script's threads (or the main script) run must finish
// within a time limit; when one does not, the watchdog interrupts the store
// (interp::Engine::interrupt): running code stops with an exhaustion, waiters wake up, and the
// command fails instead of hanging (an endless loop, a deadlock, a lost notify, a spin loop on a
// flag nobody sets). It fires again for a later command once the runner has cleared the
// interrupt.
//
// One timer thread serves every Watchdog of the process (each session has its own): it starts
// at the first command armed and sleeps until the earliest deadline, so a run of many scripts
// creates one thread, not one per script.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <set>
#include <utility>

namespace wasm::wast {

class Watchdog {
 public:
  using Clock = std::chrono::steady_clock;
  class Service;  // the process's timer thread (watchdog.cpp)

  // `on_fire` runs on the timer thread when a deadline of this watchdog passes.
  Watchdog(std::chrono::milliseconds limit, std::function<void()> on_fire);
  ~Watchdog();  // waits for an on_fire in progress; every Guard must have ended
  Watchdog(const Watchdog&) = delete;
  Watchdog& operator=(const Watchdog&) = delete;

  using Deadlines = std::multiset<std::pair<Clock::time_point, Watchdog*>>;

  // While a Guard lives, its command must finish before `limit` has passed.
  class Guard {
   public:
    Guard() = default;  // watches nothing
    Guard(Guard&& other) noexcept : dog_(other.dog_), it_(other.it_) { other.dog_ = nullptr; }
    Guard& operator=(Guard&&) = delete;
    ~Guard();

   private:
    friend class Watchdog;
    Guard(Watchdog* dog, Deadlines::iterator it) : dog_(dog), it_(it) {}
    Watchdog* dog_ = nullptr;
    Deadlines::iterator it_;
  };
  Guard arm();

  bool fired() const { return fired_; }
  std::chrono::milliseconds limit() const { return limit_; }

 private:
  friend class Service;
  std::chrono::milliseconds limit_;
  std::function<void()> on_fire_;
  std::atomic<bool> fired_ = false;
  // Guarded by the service's mutex. After firing, a watchdog is paused: the command that
  // overran is being stopped, so it fires again only once a command of its own is armed or ends.
  bool paused_ = false;
};

}  // namespace wasm::wast
