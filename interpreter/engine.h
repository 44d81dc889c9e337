// The interpreter's public surface: what the script runner (wast/) and other embedders use —
// the spec's embedding interface (appendix/embedding.rst) in C++, nothing more.
#pragma once

#include <cstdint>
#include <cstdio>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "interpreter/numerics_vector.h"  // numerics::Relaxed (numerics_relaxed.h)
#include "interpreter/schedule.h"
#include "interpreter/trace.h"
#include "spec/ast.h"
#include "spec/error.h"
#include "spec/type_store.h"
#include "spec/validate.h"

namespace wasm::interp {

class Store;  // exec/runtime.rst: the store (interpreter/store.h)

using Addr = uint32_t;          // an address in the store, of the kind the context says
using InstanceAddr = uint32_t;  // a module instance

// spec: externval ::= FUNC funcaddr | TABLE tableaddr | MEM memaddr | GLOBAL globaladdr
//                   | TAG tagaddr | MODULE moduleaddr | INSTANCE instanceaddr
// Module Linking's module values and instance values have their own address spaces in the
// store (Store::module_values, Store::instance_values); see docs/module-linking.md.
struct ExternVal {
  ExternKind kind = ExternKind::Func;
  Addr addr = 0;
  bool operator==(const ExternVal&) const = default;
};

// spec: val, as an embedder sees it. Numbers keep their bit pattern; a reference is an opaque
// word only the engine interprets (see Engine::inspect, Engine::host_ref, ...).
struct Value {
  ValKind kind = ValKind::I32;  // I32, I64, F32, F64, V128 or Ref
  uint64_t bits = 0;            // numbers: i32/f32 in the low 32 bits; Ref: the engine's word
  V128Bytes v128{};             // V128
};

// What an embedder may learn of a reference (for assert_return's reference patterns).
struct RefInfo {
  enum class Kind : uint8_t {
    Null,
    Func,
    Struct,
    Array,
    I31,
    Exn,
    Host,
    WaitQueue
  } kind = Kind::Null;
  bool externalized = false;  // an extern reference wrapping the above (extern.convert_any,
                              // and the script's (ref.extern n) == externalized (ref.host n))
  uint32_t payload = 0;       // Host: n of (ref.host n); I31: the 31-bit value
  bool shared = false;        // shared-everything-threads: a shared i31, struct, array, func or
                              // waitqueue
};

// The result of invoking a function (spec: the final configuration of an invocation).
struct Outcome {
  enum class Status : uint8_t { Values, Trap, Exception, Exhaustion } status = Status::Values;
  std::vector<Value> values;  // Values: the results; Exception: the exception's arguments
  std::string message;        // Trap/Exhaustion: the suite's message ("integer divide by zero")
  Addr tag = 0;               // Exception: the thrown tag's address
};

// A host function: receives the arguments, returns results, a trap or an exhaustion. A C++
// exception thrown by it becomes a trap carrying its what() (caught at the boundary).
using HostFunc = std::function<Outcome(std::span<const Value> args)>;

// Module Linking: named external values — an instance value's exports, instantiate's arguments.
using NamedExterns = std::vector<std::pair<std::string, ExternVal>>;

// Module Linking: a module provided by the host. Instantiating it with named arguments gives an
// instance value (an ExternVal of kind Instance); a C++ exception becomes a link error.
using HostModule = std::function<ExternVal(const NamedExterns& args)>;

struct EngineOptions {
  uint32_t max_call_depth = 10'000;  // deeper: Exhaustion, "call stack exhausted"
  uint64_t fuel = 0;                 // reductions per invocation before Exhaustion; 0 = no limit
  std::FILE* trace = nullptr;        // non-null: print every reduction step there (--trace)
  TraceFormat trace_format = TraceFormat::Spec;  // interpreter/trace.h
  // Record trace tables when instantiating (also when `trace` is set then), so that tracing
  // turned on later prints the spec's notation; `text_forms` writes the instructions.
  bool traceable = false;
  const TextForms* text_forms = nullptr;
  numerics::Relaxed relaxed;  // relaxed SIMD choices (interpreter/numerics_relaxed.h)
  // Caps the timeout of every memory.atomic.wait, in ns (negative: no cap). An embedder that
  // runs one thread only (a fuzzer) sets 0: nobody could notify, so a wait that would block
  // forever times out at once instead.
  int64_t max_wait_ns = -1;
  // Checking mode (--check-typing; interpreter/check_typing.h): after every reduction, re-type
  // the configuration against the spec's configuration typing (appendix/properties.rst). A
  // violation calls on_typing_violation with the report if set (the invocation then ends in a
  // trap with the report as its message), otherwise prints the report and aborts.
  bool check_typing = false;
  void (*on_typing_violation)(const std::string& report) = nullptr;
  // The store-wide memory limit in bytes (`--max-memory`): all memories, tables and GC data of
  // the engine's store together. Past it memory.grow and table.grow return -1, allocating a
  // struct, array or exception traps "out of memory: ...", and instantiating a module whose
  // memories or tables do not fit fails with that message. 0: half the physical memory.
  uint64_t max_memory = 0;
  // Superinstructions (interpreter/fuse.h) in the fast loop; off (`run --no-fuse`): one
  // reduction per dispatch everywhere, for measuring them and for bisecting a suspect result.
  bool fuse = true;
  // Threads take turns as this scheduler decides (interpreter/schedule.h); null: they run at
  // once on their OS threads.
  Scheduler* scheduler = nullptr;
};

// The default store-wide memory limit (EngineOptions::max_memory = 0): half the machine's
// physical memory, so that a program filling its memories or allocating GC data in a loop
// (nothing is freed) traps instead of getting the process killed.
uint64_t default_max_memory();

// The canonical deftype of a host-provided function type: a rec group of one final subtype
// (shared-everything-threads: `shared`, for the thread builtins' shared types).
TypeId intern_functype(TypeStore& types, const FuncType& ft, bool shared = false);

class Engine {
 public:
  explicit Engine(EngineOptions options = {});
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  // The canonical type table shared by every module of this engine: validate modules against
  // it (wasm::validate(m, engine.types())) so that linking and casts compare TypeIds.
  TypeStore& types();

