// Execution of instructions — exec/instructions.rst. `step` performs one reduction and `run`
// loops; both instantiate one loop template whose machine registers (pc, sp, base) live in
// locals. One case per instruction; long or cold ones delegate to interpreter/exec.h.
#include <algorithm>
#include <bit>
#include <cstring>

#include "interpreter/check_typing.h"
#include "interpreter/config.h"
#include "interpreter/exec.h"
#include "interpreter/fuse.h"
#include "interpreter/numerics.h"
#include "interpreter/trace.h"
#include "spec/match.h"

namespace wasm::interp {
namespace {

static_assert(std::endian::native == std::endian::little, "memory accesses assume little endian");
namespace N = numerics;

// Keeps the top `arity` slots at `height` (a branch never moves values up: dst <= src).
inline void keep(Slot*& sp, Slot* base, uint32_t height, uint32_t arity) {
  Slot* dst = base + height;
  Slot* src = sp - arity;
  for (uint32_t i = 0; i < arity; ++i) dst[i] = src[i];
  sp = dst + arity;
}

// Custom descriptors: does r pass a cast to a type described by `desc`? (null: if nullable)
inline bool desc_matches(const Store& s, uint64_t r, uint64_t desc, bool nullable) {
  if (is_null(r)) return nullable;
  return ref_kind(r) == RefKind::Struct && !is_externalized(r) && s.structs[ref_payload(r)].desc == desc;
}

inline bool in_bounds(uint64_t ea, uint64_t n, uint64_t size) { return n <= size && ea <= size - n; }

// Non-atomic accesses to a shared memory, which other threads may access at the same time: a
// relaxed atomic access when aligned, relaxed byte accesses otherwise, so that a racy program
// reads some value written (the threads proposal's memory model for non-atomic accesses allows
// tearing), and the interpreter itself has no data race in C++ terms. Unshared memories use
// plain memcpy.
template <size_t N>
using UintOf = std::conditional_t<N == 1, uint8_t, std::conditional_t<N == 2, uint16_t,
               std::conditional_t<N == 4, uint32_t, uint64_t>>>;

template <typename T>
T shared_load(const uint8_t* p) {
  using U = UintOf<sizeof(T)>;
  U u = 0;
  if (reinterpret_cast<uintptr_t>(p) % sizeof(T) == 0) {
    u = __atomic_load_n(reinterpret_cast<const U*>(p), __ATOMIC_RELAXED);
  } else {
    for (size_t i = 0; i < sizeof(T); ++i)
      u |= U(U(__atomic_load_n(p + i, __ATOMIC_RELAXED)) << (8 * i));
  }
  return std::bit_cast<T>(u);
}
template <typename T>
void shared_store(uint8_t* p, T v) {
  using U = UintOf<sizeof(T)>;
  U u = std::bit_cast<U>(v);
  if (reinterpret_cast<uintptr_t>(p) % sizeof(T) == 0) {
    __atomic_store_n(reinterpret_cast<U*>(p), u, __ATOMIC_RELAXED);
  } else {
    for (size_t i = 0; i < sizeof(T); ++i)
      __atomic_store_n(p + i, uint8_t(u >> (8 * i)), __ATOMIC_RELAXED);
  }
}

}  // namespace

// The dispatch loop is laid out by hand (one case a line where it fits): not clang-format's.
// clang-format off
#define CASE(name) case uint16_t(Opcode::name)
#define TRAP(msg) do { t.message = (msg); SAVE(pc - 1); return Status::Trap; } while (0)
// Helpers taking the stack pointer get a copy (s_), so that `sp` itself can stay in a register.
#define SAVE(at) (t.pc = (at), t.sp = uint32_t(sp - vals), t.base = uint32_t(base - vals), \
                  t.code = code, t.module = module)
#define LOAD() (code = t.code, ops = OPS(code), pc = t.pc, vals = t.values.data(), \
                base = vals + t.base, sp = vals + t.sp, module = t.module, \
                mem0 = module != nullptr && !module->mem_ptrs.empty() ? module->mem_ptrs[0] : nullptr)
