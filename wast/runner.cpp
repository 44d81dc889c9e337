// The script runner: modules, the registry, actions (see wast/runner.h); the assertions are in
// runner_assert.cpp. Mirrors the reference's runner.ml: run_definition, run_instantiation,
// lookup_import, run_action, run_command.
#include "wast/runner.h"

#include <algorithm>

#include "interpreter/store.h"
#include "spec/match.h"
#include "text/printer.h"
#include "wast/runner_impl.h"
#include "wast/spectest.h"
#include "wast/stub_imports.h"

namespace wasm::wast {
namespace detail {
namespace {

using text::Command;
using K = Command::Kind;

// spec (reference): bind — `id` (when given) and "" (the latest) name the new value.
template <typename Map, typename T>
void bind_name(Map& map, const std::optional<std::string>& id, const T& value) {
  if (id) map[*id] = value;
  map[""] = value;
}

// " $name" for a script identifier (stored without its `$`), "" for none.
std::string id_text(const std::optional<std::string>& id) { return id ? " $" + *id : ""; }

}  // namespace

const char* phase_word(Phase p) {
  switch (p) {
    case Phase::Malformed: return "malformed module";
    case Phase::Invalid: return "invalid module";
    case Phase::Unlinkable: return "link failure";
    case Phase::Trap: return "runtime trap";
    case Phase::Exhaustion: return "resource exhaustion";
    case Phase::Exception: return "uncaught exception";
  }
  return "error";
}

const char* command_name(const Command& c) {
  switch (c.kind) {
    case K::Module: return c.module.definition ? "module definition" : "module";
    case K::ModuleInstance: return "module instance";
    case K::Register: return "register";
    case K::Action: return c.action.kind == text::Action::Kind::Get ? "get" : "invoke";
    case K::AssertReturn: return "assert_return";
    case K::AssertTrap: return "assert_trap";
    case K::AssertExhaustion: return "assert_exhaustion";
    case K::AssertException: return "assert_exception";
    case K::AssertMalformed: return "assert_malformed";
    case K::AssertInvalid: return "assert_invalid";
    case K::AssertUnlinkable: return "assert_unlinkable";
    case K::AssertUninstantiable: return "assert_uninstantiable";
    case K::AssertMalformedCustom: return "assert_malformed_custom";
    case K::AssertInvalidCustom: return "assert_invalid_custom";
    case K::Thread: return "thread";
    case K::Wait: return "wait";
  }
  return "command";
}

void Runner::run(const std::vector<Command>& commands, Scope& scope) {
  for (const Command& c : commands) {
    command(c, scope);
    // The command the watchdog interrupted has ended: the next one runs normally.
    if (recover_interrupts && engine_.interrupted()) engine_.clear_interrupt();
  }
}

// spec (reference): run_command / run_assertion
void Runner::command(const Command& c, Scope& scope) {
  if (!options_.skip_lines.empty()) {
    auto [line, column] = position(c.at.begin);
    if (auto it = options_.skip_lines.find(line); it != options_.skip_lines.end()) {
      ++report.skipped;
      report.log += cat(source_.name, ":", line, ".", column, ": ", command_name(c),
                        ": skipped: ", it->second, "\n");
      return;
    }
  }
  // `wait` blocks on another thread's commands, which are watched themselves.
  Watchdog::Guard guard =
      watchdog_ != nullptr && c.kind != K::Wait ? watchdog_->arm() : Watchdog::Guard();
  switch (c.kind) {
    case K::Module: return module(c, scope);
    case K::ModuleInstance: return module_instance(c, scope);
    case K::Register: return do_register(c, scope);
    case K::Action: return action(c, scope);
    case K::AssertReturn: return assert_return(c, scope);
    case K::AssertTrap:
      if (c.has_module) return assert_instantiation(c, scope);
      return assert_action_fails(c, scope);
    case K::AssertExhaustion:
    case K::AssertException: return assert_action_fails(c, scope);
    case K::AssertMalformed:
    case K::AssertMalformedCustom: return assert_malformed(c);
    case K::AssertInvalid:
    case K::AssertInvalidCustom: return assert_invalid(c);
    case K::AssertUnlinkable:
    case K::AssertUninstantiable: return assert_instantiation(c, scope);
    case K::Thread: return thread(c, scope);
    case K::Wait: return wait(c, scope);
  }
}

// spec (reference): run_definition, then Engine.validate
Result<DefinitionPtr> Runner::define(const text::ScriptModule& m) {
  Result<Module> loaded = load_module(m, options_.features);
  if (!loaded) return loaded.error();
  auto d = std::make_shared<Definition>();
  d->module = std::move(*loaded);
  Result<ValidatedModule> valid =
      validate(d->module, engine_.types(), validate_options(options_.features));
  if (!valid) return valid.error();
  d->valid = std::move(*valid);
  keep_alive_.push_back(d);
  return DefinitionPtr(d);
}

// spec (reference): lookup_registry. A registered instance offers its exports; spectest
// allocates what is asked for.
std::optional<interp::ExternVal> Runner::resolve_import(const Import& import, const Scope& scope) {
  auto it = scope.registry.find(import.module);
  if (it == scope.registry.end()) {
    // The `thread` host module (wast/thread_builtins.h), unless a script registered that name.
    if (import.module == "thread" && import.field && builtins != nullptr)
      return builtins->lookup(*import.field);
    return std::nullopt;
  }
  if (!import.field) {  // Module Linking: the registered instance itself
    if (!it->second || import.desc.kind != ExternKind::Instance) return std::nullopt;
    return engine_.instance_of(*it->second);
  }
  if (!it->second) return spectest_lookup(engine_, *import.field, &report.log);
  return engine_.get_export(*it->second, *import.field);
}

// spec (reference): run_instantiation — imports by name, then Engine.instantiate.
Result<interp::InstanceAddr> Runner::instantiate(const Definition& d, const Scope& scope) {
  std::vector<interp::ExternVal> externs;
  for (size_t i = 0; i < d.module.imports.size(); ++i) {
    const Import& import = d.module.imports[i];
    std::optional<interp::ExternVal> v = resolve_import(import, scope);
    // --stub-imports: also in place of a spectest value of another type (corpora written for
    // validators import spectest's names at whatever type they test).
    bool spectest =
        import.field && scope.registry.contains(import.module) && !scope.registry.at(import.module);
    if (v && options_.stub_imports && spectest && !engine_.extern_matches(*v, d.valid.imports[i]))
      v.reset();
    if (!v && options_.stub_imports) v = stub_value(engine_, d.valid.import_types[i]);
    if (!v)
      return Error{Phase::Unlinkable, import.at,
                   cat("unknown import \"", import.module, "\".\"", import.field.value_or(""),
                       "\"")};
    externs.push_back(*v);
  }
  return engine_.instantiate(d.module, d.valid, externs);
}

std::string Runner::describe_load_error(const text::ScriptModule& m, const Error& e) const {
  std::string where;
  if (m.form == text::ScriptModule::Form::Binary) where = cat(" (at byte 0x", hex(e.at.begin), ")");
  if (m.form == text::ScriptModule::Form::Text || m.form == text::ScriptModule::Form::Quote) {
    Source inner{"", m.form == text::ScriptModule::Form::Quote ? std::string_view(m.bytes)
                                                               : source_.bytes,
                 false};
    auto [line, column] = line_column(inner, e.at.begin);
    where = cat(m.form == text::ScriptModule::Form::Quote ? " (quoted text " : " (at ", line, ".",
                column, ")");
  }
  return cat(phase_word(e.phase), where, ": ", e.message);
}

void Runner::module(const Command& c, Scope& scope) {
  const text::ScriptModule& m = c.module;
  Result<DefinitionPtr> d = define(m);
  outcome_ = d ? "ok" : canonical_error(d.error());
  if (!d) {
    bind_name(scope.modules, m.id, DefinitionPtr());
    if (!m.definition) bind_name(scope.instances, m.id, std::optional<interp::InstanceAddr>());
    return fail(c, describe_load_error(m, d.error()));
  }
  bind_name(scope.modules, m.id, *d);
  if (m.definition) return pass(c);
  Result<interp::InstanceAddr> inst = instantiate(**d, scope);
  if (!inst) outcome_ = canonical_error(inst.error());
  if (!inst) {
    bind_name(scope.instances, m.id, std::optional<interp::InstanceAddr>());
    return fail(c, cat(phase_word(inst.error().phase), ": ", inst.error().message));
  }
  bind_name(scope.instances, m.id, std::optional<interp::InstanceAddr>(*inst));
  pass(c);
}

// (module instance $i $m)
void Runner::module_instance(const Command& c, Scope& scope) {
  std::string key = c.id2.value_or("");
  auto it = scope.modules.find(key);
  if (it == scope.modules.end()) {
    bind_name(scope.instances, c.id, std::optional<interp::InstanceAddr>());
    return fail(c, key.empty() ? "no module defined" : "unknown module" + id_text(c.id2));
  }
  if (!it->second) {
    bind_name(scope.instances, c.id, std::optional<interp::InstanceAddr>());
    return fail(c, "module" + id_text(c.id2) + " failed to load");
  }
  Result<interp::InstanceAddr> inst = instantiate(*it->second, scope);
  outcome_ = inst ? "ok" : canonical_error(inst.error());
  if (!inst) {
    bind_name(scope.instances, c.id, std::optional<interp::InstanceAddr>());
    return fail(c, cat(phase_word(inst.error().phase), ": ", inst.error().message));
  }
  bind_name(scope.instances, c.id, std::optional<interp::InstanceAddr>(*inst));
  pass(c);
}

// spec (reference): register_instance
void Runner::do_register(const Command& c, Scope& scope) {
  auto inst = lookup_instance(c.id, scope);
  if (auto* error = std::get_if<std::string>(&inst)) return fail(c, *error);
  scope.registry[c.message] = std::get<interp::InstanceAddr>(inst);
  pass(c);
}

std::variant<interp::InstanceAddr, std::string> Runner::lookup_instance(
    const std::optional<std::string>& id, const Scope& scope) const {
  auto it = scope.instances.find(id.value_or(""));
  if (it == scope.instances.end())
    return std::string(id ? "unknown module instance" + id_text(id) : "no module instance defined");
  if (!it->second) return "module" + id_text(id) + " failed to load or instantiate";
  return *it->second;
}

interp::Value Runner::argument_value(const text::ScriptValue& v) const {
  using VK = text::ScriptValue::Kind;
  interp::Value out;
  switch (v.kind) {
    case VK::I32: out.kind = ValKind::I32; out.bits = v.bits & 0xffff'ffffu; break;
    case VK::I64: out.kind = ValKind::I64; out.bits = v.bits; break;
    case VK::F32: out.kind = ValKind::F32; out.bits = v.bits & 0xffff'ffffu; break;
    case VK::F64: out.kind = ValKind::F64; out.bits = v.bits; break;
    case VK::V128: out.kind = ValKind::V128; out.v128 = v.v128; break;
    case VK::RefNull: out = engine_.null_ref(); break;
    case VK::RefHost: out = engine_.host_ref(v.payload.value_or(0)); break;
    case VK::RefExtern: out = engine_.extern_ref(v.payload.value_or(0)); break;
    default: break;
  }
  return out;
}

// spec (reference): run_action's "wrong number of arguments" / "wrong type of argument".
std::string Runner::check_arguments(const text::Action& a, const FuncType& type) const {
  if (a.args.size() != type.params.size()) return "wrong number of arguments";
  for (size_t i = 0; i < a.args.size(); ++i) {
    std::optional<ValType> t = type_of_argument(a.args[i]);
    if (!t || !match_valtype(engine_.types(), *t, type.params[i]))
      return cat("wrong type of argument ", i);
  }
  return "";
}

// spec (reference): run_action
ActionResult Runner::run_action(const text::Action& a, const Scope& scope) {
  ActionResult r;
  auto inst = lookup_instance(a.module_id, scope);
  if (auto* error = std::get_if<std::string>(&inst)) {
    r.error = *error;
    outcome_ = canonical_script_error(r.error);
    return r;
  }
  std::optional<interp::ExternVal> ext =
      engine_.get_export(std::get<interp::InstanceAddr>(inst), a.name);
  if (!ext) {
    r.error = cat("undefined export \"", a.name, "\"");
  } else if (a.kind == text::Action::Kind::Get) {
    if (ext->kind != ExternKind::Global) r.error = "export is not a global";
    else r.outcome.values.push_back(engine_.read_global(ext->addr));
  } else if (ext->kind != ExternKind::Func) {
    r.error = "export is not a function";
  } else if (r.error = check_arguments(a, engine_.func_type(ext->addr)); r.error.empty()) {
    std::vector<interp::Value> args;
    for (const text::ScriptValue& v : a.args) args.push_back(argument_value(v));
    r.outcome = engine_.invoke(ext->addr, args);
  }
  outcome_ =
      r.error.empty() ? canonical_outcome(r.outcome, inspector()) : canonical_script_error(r.error);
  return r;
}

InspectRef Runner::inspector() const {
  return [this](const interp::Value& v) { return engine_.inspect(v); };
}

std::string Runner::describe_values(const std::vector<interp::Value>& vs) const {
  std::string out = "[";
  for (const interp::Value& v : vs) out += (out.size() > 1 ? " " : "") + describe_value(v, inspector());
  return out + "]";
}

std::string Runner::describe_outcome(const interp::Outcome& o) const {
  using S = interp::Outcome::Status;
  switch (o.status) {
    case S::Values: return "values " + describe_values(o.values);
    case S::Trap: return cat("trap \"", o.message, "\"");
    case S::Exhaustion: return cat("exhaustion \"", o.message, "\"");
    case S::Exception: return "uncaught exception with args " + describe_values(o.values);
  }
  return "?";
}

// A top-level action: it must return (the reference aborts the script on a trap).
void Runner::action(const Command& c, Scope& scope) {
  ActionResult r = run_action(c.action, scope);
  if (!r.error.empty()) return fail(c, r.error);
  if (r.outcome.status != interp::Outcome::Status::Values)
    return fail(c, "expected values, got " + describe_outcome(r.outcome));
  pass(c);
  if (options_.print_results != RunOptions::Results::Hidden) {
    bool plain = options_.print_results == RunOptions::Results::Plain;
    for (const interp::Value& v : r.outcome.values)
      report.log += result_text(v, inspector(), plain) + "\n";
  }
}

// Whether another thread may use an instance's export: a shared memory (threads proposal);
// with shared-everything-threads also a shared table, a shared or thread-local global, a
// function of a shared type.
bool Runner::sharable(const interp::ExternVal& e) {
  interp::Store& s = engine_.store();
  switch (e.kind) {
    case ExternKind::Memory: return engine_.memory_shared(e.addr);
    case ExternKind::Table:
      return options_.features.shared_everything && s.tables[e.addr].type.shared;
    case ExternKind::Global: {
      const GlobalType& t = engine_.global_type(e.addr);
      return options_.features.shared_everything && (t.shared || t.thread_local_);
    }
    case ExternKind::Func:
      return options_.features.shared_everything && s.types().expand(s.funcs[e.addr].type).shared;
    default: return false;
  }
}

// threads proposal (reference: run_command's Thread): (thread $t (shared (module $m))* cmd*)
// starts the body on a new OS thread, with a fresh scope holding the shared instances (each
// must be sharable: all its exports shared) and spectest.
void Runner::thread(const Command& c, Scope& scope) {
  auto task = std::make_shared<ThreadTask>();
  task->scope.registry["spectest"] = std::nullopt;
  for (const std::string& name : c.shared_modules) {
    std::optional<std::string> id = name;
    auto inst = lookup_instance(id, scope);
    if (auto* error = std::get_if<std::string>(&inst)) return fail(c, *error);
    for (const auto& [field, e] : engine_.exports(std::get<interp::InstanceAddr>(inst)))
      if (!sharable(e)) return fail(c, "module" + id_text(id) + " is not sharable");
    bind_name(task->scope.instances, id, std::optional(std::get<interp::InstanceAddr>(inst)));
    if (auto it = scope.modules.find(name); it != scope.modules.end())
      bind_name(task->scope.modules, id, it->second);
  }
  task->runner = std::make_unique<Runner>(engine_, source_, options_, watchdog_);
  ThreadTask* t = task.get();
  const std::vector<Command>* body = &c.body;
  TurnScheduler* s = scheduler;
  if (s != nullptr) t->schedule_id = s->add_thread();
  t->runner->scheduler = s;
  t->runner->builtins = builtins;
  t->os_thread = std::thread([t, body, s] {
    if (s != nullptr) s->start(t->schedule_id);
    t->runner->run(*body, t->scope);
    t->runner->join_all(t->scope);
    if (s != nullptr) s->finish();
  });
  bind_name(scope.threads, c.id, task);
  scope.spawned.push_back(std::move(task));
}

// (wait $t): joins the thread; its results join this runner's report.
void Runner::wait(const Command& c, Scope& scope) {
  auto it = scope.threads.find(c.id.value_or(""));
  if (it == scope.threads.end())
    return fail(c, c.id ? "unknown thread" + id_text(c.id) : "no thread defined");
  join(*it->second);
  pass(c);
}

void Runner::join(ThreadTask& task) {
  if (task.joined) return;
  if (scheduler != nullptr) scheduler->join(task.schedule_id);
  task.os_thread.join();
  task.joined = true;
  RunReport& r = task.runner->report;
  report.passed += r.passed;
  report.failed += r.failed;
  report.skipped += r.skipped;
  report.log += r.log;
  for (CheckResult& check : r.checks) report.checks.push_back(std::move(check));
  r = RunReport{};
}

void Runner::join_all(Scope& scope) {
  for (const std::shared_ptr<ThreadTask>& task : scope.spawned) join(*task);
}

std::pair<uint32_t, uint32_t> Runner::position(uint32_t offset) {
  if (offset < cursor_offset_) {
    cursor_offset_ = 0;
    cursor_line_ = cursor_column_ = 1;
  }
  size_t end = std::min<size_t>(offset, source_.bytes.size());
  for (size_t i = cursor_offset_; i < end; ++i) {
    if (source_.bytes[i] == '\n') {
      ++cursor_line_;
      cursor_column_ = 1;
    } else {
      ++cursor_column_;
    }
  }
  cursor_offset_ = uint32_t(std::max<size_t>(end, cursor_offset_));
  return {cursor_line_, cursor_column_};
}

void Runner::record_outcome(const Command& c, uint32_t line) {
  if (options_.record_outcomes && !outcome_.empty()) {
    bool named = c.kind == K::Action || c.kind == K::AssertReturn || c.kind == K::AssertTrap ||
                 c.kind == K::AssertExhaustion || c.kind == K::AssertException;
    std::string name = named && !c.has_module ? " " + text::quote(c.action.name) : "";
    report.outcomes += cat(line, ": ", command_name(c), name, ": ", outcome_, "\n");
  }
  outcome_.clear();
}

void Runner::pass(const Command& c) {
  auto [line, column] = position(c.at.begin);
  record_outcome(c, line);
  report.checks.push_back(CheckResult{line, column, command_name(c), true, ""});
  ++report.passed;
}

void Runner::fail(const Command& c, const std::string& message) {
  auto [line, column] = position(c.at.begin);
  record_outcome(c, line);
  report.checks.push_back(CheckResult{line, column, command_name(c), false, message});
  ++report.failed;
  report.log += cat(source_.name, ":", line, ".", column, ": ", command_name(c), ": ", message, "\n");
}

}  // namespace detail

std::pair<uint32_t, uint32_t> line_column(const Source& source, uint32_t offset) {
  uint32_t line = 1, column = 1;
  size_t end = std::min<size_t>(offset, source.bytes.size());
  for (size_t i = 0; i < end; ++i) {
    if (source.bytes[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return {line, column};
}

}  // namespace wasm::wast
