// Module Linking at run time — the proposal's Explainer.md (module and instance definitions)
// and Subtyping.md (the types of values at link time).
#include "interpreter/linking.h"

namespace wasm::interp {

ExternType extern_type(const Store& s, const ExternVal& e) {
  ExternType t;
  t.kind = e.kind;
  switch (e.kind) {
    case ExternKind::Func:  // custom-descriptors: a function instance has its exact type
      t.type = s.funcs[e.addr].type;
      t.exact = true;
      break;
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

LinkType value_type(const Store& s, const ExternVal& e) {
  if (e.kind == ExternKind::Module) return link_type_of(s.module_values[e.addr].type);
  if (e.kind != ExternKind::Instance) return link_type_of(extern_type(s, e));
  auto it = std::make_shared<LinkInstanceType>();
  for (const auto& [name, v] : s.instance_values[e.addr].exports)
    it->exports.push_back(LinkItem{name, value_type(s, v)});
  return link_type_of(std::shared_ptr<const LinkInstanceType>(std::move(it)));
}

Addr new_instance_value(Store& s, NamedExterns exports) {
  Addr a = Addr(s.instance_values.size());
  s.instance_values.emplace_back().exports = std::move(exports);
  return a;
}

const ExternVal* find_named(const NamedExterns& items, std::string_view name) {
  for (const auto& [n, v] : items)
    if (n == name) return &v;
  return nullptr;
}

namespace {

// The import's value among the arguments: "m" itself, or the export "f" of instance "m".
ExternVal argument_for(const Store& s, const Import& im, const NamedExterns& args) {
  const ExternVal* a = find_named(args, im.module);
  if (a && im.field) {
    a = a->kind == ExternKind::Instance ? find_named(s.instance_values[a->addr].exports, *im.field)
                                        : nullptr;
  }
  if (!a)
    fail(Phase::Unlinkable, im.at,
         cat("missing instantiate argument for import \"", im.module, "\"",
             im.field ? cat(" \"", *im.field, "\"") : std::string()));
  return *a;
}

}  // namespace

Addr instantiate_module_value(Store& s, const EngineOptions& o, Addr module_value,
                              const NamedExterns& args, Span at) {
  const ModuleValue& mv = s.module_values[module_value];
  if (!mv.module) {
    ExternVal inst;
    try {
      inst = mv.host(args);
    } catch (const std::exception& e) {
      fail(Phase::Unlinkable, at, cat("host module: ", e.what()));
    }
    if (inst.kind != ExternKind::Instance)
      fail(Phase::Unlinkable, at, "host module did not return an instance");
    return inst.addr;
  }
  std::vector<ExternVal> imports;
  for (const Import& im : mv.module->imports) imports.push_back(argument_for(s, im, args));
  // (copies: instantiate_in may grow module_values, which a deque keeps in place, but keep the
  // outer environment independent of the store anyway)
  Outer outer = mv.outer;
  InstanceAddr inst = instantiate_in(s, o, *mv.module, *mv.valid, imports, outer);
  Addr a = new_instance_value(s, s.modules[inst].exports);
  s.instance_values[a].module_instance = inst;
  s.instance_values[a].module = mv.module;
  return a;
}

}  // namespace wasm::interp
