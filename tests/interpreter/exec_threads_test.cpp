// Threads proposal: memory.atomic.wait/notify with real blocking, and several OS threads running
// wasm code against one engine (shared memory, concurrent allocation and instantiation).
#include <atomic>
#include <chrono>
#include <thread>

#include "interpreter/store.h"
#include "tests/interpreter/exec_fixture.h"

namespace wasm::interp::test {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

constexpr const char* kWaitNotify = R"(
(module
  (memory (export "mem") 1 1 shared)
  (func (export "wait32") (param i32 i32 i64) (result i32)
    (memory.atomic.wait32 (local.get 0) (local.get 1) (local.get 2)))
  (func (export "wait64") (param i32 i64 i64) (result i32)
    (memory.atomic.wait64 (local.get 0) (local.get 1) (local.get 2)))
  (func (export "notify") (param i32 i32) (result i32)
    (memory.atomic.notify (local.get 0) (local.get 1)))
  (func (export "store") (param i32 i32) (i32.atomic.store (local.get 0) (local.get 1))))
)";

class ThreadsTest : public ExecTest {
 protected:
  // Polls until `n` threads wait on the address of memory `mem` (at most 10 s).
  bool until_waiting(Addr mem, uint64_t address, size_t n) {
    auto deadline = Clock::now() + 10s;
    while (engine_.store().mems[mem].waiters.waiting(address) != n)
      if (Clock::now() > deadline)
        return false;
      else
        std::this_thread::sleep_for(1ms);
    return true;
  }
  Addr memory_of(InstanceAddr inst) { return engine_.get_export(inst, "mem")->addr; }
};

// spec (threads): wait returns 2 "timed-out" after the timeout when nobody notifies.
TEST_F(ThreadsTest, WaitTimesOut) {
  InstanceAddr m = load(kWaitNotify);
  auto start = Clock::now();
  EXPECT_EQ(result(m, "wait32", {i32(0), i32(0), i64(20'000'000)}), 2u);  // 20 ms
  EXPECT_GE(Clock::now() - start, 20ms);
  EXPECT_EQ(result(m, "wait64", {i32(8), i64(0), i64(0)}), 2u);  // no time at all
}

// spec (threads): wait returns 1 "not-equal" at once when the memory holds another value.
TEST_F(ThreadsTest, WaitNotEqual) {
  InstanceAddr m = load(kWaitNotify);
  call(m, "store", {i32(0), i32(7)});
  EXPECT_EQ(result(m, "wait32", {i32(0), i32(0), i64(~uint64_t(0))}), 1u);  // would block forever
  EXPECT_EQ(result(m, "wait64", {i32(0), i64(0), i64(~uint64_t(0))}), 1u);
  EXPECT_EQ(result(m, "wait64", {i32(0), i64(7), i64(0)}), 2u);
}

TEST_F(ThreadsTest, WaitOnUnsharedMemoryTraps) {
  InstanceAddr m = load(R"((module (memory 1)
    (func (export "wait") (result i32)
      (memory.atomic.wait32 (i32.const 0) (i32.const 0) (i64.const 0)))
    (func (export "notify") (result i32) (memory.atomic.notify (i32.const 0) (i32.const 1)))))");
  EXPECT_EQ(trap(m, "wait"), "expected shared memory");
  EXPECT_EQ(result(m, "notify"), 0u);  // nobody can wait there: nobody woken
}

TEST_F(ThreadsTest, WaitAndNotifyCheckBoundsAndAlignment) {
  InstanceAddr m = load(kWaitNotify);
  EXPECT_EQ(trap(m, "wait32", {i32(65536), i32(0), i64(0)}), "out of bounds memory access");
  EXPECT_EQ(trap(m, "wait32", {i32(2), i32(0), i64(0)}), "unaligned atomic");
  EXPECT_EQ(trap(m, "wait64", {i32(4), i64(0), i64(0)}), "unaligned atomic");
  EXPECT_EQ(trap(m, "notify", {i32(1), i32(1)}), "unaligned atomic");
  EXPECT_EQ(trap(m, "notify", {i32(65536), i32(1)}), "out of bounds memory access");
}

