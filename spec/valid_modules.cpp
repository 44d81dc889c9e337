// Validation of modules — valid/modules.rst. The context is built in the order of the spec's
// Module_ok rule: types, imports, then tags, memories, tables (under C', which holds only the
// imported globals) and globals (each seeing the preceding ones), then data and element segments,
// function bodies, start and exports under the full C.
//
// Module Linking (nested modules, instances, aliases, module/instance types) is not validated
// yet; such modules are rejected with "module linking is not supported yet". A later version
// validates nested modules recursively with a chain of outer contexts.
#include <unordered_set>
#include <variant>

#include "spec/valid_instructions.h"
#include "spec/validate.h"

namespace wasm {
namespace valid {
namespace {

void reject_module_linking(const Module& m) {
  bool linking = !m.modules.empty() || !m.instances.empty() || !m.aliases.empty();
  for (const TypeDef& t : m.types) linking |= t.kind != TypeDefKind::Rec;
  for (const Import& im : m.imports) linking |= !im.field.has_value();
  for (const Export& ex : m.exports)
    linking |= ex.kind == ExternKind::Module || ex.kind == ExternKind::Instance ||
               ex.kind == ExternKind::Type;
  if (linking) invalid(m.at, "module linking is not supported yet");
}

// spec: $funcidx_nonfuncs(global* mem* table* elem* export*) — the functions that function
// bodies may take a reference of (C.refs).
std::vector<bool> declared_refs(const Module& m) {
  std::vector<bool> refs(m.imports.size() + m.funcs.size(), false);
  auto note = [&refs](uint32_t x) {
    if (x < refs.size()) refs[x] = true;
  };
  auto scan = [&note](const Expr& expr) {
    for (const Instr& e : expr)
      if (e.op == Opcode::RefFunc) note(e.index());
  };
  for (const Global& g : m.globals) scan(g.init);
  for (const Table& t : m.tables)
    if (t.init) scan(*t.init);
  for (const Elem& el : m.elems) {
    scan(el.offset);
    for (const Expr& expr : el.init) scan(expr);
  }
  for (const Export& ex : m.exports)
    if (ex.kind == ExternKind::Func) note(ex.index);
  return refs;
}

// spec: Expr_ok_const — only constant instructions, and the expression has type t.
void check_const(Context& c, const Expr& expr, const ValType& t, Span at) {
  for (const Instr& e : expr) require(is_constant(c, e), e.at, "constant expression required");
  InstrValidator(c).check_expr(expr, {t}, at);
}

ValType addr_val(AddrType at) { return at == AddrType::I32 ? ValType::i32() : ValType::i64(); }

// spec: Import_ok
ExternType valid_import(Context& c, const Import& im) {
  ExternType xt = valid_externtype(c, im.desc, im.at);
  switch (xt.kind) {
    case ExternKind::Func:
      c.funcs.push_back(xt.type);
      c.funcs_exact.push_back(im.desc.exact);
      break;
    case ExternKind::Tag: c.tags.push_back(xt.type); break;
    case ExternKind::Table: c.tables.push_back(xt.table); break;
    case ExternKind::Memory: c.mems.push_back(xt.mem); break;
    case ExternKind::Global: c.globals.push_back(xt.global); break;
    default: break;
  }
  return xt;
}

// spec: Func_ok (the part that needs only the function's type: C.funcs)
void valid_func_type(Context& c, const Func& f) {
  func_type(c, f.type, f.at);
  c.funcs.push_back(type_(c, f.type, f.at));
  c.funcs_exact.push_back(true);  // custom-descriptors: defined functions are exact
}

// spec: Table_ok — an absent initialiser means ref.null of the element type.
void valid_table(Context& c, const Table& t) {
  TableType tt = valid_tabletype(c, t.type, t.at);
  if (t.init)
    check_const(c, *t.init, ValType::ref_of(tt.elem), t.at);
  else
    require(tt.elem.nullable, t.at,
            cat("type mismatch: table without initializer requires a nullable element type, "
                "has ",
                to_string(tt.elem)));
  c.tables.push_back(tt);
}

// spec: Global_ok
void valid_global(Context& c, const Global& g) {
  GlobalType gt = valid_globaltype(c, g.type, g.at);
  check_const(c, g.init, gt.type, g.at);
  c.globals.push_back(gt);
}

// spec: Data_ok, Datamode_ok
void valid_data(Context& c, const Data& d) {
  if (d.mode == SegmentMode::Active) {
    const MemType& mt = memory(c, d.mem, d.at);
    check_const(c, d.offset, addr_val(mt.addr), d.at);
  }
  ++c.datas;
}

// spec: Elem_ok, Elemmode_ok
void valid_elem(Context& c, const Elem& el) {
  RefType rt = canon(c, el.type, el.at);
  for (const Expr& expr : el.init) check_const(c, expr, ValType::ref_of(rt), el.at);
  if (el.mode == SegmentMode::Active) {
    const TableType& tt = table(c, el.table, el.at);
    require(match_reftype(c.s(), rt, tt.elem), el.at,
            cat("type mismatch: element segment's type ", to_string(rt),
                " does not match table's element type ", to_string(tt.elem)));
    check_const(c, el.offset, addr_val(tt.addr), el.at);
  }
  c.elems.push_back(rt);
}

// spec: Func_ok, Local_ok — parameters are set, other locals set iff defaultable.
void valid_func_body(Context& c, const Func& f) {
  const FuncType& ft = func_type(c, f.type, f.at);
  c.locals.clear();
  for (const ValType& t : ft.params) c.locals.push_back(LocalType{true, t});
  for (const ValType& t : f.locals) {
    ValType lt = canon(c, t, f.at);
    c.locals.push_back(LocalType{defaultable(lt), lt});
  }
  c.return_ = ft.results;
  if (c.record != nullptr) {
    StackTypes::Body& b = c.record->bodies[&f.body];
    for (const LocalType& l : c.locals) b.locals.push_back(l.type);
    b.results = ft.results;
  }
  InstrValidator(c).check_expr(f.body, ft.results, f.at);
  c.locals.clear();
  c.return_.reset();
}

// spec: Start_ok
void valid_start(const Context& c, FuncIdx x, Span at) {
  const CompType& ct = c.s().expand(func(c, x, at));
  require(ct.func.params.empty() && ct.func.results.empty(), at,
          "start function must not have parameters or results");
}

// spec: Export_ok, Externidx_ok
ExternType valid_export(const Context& c, const Export& ex) {
  ExternType xt;
  xt.kind = ex.kind;
  switch (ex.kind) {
    case ExternKind::Func: xt.type = func(c, ex.index, ex.at); break;
    case ExternKind::Tag: xt.type = tag(c, ex.index, ex.at); break;
    case ExternKind::Table: xt.table = table(c, ex.index, ex.at); break;
    case ExternKind::Memory: xt.mem = memory(c, ex.index, ex.at); break;
    case ExternKind::Global: xt.global = global(c, ex.index, ex.at); break;
    default: invalid(ex.at, "module linking is not supported yet");
  }
  return xt;
}

// spec: Module_ok
ValidatedModule valid_module(const Module& m, TypeStore& store, bool record) {
  reject_module_linking(m);
  Context c;
  c.store = &store;
  auto recorded = record ? std::make_shared<StackTypes>() : nullptr;
  c.record = recorded.get();
  c.refs = declared_refs(m);
  for (const TypeDef& t : m.types) valid_rectype(c, t.rec, m.at);
  ValidatedModule out;
  for (const Import& im : m.imports) out.imports.push_back(valid_import(c, im));
  for (const Tag& t : m.tags) c.tags.push_back(valid_tagtype(c, t.type, t.at));
  for (const Func& f : m.funcs) valid_func_type(c, f);
  for (const Memory& mem : m.memories) c.mems.push_back(valid_memtype(c, mem.type, mem.at));
  for (const Table& t : m.tables) valid_table(c, t);
  for (const Global& g : m.globals) valid_global(c, g);
  for (const Data& d : m.datas) valid_data(c, d);
  for (const Elem& el : m.elems) valid_elem(c, el);
  for (const Func& f : m.funcs) valid_func_body(c, f);
  if (m.start) valid_start(c, *m.start, m.at);
  std::unordered_set<std::string> names;
  for (const Export& ex : m.exports) {
    out.exports.push_back(valid_export(c, ex));
    require(names.insert(ex.name).second, ex.at, cat("duplicate export name \"", ex.name, "\""));
  }
  out.types = std::move(c.types);
  out.funcs = std::move(c.funcs);
  out.tables = std::move(c.tables);
  out.mems = std::move(c.mems);
  out.globals = std::move(c.globals);
  out.tags = std::move(c.tags);
  out.elems = std::move(c.elems);
  out.stack_types = std::move(recorded);
  return out;
}

}  // namespace
}  // namespace valid

Result<ValidatedModule> validate(const Module& m, TypeStore& store) {
  return validate(m, store, false);
}

Result<ValidatedModule> validate(const Module& m, TypeStore& store, bool record_stack_types) {
  try {
    return catch_error([&] { return valid::valid_module(m, store, record_stack_types); });
  } catch (const std::bad_variant_access&) {
    // An immediate that does not fit its opcode's Imm kind: a front end's bug, reported as
    // data rather than a crash.
    return Error{Phase::Invalid, m.at, "malformed immediate in the AST"};
  }
}

Result<ValidatedModule> validate(const Module& m) { return validate(m, default_type_store()); }

}  // namespace wasm