// The embedder's interrupt (Store::interrupt), polled at backward branches, calls and handler
// jumps: the configuration stays whole (at `pc`), the invocation ends in an exhaustion.
// The slow path is shared, out of the way of the dispatch loop (`interrupted:` below).
#define POLL() do { if (interrupt_flag.load(std::memory_order_relaxed)) [[unlikely]] goto interrupted; } while (0)
// A taken branch to `to` that polls when it goes backward (br_table, br_on_*).
#define BRANCH_POLLED(to) do { bool back_ = (to) < pc; pc = (to); if (back_) POLL(); } while (0)
// The ops a loop reads: the fast loop (no trace, fuel or checking) the superinstructions.
#define OPS(c) (kFast ? (c)->fused.data() : (c)->ops.data())
// A BIN and its superinstructions (fuse.h): `pc` is already past the first op, so a sequence of
// three ops continues at pc + 2, one of four at pc + 3.
#define FUSED_LOCALS(get) auto a = base[op.a].get(); auto b = base[op.b].get()
#define FUSED_CONST(get) auto a = base[op.a].get(); auto b = decltype(a)(op.bc())
#define FUSED_CONST32(get) auto a = base[op.a].get(); auto b = decltype(a)(int64_t(int32_t(op.b)))
#define FUSED_POP_CONST32(get) auto a = (--sp)->get(); auto b = decltype(a)(int64_t(int32_t(op.b)))
#define FUSED_POP2(get) auto b = sp[-1].get(); auto a = sp[-2].get(); sp -= 2
#define BIN_FUSED(name, get, make, expr) BIN(name, get, make, expr) \
  case fused_code(Opcode::name, kFusedLL): { FUSED_LOCALS(get); *sp++ = Slot::make(expr); pc += 2; break; } \
  case fused_code(Opcode::name, kFusedLK): { FUSED_CONST(get); *sp++ = Slot::make(expr); pc += 2; break; } \
  case fused_code(Opcode::name, kFusedLLSet): { FUSED_LOCALS(get); base[op.c] = Slot::make(expr); pc += 3; break; } \
  case fused_code(Opcode::name, kFusedLKSet): { FUSED_CONST(get); base[op.x] = Slot::make(expr); pc += 3; break; } \
  case fused_code(Opcode::name, kFusedLLJumpIf): { FUSED_LOCALS(get); if ((expr) != 0) pc = op.c; else pc += 3; break; } \
  case fused_code(Opcode::name, kFusedLLJumpIfBack): { FUSED_LOCALS(get); if ((expr) != 0) { pc = op.c; POLL(); } else pc += 3; break; } \
  case fused_code(Opcode::name, kFusedLLJumpUnless): { FUSED_LOCALS(get); if ((expr) == 0) pc = op.c; else pc += 3; break; } \
  case fused_code(Opcode::name, kFusedLKJumpIf): { FUSED_CONST32(get); if ((expr) != 0) pc = op.c; else pc += 3; break; } \
  case fused_code(Opcode::name, kFusedLKJumpIfBack): { FUSED_CONST32(get); if ((expr) != 0) { pc = op.c; POLL(); } else pc += 3; break; } \
  case fused_code(Opcode::name, kFusedLKJumpUnless): { FUSED_CONST32(get); if ((expr) == 0) pc = op.c; else pc += 3; break; } \
  case fused_code(Opcode::name, kFusedLLSetJumpBack): { FUSED_LOCALS(get); base[op.c] = Slot::make(expr); pc = op.x; POLL(); break; } \
  case fused_code(Opcode::name, kFusedLKSetJumpBack): { FUSED_CONST32(get); base[op.x] = Slot::make(expr); pc = op.c; POLL(); break; } \
  case fused_code(Opcode::name, kFusedLLTee): { FUSED_LOCALS(get); *sp++ = base[op.c] = Slot::make(expr); pc += 3; break; } \
  case fused_code(Opcode::name, kFusedLKTee): { FUSED_CONST(get); *sp++ = base[op.x] = Slot::make(expr); pc += 3; break; } \
  case fused_code(Opcode::name, kFusedSK): { auto a = sp[-1].get(); auto b = decltype(a)(op.bc()); sp[-1] = Slot::make(expr); pc += 1; break; } \
  case fused_code(Opcode::name, kFusedSKJumpIf): { FUSED_POP_CONST32(get); if ((expr) != 0) pc = op.c; else pc += 2; break; } \
  case fused_code(Opcode::name, kFusedSKJumpIfBack): { FUSED_POP_CONST32(get); if ((expr) != 0) { pc = op.c; POLL(); } else pc += 2; break; } \
  case fused_code(Opcode::name, kFusedSKJumpUnless): { FUSED_POP_CONST32(get); if ((expr) == 0) pc = op.c; else pc += 2; break; } \
  case fused_code(Opcode::name, kFusedSSJumpIf): { FUSED_POP2(get); if ((expr) != 0) pc = op.c; else pc += 1; break; } \
  case fused_code(Opcode::name, kFusedSSJumpIfBack): { FUSED_POP2(get); if ((expr) != 0) { pc = op.c; POLL(); } else pc += 1; break; } \
  case fused_code(Opcode::name, kFusedSSJumpUnless): { FUSED_POP2(get); if ((expr) == 0) pc = op.c; else pc += 1; break; } \
  case fused_code(Opcode::name, kFusedSSSet): { FUSED_POP2(get); base[op.c] = Slot::make(expr); pc += 1; break; } \
  case fused_code(Opcode::name, kFusedSSTee): { FUSED_POP2(get); *sp++ = base[op.c] = Slot::make(expr); pc += 1; break; }
#define MEM(op) ((op).a == 0 ? mem0 : module->mem_ptrs[(op).a])
#define PTR(T, op) reinterpret_cast<T*>((op).bc())

