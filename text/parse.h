// Public surface of the text front end: .wat modules (text/modules.rst).
#pragma once

#include <string_view>

#include "spec/ast.h"
#include "spec/error.h"

namespace wasm::text {

// Parses a module: `(module $id? field*)` or, as the spec allows for a file, bare fields.
// On failure: Error{Phase::Malformed, span, message} with the reference interpreter's message.
Result<Module> parse_module(std::string_view source);

}  // namespace wasm::text
