// The store and its instances — exec/runtime.rst (Store, Addresses, Module Instances, ...).
//
// Instances live in StableVectors (spec/stable_vector.h), so addresses (indices) and pointers
// both stay valid as the store grows, and several threads may allocate and read at once
// (threads proposal); lowered code holds pointers for speed. Nothing is ever freed.
// deviation: no garbage collection of structs, arrays and exceptions; unreachable objects just
// stay in the store, which is unobservable to a program.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "interpreter/code.h"
#include "interpreter/engine.h"
#include "interpreter/value.h"
#include "interpreter/wait_queue.h"
#include "spec/stable_vector.h"
#include "spec/type_store.h"
#include "spec/types.h"

namespace wasm::interp {

struct ModuleInst;

// The store-wide memory limit (EngineOptions::max_memory, `--max-memory`): the bytes of all
// memories (their current sizes), tables (8 bytes an element) and GC data (structs, arrays,
// exceptions) of a store together. Nothing is ever given back (nothing is freed).
class MemoryBudget {
 public:
  explicit MemoryBudget(uint64_t limit) : limit_(limit) {}
  // Takes `bytes` from the budget; false, taking nothing, when that would pass the limit.
  bool take(uint64_t bytes) {
    uint64_t before = used_.fetch_add(bytes, std::memory_order_relaxed);
    if (bytes <= limit_ && before <= limit_ - bytes) return true;
    used_.fetch_sub(bytes, std::memory_order_relaxed);
    return false;
  }
  void give_back(uint64_t bytes) { used_.fetch_sub(bytes, std::memory_order_relaxed); }
  uint64_t used() const { return used_.load(std::memory_order_relaxed); }
  uint64_t limit() const { return limit_; }

 private:
  std::atomic<uint64_t> used_ = 0;
  uint64_t limit_;
};
// The message of an allocation that the budget refuses (a trap; instantiation fails with it).
inline constexpr char kOutOfMemoryMessage[] =
    "out of memory: the store's memory limit (--max-memory) is reached";

// spec: funcinst ::= {TYPE deftype, MODULE moduleinst, CODE func} | host function
struct FuncInst {
  TypeId type = 0;
  ModuleInst* module = nullptr;  // null for host functions
  std::unique_ptr<Code> code;    // wasm functions: the lowered body
  HostFunc host;                 // host functions
  const FuncType* functype = nullptr;  // expand(type).func
};

// spec: tableinst ::= {TYPE tabletype, REFS ref*}
struct TableInst {
  TableType type;
  std::vector<uint64_t> refs;
  MemoryBudget* budget = nullptr;  // the store's (growth is charged to it)
  // spec: $growtable — the old size, or nothing when the limits or the implementation forbid.
  std::optional<uint64_t> grow(uint64_t delta, uint64_t init);
};

// spec: meminst ::= {TYPE memtype, BYTES byte*}
// The bytes live in a reserved address range (mmap with PROT_NONE, MAP_NORESERVE); growing makes
// more of it accessible, so `data` never moves: threads sharing a memory keep their pointers while
// another grows it. `size` only increases; it is atomic because other threads read it while one
// grows (a stale, smaller size is still a valid bound).
class MemInst {
 public:
  MemInst() = default;
  MemInst(const MemInst&) = delete;
  MemInst& operator=(const MemInst&) = delete;
  ~MemInst();

  // Reserves and commits the memory's initial size, charged to `budget` like every growth; an
  // error message when that is impossible.
  std::optional<std::string> allocate(const MemType& type, MemoryBudget& budget);
  // spec: $growmem — the old size in pages, or nothing.
  std::optional<uint64_t> grow(uint64_t delta_pages);

  uint64_t pages() const { return bytes() >> page_log2; }
  uint64_t bytes() const { return size.load(std::memory_order_acquire); }

  MemType type;
  uint8_t* data = nullptr;
  std::atomic<uint64_t> size = 0;  // bytes
  uint64_t reserved = 0;           // bytes of address space reserved
  uint32_t page_log2 = 16;
  MemoryBudget* budget = nullptr;
  WaitQueue waiters;  // memory.atomic.wait/notify (shared memories)

