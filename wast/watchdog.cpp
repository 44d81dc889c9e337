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
  if (it == deadlines_.begin()) changed_.notify_all();
  return Guard(this, it);
}

Watchdog::Guard::~Guard() {
  if (dog_ == nullptr) return;
  std::lock_guard lock(dog_->mutex_);
  dog_->deadlines_.erase(it_);
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
    lock.unlock();
    on_fire_();
    return;  // once interrupted, the store stays interrupted
  }
}

}  // namespace wasm::wast
