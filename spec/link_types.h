// Module Linking: canonical module and instance types, and their subtyping — the proposal's
// Explainer.md ("Module and instance types") and Subtyping.md.
//
// A LinkType is an external type whose module and instance types are spelled out (the AST's
// ExternType names them by type index, which only means something inside one module). Core
// kinds keep the canonical ExternType of spec/validate.h (Func/Tag: a TypeId). Module types
// list their imports by *single-level* name: the two-level imports "m" "f" of a module are
// folded into one implicit instance import "m" (Explainer.md, "Instance imports and aliases").
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "spec/type_store.h"
#include "spec/types.h"

namespace wasm {

struct LinkModuleType;
struct LinkInstanceType;

// The entry of a module's type index space (ValidatedModule::types, the validation context)
// for a module or instance type: it has no core deftype.
inline constexpr TypeId kLinkTypeId = 0xFFFF'FFFFu;

struct LinkType {
  ExternType core;  // core.kind names the kind; Func/Tag/Table/Memory/Global: canonical
  std::shared_ptr<const LinkModuleType> module;      // core.kind == Module
  std::shared_ptr<const LinkInstanceType> instance;  // core.kind == Instance
  ExternKind kind() const { return core.kind; }
};

struct LinkItem {
  std::string name;
  LinkType type;
};

// The item of that name in a list, or null. Long lists get an index by name, built on first use
// and extended as the list grows (items are only appended).
class ItemIndex {
 public:
  const LinkItem* find(const std::vector<LinkItem>& items, std::string_view name) const;

 private:
  mutable std::unordered_map<std::string, size_t> by_name_;
  mutable size_t indexed_ = 0;
};

// spec (Module Linking): instancetype ::= (export name externtype)*   (names unique)
struct LinkInstanceType {
  std::vector<LinkItem> exports;
  uint32_t size = 0;  // effective type size (link_type_size)
  const LinkItem* find(std::string_view name) const { return index.find(exports, name); }
  ItemIndex index;
};

// spec (Module Linking): moduletype ::= (import name externtype)* (export name externtype)*
struct LinkModuleType {
  std::vector<LinkItem> imports;  // single-level names, unique
  std::vector<LinkItem> exports;
  uint32_t size = 0;  // effective type size (link_type_size)
  const LinkItem* find_import(std::string_view name) const {
    return import_index.find(imports, name);
  }
  const LinkItem* find_export(std::string_view name) const {
    return export_index.find(exports, name);
  }
  ItemIndex import_index, export_index;
};

LinkType link_type_of(const ExternType& core);  // a core kind
LinkType link_type_of(std::shared_ptr<const LinkModuleType> m);
LinkType link_type_of(std::shared_ptr<const LinkInstanceType> i);

// The effective size of a type, bounded by kMaxLinkTypeSize (an implementation limit, as in
// wasm-tools: module and instance types nest by reference, so their expansion, which matching
// walks, could otherwise grow exponentially): 1 for tables, memories and globals, 1 + arity for
// functions and tags, the sum of (1 + item size) over the items of module and instance types.
inline constexpr uint32_t kMaxLinkTypeSize = 100'000;
uint32_t link_type_size(const TypeStore& store, const LinkType& t);

// Subtyping (Subtyping.md): nothing when `a` matches `b`, else why not ("func type mismatch",
// "missing export `f`", ...). Core kinds match as Externtype_sub (valid/matching.rst);
// instance types by width and depth (a may export more); module types contravariantly in their
// imports (a may import less, and what it imports must accept b's) and covariantly in their
// exports.
std::optional<std::string> match_linktype(const TypeStore& store, const LinkType& a,
                                          const LinkType& b);

// The name of a kind for messages: "func", "table", "memory", "global", "tag", "module",
// "instance", "type".
const char* kind_name(ExternKind k);

}  // namespace wasm
