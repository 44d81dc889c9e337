// Public surface of the binary encoder: the canonical encoding of a module.
#pragma once

#include <cstdint>
#include <vector>

#include "spec/ast.h"

namespace wasm::binary {

// Canonical choices: the shortest LEB128s, equal neighbouring locals grouped, the elem
// segment flags of the shortest form, a datacount section iff the code uses memory.init or
// data.drop, and for modules without Module Linking definitions one type and one import
// section (in the order of initial_order otherwise).
std::vector<uint8_t> encode(const Module& m);

}  // namespace wasm::binary
