// Public surface of the binary decoder (binary/modules.rst and the Module Linking
// proposal's Binary.md).
#pragma once

#include <cstdint>
#include <span>

#include "spec/ast.h"
#include "spec/error.h"

namespace wasm::binary {

// Decodes a whole module. On failure: Error{Phase::Malformed, {offset, offset}, message} with
// the reference interpreter's message ("unexpected end", "integer too large", ...).
Result<Module> decode(std::span<const uint8_t> bytes);

}  // namespace wasm::binary
