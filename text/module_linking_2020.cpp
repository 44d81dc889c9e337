// The text forms of the Module Linking Explainer as merged with WebAssembly/module-linking
// PR #3 (commit 997a5d6, June 2020; proposals/module-types/Explainer.md there) that the later
// syntax (module_linking.cpp) lacks:
//   - identifier paths `$i.$f`, `$i.$j.$f` (TextOptions::paths; "Instance Imports and Aliases");
//   - implicit parent aliases of types and modules used by identifier ("Nested Modules");
//   - `(alias $x? (kind $i $e))` and `(alias $x? (parent (kind $y)))`;
//   - zero-level exports `(export $i)` in modules and `(export $T)` in module types ("Module
//     and Instance Types", "Module and Instance Exports");
//   - positional instantiate arguments `(instantiate $M (func $f) ...)` ("Module Imports and
//     Nested Instances").
// All of them desugar to the later AST: aliases, named arguments and ordinary exports.
#include <algorithm>

#include "text/module_parser.h"

namespace wasm::text {
namespace {


}  // namespace

std::optional<ExternKind> ModuleParser::kind_of_space(const Space& s) const {
  for (ExternKind k : {ExternKind::Func, ExternKind::Table, ExternKind::Memory, ExternKind::Global,
                       ExternKind::Tag, ExternKind::Module, ExternKind::Instance, ExternKind::Type})
    if (&s == &const_cast<ModuleParser*>(this)->space_of(k)) return k;
  return std::nullopt;
}

// An identifier that is not bound: is it a path or an enclosing module's type or module? If
// so the use is planned (or already is) and the caller's error is not reported.
bool ModuleParser::plan_use(const Space& s, const Token& t) const {
  if (!planning) return false;
  std::optional<ExternKind> sort = kind_of_space(s);
  if (!sort) return false;
  std::string_view v = t.value;
  // Explainer (2020) "Instance Imports and Aliases": the path `$i.$f1` is an alias of the
  // export of instance $i whose item is `$f1`; one alias per distinct path.
  size_t dot = v.find(".$");
  if (p.options.paths && *sort != ExternKind::Type && dot != std::string_view::npos && dot > 0) {
    auto base = instances.ids.find(v.substr(0, dot));
    if (base != instances.ids.end()) {
      for (const PlannedAlias& a : plan.aliases)
        if (a.kind == PlannedAlias::Kind::Path && a.sort == *sort && a.id == v) return true;
      PlannedAlias a;
      a.kind = PlannedAlias::Kind::Path;
      a.sort = *sort;
      a.field = current_field;
      a.id = std::string(v);
      a.instance = t;
      a.instance.value = v.substr(0, dot);
      a.instance.text = t.text.substr(0, std::min(t.text.size(), dot + 1));
      std::string_view rest = v.substr(dot + 2);
      for (bool first = true;; first = false) {
        size_t next = rest.find(".$");
        std::string_view seg = rest.substr(0, next);
        // Only the first step's instance type is known here; deeper steps use the name.
        a.names.push_back(first ? export_name_of(base->second, seg) : std::string(seg));
        if (next == std::string_view::npos) break;
        rest = rest.substr(next + 2);
      }
      plan.aliases.push_back(std::move(a));
      plan_grew = true;
      return true;
    }
  }
  // Explainer (2020) "Nested Modules": a module can use the identifier of an enclosing
  // module's type or module definitions; that is an implicit `(alias $x (parent (type $x)))`.
  if ((*sort == ExternKind::Type || *sort == ExternKind::Module) && parent) {
    uint32_t count = 0;
    for (const ModuleParser* q = parent; q; q = q->parent, ++count) {
      const Space& qs = *sort == ExternKind::Type ? q->types : q->modules;
      auto it = qs.ids.find(v);
      if (it == qs.ids.end()) continue;
      for (const PlannedAlias& a : plan.aliases)
        if (a.kind == PlannedAlias::Kind::Parent && a.sort == *sort && a.id == v) return true;
      PlannedAlias a;
      a.kind = PlannedAlias::Kind::Parent;
      a.sort = *sort;
      a.id = std::string(v);
      a.instance = t;
      a.outer_count = count;
      plan.aliases.push_back(std::move(a));
      plan_grew = true;
      return true;
    }
  }
  return false;
}

// Pass 1: the planned parent aliases come first (the Explainer's desugaring puts them there).
void ModuleParser::bind_planned_parents() {
  for (PlannedAlias& a : plan.aliases) {
    if (a.kind != PlannedAlias::Kind::Parent) continue;
    // The index is looked up now: planned aliases of an enclosing module may shift its indices.
    const ModuleParser* target = parent;
    for (uint32_t i = 0; i < a.outer_count && target; ++i) target = target->parent;
    Alias al;
    al.kind = Alias::Kind::Outer;
    al.sort = a.sort;
    al.outer_count = a.outer_count;
    uint32_t index = 0;
    if (target) {
      const Space& s = a.sort == ExternKind::Type ? target->types : target->modules;
      if (auto it = s.ids.find(a.id); it != s.ids.end()) index = it->second;
    }
    al.index = index;
    al.at = a.instance.at;
    m.aliases.push_back(std::move(al));
    note_initial_def(m, DefKind::Alias);
    a.bound = bind(space_of(a.sort), a.id, category_of(a.sort), a.instance.at);
    if (a.sort == ExternKind::Type) {
      type_slots.push_back({-1, 0});
      fields.emplace_back();
      if (target) outer_types[a.bound] = {target, index};
    }
  }
}

// Pass 1: the planned paths and zero-level exports of the fields `in` selects, as aliases
// shared with equal inline aliases `(kind $i "name")`; a path's text becomes the alias's id.
void ModuleParser::bind_planned_aliases(bool (*in)(const ModuleParser&, size_t, size_t),
                                        size_t now) {
  for (PlannedAlias& a : plan.aliases) {
    if (a.kind == PlannedAlias::Kind::Parent || !in(*this, a.field, now)) continue;
    a.bound = projection_alias(a.sort, a.instance, a.names, a.instance.at);
    if (a.kind == PlannedAlias::Kind::Path) space_of(a.sort).ids.emplace(a.id, a.bound);
  }
}

// The export identifiers known for a type: its own, or an aliased ancestor type's.
const StringMap<std::string>* ModuleParser::export_ids_of_type(uint32_t x) const {
  if (auto it = type_export_ids.find(x); it != type_export_ids.end()) return &it->second;
  if (auto it = outer_types.find(x); it != outer_types.end())
    return it->second.first->export_ids_of_type(it->second.second);
  return nullptr;
}

const StringMap<std::string>* ModuleParser::export_ids_of_instance(uint32_t instance) const {
  if (instance >= instance_origins.size()) return nullptr;
  const InstanceOrigin& o = instance_origins[instance];
  if (o.kind == InstanceOrigin::Kind::Import) {
    const Import& imp = m.imports[o.slot];
    return imp.desc.kind == ExternKind::Instance ? export_ids_of_type(imp.desc.type) : nullptr;
  }
  auto inst = instance_module.find(instance);
  if (o.kind != InstanceOrigin::Kind::Instantiate || inst == instance_module.end()) return nullptr;
  uint32_t mod = inst->second;
  if (auto it = module_import_slot.find(mod); it != module_import_slot.end()) {
    const Import& imp = m.imports[it->second];
    return imp.desc.kind == ExternKind::Module ? export_ids_of_type(imp.desc.type) : nullptr;
  }
  if (auto it = module_export_ids.find(mod); it != module_export_ids.end()) return &it->second;
  return nullptr;
}

// A path step `$f` names the export whose item the instance's type calls `$f`, or, where the
// type gives no such identifier, the export named "f".
std::string ModuleParser::export_name_of(uint32_t instance, std::string_view id) const {
  if (const StringMap<std::string>* ids = export_ids_of_instance(instance))
    if (auto it = ids->find(id); it != ids->end()) return it->second;
  return std::string(id);
}

// A module or instance type defined in this module.
const TypeDef* ModuleParser::local_type_def(uint32_t x) const {
  if (x >= type_slots.size() || type_slots[x].def < 0) return nullptr;
  const TypeDef& def = m.types[size_t(type_slots[x].def)];
  return def.kind == TypeDefKind::Module || def.kind == TypeDefKind::Instance ? &def : nullptr;
}

// A module or instance type defined here or aliased from an enclosing module: for what does
// not depend on type indices (names, sorts), which differ between the two modules.
const TypeDef* ModuleParser::named_type_def(uint32_t x) const {
  if (const TypeDef* def = local_type_def(x)) return def;
  if (auto it = outer_types.find(x); it != outer_types.end())
    return it->second.first->named_type_def(it->second.second);
  return nullptr;
}

// The exports (name, sort) of an instance whose type this module spells out, if known.
std::optional<std::vector<std::pair<std::string, ExternKind>>> ModuleParser::exports_of_instance(
    uint32_t instance) const {
  std::vector<std::pair<std::string, ExternKind>> out;
  auto from = [&](const std::vector<ExportType>& exports) {
    for (const ExportType& e : exports) out.emplace_back(e.name, e.type.kind);
    return std::optional(out);
  };
  if (instance >= instance_origins.size()) return std::nullopt;
  const InstanceOrigin& o = instance_origins[instance];
  if (o.kind == InstanceOrigin::Kind::Import) {
    const Import& imp = m.imports[o.slot];
    const TypeDef* def = named_type_def(imp.desc.type);
    if (imp.desc.kind == ExternKind::Instance && def && def->kind == TypeDefKind::Instance)
      return from(def->instance.exports);
    return std::nullopt;
  }
  auto inst = instance_module.find(instance);
  if (o.kind != InstanceOrigin::Kind::Instantiate || inst == instance_module.end())
    return std::nullopt;
  uint32_t mod = inst->second;
  if (auto it = module_import_slot.find(mod); it != module_import_slot.end()) {
    const Import& imp = m.imports[it->second];
    const TypeDef* def = named_type_def(imp.desc.type);
    if (imp.desc.kind == ExternKind::Module && def && def->kind == TypeDefKind::Module)
      return from(def->module.exports);
    return std::nullopt;
  }
  if (auto it = module_def_slot.find(mod); it != module_def_slot.end()) {
    for (const Export& e : m.modules[it->second].exports) out.emplace_back(e.name, e.kind);
    return out;
  }
  return std::nullopt;
}

// Pass 3: (export x) — Explainer (2020) "Module and Instance Exports": a zero-level export
// in a module definition exports every export of instance x, each through an alias.
bool ModuleParser::zero_level_export() {
  if (!at_index(2) || !p.is(TokenKind::RParen, 3)) return false;
  Span at = p.peek().at;
  p.next();
  p.next();
  Token instance = p.peek();
  uint32_t x = index(instances, "instance");
  p.expect_rparen();
  bool planned = false;
  for (const PlannedAlias& a : plan.aliases) {
    if (a.kind != PlannedAlias::Kind::ZeroLevel || a.field != current_field) continue;
    planned = true;
    Export e;
    e.name = a.names.back();
    e.kind = a.sort;
    e.index = a.bound;
    e.at = at;
    m.exports.push_back(std::move(e));
  }
  if (planned || !planning) return true;
  auto exports = exports_of_instance(x);
  if (!exports) {
    p.defer(instance.at, cat("zero-level export: the type of instance ", x, " is not known"));
    return true;
  }
  for (auto& [name, sort] : *exports) {
    PlannedAlias a;
    a.kind = PlannedAlias::Kind::ZeroLevel;
    a.sort = sort;
    a.field = current_field;
    a.instance = instance;
    a.names.push_back(name);
    plan.aliases.push_back(std::move(a));
    plan_grew = true;
  }
  return true;
}

// Pass 3: Explainer (2020) "Module Imports and Nested Instances": the arguments of
// `instantiate` match the module type's imports in order. Two-level imports are instance
// imports there, so argument k is named by the k-th distinct first-level import name.
void ModuleParser::positional_args(Instance& inst) {
  std::vector<std::string> names;
  bool known = false;
  auto add = [&](const std::string& name) {
    if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
  };
  if (auto it = module_import_slot.find(inst.module); it != module_import_slot.end()) {
    const Import& imp = m.imports[it->second];
    if (const TypeDef* def = named_type_def(imp.desc.type);
        def && def->kind == TypeDefKind::Module) {
      known = true;
      for (const ImportType& i : def->module.imports) add(i.module);
    }
  } else if (auto d = module_def_slot.find(inst.module); d != module_def_slot.end()) {
    known = true;
    for (const Import& i : m.modules[d->second].imports) add(i.module);
  }
  for (size_t k = 0; p.is(TokenKind::LParen); ++k) {
    Span at = p.peek().at;
    std::optional<ExternKind> sort = sort_keyword(p.peek(1));
    if (!sort || *sort == ExternKind::Type) {
      p.next();
      p.unexpected();
    }
    InstantiateArg arg;
    arg.kind = *sort;
    arg.index = kind_ref(*sort);
    if (!known)
      p.defer(at, "positional instantiate argument: the module's type is not known here");
    else if (k >= names.size())  // no import to name it after: not expressible in the AST
      p.defer(at, cat("too many instantiate arguments: the module has ", names.size(), " imports"));
    else
      arg.name = names[k];
    inst.args.push_back(std::move(arg));
  }
}

// Explainer (2020) "Module and Instance Types": a module type is written like a module
// definition without its internals, abbreviations included:
// (kind $id? (export "n")* (import "m" "n"?)? desc); instance types have no imports.
void ModuleParser::abbreviated_item(std::vector<ImportType>* imports,
                                    std::vector<ExportType>& exports,
                                    StringMap<std::string>* export_ids) {
  Nest nest(p);
  p.expect(TokenKind::LParen);
  ExternKind kind = *kind_keyword();
  p.next();
  std::optional<std::string> id = p.opt_id();
  std::vector<std::string> names;
  while (p.take_lparen("export")) {
    names.push_back(p.name());
    p.expect_rparen();
  }
  std::optional<ImportType> import;
  if (imports && p.take_lparen("import")) {
    import.emplace();
    import->module = p.name();
    if (p.is(TokenKind::String)) import->field = p.name();
    p.expect_rparen();
  }
  if (!import && names.empty()) p.unexpected();
  ExternType type = extern_desc(kind, true);
  p.expect_rparen();
  if (import) {
    import->type = type;
    imports->push_back(std::move(*import));
  }
  for (std::string& name : names) {
    if (id && export_ids) export_ids->emplace(*id, name);
    exports.push_back(ExportType{std::move(name), type});
  }
}

// (alias $id? (kind ...)) with one sub-list: the 2020 forms (the later ones have a name or
// `outer` before the sub-list).
bool ModuleParser::seed_alias_shape(size_t pos) const {
  size_t i = pos + 2;
  if (p.token(i).kind == TokenKind::Id) ++i;
  if (p.token(i).kind != TokenKind::LParen) return false;
  return p.skip_balanced(i) + 1 == p.skip_balanced(pos);
}

ExternKind ModuleParser::seed_alias_sort(size_t pos) const {
  size_t i = pos + 2;
  if (p.token(i).kind == TokenKind::Id) ++i;
  const Token& w = p.token(i + 1);
  bool parent_form = w.kind == TokenKind::Keyword && w.text == "parent";
  const Token& k = parent_form ? p.token(i + 3) : w;
  std::optional<ExternKind> sort = sort_keyword(k);
  if (!sort || (parent_form && p.token(i + 2).kind != TokenKind::LParen))
    p.error(k.at, "unexpected token");
  return *sort;
}

// Pass 3: (alias $id? (kind i e)) — an export of instance i, named by its identifier `e` in
// i's type (or a string) — and (alias $id? (parent (kind x))) — the parent's type or module x.
void ModuleParser::seed_alias_field(FieldInfo& f) {
  p.seek(f.pos + 2);
  p.opt_id();
  p.expect(TokenKind::LParen);
  Alias a;
  a.at = p.token(f.pos).at;
  a.sort = seed_alias_sort(f.pos);
  if (p.take_keyword("parent")) {
    p.expect(TokenKind::LParen);
    p.next();
    if (!parent) p.error(a.at, "cannot use `parent` alias in root module");
    a.kind = Alias::Kind::Outer;
    a.outer_count = 0;
    if (p.is(TokenKind::Id))
      a.index = parent->lookup(parent->space_of(a.sort), p.next(), category_of(a.sort));
    else
      a.index = p.nat32();
    p.expect_rparen();
  } else {
    if (a.sort == ExternKind::Type) p.unexpected();
    p.next();
    a.kind = Alias::Kind::InstanceExport;
    Span iat = p.peek().at;
    a.instance = index(instances, "instance");
    a.name = p.is(TokenKind::Id) ? export_name_of(a.instance, p.next().value) : p.name();
    check_alias_source(a.instance, a.name, iat);
  }
  p.expect_rparen();
  p.expect_rparen();
  if (a.kind == Alias::Kind::Outer && a.sort == ExternKind::Type)
    outer_types[f.index] = {parent, a.index};
  m.aliases[f.slot] = std::move(a);
}

}  // namespace wasm::text
