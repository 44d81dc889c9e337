// Checker modules for the JS export (js_export.h): what JavaScript cannot see exactly (NaN
// bits, v128, references, values of types the JS API refuses) is checked inside Wasm, as the
// reference interpreter's `-j` output does. A checker imports the export under test from
// "module" (a function, called with the script's arguments as constants, or a global, read),
// compares each result with its expected pattern, and on a mismatch calls the harness's
// "wasmref" "mismatch" with the result's index, then traps. It exports one function, "run".
// docs/js-format.md describes the checks.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "spec/ast.h"
#include "spec/error.h"
#include "text/script.h"
#include "wast/load.h"

namespace wasm::wast {

// The export of `tested` that an action names, and its type in `tested`'s type index space.
struct CheckSubject {
  const Module* tested = nullptr;  // its types are copied, so the import type matches exactly
  std::string export_name;
  ExternType type;  // Func (type: an index of tested->types) or Global
};

// Finds the export `name` of kind Func or Global in `tested`; nullopt if there is none.
std::optional<CheckSubject> find_subject(const Module& tested, const std::string& name,
                                         ExternKind kind);

// The function type of a Func subject (nullptr when the index is not a function type).
const FuncType* subject_func_type(const CheckSubject& subject);

// The checker's bytes. `expected` null: no result is checked (actions, traps, exhaustion and
// exceptions, whose outcome the harness sees as a JS exception). Fails when the script does
// not fit the export (argument or result counts) or the checker does not validate.
Result<std::vector<uint8_t>> build_checker(const CheckSubject& subject,
                                           const std::vector<text::ScriptValue>& args,
                                           const std::vector<text::ScriptValue>* expected,
                                           const Features& features);

}  // namespace wasm::wast