 private:
  std::mutex grow_mutex_;  // concurrent memory.grow on a shared memory
};

// spec: globalinst ::= {TYPE globaltype, VALUE val}
struct GlobalInst {
  GlobalType type;
  Slot value;
};

// spec: taginst ::= {TYPE tagtype}
struct TagInst {
  TypeId type = 0;
  const FuncType* functype = nullptr;
};

// spec: eleminst ::= {TYPE reftype, REFS ref*};  datainst ::= {BYTES byte*}
struct ElemInst {
  RefType type;
  std::vector<uint64_t> refs;
};
struct DataInst {
  std::vector<uint8_t> bytes;
};

// spec: structinst ::= {TYPE deftype, FIELDS fieldval*}  (packed fields hold wrapped values)
struct StructInst {
  TypeId type = 0;
  std::vector<Slot> fields;
  uint64_t desc = kNullRef;  // custom descriptors: the descriptor (struct.new_desc), or null
};

// spec: arrayinst ::= {TYPE deftype, FIELDS fieldval*}, stored compactly: `esize` bytes each.
struct ArrayInst {
  TypeId type = 0;
  uint32_t len = 0;
  uint32_t esize = 0;
  std::vector<uint8_t> bytes;
};

// shared-everything-threads (Overview.md, "Managed Waiter Queues"): a waitqueue — only its
// waiters; the control word a wait compares lives in the location the wait names.
struct WaitQueueInst {
  WaitQueue waiters;  // keyed by address 0
};

// spec: exninst ::= {TAG tagaddr, FIELDS val*}
struct ExnInst {
  Addr tag = 0;
  std::vector<Slot> fields;
};

// spec: moduleinst — addresses per index space, plus pointers for the lowered code.
struct ModuleInst {
  std::vector<TypeId> types;
  std::vector<Addr> funcs, tables, mems, globals, tags, elems, datas;
  std::vector<FuncInst*> func_ptrs;
  std::vector<TableInst*> table_ptrs;
  std::vector<MemInst*> mem_ptrs;
  std::vector<GlobalInst*> global_ptrs;
  std::vector<TagInst*> tag_ptrs;
  std::vector<ElemInst*> elem_ptrs;
  std::vector<DataInst*> data_ptrs;
  std::vector<Addr> modules, instances;  // Module Linking: module and instance value addresses
  std::vector<std::pair<std::string, ExternVal>> exports;
};

// Module Linking: a module value — a validated module (nested or top-level) with the module
// index spaces of its enclosing modules, which its outer aliases name (outer[0]: the parent's,
// as it was at the module's definition) — or a host module.
struct ModuleValue {
  const Module* module = nullptr;  // null: a host module
  const ValidatedModule* valid = nullptr;
  std::vector<std::vector<Addr>> outer;
  std::shared_ptr<const LinkModuleType> type;
  HostModule host;
};

// Module Linking: an instance value — named external values (a module instance's exports, an
// implicit instance of two-level imports, or one made by the host).
struct InstanceValue {
  NamedExterns exports;
  // An instance an `instance` definition made of a module (not an import, an implicit instance
  // or a host module's): which module instance's `instance` definition made it, the module
  // instantiated and the module instance made (wasmref snapshot writes the tree back).
  std::optional<InstanceAddr> definer, module_instance;
  const Module* module = nullptr;
};

// spec: store ::= {FUNCS funcinst*, TABLES tableinst*, MEMS meminst*, GLOBALS globalinst*,
//                  TAGS taginst*, ELEMS eleminst*, DATAS datainst*, STRUCTS structinst*,
//                  ARRAYS arrayinst*, EXNS exninst*}
class Store {
 public:
  Store(TypeStore& types, uint64_t max_memory) : budget(max_memory), types_(&types) {}

  TypeStore& types() const { return *types_; }

  StableVector<FuncInst> funcs;
  StableVector<TableInst> tables;
  StableVector<MemInst> mems;
  StableVector<GlobalInst> globals;
  StableVector<TagInst> tags;
  StableVector<ElemInst> elems;
  StableVector<DataInst> datas;
  StableVector<StructInst> structs;
  StableVector<ArrayInst> arrays;
  StableVector<ExnInst> exns;
  StableVector<WaitQueueInst> waitqueues;  // shared-everything-threads
  StableVector<ModuleInst> modules;
  StableVector<ModuleValue> module_values;      // Module Linking
  StableVector<InstanceValue> instance_values;  // Module Linking
  MemoryBudget budget;                          // memories, tables and GC data together

  // The dynamic type test behind ref.test, ref.cast, br_on_cast and call_indirect:
  // spec: Ref_ok (the type of a reference value) followed by Reftype_sub.
  bool ref_matches(uint64_t r, const RefType& t) const;
  // shared-everything-threads: whether a non-null, internalized reference is shared.
  bool ref_shared(uint64_t r) const;
  // shared-everything-threads: the calling thread's value of the thread-local global g. Each
  // thread of a script (its own, spawned, or the script itself) runs on an OS thread of its
  // own, so the values live in that OS thread's storage, keyed by this store and g; a thread's
  // first access starts from g's initial value (its type's default, Global_ok).
  Slot& thread_local_value(GlobalInst& g);

  // The embedder's watchdog: running code polls `interrupted` at backward branches, calls and
  // handler jumps, and waiters re-check it; `interrupt()` stops every thread running in this
  // store with Exhaustion kInterruptedMessage, until `clear_interrupt()`.
  std::atomic<bool> interrupted = false;
  void interrupt();
  void clear_interrupt() { interrupted = false; }

 private:
  TypeStore* types_;
  uint64_t id_ = next_id();  // distinguishes stores in the threads' value maps
  static uint64_t next_id();
};

// The smallest and largest sizes a memory may reach, in bytes (implementation limits).
inline constexpr uint64_t kMaxMemoryReserve = uint64_t(1) << 33;  // 8 GiB of address space
inline constexpr uint64_t kMaxTableSize = uint64_t(1) << 24;      // elements

// One definition (store.cpp), so that its address identifies it: exec::atomic returns it and
// the step loop compares pointers (string literals are not merged across units, e.g. by ASan).
extern const char kInterruptedMessage[];

}  // namespace wasm::interp
