// Validation of Module Linking definitions — the proposal's Explainer.md (module and instance
// types, instance definitions, aliases, single-level imports) and Subtyping.md. Each definition
// sees only the definitions that precede it (Binary.md: the index spaces grow section by
// section), which the order of calls from valid_module gives.
#include "spec/valid_linking.h"

namespace wasm::valid {

void add_type_size(uint32_t& total, uint32_t item, Span at) {
  uint64_t sum = uint64_t(total) + item + 1;
  require(sum < kMaxLinkTypeSize, at, "effective type size too large");
  total = uint32_t(sum);
}

std::optional<LinkType> ImportNames::add(const TypeStore& store, const std::string& module,
                                         const std::optional<std::string>& field, const LinkType& t,
                                         Span at) {
  uint32_t item_size = link_type_size(store, t);
  add_type_size(size, item_size, at);
  auto defined = [&](const std::string& name) { return !names_.insert(name).second; };
  if (!field) {
    require(!defined(module), at, cat("duplicate import name \"", module, "\""));
    items.push_back(LinkItem{module, t});
    return std::nullopt;
  }
  if (auto open = open_.find(module); open != open_.end()) {
    require(!open->second->find(*field), at,
            cat("duplicate import name \"", module, "\" \"", *field, "\""));
    open->second->exports.push_back(LinkItem{*field, t});
    add_type_size(open->second->size, item_size, at);
    return std::nullopt;
  }
  require(!defined(module), at,
          cat("duplicate import name \"", module, "\": the name is already defined"));
  auto implicit = std::make_shared<LinkInstanceType>();
  implicit->exports.push_back(LinkItem{*field, t});
  add_type_size(implicit->size, item_size, at);
  open_[module] = implicit;
  LinkType it = link_type_of(std::shared_ptr<const LinkInstanceType>(implicit));
  items.push_back(LinkItem{module, it});
  return it;
}

LinkType link_type_at(const Context& c, ExternKind kind, uint32_t x, Span at) {
  TypeId id = lookup(c.types, x, at, "type");
  auto it = c.link_types.find(x);
  if (id != kLinkTypeId || it == c.link_types.end() || it->second.kind() != kind)
    invalid(at, cat("type ", x, " is not ", kind == ExternKind::Module ? "a module" : "an instance",
                    " type"));
  return it->second;
}

// spec (Module Linking): Externtype_ok
LinkType valid_link_externtype(const Context& c, const ExternType& xt, Span at) {
  if (xt.kind == ExternKind::Module || xt.kind == ExternKind::Instance)
    return link_type_at(c, xt.kind, xt.type, at);
  return link_type_of(valid_externtype(c, xt, at));
}

namespace {

// Export names of an instance or module type are unique.
void add_export(const Context& c, std::vector<LinkItem>& exports, const ItemIndex& index,
                uint32_t& size, const std::string& name, LinkType t, Span at) {
  require(!index.find(exports, name), at, cat("duplicate export name \"", name, "\""));
  add_type_size(size, link_type_size(c.s(), t), at);
  exports.push_back(LinkItem{name, std::move(t)});
}

// spec (Module Linking): Moduletype_ok — imports folded as a module's own (ImportNames).
std::shared_ptr<const LinkModuleType> valid_moduletype(const Context& c, const ModuleType& mt,
                                                       Span at) {
  ImportNames imports;
  for (const ImportType& i : mt.imports)
    imports.add(c.s(), i.module, i.field, valid_link_externtype(c, i.type, at), at);
  auto out = std::make_shared<LinkModuleType>();
  out->imports = std::move(imports.items);
  out->size = imports.size;
  for (const ExportType& e : mt.exports)
    add_export(c, out->exports, out->export_index, out->size, e.name,
               valid_link_externtype(c, e.type, at), at);
  return out;
}

// spec (Module Linking): Instancetype_ok
std::shared_ptr<const LinkInstanceType> valid_instancetype(const Context& c, const InstanceType& it,
                                                           Span at) {
  auto out = std::make_shared<LinkInstanceType>();
  for (const ExportType& e : it.exports)
    add_export(c, out->exports, out->index, out->size, e.name, valid_link_externtype(c, e.type, at),
               at);
  return out;
}

}  // namespace

// spec (Module Linking): Type_ok
void valid_typedef(Context& c, const TypeDef& t, Span at) {
  if (t.kind == TypeDefKind::Rec) return valid_rectype(c, t.rec, at);
  require(c.module_linking, at, "module linking proposal not enabled");
  LinkType lt = t.kind == TypeDefKind::Module ? link_type_of(valid_moduletype(c, t.module, at))
                                              : link_type_of(valid_instancetype(c, t.instance, at));
  c.link_types[uint32_t(c.types.size())] = std::move(lt);
  c.types.push_back(kLinkTypeId);
}

// spec (Module Linking): Externidx_ok
LinkType valid_externidx(const Context& c, ExternKind kind, uint32_t x, Span at) {
  ExternType xt;
  xt.kind = kind;
  switch (kind) {
    case ExternKind::Func:
      xt.type = func(c, x, at);
      xt.exact = x < c.funcs_exact.size() && c.funcs_exact[x];  // custom-descriptors
      break;
    case ExternKind::Tag: xt.type = tag(c, x, at); break;
    case ExternKind::Table: xt.table = table(c, x, at); break;
    case ExternKind::Memory: xt.mem = memory(c, x, at); break;
    case ExternKind::Global: xt.global = global(c, x, at); break;
    case ExternKind::Module: return lookup(c.modules, x, at, "module");
    case ExternKind::Instance: return lookup(c.instances, x, at, "instance");
    case ExternKind::Type: invalid(at, "types cannot be exported or passed to instantiate");
  }
  return link_type_of(xt);
}

void push_item(Context& c, const LinkType& t, bool exact_func) {
  switch (t.kind()) {
    case ExternKind::Func:
      c.funcs.push_back(t.core.type);
      c.funcs_exact.push_back(exact_func);
      break;
    case ExternKind::Tag: c.tags.push_back(t.core.type); break;
    case ExternKind::Table: c.tables.push_back(t.core.table); break;
    case ExternKind::Memory: c.mems.push_back(t.core.mem); break;
    case ExternKind::Global: c.globals.push_back(t.core.global); break;
    case ExternKind::Module: c.modules.push_back(t); break;
    case ExternKind::Instance: c.instances.push_back(t); break;
    case ExternKind::Type: break;
  }
}

// spec (Module Linking): Instance_ok — every import of the module gets an argument of that
// name whose type is a subtype of the import's (Subtyping.md); superfluous arguments are
// allowed. The instance's type is the module's exports.
void valid_instance(Context& c, const Instance& inst) {
  const LinkType mt = lookup(c.modules, inst.module, inst.at, "module");
  std::vector<LinkItem> args;
  ItemIndex by_name;
  for (const InstantiateArg& a : inst.args) {
    require(!by_name.find(args, a.name), inst.at,
            cat("duplicate instantiate argument \"", a.name, "\""));
    args.push_back(LinkItem{a.name, valid_externidx(c, a.kind, a.index, inst.at)});
  }
  for (const LinkItem& imp : mt.module->imports) {
    const LinkItem* arg = by_name.find(args, imp.name);
    if (!arg) invalid(inst.at, cat("missing instantiate argument for import \"", imp.name, "\""));
    if (auto why = match_linktype(c.s(), arg->type, imp.type))
      invalid(inst.at, cat("type mismatch: instantiate argument \"", imp.name, "\": ", *why));
  }
  auto it = std::make_shared<LinkInstanceType>();
  it->exports = mt.module->exports;
  for (const LinkItem& e : it->exports)
    add_type_size(it->size, link_type_size(c.s(), e.type), inst.at);
  c.instances.push_back(link_type_of(std::shared_ptr<const LinkInstanceType>(std::move(it))));
}

namespace {

// spec (Module Linking): Alias_ok/instance-export — the instance exports the name, with the
// alias's kind; the item joins that kind's index space.
void valid_export_alias(Context& c, const Alias& a) {
  const LinkType it = lookup(c.instances, a.instance, a.at, "instance");
  const LinkItem* e = it.instance->find(a.name);
  if (!e) invalid(a.at, cat("aliased name `", a.name, "` does not exist in instance ", a.instance));
  require(e->type.kind() == a.sort, a.at,
          cat("alias kind mismatch: export \"", a.name, "\" is a ", kind_name(e->type.kind()),
              ", not a ", kind_name(a.sort)));
  push_item(c, e->type);
}

// spec (Module Linking): Alias_ok/outer — a type or module of an enclosing module (outer_count
// 0 is the parent), defined before this module's definition.
void valid_outer_alias(Context& c, const Alias& a) {
  require(a.sort == ExternKind::Type || a.sort == ExternKind::Module, a.at,
          cat("invalid external kind in alias: only types and modules can be aliased from an "
              "enclosing module, not a ",
              kind_name(a.sort)));
  const Context* p = c.parent;
  for (uint32_t i = 0; i < a.outer_count && p; ++i) p = p->parent;
  if (!p) invalid(a.at, cat("relative depth too large: no enclosing module ", a.outer_count));
  if (a.sort == ExternKind::Module)
    return c.modules.push_back(lookup(p->modules, a.index, a.at, "module"));
  TypeId t = lookup(p->types, a.index, a.at, "type");
  if (t == kLinkTypeId) c.link_types[uint32_t(c.types.size())] = p->link_types.at(a.index);
  c.types.push_back(t);
}

}  // namespace

void valid_alias(Context& c, const Alias& a) {
  if (a.kind == Alias::Kind::InstanceExport) return valid_export_alias(c, a);
  valid_outer_alias(c, a);
}

}  // namespace wasm::valid
