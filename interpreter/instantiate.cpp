// Modules — exec/modules.rst: allocation (alloc_func … alloc_module), instantiate, invoke.
// One function per spec step, called in the spec's order by instantiate().
#include "interpreter/instantiate.h"

#include <cstring>
#include <map>

#include "interpreter/exec.h"
#include "interpreter/linking.h"
#include "interpreter/lower.h"
#include "spec/match.h"
#include "spec/walk.h"

namespace wasm::interp {

Slot to_slot(const Value& v) {
  Slot s{v.bits, 0};
  if (v.kind == ValKind::I32 || v.kind == ValKind::F32) s.lo = uint32_t(v.bits);
  if (v.kind == ValKind::V128) std::memcpy(&s, v.v128.data(), 16);
  return s;
}

Value to_value(const Slot& s, ValKind k) {
  Value v;
  v.kind = k;
  v.bits = s.lo;
  if (k == ValKind::V128) std::memcpy(v.v128.data(), &s, 16);
  return v;
}

namespace {

[[noreturn]] void fail_at(Phase p, Span at, std::string message) { fail(p, at, std::move(message)); }

// Runs lowered code (a constant expression, or a function via `f`) to completion on a fresh
// thread. The registers for `code` start with no locals; results stay on t.values.
Status run_code(Thread& t, const Code& code, ModuleInst& module) {
  t.values.assign(code.max_height + 64, Slot{});
  t.code = &code;
  t.module = &module;
  t.pc = 0;
  t.base = 0;
  t.sp = code.locals;
  return run(t);
}

class Instantiation {
 public:
  Instantiation(Store& s, const EngineOptions& o, const Module& m, const ValidatedModule& v,
                const Outer& outer)
      : s_(s), o_(o), m_(m), v_(v), outer_(outer) {}

  InstanceAddr run(std::span<const ExternVal> imports) {
    match_imports(imports);
    alloc_module(imports);
    lower_funcs();
    init_globals();
    init_tables();
    init_elems();
    exports();
    run_elems();
    run_datas();
    run_start();
    return addr_;
  }

 private:
  // spec: instantiate, premises: |externval*| = |import*| and each externval matches.
  void match_imports(std::span<const ExternVal> imports) {
    if (imports.size() != m_.imports.size())
      fail_at(Phase::Unlinkable, m_.at, "incompatible import type: wrong number of imports");
    for (size_t i = 0; i < imports.size(); ++i) {
      const ExternType& want = v_.imports[i];
      bool ok = imports[i].kind == want.kind;
      std::string why;
      if (ok && (want.kind == ExternKind::Module || want.kind == ExternKind::Instance)) {
        // Module Linking (Subtyping.md): the value's type is a subtype of the import's.
        std::optional<std::string> mismatch =
            match_linktype(s_.types(), value_type(s_, imports[i]), v_.import_types[i]);
        ok = !mismatch;
        if (mismatch) why = ": " + *mismatch;
      } else if (ok) {
        ok = match_externtype(s_.types(), extern_type(s_, imports[i]), want);
      }
      if (!ok)
        fail_at(Phase::Unlinkable, m_.imports[i].at,
                cat("incompatible import type for \"", m_.imports[i].module, "\" \"",
                    m_.imports[i].field.value_or(""), "\"", why));
    }
  }

  // Appends an external value to the index space of its kind.
  void push_value(const ExternVal& e) {
    switch (e.kind) {
      case ExternKind::Func: mi_->funcs.push_back(e.addr); break;
      case ExternKind::Table: mi_->tables.push_back(e.addr); break;
      case ExternKind::Memory: mi_->mems.push_back(e.addr); break;
      case ExternKind::Global: mi_->globals.push_back(e.addr); break;
      case ExternKind::Tag: mi_->tags.push_back(e.addr); break;
      case ExternKind::Module: mi_->modules.push_back(e.addr); break;
      case ExternKind::Instance: mi_->instances.push_back(e.addr); break;
      case ExternKind::Type: break;
    }
  }

  // The external value of index x of a kind (export, instantiate argument).
  ExternVal value_at(ExternKind kind, uint32_t x) const {
    switch (kind) {
      case ExternKind::Func: return {kind, mi_->funcs[x]};
      case ExternKind::Table: return {kind, mi_->tables[x]};
      case ExternKind::Memory: return {kind, mi_->mems[x]};
      case ExternKind::Global: return {kind, mi_->globals[x]};
      case ExternKind::Tag: return {kind, mi_->tags[x]};
      case ExternKind::Module: return {kind, mi_->modules[x]};
      case ExternKind::Instance: return {kind, mi_->instances[x]};
      case ExternKind::Type: break;
    }
    return {kind, 0};
  }

