// Validation of the Module Linking proposal's definitions (Explainer.md; Binary.md for the
// index spaces and the order of initial definitions). Internal to the validator (namespace
// wasm::valid), visible to its unit tests. See docs/module-linking.md.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <unordered_set>
#include <vector>

#include "spec/ast.h"
#include "spec/context.h"
#include "spec/validate.h"

namespace wasm::valid {

// The names a module imports, as its module type lists them (Explainer.md, "Instance imports
// and aliases"): a single-level import "m" is the item itself; the two-level imports "m" "f"
// of one import section (one run of imports) build one implicit instance import "m" whose
// exports are the fields. A name is defined once: a second single-level "m", a two-level "m"
// after a single-level one or in a later section, or a repeated "m" "f" are duplicates.
class ImportNames {
 public:
  // Adds the import; returns the implicit instance it creates (the first "m" "f" of a run for
  // that "m"), which then takes the next instance index before the imported item does.
  std::optional<LinkType> add(const TypeStore& store, const std::string& module,
                              const std::optional<std::string>& field, const LinkType& t, Span at);
  void end_run() { open_.clear(); }  // implicit instances of earlier sections are closed
  std::vector<LinkItem> items;       // the folded imports, in order
  uint32_t size = 0;                 // their effective type size

 private:
  std::map<std::string, std::shared_ptr<LinkInstanceType>> open_;
  std::unordered_set<std::string> names_;  // of items
};

// Adds an item's effective size (plus one for its name) to a total: "effective type size too
// large" beyond kMaxLinkTypeSize.
void add_type_size(uint32_t& total, uint32_t item, Span at);

// spec (Module Linking): Externtype_ok for every kind; module/instance types by type index.
LinkType valid_link_externtype(const Context& c, const ExternType& xt, Span at);
// The module or instance type at type index x ("type 3 is not a module type").
LinkType link_type_at(const Context& c, ExternKind kind, uint32_t x, Span at);
// spec (Module Linking): Type_ok — a rec group, a module type or an instance type.
void valid_typedef(Context& c, const TypeDef& t, Span at);
// spec (Module Linking): Externidx_ok — the type of item x of the given kind.
LinkType valid_externidx(const Context& c, ExternKind kind, uint32_t x, Span at);
// Appends an item of type t to the index space of its kind (imports and aliases).
void push_item(Context& c, const LinkType& t, bool exact_func = false);
// spec (Module Linking): Instance_ok — instantiate m with named arguments.
void valid_instance(Context& c, const Instance& inst);
// spec (Module Linking): Alias_ok — an instance export, or an outer type or module.
void valid_alias(Context& c, const Alias& a);

// spec: Module_ok, with Module Linking's initial definitions in their order; `parent` is the
// enclosing module's context for a nested module (valid_modules.cpp).
ValidatedModule valid_module(const Module& m, TypeStore& store, const ValidateOptions& options,
                             const Context* parent);

}  // namespace wasm::valid
