// Module Linking: module and instance types and their subtyping — Subtyping.md.
#include "spec/link_types.h"

#include "spec/error.h"
#include "spec/match.h"

namespace wasm {

const LinkItem* ItemIndex::find(const std::vector<LinkItem>& items, std::string_view name) const {
  constexpr size_t kScan = 16;  // short lists: a scan is cheaper than an index
  if (items.size() <= kScan) {
    for (const LinkItem& i : items)
      if (i.name == name) return &i;
    return nullptr;
  }
  if (indexed_ > items.size()) {  // (the list was replaced: start over)
    by_name_.clear();
    indexed_ = 0;
  }
  for (; indexed_ < items.size(); ++indexed_) by_name_.emplace(items[indexed_].name, indexed_);
  auto it = by_name_.find(std::string(name));
  return it == by_name_.end() ? nullptr : &items[it->second];
}

LinkType link_type_of(const ExternType& core) { return LinkType{core, nullptr, nullptr}; }

LinkType link_type_of(std::shared_ptr<const LinkModuleType> m) {
  LinkType t;
  t.core.kind = ExternKind::Module;
  t.module = std::move(m);
  return t;
}

LinkType link_type_of(std::shared_ptr<const LinkInstanceType> i) {
  LinkType t;
  t.core.kind = ExternKind::Instance;
  t.instance = std::move(i);
  return t;
}

const char* kind_name(ExternKind k) {
  switch (k) {
    case ExternKind::Func: return "func";
    case ExternKind::Table: return "table";
    case ExternKind::Memory: return "memory";
    case ExternKind::Global: return "global";
    case ExternKind::Tag: return "tag";
    case ExternKind::Module: return "module";
    case ExternKind::Instance: return "instance";
    case ExternKind::Type: return "type";
  }
  return "?";
}

uint32_t link_type_size(const TypeStore& store, const LinkType& t) {
  switch (t.kind()) {
    case ExternKind::Func:
    case ExternKind::Tag: {
      const FuncType& ft = store.expand(t.core.type).func;
      return uint32_t(1 + ft.params.size() + ft.results.size());
    }
    case ExternKind::Module: return t.module->size;
    case ExternKind::Instance: return t.instance->size;
    default: return 1;
  }
}

namespace {

// spec (Subtyping.md): instance subtyping — every export of b is exported by a, with a subtype
// (width and depth subtyping; order does not matter).
std::optional<std::string> match_exports(const TypeStore& store, const std::vector<LinkItem>& a,
                                         const ItemIndex& a_index, const std::vector<LinkItem>& b) {
  for (const LinkItem& want : b) {
    const LinkItem* have = a_index.find(a, want.name);
    if (!have) return cat("missing export \"", want.name, "\"");
    if (auto why = match_linktype(store, have->type, want.type))
      return cat("export \"", want.name, "\": ", *why);
  }
  return std::nullopt;
}

// spec (Subtyping.md): module subtyping, imports — contravariant: every import of a is
// among b's imports, and b's import type is a subtype of a's (a accepts what b promises).
std::optional<std::string> match_imports(const TypeStore& store, const std::vector<LinkItem>& a,
                                         const LinkModuleType& b) {
  for (const LinkItem& need : a) {
    const LinkItem* given = b.find_import(need.name);
    if (!given) return cat("unexpected import \"", need.name, "\"");
    if (auto why = match_linktype(store, given->type, need.type))
      return cat("import \"", need.name, "\": ", *why);
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> match_linktype(const TypeStore& store, const LinkType& a,
                                          const LinkType& b) {
  if (a.kind() != b.kind())
    return cat("item type mismatch: ", kind_name(a.kind()), " is not a ", kind_name(b.kind()));
  switch (a.kind()) {
    case ExternKind::Instance:
      return match_exports(store, a.instance->exports, a.instance->index, b.instance->exports);
    case ExternKind::Module:
      if (auto why = match_imports(store, a.module->imports, *b.module)) return why;
      return match_exports(store, a.module->exports, a.module->export_index, b.module->exports);
    case ExternKind::Type: return "item type mismatch: types cannot be matched";
    default:
      if (match_externtype(store, a.core, b.core)) return std::nullopt;
      return cat(kind_name(a.kind()), " type mismatch");
  }
}

}  // namespace wasm