  // Module Linking: the initial definitions in their order — imports (with the implicit
  // instances of two-level imports), nested modules as module values, instances (nested
  // instantiations, whose side effects happen now, before this module's own allocation:
  // Explainer.md "Instance definitions"), aliases resolved to the items' addresses.
  void initial(std::span<const ExternVal> imports) {
    size_t next[5] = {0, 0, 0, 0, 0};
    for (const DefRun& r : definition_runs(m_)) {
      std::map<std::string, Addr> implicit;  // per run of imports
      for (uint32_t k = 0; k < r.count; ++k) {
        size_t i = next[size_t(r.kind)]++;
        switch (r.kind) {
          case DefKind::Type: break;
          case DefKind::Import: import(imports[i], m_.imports[i], implicit); break;
          case DefKind::Module: module_value(i); break;
          case DefKind::Instance: instance(m_.instances[i]); break;
          case DefKind::Alias: alias(m_.aliases[i]); break;
        }
      }
    }
  }
  void import(const ExternVal& e, const Import& im, std::map<std::string, Addr>& implicit) {
    if (v_.module_linking && im.field) {
      auto it = implicit.find(im.module);
      if (it == implicit.end()) {
        it = implicit.emplace(im.module, new_instance_value(s_, {})).first;
        mi_->instances.push_back(it->second);
      }
      s_.instance_values[it->second].exports.emplace_back(*im.field, e);
    }
    push_value(e);
  }
  void module_value(size_t i) {
    Addr a = Addr(s_.module_values.size());
    ModuleValue& mv = s_.module_values.emplace_back();
    mv.module = &m_.modules[i];
    mv.valid = &v_.modules[i];
    mv.type = v_.modules[i].type;
    mv.outer.push_back(mi_->modules);
    mv.outer.insert(mv.outer.end(), outer_.begin(), outer_.end());
    mi_->modules.push_back(a);
  }
  void instance(const Instance& inst) {
    NamedExterns args;
    for (const InstantiateArg& a : inst.args) args.emplace_back(a.name, value_at(a.kind, a.index));
    Addr a = instantiate_module_value(s_, o_, mi_->modules[inst.module], args, inst.at);
    s_.instance_values[a].definer = addr_;
    mi_->instances.push_back(a);
  }
  void alias(const Alias& a) {
    if (a.kind == Alias::Kind::Outer) {
      if (a.sort == ExternKind::Module) mi_->modules.push_back(outer_[a.outer_count][a.index]);
      return;  // types: already canonical in v_.types
    }
    const ExternVal* e = find_named(s_.instance_values[mi_->instances[a.instance]].exports, a.name);
    if (!e || e->kind != a.sort)
      fail_at(Phase::Unlinkable, a.at,
              cat("unknown export \"", a.name, "\" of an aliased instance"));
    push_value(*e);
  }

  // spec: alloc_module (with alloc_func, alloc_table, alloc_mem, alloc_global, alloc_tag,
  // alloc_elem, alloc_data). Initial values are filled in by the init_* steps below.
  void alloc_module(std::span<const ExternVal> imports) {
    auto [addr, inst] = s_.modules.emplace();
    addr_ = InstanceAddr(addr);
    mi_ = &inst;
    mi_->types = v_.types;
    initial(imports);
    for (const Func& f : m_.funcs) alloc_func(v_.types[f.type]);
    for (const Table& t : m_.tables) alloc_table(t);
    for (const Memory& mem : m_.memories) alloc_mem(mem);
    for (const Global& g : m_.globals) alloc_global(v_.globals[mi_->globals.size()]), (void)g;
    for (const Tag& t : m_.tags) alloc_tag(v_.types[t.type]);
    for (size_t i = 0; i < m_.elems.size(); ++i) {
      auto [a, e] = s_.elems.emplace();
      mi_->elems.push_back(Addr(a));
      e.type = v_.elems[i];
    }
    for (const Data& d : m_.datas) {
      auto [a, data] = s_.datas.emplace();
      mi_->datas.push_back(Addr(a));
      data.bytes = d.mode == SegmentMode::Passive ? d.init : std::vector<uint8_t>{};
    }
    for (Addr a : mi_->funcs) mi_->func_ptrs.push_back(&s_.funcs[a]);
    for (Addr a : mi_->tables) mi_->table_ptrs.push_back(&s_.tables[a]);
    for (Addr a : mi_->mems) mi_->mem_ptrs.push_back(&s_.mems[a]);
    for (Addr a : mi_->globals) mi_->global_ptrs.push_back(&s_.globals[a]);
    for (Addr a : mi_->tags) mi_->tag_ptrs.push_back(&s_.tags[a]);
    for (Addr a : mi_->elems) mi_->elem_ptrs.push_back(&s_.elems[a]);
    for (Addr a : mi_->datas) mi_->data_ptrs.push_back(&s_.datas[a]);
  }

