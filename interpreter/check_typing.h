// The checking mode (EngineOptions::check_typing): the spec's configuration typing
// (appendix/properties.rst, "Soundness") re-checked on the interpreter's representation after
// every reduction step. Internal to the interpreter; step.cpp calls it from the loop
// instantiated with Check = true, so the normal loop pays nothing.
#pragma once

#include <cstdint>
#include <string>

#include "interpreter/config.h"

namespace wasm::interp {

// spec: Config_ok = Store_ok + Thread_ok (frames, their locals and operand stacks). Returns ""
// when the configuration of t (its registers saved in t) is well typed, else a report naming the
// step, the function, the instruction, and the expected against the actual value.
// `with_store`: also re-check the whole store (Store_ok: globals, tables, element segments,
// structures, arrays, exceptions), which costs O(store). `callers`: how many of the callers'
// frames to check, innermost first (a caller's frame cannot change while a callee runs, which
// writes only above its base: after a call only the new caller's needs checking).
std::string check_configuration(const Thread& t, uint64_t step, bool with_store,
                                uint32_t callers = ~0u);

// spec: the terminal configuration of an invocation that returned: values of the function's
// result types on top of the entry frame. Same report format.
std::string check_results(const Thread& t, uint64_t step);

// spec: Store_ok alone (the end of an invocation that trapped, threw or ran out of stack).
std::string check_store_state(const Thread& t, uint64_t step);

// Reports a violation: EngineOptions::on_typing_violation, or stderr and abort().
void typing_violation(const Thread& t, const std::string& report);

}  // namespace wasm::interp
