// The runner's watchdog: every command a script's threads (or the main script) run must finish
// within a time limit; when one does not, the watchdog interrupts the store
// (interp::Engine::interrupt): running code stops with an exhaustion, waiters wake up, and the
// command fails instead of hanging (an endless loop, a deadlock, a lost notify, a spin loop on a
// flag nobody sets). It fires again for a later command once the runner has cleared the
// interrupt.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <set>
#include <thread>

namespace wasm::wast {

class Watchdog {
 public:
  using Clock = std::chrono::steady_clock;

  // `on_fire` runs once, on the watchdog's thread, when a deadline passes.
  Watchdog(std::chrono::milliseconds limit, std::function<void()> on_fire);
  ~Watchdog();
  Watchdog(const Watchdog&) = delete;
  Watchdog& operator=(const Watchdog&) = delete;

  // While a Guard lives, its command must finish before `limit` has passed.
  class Guard {
   public:
    Guard() = default;  // watches nothing
    Guard(Guard&& other) noexcept : dog_(other.dog_), it_(other.it_) { other.dog_ = nullptr; }
    Guard& operator=(Guard&&) = delete;
    ~Guard();

   private:
    friend class Watchdog;
    Guard(Watchdog* dog, std::multiset<Clock::time_point>::iterator it) : dog_(dog), it_(it) {}
    Watchdog* dog_ = nullptr;
    std::multiset<Clock::time_point>::iterator it_;
  };
  Guard arm();

  bool fired() const { return fired_; }
  std::chrono::milliseconds limit() const { return limit_; }

 private:
  void loop();

  std::chrono::milliseconds limit_;
  std::function<void()> on_fire_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::multiset<Clock::time_point> deadlines_;
  uint64_t generation_ = 0;          // counts changes of deadlines_
  bool waiting_for_change_ = false;  // loop() waits for generation_ to change after firing
  bool stop_ = false;
  std::atomic<bool> fired_ = false;
  std::thread thread_;
};

}  // namespace wasm::wast
