// Lowered code: each validated function body compiled once into a flat array of 16-byte ops.
// The correspondence with the spec's structured instructions is documented in lower.cpp and
// docs/interpreter-design.md.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "spec/opcode.h"
#include "spec/type_store.h"
#include "spec/types.h"

namespace wasm::interp {

// Internal op codes, numbered after the wasm opcodes.
enum InternalOp : uint16_t {
  kJump = uint16_t(kOpcodeCount),  // pc := a (no stack change)
  kJumpUnless,  // pop i32; if zero pc := a                       (if without else taken)
  kJumpIf,      // pop i32; if non-zero pc := a                   (br_if, no values to move)
  kBrKeep,      // keep c values at height b; pc := a             (br with values to move)
  kBrIfKeep,    // pop i32; if non-zero: as kBrKeep
  kReturnOp,    // the function's end or `return`: keep the results, pop the frame
  kTrapOp,      // trap with message index a (unsupported instructions)
  // Backward branches (to a loop's start): as the four above, then poll the store's
  // `interrupted` flag, so that an embedder's watchdog stops any endless loop.
  kJumpBack,
  kJumpIfBack,
  kBrKeepBack,
  kBrIfKeepBack,
  // shared-everything-threads: global.get/set of a thread-local global (bc = GlobalInst*):
  // the calling thread's value (Store::thread_local_value).
  kGlobalGetLocal,
  kGlobalSetLocal,
  kInternalCount,
};

// The internal ops' names (--trace, checking-mode reports).
inline std::string_view internal_op_name(uint16_t code) {
  static constexpr std::string_view kNames[] = {
      "jump", "jump_unless", "jump_if", "br",    "br_if",      "return",    "trap",
      "jump", "jump_if",     "br",      "br_if", "global.get", "global.set"};
  static_assert(std::size(kNames) == kInternalCount - kOpcodeCount);
  return code >= kOpcodeCount && code < kInternalCount ? kNames[code - kOpcodeCount] : "?";
}

// One lowered instruction. `code` is an Opcode or an InternalOp; the meaning of a, b, c and x
// depends on it. A height counts slots from the frame's locals base.
//   branches (kJump…kBrIfKeepBack, br_on_*) a = target pc, b = height, c = arity
//   br_on_cast*, ref.test/cast*           x = index in Code::ref_types (br_on_cast: also a,b,c)
//   br_table                              a = first entry in Code::br_tables, b = label count
//   call, return_call, global.get/set     bc = FuncInst* / GlobalInst*
//   call_indirect                         a = expected TypeId, b = table index
//   throw                                 a = tag index, bc = TagInst*;  rethrow: a = exn slot
//   local.*                               a = local index;  ref.func: a = function address
//   loads, stores, atomics, v128 memory   a = memory index, bc = offset, x = lane
//   table.*, elem.drop, memory.*, data.*  a (and b) = the indices of the instruction
//   i32/f32.const: a = bits; i64/f64.const: bc = bits; v128.const, i8x16.shuffle: a = v128s index
//   struct.new*                           a = TypeId, b = field count; x = 1 when a field is
//                                         packed, c = its sizes' offset in Code::field_packs
//   struct.get*/set                       a = field index, x = packed size (0, 1, 2)
//   array.*                               a = TypeId (allocation), b = data/elem index or
//                                         array.new_fixed's count, x = element size in bytes
struct Op {
  uint16_t code = 0;
  uint16_t x = 0;
  uint32_t a = 0, b = 0, c = 0;

