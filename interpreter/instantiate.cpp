// Modules — exec/modules.rst: allocation (alloc_func … alloc_module), instantiate, invoke.
// One function per spec step, called in the spec's order by instantiate().
#include "interpreter/instantiate.h"

#include <cstring>

#include "interpreter/exec.h"
#include "interpreter/lower.h"
#include "spec/match.h"

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

// The type of an external value (spec: Externaddr_ok) — tables and memories with their current
// size as the minimum.
ExternType extern_type(const Store& s, const ExternVal& e) {
  ExternType t;
  t.kind = e.kind;
  switch (e.kind) {
    case ExternKind::Func: t.type = s.funcs[e.addr].type; break;
    case ExternKind::Table:
      t.table = s.tables[e.addr].type;
      t.table.limits.min = s.tables[e.addr].refs.size();
      break;
    case ExternKind::Memory:
      t.mem = s.mems[e.addr].type;
      t.mem.limits.min = s.mems[e.addr].pages();
      break;
    case ExternKind::Global: t.global = s.globals[e.addr].type; break;
    case ExternKind::Tag: t.type = s.tags[e.addr].type; break;
    default: break;
  }
  return t;
}

class Instantiation {
 public:
  Instantiation(Store& s, const EngineOptions& o, const Module& m, const ValidatedModule& v)
      : s_(s), o_(o), m_(m), v_(v) {}

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
      if (imports[i].kind != want.kind || !match_externtype(s_.types(), extern_type(s_, imports[i]), want))
        fail_at(Phase::Unlinkable, m_.imports[i].at,
                cat("incompatible import type for \"", m_.imports[i].module, "\" \"",
                    m_.imports[i].field.value_or(""), "\""));
    }
  }

  // spec: alloc_module (with alloc_func, alloc_table, alloc_mem, alloc_global, alloc_tag,
  // alloc_elem, alloc_data). Initial values are filled in by the init_* steps below.
  void alloc_module(std::span<const ExternVal> imports) {
    addr_ = InstanceAddr(s_.modules.size());
    mi_ = &s_.modules.emplace_back();
    mi_->types = v_.types;
    for (const ExternVal& e : imports) {
      switch (e.kind) {
        case ExternKind::Func: mi_->funcs.push_back(e.addr); break;
        case ExternKind::Table: mi_->tables.push_back(e.addr); break;
        case ExternKind::Memory: mi_->mems.push_back(e.addr); break;
        case ExternKind::Global: mi_->globals.push_back(e.addr); break;
        case ExternKind::Tag: mi_->tags.push_back(e.addr); break;
        default: break;
      }
    }
    for (const Func& f : m_.funcs) alloc_func(v_.types[f.type]);
    for (const Table& t : m_.tables) alloc_table(t);
    for (const Memory& mem : m_.memories) alloc_mem(mem);
    for (const Global& g : m_.globals) alloc_global(v_.globals[mi_->globals.size()]), (void)g;
    for (const Tag& t : m_.tags) alloc_tag(v_.types[t.type]);
    for (size_t i = 0; i < m_.elems.size(); ++i) {
      mi_->elems.push_back(Addr(s_.elems.size()));
      s_.elems.emplace_back().type = v_.elems[i];
    }
    for (const Data& d : m_.datas) {
      mi_->datas.push_back(Addr(s_.datas.size()));
      s_.datas.emplace_back().bytes = d.mode == SegmentMode::Passive ? d.init : std::vector<uint8_t>{};
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
    mi_->funcs.push_back(Addr(s_.funcs.size()));
    FuncInst& f = s_.funcs.emplace_back();
    f.type = type;
    f.module = mi_;
    f.functype = &s_.types().expand(type).func;
  }
  // spec: alloc_table (the initial value is stored by init_tables)
  void alloc_table(const Table& t) {
    mi_->tables.push_back(Addr(s_.tables.size()));
    TableInst& ti = s_.tables.emplace_back();
    ti.type = v_.tables[mi_->tables.size() - 1];
    if (ti.type.limits.min > kMaxTableSize)
      fail_at(Phase::Trap, t.at, "table allocation failed: size exceeds the implementation limit");
  }
  // spec: alloc_mem
  void alloc_mem(const Memory& mem) {
    mi_->mems.push_back(Addr(s_.mems.size()));
    MemInst& mi = s_.mems.emplace_back();
    if (auto error = mi.allocate(v_.mems[mi_->mems.size() - 1])) fail_at(Phase::Trap, mem.at, *error);
  }
  // spec: alloc_global
  void alloc_global(const GlobalType& t) {
    mi_->globals.push_back(Addr(s_.globals.size()));
    s_.globals.emplace_back().type = t;
  }
  // spec: alloc_tag
  void alloc_tag(TypeId type) {
    mi_->tags.push_back(Addr(s_.tags.size()));
    TagInst& t = s_.tags.emplace_back();
    t.type = type;
    t.functype = &s_.types().expand(type).func;
  }

  void lower_funcs() {
    size_t first = mi_->funcs.size() - m_.funcs.size();
    for (size_t i = 0; i < m_.funcs.size(); ++i) {
      FuncInst& f = *mi_->func_ptrs[first + i];
      f.code = lower_func(s_, *mi_, *f.functype, m_.funcs[i].locals, m_.funcs[i].body,
                          o_.check_typing ? v_.stack_types.get() : nullptr, uint32_t(first + i));
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
    for (const Export& e : m_.exports) {
      Addr a = 0;
      switch (e.kind) {
        case ExternKind::Func: a = mi_->funcs[e.index]; break;
        case ExternKind::Table: a = mi_->tables[e.index]; break;
        case ExternKind::Memory: a = mi_->mems[e.index]; break;
        case ExternKind::Global: a = mi_->globals[e.index]; break;
        case ExternKind::Tag: a = mi_->tags[e.index]; break;
        default: continue;
      }
      mi_->exports.emplace_back(e.name, ExternVal{e.kind, a});
    }
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
  ModuleInst* mi_ = nullptr;
  InstanceAddr addr_ = 0;
};

}  // namespace

Result<InstanceAddr> instantiate(Store& s, const EngineOptions& o, const Module& m,
                                 const ValidatedModule& v, std::span<const ExternVal> imports) {
  return catch_error([&] { return Instantiation(s, o, m, v).run(imports); });
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
