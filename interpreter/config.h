// The configuration — exec/conventions.rst (Configurations), exec/runtime.rst (Frames).
//
// | spec                                   | wasmref                                          |
// |----------------------------------------|--------------------------------------------------|
// | val* at the front of instr*            | Thread::values[base .. sp): locals, then operands|
// | the rest of instr*                     | Thread::pc into the current Code                 |
// | LABEL_n{instr'*}                       | compiled away: branches carry {pc, height, arity} |
// | FRAME_n{F}                             | Thread::frames (the callers' saved registers)    |
// | HANDLER_n{catch*}                      | Code::handlers, searched by pc on a throw        |
// | TRAP                                   | Status::Trap with Thread::message                |
// | state z = (s; f)                       | the shared Store plus the current frame          |
//
// A Thread owns everything that changes per execution; the Store is shared (threads later).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "interpreter/code.h"
#include "interpreter/store.h"
#include "interpreter/value.h"

namespace wasm::interp {

enum class Status : uint8_t { Running, Done, Trap, Exhaustion, Exception };

// A caller's registers, saved by a call (spec: the frame F of the caller plus its continuation).
struct Frame {
  const Code* code = nullptr;
  ModuleInst* module = nullptr;
  uint32_t pc = 0;    // where the caller continues (after the call)
  uint32_t base = 0;  // the caller's locals base in Thread::values
};

// The operand stack storage an OS thread keeps between invocations: a deep invocation grows
// Thread::values up to kMaxValueSlots (16 MiB), and without this every later invocation
// (assert_exhaustion after assert_exhaustion) paid that growth and its page faults again.
inline std::vector<Slot>& spare_values() {
  thread_local std::vector<Slot> spare;
  return spare;
}

struct Thread {
  Thread(Store& s, const EngineOptions& o)
      : store(s), options(o), values(std::move(spare_values())) {
    values.clear();
    frames.resize(64);
  }
  ~Thread() {
    if (values.capacity() > spare_values().capacity()) spare_values() = std::move(values);
  }
  Thread(const Thread&) = delete;
  Thread& operator=(const Thread&) = delete;

  Store& store;
  const EngineOptions& options;

  // Machine registers of the current frame (the loop keeps copies in locals).
  const Code* code = nullptr;
  ModuleInst* module = nullptr;
  uint32_t pc = 0;
  uint32_t base = 0;
  uint32_t sp = 0;  // first free slot

  std::vector<Slot> values;
  // The frame stack: frames[0 .. depth), grown (doubling) by calls when full; `depth` counts
  // the callers' saved frames.
  std::vector<Frame> frames;
  uint32_t depth = 0;
  uint32_t entry_depth = 0;  // depth when the current invocation began

  // Outcome details.
  std::string message;  // Trap/Exhaustion: the suite's message
  uint64_t exn = 0;          // Exception: the exnref escaping the invocation
  uint64_t fuel = 0;         // remaining reductions (0 = no limit)
  uint64_t steps = 0;        // reductions so far (counted in the checking mode only)
  uint32_t checked_depth = ~0u;  // checking mode: the depth at which all frames were last checked

  // --trace (interpreter/trace.cpp): the op that runs now, whose step is printed before the
  // next one, with the operands it needs for that (a branch condition, a store's address).
  struct TraceState {
    const Code* code = nullptr;  // null: no op yet in this invocation
    uint32_t pc = 0, depth = 0;
    uint64_t top = 0, address = 0;
    ModuleInst* module = nullptr;
    uint64_t steps = 0;
  } trace;

  // Makes room for n more slots above sp (reallocates; registers are indices, so stay valid).
  void reserve(uint32_t n) {
    if (size_t(sp) + n > values.size()) values.resize(std::max(values.size() * 2, size_t(sp) + n + 1024));
  }
};

// The operand stack's bound (values of all frames): 16 MiB of 16-byte slots. A call that
// would need more is an exhaustion, like a call deeper than max_call_depth.
inline constexpr size_t kMaxValueSlots = size_t(1) << 20;

// spec: one reduction step (exec/instructions.rst). Running while there is more to do.
Status step(Thread& t);
// Steps until the invocation that began at t.entry_depth finishes, traps or runs out of fuel.
Status run(Thread& t);

// Sets up a call of f with the arguments on top of t.values (for invoke and instantiate), as a
// new invocation; returns false (Exhaustion) if the call stack is full.
// Host functions are called immediately; check the status returned then.
Status enter(Thread& t, FuncInst& f);

}  // namespace wasm::interp
