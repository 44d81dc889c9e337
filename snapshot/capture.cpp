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

Result<Module> capture(interp::Engine& engine, interp::InstanceAddr instance, const Module& m,
                       const Options& options) {
  return catch_error([&]() -> Module {
    const interp::Store& store = engine.store();
    Capture c{m, store.modules[instance], RefContext{&store, {}, nullptr}};
    // The module's canonical types (the same TypeIds as the instance's: one type store), to
    // name the types of GC objects by module type index.
    Result<ValidatedModule> v = validate(m, engine.types());
    if (!v) throw ErrorException{v.error()};
    GcContext gc = make_gc_context(m, v->types);
    c.refs.gc = &gc;
    for (const Import& i : m.imports) {
      switch (i.desc.kind) {
        case ExternKind::Func: ++c.imported_funcs; break;
        case ExternKind::Table: ++c.imported_tables; break;
        case ExternKind::Memory: ++c.imported_mems; break;
        case ExternKind::Global: ++c.imported_globals; break;
        default: break;
      }
    }
    // The function index of each address (the first, if a function is imported twice).
    for (size_t x = 0; x < c.inst.funcs.size(); ++x)
      c.refs.func_index.emplace(c.inst.funcs[x], FuncIdx(x));

    c.uses = segment_uses(m);

    // Shared GC objects get homes; new home globals go before the defined ones, so the
    // input's global indices move up first.
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
    return out;
  });
}

}  // namespace wasm::snapshot
