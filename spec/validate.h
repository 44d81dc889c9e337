// Public surface of validation — valid/modules.rst (Module_ok).
#pragma once

#include <memory>
#include <unordered_map>
#include <vector>

#include "spec/ast.h"
#include "spec/error.h"
#include "spec/link_types.h"
#include "spec/type_store.h"

namespace wasm {

// The types the validator computes for each function body, recorded on request for the
// interpreter's configuration-typing check (EngineOptions::check_typing): the operand stack
// (the appendix algorithm's `vals`) before each reachable instruction, keyed by its address in
// the Module, and each body's local and result types. Canonical, like ValidatedModule.
struct StackTypes {
  struct Body {
    std::vector<ValType> locals;  // parameters first
    ResultType results;
  };
  std::unordered_map<const Instr*, std::vector<ValType>> before;
  std::unordered_map<const Expr*, Body> bodies;
};

// What validation learns about a module, in canonical form (spec/type_store.h): every Index heap
// type, and ExternType::type for functions and tags, is a TypeId of the store used to validate.
struct ValidatedModule {
  std::vector<TypeId> types;         // module type index -> canonical deftype
  std::vector<TypeId> funcs;         // function index space (imports first) -> its deftype
  std::vector<TableType> tables;     // table index space
  std::vector<MemType> mems;         // memory index space
  std::vector<GlobalType> globals;   // global index space
  std::vector<TypeId> tags;          // tag index space -> its (function) deftype
  std::vector<RefType> elems;        // element segments' reference types
  std::vector<ExternType> imports;   // parallel to Module::imports
  std::vector<ExternType> exports;   // parallel to Module::exports
  std::shared_ptr<const StackTypes> stack_types;  // only when asked for (see validate below)

  // Module Linking (docs/module-linking.md). A type index that names a module or instance
  // type holds kLinkTypeId in `types`.
  std::vector<LinkType> import_types;    // parallel to Module::imports, module/instance spelled out
  std::vector<LinkType> export_types;    // parallel to Module::exports
  std::vector<ValidatedModule> modules;  // parallel to Module::modules (nested modules)
  std::shared_ptr<const LinkModuleType> type;  // this module's type (imports folded)
  bool module_linking = false;  // validated with ValidateOptions::module_linking (implicit
                                // instances of two-level imports exist)
};

// Proposals that change what is valid, enabled on request.
struct ValidateOptions {
  // Module Linking: nested modules, instances, aliases, module/instance types, single-level
  // imports; import names must be unique. Without it such modules are invalid.
  bool module_linking = false;
  // custom-descriptors: br_on_cast and br_on_cast_fail only require the two reference types to
  // share a top type (Overview.md, "br_on_cast_desc_eq"), not rt2 <: rt1 as in Wasm 3.0. The
  // proposal's other rules (descriptors, exact types) never change a 3.0 module's verdict and
  // are always on.
  bool custom_descriptors = false;
  // shared-everything-threads: `shared` types, tables, globals and segments, shared functions
  // and the atomic accesses to globals, tables, structs and arrays. Without it they are invalid.
  bool shared_everything = false;
  // Checking mode (interpreter/check_typing.h): also record ValidatedModule::stack_types.
  bool record_stack_types = false;
};

// Validates m, interning its types into `store` (share one store between modules that are
// linked together, so that their TypeIds are comparable).
// On failure: Error{Phase::Invalid, span of the culprit, message starting with the suite's
// string ("type mismatch", "unknown local 3", ...)}.
Result<ValidatedModule> validate(const Module& m, TypeStore& store,
                                 const ValidateOptions& options = {});

// The same, with default_type_store().
Result<ValidatedModule> validate(const Module& m);

}  // namespace wasm
