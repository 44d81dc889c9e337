// shared-everything-threads: managed waiter queues (Overview.md, "Managed Waiter Queues").
//
// waitqueue.new allocates a queue; waitqueue.notify wakes up to n of its waiters, oldest first,
// and returns how many; X.wait compares a control word (a struct field, an array element, a
// global, a table slot or an aligned memory word) with the expected value and, if equal, waits
// on the queue: 0 when notified, 1 when not equal, 2 on timeout (a relative timeout in
// nanoseconds, negative: none). As for memory.atomic.wait, the comparison and the enqueueing
// are one atomic step under the queue's lock (wait_queue.h), and under a schedule
// (interp::Scheduler) the scheduler runs the wait, keyed by the queue.
//
// Traps, in this order: the location's null reference, bounds or alignment ("unaligned
// atomic"), a null waitqueue ("null waitqueue reference"), an unshared location
// ("expected shared ...": waits on unshared locations validate but trap, as the Overview says).
#include <atomic>

#include "interpreter/exec.h"
#include "interpreter/schedule.h"

namespace wasm::interp::exec {
namespace {

// The control word: where it is, how many bytes, and whether the location is shared.
struct ControlWord {
  const void* cell = nullptr;
  uint32_t size = 8;
  bool shared = false;
};

uint64_t load(const ControlWord& w) {
  switch (w.size) {
    case 4: return std::atomic_ref(*static_cast<uint32_t*>(const_cast<void*>(w.cell))).load();
    default: return std::atomic_ref(*static_cast<uint64_t*>(const_cast<void*>(w.cell))).load();
  }
}

// spec (shared-everything-threads): the wait itself, once the control word is found.
Trap wait_on(WaitQueueInst& q, const ControlWord& w, uint64_t expected, int64_t timeout,
             Slot& result, Thread& t) {
  if (w.size == 4) expected = uint32_t(expected);
  auto equal = [&] { return load(w) == expected; };
  int64_t cap = t.options.max_wait_ns;
  if (cap >= 0 && (timeout < 0 || timeout > cap)) timeout = cap;
  if (Scheduler* s = t.options.scheduler) {
    Scheduler::WaitResult r = s->wait(&q, 0, equal, timeout);
    if (r.trap != nullptr) return r.trap;
    result = Slot::of_i32(r.value);
    return nullptr;
  }
  auto interrupted = [&] { return t.store.interrupted.load(); };
  WaitQueue::Result r = q.waiters.wait(0, equal, timeout, interrupted);
  if (r == WaitQueue::Result::Interrupted) return kInterruptedMessage;
  result = Slot::of_i32(uint32_t(r));
  return nullptr;
}

}  // namespace

Trap waitqueue(const Op& op, Slot*& sp, ModuleInst& module, Thread& t) {
  Opcode code = Opcode(op.code);
  Store& s = t.store;
  if (code == Opcode::WaitqueueNew) {  // spec: waitqueue.new — a fresh queue, no waiters
    if (!s.budget.take(sizeof(WaitQueueInst))) return kOutOfMemoryMessage;
    auto [addr, q] = s.waitqueues.emplace();
    (void)q;
    *sp++ = Slot::of_ref(make_ref(RefKind::WaitQueue, uint32_t(addr)));
    return nullptr;
  }
  if (code == Opcode::WaitqueueNotify) {  // spec: waitqueue.notify — [wq n] -> [woken]
    Slot* args = sp - 2;
    sp = args + 1;
    uint64_t r = args[0].ref();
    if (is_null(r)) return "null waitqueue reference";
    WaitQueueInst& q = s.waitqueues[ref_payload(r)];
    uint32_t n = args[1].i32();
    Scheduler* sched = t.options.scheduler;
    args[0] = Slot::of_i32(sched != nullptr ? sched->notify(&q, 0, n) : q.waiters.notify(0, n));
    return nullptr;
  }
  // The waits (Overview.md's operand orders): struct [ref wq t i64], array [ref wq i32 t i64],
  // global [wq t i64], table and memory [wq at t i64]; the result replaces the first operand.
  bool object = code == Opcode::StructWait || code == Opcode::ArrayWait;
  uint32_t n = code == Opcode::ArrayWait ? 5 : code == Opcode::GlobalWait ? 3 : 4;
  Slot* args = sp - n;
  sp = args + 1;
  uint64_t queue = args[object ? 1 : 0].ref();
  uint64_t expected = args[n - 2].lo;
  int64_t timeout = int64_t(args[n - 1].lo);
  ControlWord w;
  const char* unshared = nullptr;
  switch (code) {
    case Opcode::StructWait: {
      uint64_t r = args[0].ref();
      if (is_null(r)) return "null structure reference";
      StructInst& o = s.structs[ref_payload(r)];
      w = {&o.fields[op.a].lo, op.x, s.types().expand(o.type).shared};
      unshared = "expected shared structure";
      break;
    }
    case Opcode::ArrayWait: {
      uint64_t r = args[0].ref(), i = args[2].i32();
      if (is_null(r)) return "null array reference";
      ArrayInst& a = s.arrays[ref_payload(r)];
      if (i >= a.len) return "out of bounds array access";
      w = {a.bytes.data() + i * a.esize, a.esize, s.types().expand(a.type).shared};
      unshared = "expected shared array";
      break;
    }
    case Opcode::GlobalWait: {
      GlobalInst* g = reinterpret_cast<GlobalInst*>(op.bc());
      const void* cell = g->type.thread_local_ ? &s.thread_local_value(*g).lo : &g->value.lo;
      w = {cell, op.x, g->type.shared};
      unshared = "expected shared global";
      break;
    }
    case Opcode::TableWait: {
      TableInst& tab = *module.table_ptrs[op.a];
      uint64_t i = args[1].lo;
      if (i >= tab.refs.size()) return "out of bounds table access";
      w = {&tab.refs[i], 8, tab.type.shared};
      unshared = "expected shared table";
      break;
    }
    default: {  // memory.wait32/64: the address is the effective address (no offset)
      MemInst& m = *module.mem_ptrs[op.a];
      uint32_t size = code == Opcode::MemoryWait32 ? 4 : 8;
      uint64_t ea = args[1].lo, bytes = m.bytes();
      if (size > bytes || ea > bytes - size) return "out of bounds memory access";
      if (ea % size != 0) return "unaligned atomic";
      w = {m.data + ea, size, m.type.shared};
      unshared = "expected shared memory";
      break;
    }
  }
  if (is_null(queue)) return "null waitqueue reference";
  if (!w.shared) return unshared;
  return wait_on(s.waitqueues[ref_payload(queue)], w, expected, timeout, args[0], t);
}

}  // namespace wasm::interp::exec
