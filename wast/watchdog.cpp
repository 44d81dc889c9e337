// The runner's watchdog (see watchdog.h).
#include "wast/watchdog.h"

namespace wasm::wast {

Watchdog::Watchdog(std::chrono::milliseconds limit, std::function<void()> on_fire)
    : limit_(limit), on_fire_(std::move(on_fire)), thread_([this] { loop(); }) {}

Watchdog::~Watchdog() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  changed_.notify_all();
  thread_.join();
}

// Arming and disarming wake the watchdog only while it waits for the set to change after
// firing: a new deadline is never earlier than the one it sleeps until (every deadline is
// now + limit, and an empty set sleeps for one limit), and a removed one at most wakes it early.
// So a command costs two uncontended locks, not two futex wake-ups and context switches.
Watchdog::Guard Watchdog::arm() {
  std::lock_guard lock(mutex_);
  auto it = deadlines_.insert(Clock::now() + limit_);
  ++generation_;
  if (waiting_for_change_) changed_.notify_all();
  return Guard(this, it);
}

Watchdog::Guard::~Guard() {
  if (dog_ == nullptr) return;
  std::lock_guard lock(dog_->mutex_);
  dog_->deadlines_.erase(it_);
  ++dog_->generation_;
  if (dog_->waiting_for_change_) dog_->changed_.notify_all();
}

void Watchdog::loop() {
  std::unique_lock lock(mutex_);
  while (!stop_) {
    Clock::time_point now = Clock::now();
    if (deadlines_.empty()) {
      changed_.wait_until(lock, now + limit_);
      continue;
    }
    Clock::time_point first = *deadlines_.begin();
    if (now < first) {
      changed_.wait_until(lock, first);
      continue;
    }
    fired_ = true;
    uint64_t generation = generation_;
    lock.unlock();
    on_fire_();
    lock.lock();
    // The command that overran is being stopped: fire again only once the set of commands
    // watched has changed (the runner clears the interrupt when nothing else runs).
    waiting_for_change_ = true;
    changed_.wait(lock, [&] { return stop_ || generation_ != generation; });
    waiting_for_change_ = false;
  }
}

}  // namespace wasm::wast
