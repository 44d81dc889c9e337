// The JavaScript harness at the top of every file `wasmref convert SCRIPT.wast -o OUT.js`
// writes (js_export.h): the spectest host module, the registry of `register`ed instances, one
// function per command and assertion kind, the helpers checker modules import
// (js_checker.h), and the counting of passes, failures and skips. docs/js-format.md
// describes what each function checks.
#pragma once

#include <string_view>

namespace wasm::wast {

std::string_view js_harness();

}  // namespace wasm::wast