  // spec: alloc_func
  void alloc_func(TypeId type) {
    auto [a, f] = s_.funcs.emplace();
    mi_->funcs.push_back(Addr(a));
    f.type = type;
    f.module = mi_;
    f.functype = &s_.types().expand(type).func;
  }
  // spec: alloc_table (the initial value is stored by init_tables)
  void alloc_table(const Table& t) {
    auto [a, ti] = s_.tables.emplace();
    mi_->tables.push_back(Addr(a));
    ti.type = v_.tables[mi_->tables.size() - 1];
    ti.budget = &s_.budget;
    if (ti.type.limits.min > kMaxTableSize)
      fail_at(Phase::Trap, t.at, "table allocation failed: size exceeds the implementation limit");
    if (!s_.budget.take(ti.type.limits.min * sizeof(uint64_t)))
      fail_at(Phase::Trap, t.at,
              cat("table allocation failed: ", kOutOfMemoryMessage, " (", s_.budget.limit(),
                  " bytes)"));
  }
  // spec: alloc_mem
  void alloc_mem(const Memory& mem) {
    auto [a, mi] = s_.mems.emplace();
    mi_->mems.push_back(Addr(a));
    if (auto error = mi.allocate(v_.mems[mi_->mems.size() - 1], s_.budget))
      fail_at(Phase::Trap, mem.at, *error);
  }
  // spec: alloc_global
  void alloc_global(const GlobalType& t) {
    auto [a, g] = s_.globals.emplace();
    mi_->globals.push_back(Addr(a));
    g.type = t;
  }
  // spec: alloc_tag
  void alloc_tag(TypeId type) {
    auto [a, t] = s_.tags.emplace();
    mi_->tags.push_back(Addr(a));
    t.type = type;
    t.functype = &s_.types().expand(type).func;
  }

  void lower_funcs() {
    size_t first = mi_->funcs.size() - m_.funcs.size();
    bool traceable = o_.traceable || o_.trace != nullptr;
    NameMap names = traceable ? names_of(m_) : NameMap{};
    TraceNames trace{&names, o_.text_forms};
    for (size_t i = 0; i < m_.funcs.size(); ++i) {
      FuncInst& f = *mi_->func_ptrs[first + i];
      f.code = lower_func(s_, *mi_, *f.functype, m_.funcs[i].locals, m_.funcs[i].body,
                          o_.check_typing || traceable ? v_.stack_types.get() : nullptr,
                          uint32_t(first + i), o_.fuse, traceable ? &trace : nullptr);
    }
  }

  // spec: Eval_expr — a constant expression, evaluated by the interpreter itself.
  Slot eval(const Expr& e, Span at) {
    std::unique_ptr<Code> code = lower_const(s_, *mi_, e);
    Thread t(s_, o_);
    Status st = run_code(t, *code, *mi_);
    if (st == Status::Trap) fail_at(Phase::Trap, at, t.message);
    if (st == Status::Exhaustion) fail_at(Phase::Exhaustion, at, t.message);
    if (st == Status::Exception) fail_at(Phase::Exception, at, "uncaught exception");
    return t.values[0];
  }

  void init_globals() {
    size_t first = mi_->globals.size() - m_.globals.size();
    for (size_t i = 0; i < m_.globals.size(); ++i)
      mi_->global_ptrs[first + i]->value = eval(m_.globals[i].init, m_.globals[i].at);
  }
  void init_tables() {
    size_t first = mi_->tables.size() - m_.tables.size();
    for (size_t i = 0; i < m_.tables.size(); ++i) {
      const Table& t = m_.tables[i];
      uint64_t init = t.init ? eval(*t.init, t.at).ref() : kNullRef;
      TableInst& ti = *mi_->table_ptrs[first + i];
      ti.refs.assign(ti.type.limits.min, init);
    }
  }
  void init_elems() {
    for (size_t i = 0; i < m_.elems.size(); ++i) {
      ElemInst& e = *mi_->elem_ptrs[i];
      for (const Expr& x : m_.elems[i].init) e.refs.push_back(eval(x, m_.elems[i].at).ref());
    }
  }

  void exports() {
    for (const Export& e : m_.exports) mi_->exports.emplace_back(e.name, value_at(e.kind, e.index));
  }

