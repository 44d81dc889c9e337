// Schedules (see wast/schedule.h).
#include "wast/schedule.h"

#include <charconv>
#include <limits>

namespace wasm::wast {
namespace {

thread_local uint32_t tls_thread_id = 0;

}  // namespace

bool parse_schedule(std::string_view text, Schedule& out) {
  if (text == "os") {
    out = Schedule{Schedule::Kind::Os, 0};
    return true;
  }
  if (text == "deterministic") {
    out = Schedule{Schedule::Kind::Deterministic, 0};
    return true;
  }
  constexpr std::string_view kRandom = "random:";
  if (!text.starts_with(kRandom)) return false;
  std::string_view digits = text.substr(kRandom.size());
  uint64_t seed = 0;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), seed);
  if (ec != std::errc() || end != digits.data() + digits.size() || digits.empty()) return false;
  out = Schedule{Schedule::Kind::Random, seed};
  return true;
}

TurnScheduler::TurnScheduler(const Schedule& schedule)
    : schedule_(schedule), threads_(1), random_(schedule.seed) {
  tls_thread_id = 0;
}

uint32_t TurnScheduler::self() const { return tls_thread_id; }

uint32_t TurnScheduler::add_thread() {
  std::lock_guard lock(mutex_);
  threads_.emplace_back();
  return uint32_t(threads_.size() - 1);
}

void TurnScheduler::start(uint32_t id) {
  tls_thread_id = id;
  std::unique_lock lock(mutex_);
  await_turn(lock, id);
}

void TurnScheduler::finish() {
  std::unique_lock lock(mutex_);
  uint32_t id = self();
  threads_[id].state = State::Done;
  for (ThreadState& t : threads_)
    if (t.state == State::Joining && t.joins == id) t.state = State::Runnable;
  pass(lock);
}

void TurnScheduler::join(uint32_t id) {
  std::unique_lock lock(mutex_);
  if (threads_[id].state == State::Done) return;
  ThreadState& me = threads_[self()];
  me.state = State::Joining;
  me.joins = id;
  pass(lock);
}

void TurnScheduler::before_step() {
  std::unique_lock lock(mutex_);
  pass(lock);
}

interp::Scheduler::WaitResult TurnScheduler::wait(const void* queue, uint64_t address,
                                                  const std::function<bool()>& equal,
                                                  int64_t timeout_ns) {
  std::unique_lock lock(mutex_);
  // spec (threads): the comparison and the suspension are one step: nobody else runs between.
  if (!equal()) return {1, nullptr};
  if (timeout_ns == 0) return {2, nullptr};
  ThreadState& me = threads_[self()];
  me.state = State::Waiting;
  me.queue = queue;
  me.address = address;
  me.since = waits_++;
  me.timed = timeout_ns > 0;
  me.trap = nullptr;
  pass(lock);
  ThreadState& after = threads_[self()];
  return {after.result, after.trap};
}

uint32_t TurnScheduler::notify(const void* queue, uint64_t address, uint32_t count) {
  std::lock_guard lock(mutex_);
  uint32_t woken = 0;
  while (woken < count) {  // oldest first
    ThreadState* oldest = nullptr;
    for (ThreadState& t : threads_)
      if (t.state == State::Waiting && t.queue == queue && t.address == address &&
          (oldest == nullptr || t.since < oldest->since))
        oldest = &t;
    if (oldest == nullptr) break;
    oldest->state = State::Runnable;
    oldest->result = 0;
    ++woken;
  }
  return woken;
}

uint32_t TurnScheduler::choose() {
  auto runnable = [&] {
    std::vector<uint32_t> r;
    for (uint32_t i = 0; i < threads_.size(); ++i)
      if (threads_[i].state == State::Runnable) r.push_back(i);
    return r;
  };
  std::vector<uint32_t> r = runnable();
  if (r.empty()) {
    // Nobody can run: time passes. The oldest wait with a timeout times out; with none, every
    // wait is a deadlock.
    ThreadState* oldest = nullptr;
    for (ThreadState& t : threads_)
      if (t.state == State::Waiting && t.timed && (oldest == nullptr || t.since < oldest->since))
        oldest = &t;
    if (oldest != nullptr) {
      oldest->state = State::Runnable;
      oldest->result = 2;
    } else {
      for (ThreadState& t : threads_)
        if (t.state == State::Waiting) t.state = State::Runnable, t.trap = interp::kDeadlockMessage;
    }
    r = runnable();
    if (r.empty()) return std::numeric_limits<uint32_t>::max();  // all done (or joins on them)
  }
  if (schedule_.kind == Schedule::Kind::Random)
    return r[std::uniform_int_distribution<size_t>(0, r.size() - 1)(random_)];
  for (uint32_t next : r)  // round robin: the first runnable thread after the current one
    if (next > current_) return next;
  return r.front();
}

void TurnScheduler::pass(std::unique_lock<std::mutex>& lock) {
  uint32_t me = self();
  uint32_t next = choose();
  if (next == me) return;
  if (next != std::numeric_limits<uint32_t>::max()) {
    current_ = next;
    ++switches_;
    turn_.notify_all();
  }
  if (threads_[me].state != State::Done) await_turn(lock, me);
}

void TurnScheduler::await_turn(std::unique_lock<std::mutex>& lock, uint32_t id) {
  turn_.wait(lock, [&] { return current_ == id && threads_[id].state == State::Runnable; });
}

}  // namespace wasm::wast
