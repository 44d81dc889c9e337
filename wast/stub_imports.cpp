// Stub values for unresolved imports (see stub_imports.h).
#include "wast/stub_imports.h"

#include "spec/match.h"

namespace wasm::wast {
namespace {

interp::Value default_value(const interp::Engine& engine, const ValType& t) {
  if (t.kind == ValKind::Ref) return engine.null_ref();
  interp::Value v;
  v.kind = t.kind;
  return v;
}

interp::ExternVal stub_instance(interp::Engine& engine, const std::vector<LinkItem>& exports) {
  interp::NamedExterns items;
  for (const LinkItem& e : exports) items.emplace_back(e.name, stub_value(engine, e.type));
  return engine.add_instance(std::move(items));
}

}  // namespace

interp::ExternVal stub_value(interp::Engine& engine, const LinkType& type) {
  const ExternType& t = type.core;
  switch (type.kind()) {
    case ExternKind::Func: {
      const FuncType& ft = engine.types().expand(t.type).func;
      interp::Outcome result;
      for (const ValType& r : ft.results) {
        if (!defaultable(r)) {
          result.status = interp::Outcome::Status::Trap;
          result.message = "stub import called: no default value for its result";
          break;
        }
        result.values.push_back(default_value(engine, r));
      }
      return engine.add_host_func(t.type,
                                  [result](std::span<const interp::Value>) { return result; });
    }
    case ExternKind::Table: return engine.add_table(t.table, engine.null_ref());
    case ExternKind::Memory: return engine.add_memory(t.mem);
    case ExternKind::Global:
      return engine.add_global(t.global, default_value(engine, t.global.type));
    case ExternKind::Tag: return engine.add_tag(t.type);
    case ExternKind::Instance: return stub_instance(engine, type.instance->exports);
    case ExternKind::Module: {
      std::shared_ptr<const LinkModuleType> mt = type.module;
      return engine.add_host_module(mt, [&engine, mt](const interp::NamedExterns&) {
        return stub_instance(engine, mt->exports);
      });
    }
    case ExternKind::Type: break;
  }
  return {};
}

}  // namespace wasm::wast
