// The runner's watchdog (see watchdog.h).
#include "wast/watchdog.h"

#include <condition_variable>
#include <mutex>
#include <thread>

namespace wasm::wast {

// The timer thread and every watchdog's deadlines. Arming and disarming take one uncontended
// lock and wake the thread only when a deadline is earlier than the one it sleeps until (never,
// when every watchdog has the same limit: a new deadline is now + limit).
class Watchdog::Service {
 public:
  static Service& get() {
    static Service service;
    return service;
  }

  Deadlines::iterator arm(Watchdog* dog) {
    std::lock_guard lock(mutex_);
    if (!thread_.joinable()) thread_ = std::thread([this] { loop(); });
    Clock::time_point deadline = Clock::now() + dog->limit_;
    auto it = deadlines_.insert({deadline, dog});
    changed(dog);
    if (deadline < sleeping_until_) woken_.notify_all();
    return it;
  }

  void disarm(Watchdog* dog, Deadlines::iterator it) {
    std::lock_guard lock(mutex_);
    deadlines_.erase(it);
    changed(dog);
  }

  // Returns once no on_fire of `dog` runs.
  void retire(Watchdog* dog) {
    std::unique_lock lock(mutex_);
    fired_.wait(lock, [&] { return firing_ != dog; });
  }

  ~Service() {
    {
      std::lock_guard lock(mutex_);
      stop_ = true;
    }
    woken_.notify_all();
    if (thread_.joinable()) thread_.join();
  }

 private:
  // A command of `dog` was armed or has ended: a paused watchdog's deadlines count again.
  void changed(Watchdog* dog) {
    if (!dog->paused_) return;
    dog->paused_ = false;
    woken_.notify_all();
  }

  // The earliest deadline of a watchdog that is not paused.
  Deadlines::iterator earliest() {
    for (auto it = deadlines_.begin(); it != deadlines_.end(); ++it)
      if (!it->second->paused_) return it;
    return deadlines_.end();
  }

  void loop() {
    std::unique_lock lock(mutex_);
    while (!stop_) {
      auto first = earliest();
      if (first == deadlines_.end()) {
        sleeping_until_ = Clock::time_point::max();
        woken_.wait(lock);
        continue;
      }
      if (Clock::now() < first->first) {
        sleeping_until_ = first->first;
        woken_.wait_until(lock, sleeping_until_);
        continue;
      }
      sleeping_until_ = Clock::time_point::min();  // awake: nobody needs to wake it
      Watchdog* dog = first->second;
      dog->fired_ = true;
      dog->paused_ = true;
      firing_ = dog;
      lock.unlock();
      dog->on_fire_();
      lock.lock();
      firing_ = nullptr;
      fired_.notify_all();
    }
  }

  std::mutex mutex_;
  std::condition_variable woken_;  // the timer thread: a deadline or a stop
  std::condition_variable fired_;  // retire(): an on_fire ended
  Deadlines deadlines_;
  Clock::time_point sleeping_until_ = Clock::time_point::min();
  Watchdog* firing_ = nullptr;
  bool stop_ = false;
  std::thread thread_;
};

Watchdog::Watchdog(std::chrono::milliseconds limit, std::function<void()> on_fire)
    : limit_(limit), on_fire_(std::move(on_fire)) {}

Watchdog::~Watchdog() { Service::get().retire(this); }

Watchdog::Guard Watchdog::arm() { return Guard(this, Service::get().arm(this)); }

Watchdog::Guard::~Guard() {
  if (dog_ != nullptr) Watchdog::Service::get().disarm(dog_, it_);
}

}  // namespace wasm::wast