// spec (threads): notify wakes at most `count` waiters of that address and returns how many.
TEST_F(ThreadsTest, NotifyWakesCountWaiters) {
  InstanceAddr m = load(kWaitNotify);
  EXPECT_EQ(result(m, "notify", {i32(0), i32(1)}), 0u);  // nobody waits yet
  constexpr int kWaiters = 3;
  std::atomic<int> woken{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kWaiters; ++i)
    threads.emplace_back([&] {
      Outcome o = engine_.invoke(engine_.get_export(m, "wait32")->addr,
                                 std::vector<Value>{i32(0), i32(0), i64(~uint64_t(0))});
      if (o.status == Outcome::Status::Values && o.values[0].bits == 0) ++woken;
    });
  ASSERT_TRUE(until_waiting(memory_of(m), 0, kWaiters));
  EXPECT_EQ(result(m, "notify", {i32(4), i32(10)}), 0u);  // another address
  EXPECT_EQ(result(m, "notify", {i32(0), i32(0)}), 0u);
  EXPECT_EQ(result(m, "notify", {i32(0), i32(2)}), 2u);
  EXPECT_TRUE(until_waiting(memory_of(m), 0, 1));
  EXPECT_EQ(result(m, "notify", {i32(0), i32(~0u)}), 1u);  // count is unsigned: "all"
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(woken, kWaiters);
}

// A single-threaded embedder caps waits: a wait nobody could end times out.
class CappedWaitTest : public ExecTest {
 protected:
  CappedWaitTest() : ExecTest(options()) {}
  static EngineOptions options() {
    EngineOptions o;
    o.max_wait_ns = 0;
    return o;
  }
};

TEST_F(CappedWaitTest, MaxWaitCapsTimeouts) {
  InstanceAddr m = load(kWaitNotify);
  EXPECT_EQ(result(m, "wait32", {i32(0), i32(0), i64(~uint64_t(0))}), 2u);
  EXPECT_EQ(result(m, "wait64", {i32(0), i64(1), i64(~uint64_t(0))}), 1u);
}

// The embedder's watchdog: interrupt() ends a wait that nobody would end.
TEST_F(ThreadsTest, InterruptEndsWaits) {
  InstanceAddr m = load(kWaitNotify);
  Outcome o;
  std::thread waiter([&] {
    o = engine_.invoke(engine_.get_export(m, "wait32")->addr,
                       std::vector<Value>{i32(0), i32(0), i64(~uint64_t(0))});
  });
  ASSERT_TRUE(until_waiting(memory_of(m), 0, 1));
  engine_.interrupt();
  waiter.join();
  EXPECT_EQ(o.status, Outcome::Status::Exhaustion);
  EXPECT_EQ(o.message, kInterruptedMessage);
}

