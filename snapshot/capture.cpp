// capture (snapshot.h): the instance's state as the initial state of a new module.
#include "snapshot/parts.h"

namespace wasm::snapshot {

std::string describe(const Module& m, ExternKind kind, uint32_t index) {
  static constexpr const char* kNames[] = {"function", "table", "memory", "global", "tag"};
  std::string s = cat(kNames[size_t(kind) < 5 ? size_t(kind) : 0], " ", index);
  for (const Export& e : m.exports)
    if (e.kind == kind && e.index == index) return cat(s, " (export \"", e.name, "\")");
  return s;
}

namespace {

Module capture_module(interp::Engine& engine, interp::InstanceAddr instance, const Module& m,
                      const ValidatedModule& v, const Options& options);

// Module Linking: the instances this instance's `instance` definitions made, each written back
// into the nested module it instantiated (which must be one of m's own, instantiated once).
void capture_nested(interp::Engine& engine, interp::InstanceAddr instance, const Module& m,
                    const ValidatedModule& v, Module& out) {
  const interp::Store& store = engine.store();
  std::vector<bool> claimed(m.modules.size());
  for (interp::Addr a : store.modules[instance].instances) {
    const interp::InstanceValue& iv = store.instance_values[a];
    if (iv.definer != instance || !iv.module_instance) continue;
    if (iv.module < m.modules.data() || iv.module >= m.modules.data() + m.modules.size())
      throw ErrorException{Error{Phase::Invalid,
                                 {},
                                 "an instance of an imported or outer-aliased module: its state "
                                 "cannot be written into a nested module of this one"}};
    size_t p = size_t(iv.module - m.modules.data());
    if (claimed[p])
      throw ErrorException{Error{Phase::Invalid, m.modules[p].at,
                                 cat("nested module ", p,
                                     " is instantiated more than once: each "
                                     "instance would need its own copy (not supported)")}};
    claimed[p] = true;
    Options nested;  // nothing ran in it but its start function; no export is removed
    nested.run_init = false;
    out.modules[p] =
        capture_module(engine, *iv.module_instance, m.modules[p], v.modules[p], nested);
  }
}

Module capture_module(interp::Engine& engine, interp::InstanceAddr instance, const Module& m,
                      const ValidatedModule& v, const Options& options) {
  const interp::Store& store = engine.store();
  Capture c{m, store.modules[instance], RefContext{&store, {}, nullptr}};
  // The module's canonical types (the same TypeIds as the instance's: one type store), to name
  // the types of GC objects by module type index.
  GcContext gc = make_gc_context(m, v.types);
  c.refs.gc = &gc;
  // What comes before the definitions in each index space: imports and (Module Linking)
  // aliases of other instances' exports.
  c.imported_funcs = uint32_t(c.inst.funcs.size() - m.funcs.size());
  c.imported_tables = uint32_t(c.inst.tables.size() - m.tables.size());
  c.imported_mems = uint32_t(c.inst.mems.size() - m.memories.size());
  c.imported_globals = uint32_t(c.inst.globals.size() - m.globals.size());
  // The function index of each address (the first, if a function is imported twice): a
  // reference to another instance's function is written through the import or alias that
  // names it here.
  for (size_t x = 0; x < c.inst.funcs.size(); ++x)
    c.refs.func_index.emplace(c.inst.funcs[x], FuncIdx(x));

  c.uses = segment_uses(m);

  // Shared GC objects get homes; new home globals go before the defined ones, so the input's
  // global indices move up first.
  std::vector<SharedObject> hoisted = plan_shared_objects(c, gc);
  c.new_globals = uint32_t(hoisted.size());
  Module out = m;
  shift_globals(out, c.imported_globals, c.new_globals);
  // spec: instantiation runs the start function; the snapshot's state already includes its
  // effects, so it must not run again.
  out.start.reset();
  rewrite_segments(c, out);
  capture_memories(c, out);
  add_home_globals(c, hoisted, out);
  capture_globals(c, out);
  capture_tables(c, out);
  declare_refs(out);
  // With --no-init nothing ran, so the init export (if any) stays.
  rewrite_exports(options, options.run_init && !options.keep_init_func, out);
  capture_nested(engine, instance, m, v, out);
  return out;
}

}  // namespace

Result<Module> capture(interp::Engine& engine, interp::InstanceAddr instance, const Module& m,
                       const Options& options) {
  return catch_error([&]() -> Module {
    ValidateOptions vo;
    vo.module_linking = options.module_linking;
    vo.shared_everything = options.shared_everything;
    Result<ValidatedModule> v = validate(m, engine.types(), vo);
    if (!v) throw ErrorException{v.error()};
    return capture_module(engine, instance, m, *v, options);
  });
}

}  // namespace wasm::snapshot