  uint64_t bc() const { return uint64_t(b) | (uint64_t(c) << 32); }
  void set_bc(uint64_t v) { b = uint32_t(v); c = uint32_t(v >> 32); }
};
static_assert(sizeof(Op) == 16);

// A branch target: {pc, height, arity} (br_table entries, handler targets).
struct Target {
  uint32_t pc = 0, height = 0, arity = 0;
};

// spec: HANDLER_n{catch*} — one entry per catch clause, innermost first; a throw at pc searches
// the entries whose [begin, end) contains it, in order.
struct Handler {
  enum class Kind : uint8_t {
    Catch, CatchRef, CatchAll, CatchAllRef,  // try_table clauses: branch to `target`
    LegacyCatch, LegacyCatchAll,             // try ... catch: store the exception in `local`
    Delegate,                                // try ... delegate: continue at entry `resume`
  } kind = Kind::CatchAll;
  uint32_t begin = 0, end = 0;
  uint32_t tag = 0;     // tag index in the module (Catch, CatchRef, LegacyCatch)
  Target target;        // where to continue; height is where the values land
  uint32_t local = 0;   // Legacy: the hidden local holding the caught exception (for rethrow)
  uint32_t resume = 0;  // Delegate: the index of the next entry to consider
};

// The static types of a lowered function body, for the checking mode (EngineOptions::check_typing,
// interpreter/check_typing.h): from the validator's records (spec/validate.h, StackTypes),
// attached to the ops by lowering. Absent unless that mode is on.
struct CodeTyping {
  uint32_t func = 0;                        // index in the module's function space (reports)
  std::vector<ValType> locals;              // parameters, then declared locals
  ResultType results;
  std::vector<std::vector<ValType>> stack;  // per pc: the operand types above the locals before
                                            // ops[pc] runs (legacy catch: the exception slot too)
  std::vector<uint8_t> known;               // per pc: whether stack[pc] was recorded (the first
                                            // op lowered from an instruction; not end/else jumps)
};

// --trace in the spec's notation (interpreter/trace.h): what the ops of a lowered body are in
// the spec's terms, recorded by lowering when EngineOptions::traceable. Structured instructions
// and `nop` lower to no op: they become events, played before the op where control falls in.
struct TraceLabel {
  std::string text;     // the structured instruction as written, without its body ("block $b")
  std::string name;     // "$b", or empty
  uint32_t parent = 0;  // enclosing label; label 0 is the function body's (its own parent)
  uint32_t arity = 0;   // n of label_n: a block's results, a loop's parameters
  bool loop = false;
  bool has_else = false;  // an if with an else branch
};
struct TraceEvent {
  enum class Kind : uint8_t {
    Silent,     // an instruction that lowers to no op (nop): `text` is it
    Enter,      // Step_read/block, Step_read/loop, Step_pure/if-true, Step_read/try_table
    EnterElse,  // an if's else branch begins (Step_pure/if-false)
    Exit,       // Step_pure/label-vals: the label's end is reached
  } kind = Kind::Silent;
  uint32_t label = 0;
  std::string text;  // Silent only
};
struct TracePoint {
  std::string text;  // the instruction the op comes from; empty: an op lowering added (the jump
                     // at the end of an if's then branch or of a try's body, the function's end)
  uint32_t label = 0;                 // innermost label when the op runs
  uint32_t events = 0, events_end = 0;  // its events in CodeTrace::events
  uint32_t exits = ~0u;  // an added jump: the label whose end it jumps to
  std::vector<uint32_t> branch;  // br, br_if, br_on_*, br_table: its label indices (default last)
};
struct CodeTrace {
  std::string func;  // "$sq", or the function index; a constant expression: empty
  std::vector<TraceLabel> labels;
  std::vector<TracePoint> points;  // per pc
  std::vector<TraceEvent> events;
  std::vector<uint32_t> handler_labels;  // per Code::handlers entry: the label a catch branches
                                         // to (try_table), or the try's own (legacy catch)
};

// A lowered function body (or constant expression).
struct Code {
  std::vector<Op> ops;
  std::vector<Op> fused;          // ops with superinstructions, same pcs (fuse.h): fast loop only
  std::vector<Target> br_tables;  // br_table: ops[pc].a indexes here, b entries (default last)
  std::vector<RefType> ref_types; // canonical reference types of casts
  std::vector<Handler> handlers;
  std::vector<std::array<uint8_t, 16>> v128s;  // v128.const and i8x16.shuffle immediates
  std::vector<uint8_t> field_packs;  // struct.new of packed fields: each field's size (0, 1, 2)
  uint32_t params = 0;      // slots taken by parameters (the first locals)
  uint32_t locals = 0;      // all locals: parameters, declared locals, hidden exception locals
  uint32_t results = 0;
  uint32_t max_height = 0;  // maximum slots used above the locals base
  std::unique_ptr<CodeTyping> typing;  // checking mode, and the trace (the operands' types)
  std::unique_ptr<CodeTrace> trace;    // EngineOptions::traceable only
};

// The messages of kTrapOp.
inline constexpr std::string_view kUnsupportedMessage = "unsupported instruction";

}  // namespace wasm::interp
