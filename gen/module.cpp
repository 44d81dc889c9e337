// Module fields other than types and code (syntax/modules.rst), in the order Module_ok
// validates them, and constant expressions (valid/instructions.rst, Constant Expressions).
#include "gen/smith.h"

namespace wasm::gen {
namespace {

Instr make(Opcode op, Immediate imm = {}) { return Instr{op, std::move(imm), {}}; }

uint64_t bits32() { return *rc::gen::arbitrary<uint32_t>(); }
uint64_t bits64() { return *rc::gen::arbitrary<uint64_t>(); }

Limits limits(uint64_t max_min, uint64_t bound, bool need_max) {  // need_max: a max <= min+3
  Limits l{count(0, uint32_t(max_min)), std::nullopt};
  if (need_max || chance(50)) l.max = std::min<uint64_t>(bound, l.min + count(0, 3));
  return l;
}

}  // namespace

// True if a constant expression of type t can be built (from globals below `globals`).
bool Smith::constructible(const ValType& t, uint32_t globals) const {
  if (t.kind != ValKind::Ref || t.ref.nullable) return true;
  globals = const_globals(globals);
  for (uint32_t g = 0; g < globals; ++g)
    if (globals_[g].mut == Mut::Const && sub(globals_[g].type, t)) return true;
  const HeapType& h = t.ref.heap;
  if (heap_sub(types_, {HeapKind::I31, false, 0}, h) || h.kind == HeapKind::Extern) return true;
  for (TypeIdx f : funcs_)
    if (heap_sub(types_, {HeapKind::Index, false, f}, h)) return true;
  if (h.kind != HeapKind::Index) return false;
  const CompType& c = types_[h.index].comp;
  if (c.kind == CompKind::Array) return true;  // array.new_fixed 0
  if (c.kind == CompKind::Struct)
    for (const FieldType& f : c.struct_.fields)
      if (!defaultable(f.type)) return false;
  return c.kind == CompKind::Struct;
}

// spec: Instr_const — a constant expression of type t; constructible(t, globals) holds.
void Smith::const_value(Expr& out, const ValType& t, uint32_t globals, uint32_t depth) {
  auto global = pick_index(const_globals(globals), [&](uint32_t g) {
    return globals_[g].mut == Mut::Const && sub(globals_[g].type, t);
  });
  if (global && chance(20) && (opt_.gc || t.kind != ValKind::Ref))
    return out.push_back(make(Opcode::GlobalGet, *global));
  switch (t.kind) {
    case ValKind::I32:
    case ValKind::I64: {
      bool i32 = t.kind == ValKind::I32;
      uint64_t bits = opt_.runnable && chance(90) ? below(4) : i32 ? bits32() : bits64();
      out.push_back(make(i32 ? Opcode::I32Const : Opcode::I64Const, bits));
      if (depth < 3 && chance(20)) {
        const_value(out, t, globals, depth + 1);
        static constexpr Opcode k32[] = {Opcode::I32Add, Opcode::I32Sub, Opcode::I32Mul};
        static constexpr Opcode k64[] = {Opcode::I64Add, Opcode::I64Sub, Opcode::I64Mul};
        out.push_back(make(i32 ? k32[below(3)] : k64[below(3)]));
      }
      return;
    }
    case ValKind::F32: return out.push_back(make(Opcode::F32Const, bits32()));
    case ValKind::F64: return out.push_back(make(Opcode::F64Const, bits64()));
    case ValKind::V128: {
      V128Bytes v{};
      for (uint8_t& b : v) b = *rc::gen::arbitrary<uint8_t>();
      return out.push_back(make(Opcode::V128Const, v));
    }
    default: break;
  }
  const HeapType& h = t.ref.heap;
  auto func = pick_index(funcs_.size(), [&](uint32_t f) {
    return heap_sub(types_, {HeapKind::Index, false, funcs_[f]}, h);
  });
  if (func && (chance(60) || !t.ref.nullable)) return out.push_back(make(Opcode::RefFunc, *func));
  if (heap_sub(types_, {HeapKind::I31, false, 0}, h) && (chance(50) || !t.ref.nullable)) {
    out.push_back(make(Opcode::I32Const, bits32()));
    return out.push_back(make(Opcode::RefI31));
  }
  if (opt_.gc && h.kind == HeapKind::Extern && (chance(50) || !t.ref.nullable)) {
    const_value(out, ValType::ref_of(t.ref.nullable, HeapKind::Any), globals, depth + 1);
    return out.push_back(make(Opcode::ExternConvertAny));
  }
  if (h.kind == HeapKind::Index && (chance(60) || !t.ref.nullable)) {
    const CompType& c = types_[h.index].comp;
    if (c.kind == CompKind::Array) {
      ValType field = unpacked(c.array.field.type);
      uint32_t n = depth < 2 && constructible(field, globals) ? count(0, 2) : 0;
      for (uint32_t k = 0; k < n; ++k) const_value(out, field, globals, 3);
      return out.push_back(make(Opcode::ArrayNewFixed, IndexPair{h.index, n}));
    }
    auto all_defaultable = [&] {
      for (const FieldType& f : c.struct_.fields)
        if (!defaultable(f.type)) return false;
      return true;
    };
    if (c.kind == CompKind::Struct && all_defaultable())
      return out.push_back(make(Opcode::StructNewDefault, h.index));
  }
  if (global && !t.ref.nullable) return out.push_back(make(Opcode::GlobalGet, *global));
  out.push_back(make(Opcode::RefNull, h));
}

Expr Smith::const_expr(const ValType& t, uint32_t globals) {
  Expr e;
  const_value(e, t, globals, 0);
  return e;
}

// spec: Import_ok — one of each kind, at random.
void Smith::imports() {
  std::vector<uint32_t> ftypes = func_type_indices();
  for (uint32_t n = opt_.imports ? count(0, 4) : 0, k = 0; k < n; ++k) {
    Import im{"m", "i" + std::to_string(k), {}, {}};
    ExternType& d = im.desc;
    switch (below(5)) {
      case 0:
        d.kind = ExternKind::Func, d.type = one_of(ftypes);
        funcs_.push_back(d.type);
        break;
      case 1: {
        d.kind = ExternKind::Table;
        d.table.addr = opt_.table64 && chance(20) ? AddrType::I64 : AddrType::I32;
        d.table.limits = limits(3, 100, opt_.runnable);
        d.table.elem = reftype();
        tables_.push_back(d.table);
        break;
      }
      case 2:
        d.kind = ExternKind::Memory;
        d.mem.addr = chance(30) ? AddrType::I64 : AddrType::I32;
        d.mem.shared = chance(15) && opt_.shared_memory;
        d.mem.limits = limits(2, 100, d.mem.shared || opt_.runnable);
        mems_.push_back(d.mem);
        break;
      case 3:
        d.kind = ExternKind::Global;
        d.global = {valtype(), chance(40) ? Mut::Var : Mut::Const};
        globals_.push_back(d.global);
        break;
      default: {
        auto tag = pick_index(types_.size(), [&](uint32_t x) {
          return types_[x].comp.kind == CompKind::Func && types_[x].comp.func.results.empty();
        });
        d.kind = ExternKind::Tag, d.type = *tag;
        tags_.push_back(d.type);
        break;
      }
    }
    m_.imports.push_back(std::move(im));
    note_initial_def(m_, DefKind::Import);
  }
  imported_globals_ = uint32_t(globals_.size());
}

// Tags, function declarations, memories, tables and globals.
void Smith::definitions() {
  std::vector<uint32_t> ftypes = func_type_indices();
  for (uint32_t n = count(0, 2); n > 0; --n) {
    auto tag = pick_index(types_.size(), [&](uint32_t x) {
      return types_[x].comp.kind == CompKind::Func && types_[x].comp.func.results.empty();
    });
    m_.tags.push_back({*tag, {}});
    tags_.push_back(*tag);
  }
  for (uint32_t n = count(0, 5); n > 0; --n) {
    m_.funcs.push_back(Func{one_of(ftypes), {}, {}, {}});
    funcs_.push_back(m_.funcs.back().type);
  }
  if (opt_.init_func) {  // types() made sure a [] -> [] type exists
    auto empty = pick_index(types_.size(), [&](uint32_t x) {
      const FuncType* ft = func_type(x);
      return ft && ft->params.empty() && ft->results.empty();
    });
    m_.funcs.push_back(Func{*empty, {}, {}, {}});
    funcs_.push_back(*empty);
  }
  for (uint32_t n = count(0, 2); n > 0; --n) {
    MemType mt;
    mt.addr = chance(30) ? AddrType::I64 : AddrType::I32;
    mt.shared = chance(15) && opt_.shared_memory;
    mt.limits = limits(2, 100, mt.shared || opt_.runnable);
    m_.memories.push_back({mt, {}});
    mems_.push_back(mt);
  }
  uint32_t imported_globals = uint32_t(globals_.size());
  for (uint32_t n = count(0, 2); n > 0; --n) {
    TableType tt;
    tt.addr = opt_.table64 && chance(20) ? AddrType::I64 : AddrType::I32;
    tt.limits = limits(3, 100, opt_.runnable);
    tt.elem = reftype();
    ValType et = ValType::ref_of(tt.elem);
    if (!constructible(et, imported_globals) || !opt_.table_init)
      tt.elem.nullable = true, et.ref.nullable = true;
    Table t{tt, std::nullopt, {}};
    if (!tt.elem.nullable || (opt_.table_init && chance(30)))
      t.init = const_expr(et, imported_globals);
    m_.tables.push_back(std::move(t));
    tables_.push_back(tt);
  }
  // shared-everything-threads: a shared table of (ref null (shared eq)), the one kind of table
  // slot table.wait can wait on (the generator's other types are all unshared).
  if (opt_.shared_everything && chance(30)) {
    TableType tt;
    tt.shared = true;
    tt.limits = limits(3, 100, true);
    tt.elem = RefType{true, HeapType{HeapKind::Eq, false, 0, true}};
    m_.tables.push_back(Table{tt, std::nullopt, {}});
    tables_.push_back(tt);
  }
  for (uint32_t n = count(0, 4); n > 0; --n) {
    GlobalType gt{valtype(), chance(40) ? Mut::Var : Mut::Const};
    uint32_t visible = uint32_t(globals_.size());
    if (!constructible(gt.type, visible)) gt.type.ref.nullable = true;
    m_.globals.push_back({gt, const_expr(gt.type, visible), {}});
    globals_.push_back(gt);
  }
}

// Data and element segments, and a declarative segment that declares every function, so that
// function bodies may use ref.func (spec: C.refs).
void Smith::segments() {
  uint32_t all_globals = uint32_t(globals_.size());
  for (uint32_t n = count(0, 3); n > 0; --n) {
    Data d{SegmentMode::Passive, 0, {}, {}, false, {}};
    for (uint32_t k = count(0, 8); k > 0; --k) d.init.push_back(*rc::gen::arbitrary<uint8_t>());
    if (!mems_.empty() && chance(50)) {
      d.mode = SegmentMode::Active, d.mem = below(uint32_t(mems_.size()));
      d.offset = const_expr(addr(mems_[d.mem].addr), all_globals);
    }
    m_.datas.push_back(std::move(d));
    ++datas_;
  }
  for (uint32_t n = count(0, 3); n > 0; --n) {
    Elem e{SegmentMode::Passive, 0, {}, {}, {}, false, {}};
    e.type = chance(50) ? RefType{true, {HeapKind::Func, false, 0}} : reftype();
    auto array = pick_index(types_.size(), [&](uint32_t x) {  // fits array.new/init_elem
      return types_[x].comp.kind == CompKind::Array && types_[x].comp.array.field.type.is_ref();
    });
    if (array && chance(30)) e.type = types_[*array].comp.array.field.type.ref;
    if (!constructible(ValType::ref_of(e.type), all_globals)) e.type.nullable = true;
    for (uint32_t k = count(0, 3); k > 0; --k)
      e.init.push_back(const_expr(ValType::ref_of(e.type), all_globals));
    auto table = pick_index(tables_.size(),
                            [&](uint32_t x) { return ref_sub(types_, e.type, tables_[x].elem); });
    if (table && chance(50)) {
      e.mode = SegmentMode::Active, e.table = *table;
      e.offset = const_expr(addr(tables_[*table].addr), all_globals);
    } else if (chance(30)) {
      e.mode = SegmentMode::Declarative;
    }
    m_.elems.push_back(std::move(e));
    elems_.push_back(m_.elems.back().type);
  }
  if (!funcs_.empty()) {
    Elem e{SegmentMode::Declarative, 0, {}, {false, {HeapKind::Func, false, 0}}, {}, false, {}};
    for (uint32_t f = 0; f < funcs_.size(); ++f) e.init.push_back({make(Opcode::RefFunc, f)});
    m_.elems.push_back(std::move(e));
    elems_.push_back(m_.elems.back().type);
  }
}

// spec: Export_ok (distinct names), Start_ok ([] -> []).
void Smith::exports_and_start() {
  if (opt_.export_all) {
    for (uint32_t f = 0; f < funcs_.size(); ++f)
      m_.exports.push_back({"f" + std::to_string(f), ExternKind::Func, f, {}});
  }
  if (opt_.init_func)
    m_.exports.push_back({"wizer.initialize", ExternKind::Func, uint32_t(funcs_.size() - 1), {}});
  for (uint32_t n = opt_.export_all ? 0 : count(0, 4), k = 0; k < n; ++k) {
    size_t sizes[] = {funcs_.size(), tables_.size(), mems_.size(), globals_.size(), tags_.size()};
    uint32_t kind = below(5);
    if (sizes[kind] == 0) continue;
    m_.exports.push_back(
        {"e" + std::to_string(k), ExternKind(kind), below(uint32_t(sizes[kind])), {}});
  }
  auto start = pick_index(funcs_.size(), [&](uint32_t f) {
    const FuncType& ft = types_[funcs_[f]].comp.func;
    return ft.params.empty() && ft.results.empty();
  });
  if (start && chance(30)) m_.start = *start;
}

// spec: Func_ok — locals are defaultable (so none needs initialising), the body leaves the
// results.
void Smith::bodies() {
  for (Func& f : m_.funcs) {
    const FuncType& ft = types_[f.type].comp.func;
    locals_ = ft.params;
    for (uint32_t n = count(0, 4); n > 0; --n) {
      ValType t = valtype();
      if (!defaultable(t)) t.ref.nullable = true;
      f.locals.push_back(t);
      locals_.push_back(t);
    }
    if (opt_.observe) {  // gen/observe.cpp
      scratch_f32_ = uint32_t(locals_.size()), scratch_f64_ = scratch_f32_ + 1;
      for (ValType t : {ValType::f32(), ValType::f64()})
        f.locals.push_back(t), locals_.push_back(t);
    }
    results_ = ft.results;
    labels_ = {Label{ft.results}};
    budget_ = int(count(1, opt_.max_instrs));
    depth_ = 0;
    body(f.body, {}, ft.results);
  }
}

Module Smith::module() {
  types();
  imports();
  definitions();
  segments();
  observe_global_ = uint32_t(globals_.size());  // not in globals_: generated code leaves it be
  bodies();
  if (opt_.observe)
    m_.globals.push_back({{ValType::i64(), Mut::Var}, {make(Opcode::I64Const, uint64_t(0))}, {}});
  exports_and_start();
  return std::move(m_);
}

rc::Gen<Module> valid_module(Options options) {
  return rc::gen::exec([options] { return Smith(options).module(); });
}

Module smith(uint64_t seed, int size, Options options) {
  return valid_module(options)(rc::Random(seed), size).value();
}

}  // namespace wasm::gen
