// The `thread` host module (see wast/thread_builtins.h).
#include "wast/thread_builtins.h"

#include "interpreter/store.h"

namespace wasm::wast {
namespace {

using interp::Outcome;
using interp::Value;

Outcome trap(std::string message) {
  Outcome o;
  o.status = Outcome::Status::Trap;
  o.message = std::move(message);
  return o;
}

Outcome i32_result(uint32_t v) {
  Outcome o;
  o.values.push_back(Value{ValKind::I32, v, {}});
  return o;
}

std::string describe(const Outcome& o) {
  switch (o.status) {
    case Outcome::Status::Trap: return "trap: " + o.message;
    case Outcome::Status::Exhaustion: return "exhaustion: " + o.message;
    case Outcome::Status::Exception: return "uncaught exception";
    case Outcome::Status::Values: break;
  }
  return "returned";
}

const RefType kFuncRef{true, HeapType{HeapKind::Func, false, 0}};
const RefType kSharedFuncRef{true, HeapType{HeapKind::Func, false, 0, true}};

}  // namespace

ThreadBuiltins::~ThreadBuiltins() {
  RunReport ignored;
  join_all(ignored);
}

std::optional<interp::ExternVal> ThreadBuiltins::lookup(std::string_view name) {
  const ValType i32 = ValType::i32();
  TypeStore& types = engine_.types();
  if (shared_ && start_type_ == 0)
    start_type_ = interp::intern_functype(types, FuncType{{i32}, {}}, true);
  if (name == "spawn_ref") {
    if (!spawn_ref_) {
      // canonical ABI: (func (param $f (ref null $ft)) (param $c i32) (result $e i32))
      ValType f = shared_ ? ValType::ref_of(RefType{true, {HeapKind::Index, false, start_type_}})
                          : ValType::funcref();
      spawn_ref_ = engine_.add_host_func(
          interp::intern_functype(types, FuncType{{f, i32}, {i32}}, false),
          [this](std::span<const Value> args) {
            interp::RefInfo r = engine_.inspect(args[0]);
            if (r.kind == interp::RefInfo::Kind::Null) return trap("null function reference");
            // With $ft, validation already typed the reference (a
            // subtype of $ft calls alike).
            return spawn(interp::ref_payload(args[0].bits), uint32_t(args[1].bits), !shared_);
          });
    }
    return spawn_ref_;
  }
  if (name == "table") {
    if (!table_) {
      TableType t{AddrType::I32, Limits{16, {}}, shared_ ? kSharedFuncRef : kFuncRef, shared_};
      table_ = engine_.add_table(t, engine_.null_ref());
    }
    return table_;
  }
  if (name == "spawn_indirect") {
    if (!spawn_indirect_) {
      lookup("table");
      interp::Addr table = table_->addr;
      spawn_indirect_ = engine_.add_host_func(
          FuncType{{i32, i32}, {i32}}, [this, table](std::span<const Value> args) {
            // spec: the checks of call_indirect (Step_pure/call_indirect, Step_read/call_ref)
            const std::vector<uint64_t>& refs = engine_.store().tables[table].refs;
            uint32_t i = uint32_t(args[0].bits);
            if (i >= refs.size()) return trap(cat("undefined element ", i));
            if (interp::is_null(refs[i])) return trap(cat("uninitialized element ", i));
            return spawn(interp::ref_payload(refs[i]), uint32_t(args[1].bits), true);
          });
    }
    return spawn_indirect_;
  }
  if (name == "available_parallelism") {
    if (!parallelism_)  // canonical ABI: (func shared (result i32))
      parallelism_ = engine_.add_host_func(
          interp::intern_functype(types, FuncType{{}, {i32}}, shared_), [](std::span<const Value>) {
            return i32_result(std::max(1u, std::thread::hardware_concurrency()));
          });
    return parallelism_;
  }
  return std::nullopt;
}

std::optional<Outcome> ThreadBuiltins::check_type(interp::Addr func) {
  if (shared_) {  // canonical ABI: trap_if(f.type != ft), the type's canonical equivalence
    if (engine_.store().funcs[func].type != start_type_)
      return trap("spawn: the function's type is not (shared (func (param i32)))");
    return std::nullopt;
  }
  const FuncType& t = engine_.func_type(func);
  if (t.params.size() != 1 || t.params[0].kind != ValKind::I32 || !t.results.empty())
    return trap("spawn: the function's type is not [i32] -> []");
  return std::nullopt;
}

Outcome ThreadBuiltins::spawn(interp::Addr func, uint32_t context, bool check) {
  if (std::optional<Outcome> bad = check ? check_type(func) : std::nullopt) return *bad;
  std::lock_guard lock(mutex_);
  auto s = std::make_unique<Spawned>();
  Spawned* t = s.get();
  t->id = next_id_++;
  TurnScheduler* scheduler = scheduler_;
  if (scheduler != nullptr) t->schedule_id = scheduler->add_thread();
  t->os_thread = std::thread([this, t, scheduler, func, context] {
    if (scheduler != nullptr) scheduler->start(t->schedule_id);
    Value arg{ValKind::I32, context, {}};
    Outcome o = engine_.invoke(func, std::span<const Value>(&arg, 1));
    if (o.status != Outcome::Status::Values) t->error = describe(o);
    if (scheduler != nullptr) scheduler->finish();
  });
  spawned_.push_back(std::move(s));
  return i32_result(shared_ ? 0 : t->id);  // canonical ABI: 0 when the thread was spawned
}

void ThreadBuiltins::join_all(RunReport& report) {
  for (size_t k = 0;; ++k) {  // threads may spawn more while we wait
    Spawned* t = nullptr;
    {
      std::lock_guard lock(mutex_);
      if (k >= spawned_.size()) break;
      t = spawned_[k].get();
    }
    if (!t->os_thread.joinable()) continue;
    if (scheduler_ != nullptr) scheduler_->join(t->schedule_id);
    t->os_thread.join();
    if (!t->error.empty()) {
      std::string message = cat("spawned thread ", t->id, ": ", t->error);
      report.checks.push_back(CheckResult{0, 0, "thread", false, message});
      ++report.failed;
      report.log += message + "\n";
    }
  }
}

}  // namespace wasm::wast
