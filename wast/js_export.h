// A script as one self-contained JavaScript file (`wasmref convert SCRIPT.wast -o OUT.js`) for
// a JS engine with the WebAssembly JS API, as the reference interpreter's `-j` writes: the
// harness (js_harness.h), then one step per command, the modules embedded in base64.
// Assertions on values JS represents exactly (i32, i64) are checked in JS; the others (floats,
// NaN patterns, v128, references) by a checker module (js_checker.h). What JS cannot express
// (text-format malformations, Module Linking, threads) is skipped and counted with its reason.
// Running the file prints each failure with the script's line, then "NAME: N passed, M
// failed, K skipped"; the exit status is 1 when something failed. docs/js-format.md.
#pragma once

#include <string>

#include "spec/source.h"
#include "text/script.h"
#include "wast/load.h"

namespace wasm::wast {

// `source.name` names the script in the file's failure lines.
std::string export_js(const Source& source, const text::Script& script, const Features& features);

}  // namespace wasm::wast
