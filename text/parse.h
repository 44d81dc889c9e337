// Public surface of the text front end: .wat modules (text/modules.rst).
#pragma once

#include <string_view>

#include "spec/ast.h"
#include "spec/error.h"

namespace wasm::text {

// Text-format options that change what parses.
struct TextOptions {
  // The Module Linking Explainer as merged with WebAssembly/module-linking PR #3 (997a5d6,
  // June 2020): identifier paths `$i.$f` (docs/module-linking.md, "The 2020 forms"). Off,
  // `$i.$f` is an ordinary identifier, as the later syntax (wasm-tools' corpus) requires.
  bool paths = false;
};

// Parses a module: `(module $id? field*)` or, as the spec allows for a file, bare fields.
// On failure: Error{Phase::Malformed, span, message} with the reference interpreter's message.
Result<Module> parse_module(std::string_view source, TextOptions options = {});

}  // namespace wasm::text
