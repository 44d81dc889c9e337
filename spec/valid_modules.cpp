// Validation of modules — valid/modules.rst. The context is built in the order of the spec's
// Module_ok rule: types, imports, then tags, memories, tables (under C', which holds only the
// imported globals) and globals (each seeing the preceding ones), then data and element segments,
// function bodies, start and exports under the full C.
//
// Module Linking (ValidateOptions::module_linking): the initial definitions (types, imports,
// nested modules, instances, aliases) are validated first, in the order they are written, each
// seeing only what precedes it (spec/valid_linking.cpp); nested modules recursively, with the
// enclosing context as their parent. Without the option such modules are invalid.
#include <unordered_set>
#include <variant>

#include "spec/valid_instructions.h"
#include "spec/valid_linking.h"
#include "spec/validate.h"
#include "spec/walk.h"

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
  if (linking) invalid(m.at, "module linking proposal not enabled");
}

// spec: $funcidx_nonfuncs(global* mem* table* elem* export*) — the functions that function
// bodies may take a reference of (C.refs).
std::vector<bool> declared_refs(const Module& m, size_t funcs) {
  std::vector<bool> refs(funcs, false);
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

// spec: Expr_ok_const — only constant instructions, and the expression has type t
// (+ shared-everything-threads: the initialiser of something shared validates as shared).
void check_const(Context& c, const Expr& expr, const ValType& t, Span at, bool shared = false) {
  for (const Instr& e : expr) require(is_constant(c, e), e.at, "constant expression required");
  c.shared_code = shared;
  InstrValidator(c).check_expr(expr, {t}, at);
  c.shared_code = false;
}

ValType addr_val(AddrType at) { return at == AddrType::I32 ? ValType::i32() : ValType::i64(); }

// spec: Import_ok (+ Module Linking: module and instance imports; under the proposal import
// names are unique, and two-level imports define implicit instances first)
LinkType valid_import(Context& c, const Import& im, ImportNames& names) {
  LinkType t = valid_link_externtype(c, im.desc, im.at);
  if (c.module_linking)
    if (std::optional<LinkType> implicit = names.add(c.s(), im.module, im.field, t, im.at))
      c.instances.push_back(*implicit);
  push_item(c, t, im.desc.exact);
  return t;
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
    check_const(c, *t.init, ValType::ref_of(tt.elem), t.at, tt.shared);
  else
    require(tt.elem.nullable, t.at,
            cat("type mismatch: table without initializer requires a nullable element type, "
                "has ",
                to_string(tt.elem)));
  c.tables.push_back(tt);
}

// spec: Global_ok
// (+ shared-everything-threads: a declared thread-local global starts at its type's default
// value, which its initialiser must be: t.const 0, v128.const 0, ref.null)
void valid_global(Context& c, const Global& g) {
  GlobalType gt = valid_globaltype(c, g.type, g.at);
  check_const(c, g.init, gt.type, g.at, gt.shared || gt.thread_local_);
  if (gt.thread_local_) {
    bool zero = g.init.size() == 1;
    if (zero) {
      const Instr& i = g.init[0];
      switch (i.op) {
        case Opcode::I32Const:
        case Opcode::I64Const:
        case Opcode::F32Const:
        case Opcode::F64Const: zero = i.bits() == 0; break;
        case Opcode::V128Const: zero = i.v128() == V128Bytes{}; break;
        case Opcode::RefNull: break;
        default: zero = false; break;
      }
    }
    require(zero, g.at, "thread-local globals must be initialized to the default value");
  }
  c.globals.push_back(gt);
}

// spec: Data_ok, Datamode_ok
void valid_data(Context& c, const Data& d) {
  require(!d.shared || c.shared_everything, d.at,
          "shared data segments require the shared-everything-threads proposal");
  if (d.mode == SegmentMode::Active) {
    const MemType& mt = memory(c, d.mem, d.at);
    check_const(c, d.offset, addr_val(mt.addr), d.at);
  }
  ++c.datas;
  c.datas_shared.push_back(d.shared);
}

// spec: Elem_ok, Elemmode_ok (+ shared-everything-threads: a shared segment has a shared
// element type; the elements of a segment of a shared type validate as shared)
void valid_elem(Context& c, const Elem& el) {
  RefType rt = canon(c, el.type, el.at);
  bool shared_type = shared_valtype(c, ValType::ref_of(rt));
  if (el.shared) {
    require(c.shared_everything, el.at,
            "shared element segments require the shared-everything-threads proposal");
    require(shared_type, el.at, "shared element segments must have a shared element type");
  }
  for (const Expr& expr : el.init)
    check_const(c, expr, ValType::ref_of(rt), el.at, shared_type && c.shared_everything);
  if (el.mode == SegmentMode::Active) {
    const TableType& tt = table(c, el.table, el.at);
    require(match_reftype(c.s(), rt, tt.elem), el.at,
            cat("type mismatch: element segment's type ", to_string(rt),
                " does not match table's element type ", to_string(tt.elem)));
    check_const(c, el.offset, addr_val(tt.addr), el.at);
  }
  c.elems.push_back(rt);
  c.elems_shared.push_back(el.shared);
}

// spec: Func_ok, Local_ok — parameters are set, other locals set iff defaultable
// (+ shared-everything-threads: a function of a shared type validates as shared, its locals
// valid as shared).
void valid_func_body(Context& c, const Func& f) {
  const FuncType& ft = func_type(c, f.type, f.at);
  bool shared = c.s().expand(type_(c, f.type, f.at)).shared;
  c.locals.clear();
  for (const ValType& t : ft.params) c.locals.push_back(LocalType{true, t});
  for (const ValType& t : f.locals) {
    ValType lt = canon(c, t, f.at);
    require(!shared || shared_valtype(c, lt), f.at,
            cat("shared functions cannot have locals of unshared type ", to_string(lt)));
    c.locals.push_back(LocalType{defaultable(lt), lt});
  }
  c.shared_code = shared;
  c.return_ = ft.results;
  if (c.record != nullptr) {
    StackTypes::Body& b = c.record->bodies[&f.body];
    for (const LocalType& l : c.locals) b.locals.push_back(l.type);
    b.results = ft.results;
  }
  InstrValidator(c).check_expr(f.body, ft.results, f.at);
  c.shared_code = false;
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
LinkType valid_export(const Context& c, const Export& ex) {
  return valid_externidx(c, ex.kind, ex.index, ex.at);
}

// The initial definitions in the order they are written (Module Linking; a core module has
// its types, then its imports).
void valid_initial(Context& c, const Module& m, const ValidateOptions& options,
                   ValidatedModule& out, ImportNames& names) {
  size_t next[5] = {0, 0, 0, 0, 0};
  for (const DefRun& r : definition_runs(m)) {
    for (uint32_t k = 0; k < r.count; ++k) {
      size_t i = next[size_t(r.kind)]++;
      switch (r.kind) {
        case DefKind::Type: valid_typedef(c, m.types[i], m.at); break;
        case DefKind::Import: {
          LinkType t = valid_import(c, m.imports[i], names);
          out.imports.push_back(t.core);
          out.import_types.push_back(std::move(t));
          break;
        }
        case DefKind::Module:
          out.modules.push_back(valid_module(m.modules[i], *c.store, options, &c));
          c.modules.push_back(link_type_of(out.modules.back().type));
          break;
        case DefKind::Instance: valid_instance(c, m.instances[i]); break;
        case DefKind::Alias: valid_alias(c, m.aliases[i]); break;
      }
    }
    if (r.kind == DefKind::Import) names.end_run();
  }
}

}  // namespace

// spec: Module_ok
ValidatedModule valid_module(const Module& m, TypeStore& store, const ValidateOptions& options,
                             const Context* parent) {
  if (!options.module_linking) reject_module_linking(m);
  Context c;
  c.store = &store;
  c.module_linking = options.module_linking;
  c.custom_descriptors = options.custom_descriptors;
  c.shared_everything = options.shared_everything;
  c.parent = parent;
  auto recorded = options.record_stack_types ? std::make_shared<StackTypes>() : nullptr;
  c.record = recorded.get();
  ValidatedModule out;
  out.module_linking = options.module_linking;
  ImportNames names;
  valid_initial(c, m, options, out, names);
  c.refs = declared_refs(m, c.funcs.size() + m.funcs.size());
  for (const Tag& t : m.tags) c.tags.push_back(valid_tagtype(c, t.type, t.at));
  for (const Func& f : m.funcs) valid_func_type(c, f);
  for (const Memory& mem : m.memories) c.mems.push_back(valid_memtype(c, mem.type, mem.at));
  for (const Table& t : m.tables) valid_table(c, t);
  for (const Global& g : m.globals) valid_global(c, g);
  for (const Data& d : m.datas) valid_data(c, d);
  for (const Elem& el : m.elems) valid_elem(c, el);
  for (const Func& f : m.funcs) valid_func_body(c, f);
  if (m.start) valid_start(c, *m.start, m.at);
  std::unordered_set<std::string> export_names;
  auto type = std::make_shared<LinkModuleType>();
  type->imports = std::move(names.items);
  type->size = names.size;
  for (const Export& ex : m.exports) {
    LinkType t = valid_export(c, ex);
    if (c.module_linking) add_type_size(type->size, link_type_size(c.s(), t), ex.at);
    out.exports.push_back(t.core);
    out.export_types.push_back(t);
    type->exports.push_back(LinkItem{ex.name, std::move(t)});
    require(export_names.insert(ex.name).second, ex.at,
            cat("duplicate export name \"", ex.name, "\""));
  }
  out.type = std::move(type);
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

}  // namespace valid

Result<ValidatedModule> validate(const Module& m, TypeStore& store,
                                 const ValidateOptions& options) {
  try {
    return catch_error([&] { return valid::valid_module(m, store, options, nullptr); });
  } catch (const std::bad_variant_access&) {
    // An immediate that does not fit its opcode's Imm kind: a front end's bug, reported as
    // data rather than a crash.
    return Error{Phase::Invalid, m.at, "malformed immediate in the AST"};
  }
}

Result<ValidatedModule> validate(const Module& m) { return validate(m, default_type_store()); }

}  // namespace wasm
