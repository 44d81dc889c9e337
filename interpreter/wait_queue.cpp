// The waiter queues of a shared memory (see wait_queue.h).
#include "interpreter/wait_queue.h"

#include <algorithm>
#include <chrono>

namespace wasm::interp {

WaitQueue::Result WaitQueue::wait(uint64_t address, const std::function<bool()>& equal,
                                  int64_t timeout_ns, const std::function<bool()>& interrupted) {
  std::unique_lock lock(mutex_);
  if (!equal()) return Result::NotEqual;
  if (timeout_ns == 0) return Result::TimedOut;  // nothing can notify in no time
  Waiter self;
  std::deque<Waiter*>& queue = queues_[address];
  queue.push_back(&self);
  auto done = [&] { return self.woken || interrupted(); };
  if (timeout_ns < 0) {
    self.cv.wait(lock, done);
  } else {
    // Timeouts beyond ~146 years are clamped so that the deadline cannot overflow.
    int64_t ns = std::min<int64_t>(timeout_ns, int64_t(1) << 62);
    auto deadline = std::chrono::steady_clock::now() + std::chrono::nanoseconds(ns);
    self.cv.wait_until(lock, deadline, done);
  }
  if (self.woken) return Result::Woken;  // notify already removed it from the queue
  std::deque<Waiter*>& q = queues_[address];
  q.erase(std::find(q.begin(), q.end(), &self));
  if (q.empty()) queues_.erase(address);
  return interrupted() ? Result::Interrupted : Result::TimedOut;
}

uint32_t WaitQueue::notify(uint64_t address, uint32_t count) {
  std::lock_guard lock(mutex_);
  auto it = queues_.find(address);
  if (it == queues_.end()) return 0;
  uint32_t woken = 0;
  while (woken < count && !it->second.empty()) {
    Waiter* w = it->second.front();
    it->second.pop_front();
    w->woken = true;
    w->cv.notify_one();
    ++woken;
  }
  if (it->second.empty()) queues_.erase(it);
  return woken;
}

void WaitQueue::interrupt_all() {
  std::lock_guard lock(mutex_);
  for (auto& [address, queue] : queues_)
    for (Waiter* w : queue) w->cv.notify_one();
}

size_t WaitQueue::waiting(uint64_t address) {
  std::lock_guard lock(mutex_);
  auto it = queues_.find(address);
  return it == queues_.end() ? 0 : it->second.size();
}

}  // namespace wasm::interp