// Numeric instruction families: operands a (and b) read with `get`, result made with `make`.
#define UN(name, get, make, expr) CASE(name): { auto a = sp[-1].get(); sp[-1] = Slot::make(expr); break; }
#define BIN(name, get, make, expr) \
  CASE(name): { auto b = sp[-1].get(); auto a = sp[-2].get(); --sp; sp[-1] = Slot::make(expr); break; }
#define BIN_PARTIAL(name, get, make, expr) CASE(name): { \
    auto b = sp[-1].get(); auto a = sp[-2].get(); auto r = (expr); \
    if (!r) { TRAP(std::string(N::trap_message(r.error()))); } --sp; sp[-1] = Slot::make(*r); break; }
#define CVT_PARTIAL(name, get, make, expr) CASE(name): { \
    auto a = sp[-1].get(); auto r = (expr); \
    if (!r) { TRAP(std::string(N::trap_message(r.error()))); } sp[-1] = Slot::make(*r); break; }
// A T at addr + offset of memory `mem`: the effective address, bounds-checked (the rules'
// -oob cases), then read into v or written from v (shared memories: shared_load/store).
#define CHECKED_EA(T, mem, addr, offset) MemInst* m = (mem); uint64_t ea = (addr) + (offset); \
    if (ea < (offset) || !in_bounds(ea, sizeof(T), m->size.load(std::memory_order_relaxed))) \
      { TRAP("out of bounds memory access"); }
#define READ_T(T) T v; if (m->type.shared) [[unlikely]] { v = shared_load<T>(m->data + ea); } \
    else { std::memcpy(&v, m->data + ea, sizeof(T)); }
#define WRITE_T(T) if (m->type.shared) [[unlikely]] { shared_store<T>(m->data + ea, v); } \
    else { std::memcpy(m->data + ea, &v, sizeof(T)); }
#define LOAD_OP(name, T, make) CASE(name): { \
    CHECKED_EA(T, MEM(op), sp[-1].lo, op.bc()) READ_T(T) sp[-1] = make; break; }
#define STORE_OP(name, T) CASE(name): { \
    CHECKED_EA(T, MEM(op), sp[-2].lo, op.bc()) T v = T(sp[-1].lo); WRITE_T(T) sp -= 2; break; }

// Memory superinstructions (fuse.h): the same accesses at l[a] + c of memory 0.
#define FUSED_EA(T) CHECKED_EA(T, mem0, base[op.a].lo, uint64_t(op.c))
#define STORE_FUSED_LL(name, T) \
  case fused_mem_code(Opcode::name, kFusedStoreLL): { FUSED_EA(T) T v = T(base[op.b].lo); WRITE_T(T) pc += 2; break; }
#define STORE_FUSED(name, T) STORE_FUSED_LL(name, T) \
  case fused_mem_code(Opcode::name, kFusedStoreLK): { FUSED_EA(T) T v = T(op.b); WRITE_T(T) pc += 2; break; }
#define LOAD_FUSED(name, T, make) \
  case fused_mem_code(Opcode::name, kFusedLoadL): { FUSED_EA(T) READ_T(T) *sp++ = make; pc += 1; break; } \
  case fused_mem_code(Opcode::name, kFusedLoadLK): { \
    CHECKED_EA(T, mem0, uint64_t(uint32_t(base[op.a].i32() + op.b)), uint64_t(op.c)) READ_T(T) *sp++ = make; pc += 3; break; } \
  case fused_mem_code(Opcode::name, kFusedLoadSK): { \
    CHECKED_EA(T, mem0, uint64_t(uint32_t(sp[-1].i32() + op.b)), uint64_t(op.c)) READ_T(T) sp[-1] = make; pc += 2; break; }

