// The out-of-line parts of execution, called from the step loop (step.cpp): instructions that
// are long or cold. Each returns nullptr, or the message of the trap it raises. Internal.
#pragma once

#include "interpreter/config.h"

namespace wasm::interp::exec {

using Trap = const char*;  // nullptr: no trap

// exec_memory.cpp — memory and table instructions (exec/instructions.rst: Memory, Table)
Trap memory_fill(MemInst& m, Slot*& sp);
Trap memory_copy(MemInst& dst, MemInst& src, Slot*& sp);
Trap memory_init(MemInst& m, DataInst& d, Slot*& sp);
void memory_grow(MemInst& m, Slot*& sp);
Trap table_fill(TableInst& t, Slot*& sp);
Trap table_copy(TableInst& dst, TableInst& src, Slot*& sp);
Trap table_init(TableInst& t, ElemInst& e, Slot*& sp);
void table_grow(TableInst& t, Slot*& sp);

// exec_aggregate.cpp — struct, array (exec/instructions.rst: Aggregate Reference Instructions)
Trap aggregate(Store& s, const ModuleInst& m, const Code& code, const Op& op, Slot*& sp);

// exec_vector.cpp — vector instructions (prefix 0xFD)
Trap vector(const Op& op, Slot*& sp, const Code& code, ModuleInst& module,
             const numerics::Relaxed& r);

// exec_atomic.cpp — atomic memory instructions (prefix 0xFE)
// A kInterruptedMessage result is an exhaustion (the watchdog), not a trap.
Trap atomic(const Op& op, Slot*& sp, ModuleInst& module, Thread& t);

// exec_shared_atomic.cpp — shared-everything-threads: global/table/struct/array.atomic.*
Trap located_atomic(const Op& op, Slot*& sp, ModuleInst& module, Thread& t);

// exec_waitqueue.cpp — shared-everything-threads: waitqueue.new/notify and the waits
// (struct/array/global/table.wait, memory.wait32/64). kInterruptedMessage as for atomic().
Trap waitqueue(const Op& op, Slot*& sp, ModuleInst& module, Thread& t);

// exec_control.cpp — exceptions, host calls
// Allocates the exception for `throw` (arguments on top of sp, popped) and returns its exnref.
uint64_t new_exn(Store& s, Addr tag, size_t n, Slot*& sp);  // null: out of memory (the budget)
// spec: Step_read/throw_ref-* — unwinds t (registers saved in t) to the innermost matching
// handler; false when the exception escapes the invocation (t.exn is set).
bool unwind(Thread& t, uint64_t exn);
// Calls host function f with its arguments on top of t.values[.. t.sp]; results replace them.
Status call_host(Thread& t, FuncInst& f);

}  // namespace wasm::interp::exec
