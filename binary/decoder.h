// Internal interface between the decoder's parts: one function per grammar rule of
// binary/types.rst (types.cpp), binary/instructions.rst (instructions.cpp) and
// binary/modules.rst (modules.cpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "binary/decode.h"
#include "binary/reader.h"
#include "spec/ast.h"

namespace wasm::binary::detail {

// The most elements room is made for ahead of decoding them, from a vector's count: every
// element takes at least one byte, but a count as large as the input would still reserve many
// times the input's size before the elements fail to decode; beyond this, vectors grow.
inline constexpr uint32_t kMaxReserved = 1024;

// ---- types.cpp (binary/types.rst) ----
TypeIdx typeuse_s33(Reader& r);  // a non-negative s33 type index, else "malformed type index"
HeapType heaptype(Reader& r);
RefType reftype(Reader& r);
ValType valtype(Reader& r);
ResultType resulttype(Reader& r);
Mut mutability(Reader& r);
// rectype, or a Module Linking type; decoded into td (default-constructed)
void typedef_(Reader& r, const DecodeOptions& options, TypeDef& td);
TableType tabletype(Reader& r);
MemType memtype(Reader& r, const DecodeOptions& options);
GlobalType globaltype(Reader& r);
TypeIdx tagtype(Reader& r);
ExternType externtype(Reader& r, const DecodeOptions& options);
// The names of an import: module and field; Module Linking's single-level imports have no
// field (an empty field name followed by 0xFF).
struct ImportNames {
  std::string module;
  std::optional<std::string> field;
};
ImportNames import_names(Reader& r, const DecodeOptions& options);

// ---- instructions.cpp (binary/instructions.rst) ----
// Facts about decoded code that the module-level checks need.
struct CodeFacts {
  bool uses_data_index = false;  // memory.init, data.drop, array.new_data, array.init_data
};
BlockType blocktype(Reader& r);
// spec: expr ::= (in:instr)* 0x0B. Nesting is decoded iteratively (no C++ recursion).
Expr expr(Reader& r, CodeFacts& facts);

}  // namespace wasm::binary::detail
