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

Watchdog::Guard Watchdog::arm() {
  std::lock_guard lock(mutex_);
  auto it = deadlines_.insert(Clock::now() + limit_);
  ++generation_;
  changed_.notify_all();
  return Guard(this, it);
}

Watchdog::Guard::~Guard() {
  if (dog_ == nullptr) return;
  std::lock_guard lock(dog_->mutex_);
  dog_->deadlines_.erase(it_);
  ++dog_->generation_;
  dog_->changed_.notify_all();
}

void Watchdog::loop() {
  std::unique_lock lock(mutex_);
  while (!stop_) {
    if (deadlines_.empty()) {
      changed_.wait(lock);
      continue;
    }
    Clock::time_point first = *deadlines_.begin();
    if (Clock::now() < first) {
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
    changed_.wait(lock, [&] { return stop_ || generation_ != generation; });
  }
}

}  // namespace wasm::wast