// Message passing through a one-slot mailbox in shared memory: the producer writes the message
// with a plain store, then publishes it with an atomic store of the flag and a notify; the
// consumer waits for the flag, reads the message, empties the slot and notifies back. Every
// message must arrive, in order.
TEST_F(ThreadsTest, MessagePassing) {
  InstanceAddr m = load(R"(
(module
  (memory 1 1 shared)
  ;; flag at 0 (1: full), message at 8
  (func (export "produce") (param $n i32)
    (local $i i32)
    (loop $next
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (block $empty
        (loop $retry
          (br_if $empty (i32.eqz (i32.atomic.load (i32.const 0))))
          (drop (memory.atomic.wait32 (i32.const 0) (i32.const 1) (i64.const -1)))
          (br $retry)))
      (i32.store (i32.const 8) (local.get $i))
      (i32.atomic.store (i32.const 0) (i32.const 1))
      (drop (memory.atomic.notify (i32.const 0) (i32.const 1)))
      (br_if $next (i32.lt_u (local.get $i) (local.get $n)))))
  ;; the sum of the messages, or -1 if one arrived out of order
  (func (export "consume") (param $n i32) (result i64)
    (local $i i32) (local $sum i64) (local $msg i32)
    (loop $next
      (block $full
        (loop $retry
          (br_if $full (i32.eq (i32.atomic.load (i32.const 0)) (i32.const 1)))
          (drop (memory.atomic.wait32 (i32.const 0) (i32.const 0) (i64.const -1)))
          (br $retry)))
      (local.set $msg (i32.load (i32.const 8)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (if (i32.ne (local.get $msg) (local.get $i)) (then (return (i64.const -1))))
      (local.set $sum (i64.add (local.get $sum) (i64.extend_i32_u (local.get $msg))))
      (i32.atomic.store (i32.const 0) (i32.const 0))
      (drop (memory.atomic.notify (i32.const 0) (i32.const 1)))
      (br_if $next (i32.lt_u (local.get $i) (local.get $n))))
    (local.get $sum)))
)");
  constexpr uint32_t kMessages = 2000;
  Outcome produced, consumed;
  std::thread producer([&] {
    produced =
        engine_.invoke(engine_.get_export(m, "produce")->addr, std::vector<Value>{i32(kMessages)});
  });
  std::thread consumer([&] {
    consumed =
        engine_.invoke(engine_.get_export(m, "consume")->addr, std::vector<Value>{i32(kMessages)});
  });
  producer.join();
  consumer.join();
  EXPECT_EQ(produced.status, Outcome::Status::Values) << produced.message;
  ASSERT_EQ(consumed.status, Outcome::Status::Values) << consumed.message;
  EXPECT_EQ(consumed.values[0].bits, uint64_t(kMessages) * (kMessages + 1) / 2);
}

// Atomic read-modify-write from several threads: no increment is lost.
TEST_F(ThreadsTest, AtomicIncrementsFromSeveralThreads) {
  InstanceAddr m = load(R"(
(module
  (memory 1 1 shared)
  (func (export "add") (param $n i32)
    (loop $next
      (drop (i64.atomic.rmw.add (i32.const 8) (i64.const 1)))
      (br_if $next (local.tee $n (i32.sub (local.get $n) (i32.const 1))))))
  (func (export "get") (result i64) (i64.atomic.load (i32.const 8)))))");
  constexpr int kThreads = 4;
  constexpr uint32_t kEach = 20000;
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i)
    threads.emplace_back([&] {
      engine_.invoke(engine_.get_export(m, "add")->addr, std::vector<Value>{i32(kEach)});
    });
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(result(m, "get"), uint64_t(kThreads) * kEach);
}

// Allocation (structs, arrays, exceptions, instances) from several threads at once keeps every
// object intact.
TEST_F(ThreadsTest, ConcurrentAllocationAndInstantiation) {
  constexpr const char* kAlloc = R"(
(module
  (type $s (struct (field i32)))
  (type $a (array (mut i32)))
  (tag $e (param i32))
  (func (export "run") (param $n i32) (result i32)
    (local $sum i32) (local $i i32)
    (loop $next
      (local.set $sum (i32.add (local.get $sum)
        (struct.get $s 0 (struct.new $s (local.get $i)))))
      (local.set $sum (i32.add (local.get $sum)
        (array.get $a (array.new $a (local.get $i) (i32.const 3)) (i32.const 2))))
      (local.set $sum (i32.add (local.get $sum)
        (block $h (result i32) (try_table (catch $e $h) (throw $e (local.get $i))) (i32.const 0))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $next (i32.lt_u (local.get $i) (local.get $n))))
    (local.get $sum)))
)";
  constexpr int kThreads = 4;
  constexpr uint32_t kEach = 2000;
  std::vector<InstanceAddr> instances(kThreads);
  std::vector<uint64_t> sums(kThreads);
  std::vector<std::thread> threads;
  // The fixture's load keeps modules in vectors: parse and validate here, per thread.
  for (int i = 0; i < kThreads; ++i)
    threads.emplace_back([&, i] {
      auto m = text::parse_module(kAlloc);
      if (!m) return;
      auto v = validate(*m, engine_.types());
      if (!v) return;
      for (int round = 0; round < 3; ++round) {
        auto inst = engine_.instantiate(*m, *v, {});
        if (!inst) return;
        instances[i] = *inst;
        Outcome o =
            engine_.invoke(engine_.get_export(*inst, "run")->addr, std::vector<Value>{i32(kEach)});
        sums[i] = o.status == Outcome::Status::Values ? o.values[0].bits : 0;
      }
    });
  for (std::thread& t : threads) t.join();
  for (int i = 0; i < kThreads; ++i) EXPECT_EQ(sums[i], 3u * kEach * (kEach - 1) / 2) << i;
}

}  // namespace
}  // namespace wasm::interp::test
