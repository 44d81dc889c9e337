// Instantiating the input module and running its init function (snapshot.h).
#include <optional>

#include "interpreter/store.h"
#include "snapshot/snapshot.h"
#include "wast/spectest.h"

namespace wasm::snapshot {
namespace {

std::string import_name(const Import& i) {
  return cat("\"", i.module, "\"", i.field ? cat(".\"", *i.field, "\"") : std::string());
}

// The failure of an invocation or instantiation, as an Error of the matching phase.
Error outcome_error(const interp::Outcome& o, const std::string& what) {
  using S = interp::Outcome::Status;
  switch (o.status) {
    case S::Trap: return Error{Phase::Trap, {}, cat(what, " trapped: ", o.message)};
    case S::Exhaustion: return Error{Phase::Exhaustion, {}, cat(what, " exhausted: ", o.message)};
    case S::Exception:
      return Error{Phase::Exception, {}, cat(what, " threw an uncaught exception")};
    case S::Values: break;
  }
  return Error{Phase::Trap, {}, what};
}

// Module Linking definitions only with --enable module-linking (checked before validation, which
// would only say that the proposal is off).
Result<bool> linking_allowed(const Module& m, const Options& options) {
  if (!options.module_linking && (!m.modules.empty() || !m.instances.empty() || !m.aliases.empty()))
    return Error{Phase::Unlinkable,
                 {},
                 "a module with Module Linking definitions needs --enable module-linking"};
  return true;
}

}  // namespace

Result<interp::InstanceAddr> instantiate_and_init(interp::Engine& engine, const Module& m,
                                                  const ValidatedModule& v,
                                                  const Options& options) {
  if (Result<bool> ok = linking_allowed(m, options); !ok) return ok.error();
  // Imports: refused (Wizer's rule: the snapshot must not depend on what the host gave init),
  // or, with --allow-imports, linked to spectest.
  std::vector<interp::ExternVal> imports;
  for (const Import& i : m.imports) {
    if (!options.allow_imports)
      return Error{Phase::Unlinkable, i.at,
                   cat("import ", import_name(i), " is not allowed (--allow-imports links ",
                       "imports to the spectest module)")};
    std::optional<interp::ExternVal> e;
    if (i.module == "spectest" && i.field) e = wast::spectest_lookup(engine, *i.field, nullptr);
    if (!e)
      return Error{Phase::Unlinkable, i.at,
                   cat("import ", import_name(i), ": only spectest's exports can be linked")};
    imports.push_back(*e);
  }
  Result<interp::InstanceAddr> inst = engine.instantiate(m, v, imports);
  if (!inst) {
    Error e = inst.error();
    if (e.phase == Phase::Trap || e.phase == Phase::Exhaustion)
      e.message = cat("instantiation failed (segments or start function): ", e.message);
    return e;
  }
  if (!options.run_init) return inst;
  std::optional<interp::ExternVal> f = engine.get_export(*inst, options.init_func);
  if (!f || f->kind != ExternKind::Func)
    return Error{Phase::Invalid,
                 {},
                 cat("no function export \"", options.init_func, "\" to initialise with ",
                     "(--init-func NAME names another, --no-init runs none)")};
  const FuncType& type = engine.func_type(f->addr);
  if (!type.params.empty() || !type.results.empty())
    return Error{Phase::Invalid,
                 {},
                 cat("init function \"", options.init_func, "\" must have type [] -> []")};
  interp::Outcome o = engine.invoke(f->addr, {});
  if (o.status != interp::Outcome::Status::Values)
    return outcome_error(o, cat("init function \"", options.init_func, "\""));
  return inst;
}

Result<Module> snapshot(const Module& m, const Options& options) {
  interp::EngineOptions engine_options;
  engine_options.fuel = options.fuel;
  interp::Engine engine(engine_options);
  if (Result<bool> ok = linking_allowed(m, options); !ok) return ok.error();
  ValidateOptions vo;
  vo.module_linking = options.module_linking;
  vo.shared_everything = options.shared_everything;
  Result<ValidatedModule> v = validate(m, engine.types(), vo);
  if (!v) return v.error();
  Result<interp::InstanceAddr> inst = instantiate_and_init(engine, m, *v, options);
  if (!inst) return inst.error();
  return capture(engine, *inst, m, options);
}

}  // namespace wasm::snapshot
