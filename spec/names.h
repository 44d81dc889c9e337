// Names for printing code (the trace, interpreter/trace.h): a module's text identifiers ($sq,
// $b) as the text parser saw them, or the "name" custom section's (appendix/custom.rst, and the
// extended-name-section proposal's label names), indices otherwise.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "spec/ast.h"

namespace wasm {

struct NameMap {
  using Indexed = std::map<uint32_t, std::string>;
  Indexed funcs;                       // function index -> name (without `$`)
  std::map<uint32_t, Indexed> locals;  // function index -> local index -> name
  // function index -> label ordinal -> name; the ordinal counts the function's structured
  // instructions (block, loop, if, try, try_table) in their flat order, from 0.
  std::map<uint32_t, Indexed> labels;
  Indexed func_exports;  // function index -> its first export's name (for unnamed functions)

  bool empty() const { return funcs.empty() && locals.empty() && labels.empty(); }
};

// The names of m: its text identifiers (Module::text_names), then its "name" section's
// subsections 1 (functions), 2 (locals) and 3 (labels), which win where both name one thing,
// and the functions' export names.
// A malformed name section contributes what it holds before the fault.
NameMap names_of(const Module& m);

// `$name` when `names` holds one for `index`, the index otherwise.
std::string name_or_index(const NameMap::Indexed* names, uint32_t index);
// A function: `$name`, else `"export"` (its export's name, quoted), else its index.
std::string func_ref(const NameMap& names, uint32_t index);

}  // namespace wasm
