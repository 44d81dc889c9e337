// Public surface of the binary decoder (binary/modules.rst and the Module Linking
// proposal's Binary.md).
#pragma once

#include <cstdint>
#include <span>

#include "spec/ast.h"
#include "spec/error.h"

namespace wasm::binary {

// Proposals whose binary format conflicts with the core suite's malformed tests, so they are
// decoded only on request. (Threads, wide arithmetic and the exact/descriptor type forms do not
// conflict and are always decoded.)
struct DecodeOptions {
  // Module Linking (wasm-tools, early 2022): sections 14 (module), 15 (instance), 16 (alias);
  // type forms 0x61/0x62; import/export kinds 0x05/0x06; single-level imports; types, imports,
  // modules, instances and aliases in any order and repeated before the function section.
  // Core decoding rejects section id 14 as "malformed section id".
  bool module_linking = false;
  // Custom page sizes: memory limits flag 0x08 followed by the page size's log2. Core decoding
  // rejects the flag as "malformed limits flags".
  bool custom_page_sizes = false;
  // shared-everything-threads (Overview.md, "Binary format"): heap and composite types after
  // 0x65 are shared; bit 1 of a table's limits flags and of a global's mutability byte, and bit
  // 3 of an element or data segment's kind, mark it shared. Core decoding rejects them all.
  bool shared_everything = false;
};

// Decodes a whole module. On failure: Error{Phase::Malformed, {offset, offset}, message} with
// the reference interpreter's message ("unexpected end", "integer too large", ...).
Result<Module> decode(std::span<const uint8_t> bytes, const DecodeOptions& options = {});

}  // namespace wasm::binary