// Trace: print each step; Limited: count reductions against `limit` (fuel, or 1 for step());
// Check: re-type the configuration before each reduction (EngineOptions::check_typing; the
// store and every frame every kStoreCheckPeriod steps, a caller's frame also when it calls),
// reporting a violation with typing_violation.
inline constexpr uint64_t kStoreCheckPeriod = 64;
template <bool Trace, bool Limited, bool Check>
Status loop(Thread& t, uint64_t limit) {
  constexpr bool kFast = !Trace && !Limited && !Check;
  Store& store = t.store;
  const Code* code;
  const Op* ops;
  uint32_t pc;
  Slot *vals, *base, *sp;
  ModuleInst* module;
  MemInst* mem0;
  FuncInst* callee = nullptr;  // the call instructions' target (call_callee below)
  bool tail = false;           // ... and whether it is a tail call
  LOAD();
  const std::atomic<bool>& interrupt_flag = store.interrupted;

  // spec: Step_read/call-addr (wasm functions) — push a frame; Exhaustion beyond the limit.
  // Returns false on exhaustion. For tail calls the caller's frame is reused.
  auto enter_wasm = [&](FuncInst& f, bool tail) __attribute__((always_inline)) {
    const Code* callee = f.code.get();
    Slot* args = sp - callee->params;
    // deviation: exhaustion also bounds the operand stack (kMaxValueSlots), so that deep
    // recursion through frames with many locals reports "call stack exhausted" instead of
    // taking gigabytes; the spec leaves the resource limit to the implementation.
    size_t frame_start = size_t((tail ? base : args) - vals);
    if (frame_start + callee->max_height + 16 > kMaxValueSlots) return false;
    if (tail) {
      for (uint32_t i = 0; i < callee->params; ++i) base[i] = args[i];
      args = base;
    } else {
      if (t.depth - t.entry_depth >= t.options.max_call_depth) return false;
      if (t.depth == t.frames.size()) [[unlikely]] t.frames.resize(t.frames.size() * 2);
      t.frames[t.depth++] = Frame{code, module, pc, uint32_t(base - vals)};
    }
    if (size_t(args - vals) + callee->max_height + 16 > t.values.size()) {
      uint32_t a = uint32_t(args - vals);
      t.sp = uint32_t(sp - vals);
      t.values.resize(std::min(kMaxValueSlots,
                               std::max(t.values.size() * 2, size_t(a) + callee->max_height + 1024)));
      vals = t.values.data();
      args = vals + a;
    }
    base = args;
    sp = base + callee->locals;
    for (uint32_t i = callee->params; i < callee->locals; ++i) base[i] = Slot{};
    code = callee;
    ops = OPS(code);
    pc = 0;
    module = f.module;
    mem0 = !module->mem_ptrs.empty() ? module->mem_ptrs[0] : nullptr;
    return true;
  };

  for (;;) {
    if constexpr (Check) {
      SAVE(pc);
      // A constant expression (no typing) runs while instantiation is still filling the store.
      // A caller's frame only changes when it makes a call: check the new callers' frames then,
      // and all of them every kStoreCheckPeriod steps.
      bool with_store = code->typing && t.steps % kStoreCheckPeriod == 0;
      uint32_t callers = with_store || t.checked_depth == ~0u ? ~0u
                         : t.depth > t.checked_depth         ? t.depth - t.checked_depth
                                                             : 0;
      t.checked_depth = t.depth;
      std::string report = check_configuration(t, t.steps, with_store, callers);
      if (!report.empty()) [[unlikely]] {
        typing_violation(t, report);
        t.message = std::move(report);
        return Status::Trap;
      }
      ++t.steps;
    }
    if constexpr (Limited) {
      if (limit-- == 0) {
        SAVE(pc);
        return Status::Running;
      }
    }
    const Op& op = ops[pc++];
    if constexpr (Trace) {  // also a schedule's turns
      if (t.options.scheduler != nullptr) t.options.scheduler->before_step();
      if (t.options.trace != nullptr) trace_before(t, *code, pc - 1, sp, base, module);
    }
    switch (op.code) {
      // ---- Control instructions ----
      CASE(Unreachable): TRAP("unreachable");  // spec: Step_pure/unreachable
      case kJump: pc = op.a; break;
      case kJumpUnless: if ((--sp)->i32() == 0) pc = op.a; break;  // spec: Step_pure/if-*
      case kJumpIf: if ((--sp)->i32() != 0) pc = op.a; break;      // spec: Step_pure/br_if-*
      case kBrKeep: keep(sp, base, op.b, op.c); pc = op.a; break;  // spec: Step_pure/br-*
      case kBrIfKeep:
        if ((--sp)->i32() != 0) { keep(sp, base, op.b, op.c); pc = op.a; }
        break;
      // Backward branches (to a loop) poll for the embedder's interrupt after branching.
      case kJumpBack: pc = op.a; POLL(); break;
      case kJumpIfBack: if ((--sp)->i32() != 0) { pc = op.a; POLL(); } break;
      case kBrKeepBack: keep(sp, base, op.b, op.c); pc = op.a; POLL(); break;
      case kBrIfKeepBack:
        if ((--sp)->i32() != 0) { keep(sp, base, op.b, op.c); pc = op.a; POLL(); }
        break;
      CASE(BrTable): {  // spec: Step_pure/br_table-lt, Step_pure/br_table-ge
        uint32_t i = (--sp)->i32();
        const Target& to = code->br_tables[op.a + (i < op.b ? i : op.b)];
        keep(sp, base, to.height, to.arity);
        BRANCH_POLLED(to.pc);
        break;
      }
      case kTrapOp: TRAP(std::string(kUnsupportedMessage));
      case kReturnOp: {  // spec: Step_pure/return-frame, Step_pure/frame-vals
        uint32_t n = code->results;
        keep(sp, base, 0, n);
        if (t.depth == t.entry_depth) {
          SAVE(pc - 1);
          return Status::Done;
        }
        const Frame& f = t.frames[t.depth - 1];
        code = f.code;
        ops = OPS(code);
        pc = f.pc;
        base = vals + f.base;
        module = f.module;
        mem0 = !module->mem_ptrs.empty() ? module->mem_ptrs[0] : nullptr;
        --t.depth;
        break;
      }
      CASE(Call): CASE(ReturnCall): {  // spec: Step_read/call, Step_read/return_call
        callee = PTR(FuncInst, op);
        tail = op.code == uint16_t(Opcode::ReturnCall);
        goto call_callee;
      }
      CASE(CallIndirect): CASE(ReturnCallIndirect): {  // spec: Step_read/call_indirect
        TableInst& tab = *module->table_ptrs[op.b];
        uint64_t i = (--sp)->lo;
        if (i >= tab.refs.size()) TRAP(cat("undefined element ", i));
        uint64_t r = tab.refs[i];
        if (is_null(r)) TRAP(cat("uninitialized element ", i));
        callee = &store.funcs[ref_payload(r)];
        if (callee->type != op.a && !match_deftype(store.types(), callee->type, op.a))
          TRAP("indirect call type mismatch");
        tail = op.code == uint16_t(Opcode::ReturnCallIndirect);
        goto call_callee;
      }
      CASE(CallRef): CASE(ReturnCallRef): {  // spec: Step_read/call_ref-null, -func
        uint64_t r = (--sp)->ref();
        if (is_null(r)) TRAP("null function reference");
        callee = &store.funcs[ref_payload(r)];
        tail = op.code == uint16_t(Opcode::ReturnCallRef);
        goto call_callee;
      }
      // The three calls share the step into the callee (spec: Step_read/call-addr): a host
      // function runs to completion here, a wasm function gets a frame.
      call_callee: {
        FuncInst& g = *callee;
        if (g.code == nullptr) {
          SAVE(pc);
          Status s = exec::call_host(t, g);
          if (s != Status::Running) {
            t.pc = pc - 1;
            if (s != Status::Exception || !exec::unwind(t, t.exn)) return s;
            LOAD();
            break;
          }
          vals = t.values.data(); base = vals + t.base; sp = vals + t.sp;
          if (tail) {
            keep(sp, base, 0, uint32_t(g.functype->results.size()));
            goto tail_host_return;
          }
          break;
        }
        if (!enter_wasm(g, tail)) {
          t.message = "call stack exhausted";
          SAVE(pc - 1);
          return Status::Exhaustion;
        }
        POLL();  // at the callee's entry
        break;
      }
      tail_host_return: {
        if (t.depth == t.entry_depth) {
          SAVE(pc);
          return Status::Done;
        }
        const Frame& fr = t.frames[t.depth - 1];
        code = fr.code;
        ops = OPS(code);
        pc = fr.pc;
        base = vals + fr.base;
        module = fr.module;
        mem0 = !module->mem_ptrs.empty() ? module->mem_ptrs[0] : nullptr;
        --t.depth;
        break;
      }
      CASE(Throw): {  // spec: Step/throw
        Slot* s_ = sp;
        uint64_t exn = exec::new_exn(store, module->tags[op.a],
                                     PTR(TagInst, op)->functype->params.size(), s_);
        if (is_null(exn)) TRAP(kOutOfMemoryMessage);
        sp = s_;
        SAVE(pc - 1);
        if (!exec::unwind(t, exn)) return Status::Exception;
        LOAD();
        POLL();  // a handler jump
        break;
      }
      CASE(ThrowRef): CASE(Rethrow): {  // spec: Step_read/throw_ref-*, legacy rethrow
        uint64_t exn = op.code == uint16_t(Opcode::Rethrow) ? base[op.a].ref() : (--sp)->ref();
        if (is_null(exn)) TRAP("null exception reference");
        SAVE(pc - 1);
        if (!exec::unwind(t, exn)) return Status::Exception;
        LOAD();
        POLL();  // a handler jump
        break;
      }
      CASE(BrOnNull):  // spec: Step_pure/br_on_null-*
        if (is_null(sp[-1].ref())) { --sp; keep(sp, base, op.b, op.c); BRANCH_POLLED(op.a); }
        break;
      CASE(BrOnNonNull):  // spec: Step_pure/br_on_non_null-*
        if (is_null(sp[-1].ref())) --sp;
        else { keep(sp, base, op.b, op.c); BRANCH_POLLED(op.a); }
        break;
      CASE(BrOnCast): CASE(BrOnCastFail): {  // spec: Step_read/br_on_cast-*, br_on_cast_fail-*
        bool ok = store.ref_matches(sp[-1].ref(), code->ref_types[op.x]);
        if (ok == (op.code == uint16_t(Opcode::BrOnCast))) { keep(sp, base, op.b, op.c); BRANCH_POLLED(op.a); }
        break;
      }

      // ---- Parametric instructions ----
      CASE(Drop): --sp; break;  // spec: Step_pure/drop
      CASE(Select): {           // spec: Step_pure/select-true, select-false
        sp -= 2;
        if (sp[1].i32() == 0) sp[-1] = sp[0];
        break;
      }

      // ---- Variable instructions ----
      CASE(LocalGet): *sp++ = base[op.a]; break;     // spec: Step_read/local.get
      CASE(LocalSet): base[op.a] = *--sp; break;     // spec: Step/local.set
      CASE(LocalTee): base[op.a] = sp[-1]; break;    // spec: Step_pure/local.tee
      CASE(GlobalGet): *sp++ = PTR(GlobalInst, op)->value; break;  // spec: Step_read/global.get
      CASE(GlobalSet): PTR(GlobalInst, op)->value = *--sp; break;  // spec: Step/global.set
      case kGlobalGetLocal: *sp++ = t.store.thread_local_value(*PTR(GlobalInst, op)); break;
      case kGlobalSetLocal: t.store.thread_local_value(*PTR(GlobalInst, op)) = *--sp; break;

      // ---- Table instructions ----
      CASE(TableGet): {  // spec: Step_read/table.get-*
        TableInst& tab = *module->table_ptrs[op.a];
        uint64_t i = sp[-1].lo;
        if (i >= tab.refs.size()) TRAP("out of bounds table access");
        sp[-1] = Slot::of_ref(tab.refs[i]);
        break;
      }
      CASE(TableSet): {  // spec: Step/table.set-*
        TableInst& tab = *module->table_ptrs[op.a];
        uint64_t i = sp[-2].lo;
        if (i >= tab.refs.size()) TRAP("out of bounds table access");
        tab.refs[i] = sp[-1].ref();
        sp -= 2;
        break;
      }
      CASE(TableSize): *sp++ = Slot::of_i64(module->table_ptrs[op.a]->refs.size()); break;
      CASE(TableGrow): { Slot* s_ = sp; exec::table_grow(*module->table_ptrs[op.a], s_); sp = s_; break; }
      CASE(TableFill):
        { Slot* s_ = sp; exec::Trap m_ = exec::table_fill(*module->table_ptrs[op.a], s_); sp = s_; if (m_) TRAP(m_); }
        break;
      CASE(TableCopy):
        { Slot* s_ = sp; exec::Trap m_ = exec::table_copy(*module->table_ptrs[op.a], *module->table_ptrs[op.b], s_); sp = s_; if (m_) TRAP(m_); }
        break;
      CASE(TableInit):
        { Slot* s_ = sp; exec::Trap m_ = exec::table_init(*module->table_ptrs[op.a], *module->elem_ptrs[op.b], s_); sp = s_; if (m_) TRAP(m_); }
        break;
      CASE(ElemDrop): module->elem_ptrs[op.a]->refs = {}; break;  // spec: Step/elem.drop

      // ---- Memory instructions ---- spec: Step_read/load-*, Step/store-*
      LOAD_OP(I32Load, uint32_t, Slot::of_i32(v))
      LOAD_OP(I64Load, uint64_t, Slot::of_i64(v))
      LOAD_OP(F32Load, uint32_t, Slot::of_i32(v))
      LOAD_OP(F64Load, uint64_t, Slot::of_i64(v))
      LOAD_OP(I32Load8S, int8_t, Slot::of_i32(uint32_t(int32_t(v))))
      LOAD_OP(I32Load8U, uint8_t, Slot::of_i32(v))
      LOAD_OP(I32Load16S, int16_t, Slot::of_i32(uint32_t(int32_t(v))))
      LOAD_OP(I32Load16U, uint16_t, Slot::of_i32(v))
      LOAD_OP(I64Load8S, int8_t, Slot::of_i64(uint64_t(int64_t(v))))
      LOAD_OP(I64Load8U, uint8_t, Slot::of_i64(v))
      LOAD_OP(I64Load16S, int16_t, Slot::of_i64(uint64_t(int64_t(v))))
      LOAD_OP(I64Load16U, uint16_t, Slot::of_i64(v))
      LOAD_OP(I64Load32S, int32_t, Slot::of_i64(uint64_t(int64_t(v))))
      LOAD_OP(I64Load32U, uint32_t, Slot::of_i64(v))
      STORE_OP(I32Store, uint32_t)
      STORE_OP(I64Store, uint64_t)
      STORE_OP(F32Store, uint32_t)
      STORE_OP(F64Store, uint64_t)
      STORE_OP(I32Store8, uint8_t)
      STORE_OP(I32Store16, uint16_t)
      STORE_OP(I64Store8, uint8_t)
      STORE_OP(I64Store16, uint16_t)
      STORE_OP(I64Store32, uint32_t)
      // Superinstructions of the fast loop (fuse.h): the same accesses, address from a local.
      STORE_FUSED(I32Store, uint32_t)
      STORE_FUSED(I32Store8, uint8_t)
      STORE_FUSED(I32Store16, uint16_t)
      STORE_FUSED_LL(I64Store, uint64_t)
      LOAD_FUSED(I32Load, uint32_t, Slot::of_i32(v))
      LOAD_FUSED(I32Load8U, uint8_t, Slot::of_i32(v))
      LOAD_FUSED(I32Load8S, int8_t, Slot::of_i32(uint32_t(int32_t(v))))
      LOAD_FUSED(I32Load16U, uint16_t, Slot::of_i32(v))
      LOAD_FUSED(I32Load16S, int16_t, Slot::of_i32(uint32_t(int32_t(v))))
      LOAD_FUSED(I64Load, uint64_t, Slot::of_i64(v))
      // i32.eqz and its jump (fuse.h): spec Step_pure/testop, then br_if-* or if-*.
      case kFusedTestFirst + kFusedEqzJumpIf: if ((--sp)->i32() == 0) pc = op.c; else pc += 1; break;
      case kFusedTestFirst + kFusedEqzJumpUnless: if ((--sp)->i32() != 0) pc = op.c; else pc += 1; break;
      case kFusedLocalCopy: base[op.b] = base[op.a]; pc += 1; break;
      case kFusedTestFirst + kFusedEqzJumpIfBack:
        if ((--sp)->i32() == 0) { pc = op.c; POLL(); } else pc += 1;
        break;
      CASE(MemorySize): *sp++ = Slot::of_i64(MEM(op)->pages()); break;  // spec: Step_read/memory.size
      CASE(MemoryGrow): { Slot* s_ = sp; exec::memory_grow(*MEM(op), s_); sp = s_; break; }
      CASE(MemoryFill): { Slot* s_ = sp; exec::Trap m_ = exec::memory_fill(*MEM(op), s_); sp = s_; if (m_) TRAP(m_); } break;
      CASE(MemoryCopy):
        { Slot* s_ = sp; exec::Trap m_ = exec::memory_copy(*MEM(op), *module->mem_ptrs[op.b], s_); sp = s_; if (m_) TRAP(m_); }
        break;
      CASE(MemoryInit):
        { Slot* s_ = sp; exec::Trap m_ = exec::memory_init(*MEM(op), *module->data_ptrs[op.b], s_); sp = s_; if (m_) TRAP(m_); }
        break;
      CASE(DataDrop): module->data_ptrs[op.a]->bytes = {}; break;  // spec: Step/data.drop

      // ---- Reference instructions ----
      CASE(RefNull): *sp++ = Slot::of_ref(kNullRef); break;  // spec: Step_read/ref.null-idx
      CASE(RefIsNull): sp[-1] = Slot::of_i32(is_null(sp[-1].ref())); break;
      CASE(RefFunc): *sp++ = Slot::of_ref(make_ref(RefKind::Func, op.a)); break;
      CASE(RefEq): --sp; sp[-1] = Slot::of_i32(sp[-1].ref() == sp[0].ref()); break;
      CASE(RefAsNonNull): if (is_null(sp[-1].ref())) TRAP("null reference"); break;
      CASE(RefTest): CASE(RefTestNull):  // spec: Step_read/ref.test-*
        sp[-1] = Slot::of_i32(store.ref_matches(sp[-1].ref(), code->ref_types[op.x]));
        break;
      CASE(RefCast): CASE(RefCastNull):  // spec: Step_read/ref.cast-*
        if (!store.ref_matches(sp[-1].ref(), code->ref_types[op.x])) TRAP("cast failure");
        break;
      CASE(RefI31): sp[-1] = Slot::of_ref(make_i31(sp[-1].i32())); break;
      CASE(RefI31Shared): sp[-1] = Slot::of_ref(make_shared_i31(sp[-1].i32())); break;
      CASE(I31GetS): CASE(I31GetU): {  // spec: Step_pure/i31.get-*
        uint64_t r = sp[-1].ref();
        if (is_null(r)) TRAP("null i31 reference");
        sp[-1] = Slot::of_i32(op.code == uint16_t(Opcode::I31GetS) ? i31_get_s(r) : i31_get_u(r));
        break;
      }
      CASE(AnyConvertExtern): sp[-1] = Slot::of_ref(internalize(sp[-1].ref())); break;
      CASE(ExternConvertAny): sp[-1] = Slot::of_ref(externalize(sp[-1].ref())); break;
      CASE(RefGetDesc): {  // custom descriptors: spec Step_read/ref.get_desc-*
        uint64_t r = sp[-1].ref();
        if (is_null(r)) TRAP("null reference");
        sp[-1] = Slot::of_ref(store.structs[ref_payload(r)].desc);
        break;
      }
      CASE(RefCastDescEq): CASE(RefCastDescEqNull): {  // spec: Step_read/ref.cast_desc_eq-*
        uint64_t desc = (--sp)->ref();
        if (is_null(desc)) TRAP("null descriptor reference");
        if (!desc_matches(store, sp[-1].ref(), desc, code->ref_types[op.x].nullable))
          TRAP("descriptor cast failure");
        break;
      }
      CASE(BrOnCastDescEq): CASE(BrOnCastDescEqFail): {  // spec: Step_read/br_on_cast_desc_eq-*
        uint64_t desc = (--sp)->ref();
        if (is_null(desc)) TRAP("null descriptor reference");
        bool ok = desc_matches(store, sp[-1].ref(), desc, code->ref_types[op.x].nullable);
        if (ok == (op.code == uint16_t(Opcode::BrOnCastDescEq))) { keep(sp, base, op.b, op.c); BRANCH_POLLED(op.a); }
        break;
      }
      CASE(StructNewDesc): CASE(StructNewDefaultDesc):
      CASE(StructNew): CASE(StructNewDefault): CASE(StructGet): CASE(StructGetS):
      CASE(StructGetU): CASE(StructSet): CASE(ArrayNew): CASE(ArrayNewDefault):
      CASE(ArrayNewFixed): CASE(ArrayNewData): CASE(ArrayNewElem): CASE(ArrayGet):
      CASE(ArrayGetS): CASE(ArrayGetU): CASE(ArraySet): CASE(ArrayLen): CASE(ArrayFill):
      CASE(ArrayCopy): CASE(ArrayInitData): CASE(ArrayInitElem):
        { Slot* s_ = sp; exec::Trap m_ = exec::aggregate(store, *module, *code, op, s_); sp = s_; if (m_) TRAP(m_); }
        break;

      // ---- Numeric instructions ---- spec: Step_pure/const, unop-val, binop-val, testop,
      // relop, cvtop-val, and the trapping variants (binop-trap, cvtop-trap)
      CASE(I32Const): *sp++ = Slot::of_i32(op.a); break;
      CASE(I64Const): *sp++ = Slot::of_i64(op.bc()); break;
      CASE(F32Const): *sp++ = Slot::of_i32(op.a); break;
      CASE(F64Const): *sp++ = Slot::of_i64(op.bc()); break;
#include "interpreter/step_numeric.inc"

      default:
        if (op.code < kOpcodeCount && info(Opcode(op.code)).prefix == 0xFD) {
          { Slot* s_ = sp; exec::Trap m_ = exec::vector(op, s_, *code, *module, t.options.relaxed); sp = s_; if (m_) TRAP(m_); }
          break;
        }
        if (op.code < kOpcodeCount && info(Opcode(op.code)).prefix == 0xFE) {
          Slot* s_ = sp;
          exec::Trap m_ = exec::atomic(op, s_, *module, t);
          sp = s_;
          if (m_ == kInterruptedMessage) [[unlikely]] {
            t.message = m_;
            SAVE(pc - 1);
            return Status::Exhaustion;
          }
          if (m_) TRAP(m_);
          break;
        }
        TRAP(std::string(kUnsupportedMessage));
    }
  }
interrupted:
  t.message = kInterruptedMessage;
  SAVE(pc);
  return Status::Exhaustion;
}
// clang-format on