  // spec: instantiate (exec/modules.rst), in the spec's order: import matching with subtyping
  // (Phase::Unlinkable, "incompatible import type" + detail), allocation, globals, tables'
  // initialisers, element and data segments, start function. A trap during initialisation gives
  // Phase::Trap with the trap's message (Phase::Exhaustion for exhaustion); what was written to
  // imported tables and memories before it stays written. `imports` follow m.imports' order.
  Result<InstanceAddr> instantiate(const Module& m, const ValidatedModule& v,
                                   std::span<const ExternVal> imports);

  // The instance's export of that name, if any; all exports in order.
  std::optional<ExternVal> get_export(InstanceAddr instance, std::string_view name) const;
  std::vector<std::pair<std::string, ExternVal>> exports(InstanceAddr instance) const;

  // spec: invoke. Arguments must match the function's parameter types (the runner checks
  // counts; a mismatch is reported as a trap "type mismatch").
  Outcome invoke(Addr func, std::span<const Value> args);
  // The function's type (for checking arguments and reporting results).
  const FuncType& func_type(Addr func) const;

  // Is the memory shared (threads)? Scripts share only instances whose exports all are.
  bool memory_shared(Addr mem) const;

  // spec: global_read
  Value read_global(Addr global) const;
  // The declared type of a global (for `get` results).
  const GlobalType& global_type(Addr global) const;
  // spec: Externtype_sub — whether a core external value (function, table, memory, global, tag)
  // matches a canonical external type, as instantiation checks it.
  bool extern_matches(const ExternVal& v, const ExternType& want) const;

  // References for script arguments and results.
  Value null_ref() const;                 // (ref.null ht): nulls are untyped at run time
  Value host_ref(uint32_t n) const;       // (ref.host n)
  Value extern_ref(uint32_t n) const;     // (ref.extern n): externalized (ref.host n)
  RefInfo inspect(const Value& v) const;  // v.kind == Ref

  // Host objects, for the spectest module and other embedder-provided imports.
  ExternVal add_host_func(const FuncType& type, HostFunc f);
  ExternVal add_table(const TableType& type, Value init);
  ExternVal add_memory(const MemType& type);
  ExternVal add_global(const GlobalType& type, Value v);
  ExternVal add_tag(const FuncType& type);
  // The same with a canonical function type of types() (e.g. taken from a validated import).
  ExternVal add_host_func(TypeId type, HostFunc f);
  ExternVal add_tag(TypeId type);

  // Module Linking. An instance value of a module instance's exports (what `register`ed
  // instances are when imported as an instance); an instance value of the given exports; a
  // host module of the given type; the exports of an instance value.
  ExternVal instance_of(InstanceAddr instance);
  ExternVal add_instance(NamedExterns exports);
  ExternVal add_host_module(std::shared_ptr<const LinkModuleType> type, HostModule f);
  const NamedExterns& instance_exports(Addr instance_value) const;

  // Threads (several threads may instantiate, invoke and allocate on one engine at once).
  // Interruption (an embedder's watchdog): running code polls for interrupt() at backward
  // branches, calls and handler jumps; interrupt() makes every running or later invocation end
  // in Exhaustion "interrupted: ..." and wakes every memory.atomic.wait, until
  // clear_interrupt() (which the caller makes once no thread runs the interrupted code).
  void interrupt();
  void clear_interrupt();
  bool interrupted() const;

  const EngineOptions& options() const;
  // Turns tracing on (a stream) or off (null) for later invocations (the REPL's :trace).
  void set_trace(std::FILE* out) { options_.trace = out; }
  void set_scheduler(Scheduler* s) { options_.scheduler = s; }
  void set_trace(std::FILE* out, TraceFormat format) {
    options_.trace = out;
    options_.trace_format = format;
  }
  Store& store();

 private:
  std::unique_ptr<Store> store_;
  EngineOptions options_;
};

}  // namespace wasm::interp