  // spec: instantiate — active segments as table.init x; elem.drop x, declarative ones dropped.
  // deviation: executed directly (same effect as running the spec's instruction sequence).
  void run_elems() {
    for (size_t i = 0; i < m_.elems.size(); ++i) {
      const Elem& e = m_.elems[i];
      ElemInst& ei = *mi_->elem_ptrs[i];
      if (e.mode == SegmentMode::Active) {
        uint64_t d = eval(e.offset, e.at).lo;
        TableInst& t = *mi_->table_ptrs[e.table];
        uint64_t n = ei.refs.size();
        if (n > t.refs.size() || d > t.refs.size() - n)
          fail_at(Phase::Trap, e.at, "out of bounds table access");
        std::copy(ei.refs.begin(), ei.refs.end(), t.refs.begin() + ptrdiff_t(d));
      }
      if (e.mode != SegmentMode::Passive) ei.refs = {};
    }
  }
  // spec: instantiate — active data segments as memory.init x; data.drop x.
  void run_datas() {
    for (const Data& d : m_.datas) {
      if (d.mode != SegmentMode::Active) continue;
      uint64_t off = eval(d.offset, d.at).lo;
      MemInst& mem = *mi_->mem_ptrs[d.mem];
      uint64_t n = d.init.size();
      if (n > mem.size || off > mem.size - n) fail_at(Phase::Trap, d.at, "out of bounds memory access");
      if (n > 0) std::memcpy(mem.data + off, d.init.data(), n);
    }
  }
  // spec: instantiate — (call start)
  void run_start() {
    if (!m_.start) return;
    Outcome out = invoke(s_, o_, mi_->funcs[*m_.start], {});
    if (out.status == Outcome::Status::Trap) fail_at(Phase::Trap, m_.at, out.message);
    if (out.status == Outcome::Status::Exhaustion) fail_at(Phase::Exhaustion, m_.at, out.message);
    if (out.status == Outcome::Status::Exception) fail_at(Phase::Exception, m_.at, "uncaught exception");
  }

  Store& s_;
  const EngineOptions& o_;
  const Module& m_;
  const ValidatedModule& v_;
  const Outer& outer_;
  ModuleInst* mi_ = nullptr;
  InstanceAddr addr_ = 0;
};

}  // namespace

InstanceAddr instantiate_in(Store& s, const EngineOptions& o, const Module& m,
                            const ValidatedModule& v, std::span<const ExternVal> imports,
                            const Outer& outer) {
  return Instantiation(s, o, m, v, outer).run(imports);
}

Result<InstanceAddr> instantiate(Store& s, const EngineOptions& o, const Module& m,
                                 const ValidatedModule& v, std::span<const ExternVal> imports) {
  static const Outer kNoOuter;
  return catch_error([&] { return instantiate_in(s, o, m, v, imports, kNoOuter); });
}

// spec: invoke — push the arguments, call the function, collect its results.
Outcome invoke(Store& s, const EngineOptions& o, Addr func, std::span<const Value> args) {
  FuncInst& f = s.funcs[func];
  const FuncType& ft = *f.functype;
  Outcome out;
  if (args.size() != ft.params.size()) {
    out.status = Outcome::Status::Trap;
    out.message = "type mismatch: wrong number of arguments";
    return out;
  }
  Thread t(s, o);
  t.values.resize(std::max<size_t>(256, args.size() + 16));
  for (const Value& v : args) t.values[t.sp++] = to_slot(v);
  Status st;
  if (f.code == nullptr) {
    st = exec::call_host(t, f);
    if (st == Status::Running) st = Status::Done;
  } else {
    const Code& c = *f.code;
    t.reserve(c.max_height + 16);
    t.code = &c;
    t.module = f.module;
    t.sp = c.locals;
    st = run(t);
  }
  switch (st) {
    case Status::Done:
      for (size_t i = 0; i < ft.results.size(); ++i)
        out.values.push_back(to_value(t.values[i], ft.results[i].kind));
      break;
    case Status::Trap: out.status = Outcome::Status::Trap; out.message = t.message; break;
    case Status::Exhaustion: out.status = Outcome::Status::Exhaustion; out.message = t.message; break;
    case Status::Exception: {
      out.status = Outcome::Status::Exception;
      const ExnInst& x = s.exns[ref_payload(t.exn)];
      out.tag = x.tag;
      const FuncType& tt = *s.tags[x.tag].functype;
      for (size_t i = 0; i < x.fields.size(); ++i) out.values.push_back(to_value(x.fields[i], tt.params[i].kind));
      break;
    }
    case Status::Running: break;
  }
  return out;
}

}  // namespace wasm::interp