namespace {
// The checking mode's end of an invocation: a returning one has values of its result types; the
// store is well typed whatever the outcome.
Status check_end(Thread& t, Status s) {
  // After a trap, an exception or an exhaustion the registers may be mid-instruction: only the
  // store is checked then. Out of fuel (Running), the configuration is whole. Constant
  // expressions (no typing) run while instantiation is still filling the store: not checked.
  if (t.code == nullptr || !t.code->typing) return s;
  std::string report = s == Status::Done      ? check_results(t, t.steps)
                       : s == Status::Running ? check_configuration(t, t.steps, true)
                                              : check_store_state(t, t.steps);
  if (report.empty()) return s;
  typing_violation(t, report);
  t.message = std::move(report);
  return Status::Trap;
}
}  // namespace

// The loop with the per-step hooks: a trace, a schedule.
static bool observed(const Thread& t) { return t.options.trace != nullptr || t.options.scheduler != nullptr; }

Status step(Thread& t) {
  bool trace = observed(t);
  Status s;
  if (t.options.check_typing) [[unlikely]] {
    s = trace ? loop<true, true, true>(t, 1) : loop<false, true, true>(t, 1);
    if (s != Status::Running) s = check_end(t, s);
  } else {
    s = trace ? loop<true, true, false>(t, 1) : loop<false, true, false>(t, 1);
  }
  if (trace) [[unlikely]] trace_end(t, s);
  return s;
}

Status run(Thread& t) {
  uint64_t limit = t.options.fuel;
  bool trace = observed(t);
  Status s;
  if (t.options.check_typing) [[unlikely]] {
    uint64_t n = limit == 0 ? ~uint64_t(0) : limit;
    s = trace ? loop<true, true, true>(t, n) : loop<false, true, true>(t, n);
    s = check_end(t, s);
  } else {
    s = trace       ? loop<true, true, false>(t, limit == 0 ? ~uint64_t(0) : limit)
        : limit != 0 ? loop<false, true, false>(t, limit)
                     : loop<false, false, false>(t, 0);
  }
  if (s == Status::Running) {
    t.message = "fuel exhausted";
    s = Status::Exhaustion;
  }
  if (trace) [[unlikely]] trace_end(t, s);
  return s;
}

}  // namespace wasm::interp
