// Public surface of the binary encoder: the canonical encoding of a module.
#pragma once

#include <cstdint>
#include <vector>

#include "spec/ast.h"

namespace wasm::binary {

// Canonical choices: the shortest LEB128s, equal neighbouring locals grouped, the elem
// segment flags of the shortest form, a datacount section iff code uses a data index
// (memory.init, data.drop, array.new_data, array.init_data), empty sections omitted unless a
// custom section is placed after them, custom sections in their places (in order, where the
// places allow), and for modules without Module Linking definitions one type and one import
// section (one section per run of initial_order otherwise).
std::vector<uint8_t> encode(const Module& m);

}  // namespace wasm::binary
