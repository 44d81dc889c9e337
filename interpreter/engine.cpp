// The Engine of engine.h: the embedding interface (appendix/embedding.rst) over the store.
#include "interpreter/engine.h"

#include "interpreter/instantiate.h"
#include "interpreter/linking.h"
#include "interpreter/store.h"
#include "spec/match.h"

namespace wasm::interp {

TypeId intern_functype(TypeStore& types, const FuncType& ft, bool shared) {
  RecType rec;
  SubType sub;
  sub.final = true;
  sub.comp.kind = CompKind::Func;
  sub.comp.func = ft;
  sub.comp.shared = shared;
  rec.subtypes.push_back(std::move(sub));
  return types.intern(rec);
}

Engine::Engine(EngineOptions options)
    : store_(std::make_unique<Store>(default_type_store(), options.max_memory != 0
                                                               ? options.max_memory
                                                               : default_max_memory())),
      options_(std::move(options)) {}
Engine::~Engine() = default;

TypeStore& Engine::types() { return store_->types(); }
const EngineOptions& Engine::options() const { return options_; }
void Engine::clear_interrupt() { store_->clear_interrupt(); }
void Engine::interrupt() { store_->interrupt(); }
bool Engine::interrupted() const { return store_->interrupted; }
Store& Engine::store() { return *store_; }

Result<InstanceAddr> Engine::instantiate(const Module& m, const ValidatedModule& v,
                                         std::span<const ExternVal> imports) {
  bool traceable = options_.traceable || options_.trace != nullptr;
  if ((options_.check_typing || traceable) && !v.stack_types) {
    // The checking mode and the trace need the validator's per-instruction types: validate
    // again, recording.
    // (The same verdict as before: the relaxed custom-descriptors rule and the
    // shared-everything-threads rules only accept more.)
    ValidateOptions again;
    again.module_linking = v.module_linking;
    again.custom_descriptors = true;
    again.shared_everything = true;
    again.record_stack_types = true;
    Result<ValidatedModule> recorded = validate(m, types(), again);
    if (!recorded) return recorded.error();
    return interp::instantiate(*store_, options_, m, *recorded, imports);
  }
  return interp::instantiate(*store_, options_, m, v, imports);
}

std::optional<ExternVal> Engine::get_export(InstanceAddr instance, std::string_view name) const {
  for (const auto& [n, e] : store_->modules[instance].exports)
    if (n == name) return e;
  return std::nullopt;
}

std::vector<std::pair<std::string, ExternVal>> Engine::exports(InstanceAddr instance) const {
  return store_->modules[instance].exports;
}

Outcome Engine::invoke(Addr func, std::span<const Value> args) {
  return interp::invoke(*store_, options_, func, args);
}

const FuncType& Engine::func_type(Addr func) const { return *store_->funcs[func].functype; }

bool Engine::memory_shared(Addr mem) const { return store_->mems[mem].type.shared; }

// spec: global_read
Value Engine::read_global(Addr global) const {
  GlobalInst& g = store_->globals[global];
  if (g.type.thread_local_) return to_value(store_->thread_local_value(g), g.type.type.kind);
  return to_value(g.value, g.type.type.kind);
}
const GlobalType& Engine::global_type(Addr global) const { return store_->globals[global].type; }

bool Engine::extern_matches(const ExternVal& v, const ExternType& want) const {
  if (v.kind != want.kind || v.kind == ExternKind::Module || v.kind == ExternKind::Instance)
    return v.kind == want.kind;
  return match_externtype(store_->types(), extern_type(*store_, v), want);
}

Value Engine::null_ref() const { return Value{ValKind::Ref, kNullRef, {}}; }
Value Engine::host_ref(uint32_t n) const {
  return Value{ValKind::Ref, make_ref(RefKind::Host, n), {}};
}
Value Engine::extern_ref(uint32_t n) const {
  return Value{ValKind::Ref, externalize(make_ref(RefKind::Host, n)), {}};
}

RefInfo Engine::inspect(const Value& v) const {
  RefInfo info;
  uint64_t r = v.bits;
  if (is_null(r)) return info;
  info.externalized = is_externalized(r);
  r = internalize(r);
  info.kind = RefInfo::Kind(uint8_t(ref_kind(r)));
  if (ref_kind(r) == RefKind::Host) info.payload = ref_payload(r);
  if (ref_kind(r) == RefKind::I31) info.payload = i31_get_u(r);
  info.shared = store_->ref_shared(r);
  return info;
}

ExternVal Engine::add_host_func(const FuncType& type, HostFunc f) {
  auto [a, fi] = store_->funcs.emplace();
  fi.type = intern_functype(types(), type);
  fi.functype = &types().expand(fi.type).func;
  fi.host = std::move(f);
  return {ExternKind::Func, Addr(a)};
}

ExternVal Engine::add_table(const TableType& type, Value init) {
  auto [a, t] = store_->tables.emplace();
  t.type = type;
  t.budget = &store_->budget;
  (void)store_->budget.take(type.limits.min * sizeof(uint64_t));  // the host's own: not refused
  t.refs.assign(type.limits.min, init.bits);
  return {ExternKind::Table, Addr(a)};
}

ExternVal Engine::add_memory(const MemType& type) {
  auto [a, m] = store_->mems.emplace();
  m.allocate(type, store_->budget);  // a failed reservation leaves a 0-byte memory
  return {ExternKind::Memory, Addr(a)};
}

ExternVal Engine::add_global(const GlobalType& type, Value v) {
  auto [a, g] = store_->globals.emplace();
  g.type = type;
  g.value = to_slot(v);
  return {ExternKind::Global, Addr(a)};
}

ExternVal Engine::add_tag(const FuncType& type) {
  auto [a, t] = store_->tags.emplace();
  t.type = intern_functype(types(), type);
  t.functype = &types().expand(t.type).func;
  return {ExternKind::Tag, Addr(a)};
}

}  // namespace wasm::interp

namespace wasm::interp {

ExternVal Engine::add_host_func(TypeId type, HostFunc f) {
  Addr a = Addr(store_->funcs.size());
  FuncInst& fi = store_->funcs.emplace_back();
  fi.type = type;
  fi.functype = &types().expand(type).func;
  fi.host = std::move(f);
  return {ExternKind::Func, a};
}

ExternVal Engine::add_tag(TypeId type) {
  Addr a = Addr(store_->tags.size());
  TagInst& t = store_->tags.emplace_back();
  t.type = type;
  t.functype = &types().expand(type).func;
  return {ExternKind::Tag, a};
}

ExternVal Engine::instance_of(InstanceAddr instance) {
  return {ExternKind::Instance, new_instance_value(*store_, store_->modules[instance].exports)};
}

ExternVal Engine::add_instance(NamedExterns exports) {
  return {ExternKind::Instance, new_instance_value(*store_, std::move(exports))};
}

ExternVal Engine::add_host_module(std::shared_ptr<const LinkModuleType> type, HostModule f) {
  Addr a = Addr(store_->module_values.size());
  ModuleValue& mv = store_->module_values.emplace_back();
  mv.type = std::move(type);
  mv.host = std::move(f);
  return {ExternKind::Module, a};
}

const NamedExterns& Engine::instance_exports(Addr instance_value) const {
  return store_->instance_values[instance_value].exports;
}

}  // namespace wasm::interp
